// The resident's timeline names each step right: a reply is 已答复 (the hub records it keeping the status),
// delivery has a time, and the reply stays readable after a low rating re-opened the ticket.
#include "app/ui/track/ticket_timeline.h"

#include <gtest/gtest.h>

namespace ck::ui {
namespace {

using protocol::RequestStatus;

protocol::StatusEvent Event(protocol::UnixSeconds at, RequestStatus s, std::string note = {}) {
  return protocol::StatusEvent{at, s, protocol::Agency::PropertyCompany, std::move(note), protocol::EventKind::Status};
}

TicketStatusView Ticket(std::vector<protocol::StatusEvent> history, std::string reply) {
  TicketStatusView t;
  t.submitted_at = 1000;
  t.delivery = DeliveryView::Delivered;
  protocol::ServiceRequestStatus s;
  s.status = history.back().status;
  s.status_notes = reply;
  s.history = std::move(history);
  t.status = s;
  t.reply = MakeDisplayText(reply);
  return t;
}

TEST(TicketTimelineTest, AReplyIsNamedAsAReplyNotASecondAssignment) {
  const TicketStatusView t = Ticket({Event(1010, RequestStatus::Submitted), Event(1100, RequestStatus::Assigned),
                                     Event(1200, RequestStatus::Assigned, "已安排保洁今天下午清运。"),
                                     Event(1300, RequestStatus::Assigned, "督办：已超期，请今日答复")},
                                    "已安排保洁今天下午清运。");
  const auto rows = BuildTicketTimeline(t);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0].step, TimelineStep::Submitted);
  EXPECT_EQ(rows[0].at, std::optional<protocol::UnixSeconds>(1000));
  EXPECT_EQ(rows[1].step, TimelineStep::Delivered);
  EXPECT_EQ(rows[1].at, std::optional<protocol::UnixSeconds>(1010));  // when the hub first had it
  EXPECT_EQ(rows[2].step, TimelineStep::Status);
  EXPECT_EQ(rows[2].status, RequestStatus::Assigned);
  EXPECT_EQ(rows[3].step, TimelineStep::Reply);
  EXPECT_EQ(rows[4].step, TimelineStep::Update);  // 督办 keeps the status too, but is not a reply
}

TEST(TicketTimelineTest, TheReplyStaysAfterAReopen) {
  const TicketStatusView t =
      Ticket({Event(1010, RequestStatus::Submitted), Event(1100, RequestStatus::Assigned),
              Event(1200, RequestStatus::Assigned, "已清运。"), Event(1300, RequestStatus::Resolved),
              Event(1400, RequestStatus::Reopened, "没解决")},
             "");  // the hub clears status_notes on a re-open
  EXPECT_EQ(LatestReply(t), "已清运。");
  const auto rows = BuildTicketTimeline(t);
  EXPECT_EQ(rows.back().step, TimelineStep::Status);
  EXPECT_EQ(rows.back().status, RequestStatus::Reopened);
}

TEST(TicketTimelineTest, NotYetDeliveredHasNoDeliveryStep) {
  TicketStatusView t;
  t.submitted_at = 5;
  t.delivery = DeliveryView::Pending;
  const auto rows = BuildTicketTimeline(t);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].step, TimelineStep::Submitted);
  EXPECT_EQ(LatestReply(t), "");
}

}  // namespace
}  // namespace ck::ui
