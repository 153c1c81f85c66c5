// NormaliseUuid: the one normaliser for every id and key that is a UUID (it was the hub's
// NormaliseNoticeId, used for requests, ratings and idempotency keys too).
#include "sync/protocol/ids.h"

#include <gtest/gtest.h>

namespace ck::protocol {
namespace {

TEST(IdsTest, AUuidInAnyCaseIsStoredLowercase) {
  EXPECT_EQ(NormaliseUuid("3F2504E0-4F89-41D3-9A0C-0305E82C3301"), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  EXPECT_EQ(NormaliseUuid("3f2504e0-4f89-41d3-9a0c-0305e82c3301"), "3f2504e0-4f89-41d3-9a0c-0305e82c3301");
  std::string fresh = NewUuid();
  EXPECT_EQ(NormaliseUuid(fresh), fresh);
}

TEST(IdsTest, AnythingElseIsNotAUuid) {
  EXPECT_EQ(NormaliseUuid(""), std::nullopt);
  EXPECT_EQ(NormaliseUuid("3K7M-XQ9R-4TWBR"), std::nullopt) << "a ticket code is not an id";
  EXPECT_EQ(NormaliseUuid("3f2504e0-4f89-41d3-9a0c-0305e82c330"), std::nullopt);
  EXPECT_EQ(NormaliseUuid("3f2504e0x4f89-41d3-9a0c-0305e82c3301"), std::nullopt);
}

}  // namespace
}  // namespace ck::protocol
