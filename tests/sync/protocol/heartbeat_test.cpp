// The heartbeat's panel events on the wire, and the journal log's level prefixes.
#include "sync/protocol/heartbeat.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "sync/protocol/journal_log.h"

namespace ck::protocol {
namespace {

TEST(HeartbeatTest, PanelEventsRoundTripAndAreRefusedWhole) {
  std::vector<PanelEvent> events{{1, 1'796'000'000, "opened"}, {2, 1'796'000'009, "wrong_pin"}};
  auto back = PanelEventsFromJson(PanelEventsToJson(events));
  ASSERT_TRUE(back.ok()) << back.error();
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].id, 2);
  EXPECT_EQ((*back)[1].at, 1'796'000'009);
  EXPECT_EQ((*back)[1].event, "wrong_pin");

  auto bad = PanelEventsFromJson(nlohmann::json::parse(
      R"([{"id":1,"at":"2026-12-05T08:00:00Z","event":"opened"},{"id":2,"at":"2026-12-05T08:00:00Z","event":"x y"}])"));
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().find("panel_events[1].event"), std::string::npos) << bad.error();
  EXPECT_TRUE(IsPanelEventName("screen_test"));
  EXPECT_FALSE(IsPanelEventName(""));
  EXPECT_FALSE(IsPanelEventName("Opened"));
  EXPECT_FALSE(IsPanelEventName(std::string(33, 'a')));

  EXPECT_EQ(AcknowledgedPanelEventsFromJson(nlohmann::json::parse(R"({"panel_events_acknowledged":[3,-1,"4",5]})")),
            (std::vector<std::int64_t>{3, 5}));
  EXPECT_TRUE(AcknowledgedPanelEventsFromJson(nlohmann::json::parse("[1]")).empty());
}

// Not under systemd (no JOURNAL_STREAM naming stderr): the line as written, debug off.
TEST(JournalLogTest, OnATerminalThereIsNoPrefix) {
  ::unsetenv("JOURNAL_STREAM");
  ::unsetenv("CK_LOG_LEVEL");
  EXPECT_EQ(log::Prefix(log::Level::Error), "");
  EXPECT_EQ(log::Prefix(log::Level::Warning), "");
  EXPECT_EQ(log::Prefix(log::Level::Info), "");
  EXPECT_TRUE(log::Enabled(log::Level::Info));
  EXPECT_FALSE(log::Enabled(log::Level::Debug));
}

}  // namespace
}  // namespace ck::protocol
