// A kiosk's token is good only under its own device_id: a mismatched X-Device-Id (an all-zero id, another
// kiosk's) is 403 on the heartbeat, the feed and the batch, so a misconfigured kiosk cannot sync quietly.
#include <gtest/gtest.h>
#include <httplib.h>

#include "tests/sync/hub/in_process_hub.h"

namespace ck::hub {
namespace {

class DeviceIdCheckTest : public testing::InProcessHubTest {
 protected:
  // Status of one call on heartbeat, feed and batch each, presenting `device_id`.
  std::vector<int> Statuses(const std::string& device_id) {
    httplib::Headers h{{"Authorization", "Bearer " + token_}, {"X-Device-Id", device_id}};
    auto c = Client();
    std::vector<int> out;
    auto hb = c.Post("/api/v1/heartbeat", h, "{}", "application/json");
    out.push_back(hb ? hb->status : -1);
    auto feed = c.Get("/api/v1/feed", h);
    out.push_back(feed ? feed->status : -1);
    auto batch = c.Post("/api/v1/requests/batch", h, "[]", "application/json");
    out.push_back(batch ? batch->status : -1);
    if (hb && hb->status == 403) last_error_ = hb->body;
    return out;
  }
  std::string last_error_;
};

TEST_F(DeviceIdCheckTest, TheKiosksOwnIdPassesInAnyCase) {
  // Past the check: whatever the body earns (an empty batch is a 400), never 401/403.
  for (int s : Statuses(testing::kDevice)) EXPECT_TRUE(s != 401 && s != 403 && s > 0) << s;
  std::string upper = testing::kDevice;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (int s : Statuses(upper)) EXPECT_TRUE(s != 401 && s != 403 && s > 0) << s;
}

TEST_F(DeviceIdCheckTest, AnotherIdWithThisTokenIs403) {
  for (const std::string& id :
       {std::string("00000000-0000-0000-0000-000000000000"), protocol::NewUuid(), std::string("lobby-1")}) {
    for (int s : Statuses(id)) EXPECT_EQ(s, 403) << id;
    EXPECT_NE(last_error_.find("check device_id"), std::string::npos) << last_error_;
  }
}

TEST_F(DeviceIdCheckTest, APlainOpen311ClientSendsNoIdAndIsNotAsked) {
  auto c = Client();
  auto res = c.Get("/api/v1/feed", {{"Authorization", "Bearer " + token_}});
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

}  // namespace
}  // namespace ck::hub
