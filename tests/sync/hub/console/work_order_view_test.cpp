// Work-order view pieces: every key made from a wire code has both languages, the phone mask, and the
// party rule (the street office handles all; another party only its own; the owner alone sees the phone).
#include "sync/hub/console/work_order_view.h"
#include "sync/protocol/phone_mask.h"

#include <gtest/gtest.h>

namespace ck::hub::console {
namespace {

using protocol::Agency;
using protocol::RequestStatus;

TEST(WorkOrderViewTest, KeysMadeFromCodesExist) {
  for (auto s :
       {RequestStatus::Submitted, RequestStatus::Accepted, RequestStatus::Assigned, RequestStatus::InProgress,
        RequestStatus::Resolved, RequestStatus::Closed, RequestStatus::Reopened}) {
    EXPECT_TRUE(HasText("orders.status." + std::string(protocol::RequestStatusCode(s))));
    EXPECT_NE(StatusName(Lang::Zh, s), StatusName(Lang::En, s));
  }
  for (Channel c : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    EXPECT_TRUE(HasText("orders.channel." + std::string(ChannelCode(c))));
  for (Agency a : {Agency::StreetOffice, Agency::PropertyCompany, Agency::ResidentsCommittee})
    EXPECT_TRUE(HasText("party." + std::string(protocol::AgencyCode(a))));
}

// The console masks with the kiosk's mask (sync/protocol/phone_mask.h, pinned in phone_mask_test): its
// own copy used to answer "***45" here, and "**34" for a 4-digit number.
TEST(WorkOrderViewTest, PhoneIsMaskedToThreeAndFour) {
  EXPECT_EQ(protocol::MaskPhone("13812345678"), "138****5678");
  EXPECT_EQ(protocol::MaskPhone("02161234567"), "021****4567");
  EXPECT_EQ(protocol::MaskPhone("12345"), "****45");
  EXPECT_EQ(protocol::MaskPhone("1234"), "****");
  EXPECT_EQ(protocol::MaskPhone(""), "");
}

TEST(WorkOrderViewTest, PartiesHandleTheirOwnAndOnlyTheOwnerSeesThePhone) {
  StaffAccount street, property, committee, owners;
  street.party = Party::StreetOffice;
  property.party = Party::PropertyCompany;
  committee.party = Party::ResidentsCommittee;
  owners.party = Party::OwnersCommittee;
  RequestRecord fresh;  // not dispatched: the street office's
  EXPECT_TRUE(MayHandleTicket(street, fresh));
  EXPECT_FALSE(MayHandleTicket(property, fresh));
  EXPECT_TRUE(MaySeeResidentPhone(street, fresh));
  RequestRecord theirs;
  theirs.status.agency = Agency::PropertyCompany;
  EXPECT_TRUE(MayHandleTicket(street, theirs));
  EXPECT_TRUE(MayHandleTicket(property, theirs));
  EXPECT_FALSE(MayHandleTicket(committee, theirs));
  EXPECT_FALSE(MayHandleTicket(owners, theirs));
  EXPECT_TRUE(MaySeeResidentPhone(property, theirs));
  EXPECT_FALSE(MaySeeResidentPhone(street, theirs)) << "the street office handles it but the phone is 物业's";
}

// Every refusal the editor names (WriteResult::code) and every timeline kind has words in both languages,
// so no rule's English message reaches a Chinese page.
TEST(WorkOrderViewTest, EveryRuleRefusalAndEventKindHasWords) {
  for (const char* code :
       {"street_only", "not_owner", "not_open", "not_dispatched", "redispatch_same_party", "street_cannot_return",
        "street_no_extension", "extension_pending", "extension_not_later", "no_extension", "not_overdue",
        "expected_past", "use_dispatch", "status_not_settable", "accept_from", "dispatch_first", "reply_first",
        "reply_first_close", "reply_closed", "reply_same", "already_closed", "already_accepted",
        "already_in_progress", "already_resolved", "invalid", "refused"})
    EXPECT_TRUE(HasText("rule." + std::string(code))) << code;
  for (const char* field : {"responsible", "reason", "text", "note"})
    for (const char* why : {"required", "too_long", "utf8"})
      EXPECT_TRUE(HasText("rule." + std::string(field) + "." + why)) << field << why;
  for (auto k : {protocol::EventKind::Filed, protocol::EventKind::Status, protocol::EventKind::Reply,
                 protocol::EventKind::Dispatch, protocol::EventKind::Redispatch, protocol::EventKind::Return,
                 protocol::EventKind::Supervise, protocol::EventKind::ExtensionAsked,
                 protocol::EventKind::ExtensionGranted, protocol::EventKind::ExtensionRefused,
                 protocol::EventKind::Rating})
    EXPECT_TRUE(HasText("orders.event." + std::string(protocol::EventKindCode(k)))) << protocol::EventKindCode(k);
}

// 退单 and 延期申请 belong to the party holding an open ticket, never to the street office.
TEST(WorkOrderViewTest, OnlyTheHolderReturnsOrAsksForMoreTime) {
  StaffAccount street, property, committee;
  street.party = Party::StreetOffice;
  property.party = Party::PropertyCompany;
  committee.party = Party::ResidentsCommittee;
  RequestRecord theirs;
  theirs.status.agency = Agency::PropertyCompany;
  theirs.status.status = RequestStatus::Assigned;
  EXPECT_TRUE(MayReturn(property, theirs));
  EXPECT_TRUE(MayAskExtension(property, theirs));
  EXPECT_FALSE(MayReturn(street, theirs));
  EXPECT_FALSE(MayReturn(committee, theirs));
  theirs.work.extension_until = 1;
  EXPECT_FALSE(MayAskExtension(property, theirs)) << "one pending request at a time";
  theirs.status.status = RequestStatus::Resolved;
  EXPECT_FALSE(MayReturn(property, theirs));
}

}  // namespace
}  // namespace ck::hub::console
