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

}  // namespace
}  // namespace ck::hub::console
