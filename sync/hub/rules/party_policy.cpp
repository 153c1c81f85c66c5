// Who may do what (party_policy.h): the rules, each written once.
#include "sync/hub/rules/party_policy.h"

#include <algorithm>

namespace ck::hub {

std::optional<protocol::Agency> AgencyOfParty(Party p) {
  switch (p) {
    case Party::StreetOffice:
      return protocol::Agency::StreetOffice;
    case Party::PropertyCompany:
      return protocol::Agency::PropertyCompany;
    case Party::ResidentsCommittee:
      return protocol::Agency::ResidentsCommittee;
    case Party::OwnersCommittee:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsStreetOffice(const StaffAccount& me) {
  return me.party == Party::StreetOffice;
}

bool MayDispatch(const StaffAccount& me) {
  return IsStreetOffice(me);
}

bool PartyDispatches(protocol::Agency by) {
  return by == protocol::Agency::StreetOffice;
}

namespace {
bool HoldsOpen(protocol::Agency by, const RequestRecord& r) {
  return !PartyDispatches(by) && r.status.agency == by && !protocol::IsOpen311Closed(r.status.status);
}
}  // namespace

bool PartyMayReturn(protocol::Agency by, const RequestRecord& r) {
  return HoldsOpen(by, r);
}

bool PartyMayAskExtension(protocol::Agency by, const RequestRecord& r) {
  return HoldsOpen(by, r) && !r.work.extension_until;
}

bool MayReturn(const StaffAccount& me, const RequestRecord& r) {
  auto agency = AgencyOfParty(me.party);
  return agency && PartyMayReturn(*agency, r);
}

bool MayAskExtension(const StaffAccount& me, const RequestRecord& r) {
  auto agency = AgencyOfParty(me.party);
  return agency && PartyMayAskExtension(*agency, r);
}

bool MaySupervise(const StaffAccount& me) {
  return IsStreetOffice(me);
}

bool MayReadAudit(const StaffAccount& me) {
  return me.role == StaffRole::Manager;
}

std::optional<Party> AuditScope(const StaffAccount& me) {
  if (IsStreetOffice(me)) return std::nullopt;
  return me.party;
}

bool MayManageKiosks(const StaffAccount& me) {
  return IsStreetOffice(me) && me.role == StaffRole::Manager;
}

bool MayEditNotice(const StaffAccount& me, Party publisher) {
  return IsStreetOffice(me) || me.party == publisher;
}

bool PartyMayCreateActivity(Party by, const std::vector<Party>& organisers) {
  return by == Party::StreetOffice || std::find(organisers.begin(), organisers.end(), by) != organisers.end();
}

bool PartyMayEditActivity(Party by, const std::vector<Party>& organisers) {
  return by == Party::StreetOffice || std::find(organisers.begin(), organisers.end(), by) != organisers.end();
}

bool MayEditActivity(const StaffAccount& me, const std::vector<Party>& organisers) {
  return PartyMayEditActivity(me.party, organisers);
}

bool MayReadReplyTemplate(const StaffAccount& me, const ReplyTemplate& t) {
  return t.party == me.party || t.party == Party::StreetOffice;
}

bool MayEditReplyTemplate(const StaffAccount& me, const ReplyTemplate& t) {
  return t.party == me.party;
}

bool MayManageStaff(const StaffAccount& me) {
  return me.role == StaffRole::Manager;
}

bool MayManageStaffOf(const StaffAccount& me, Party party) {
  return MayManageStaff(me) && (IsStreetOffice(me) || me.party == party);
}

bool MayManageStaffAccount(const StaffAccount& me, const StaffAccount& target) {
  return me.id != target.id && MayManageStaffOf(me, target.party);
}

bool PartyMayHandle(protocol::Agency party, const RequestRecord& r) {
  if (party == protocol::Agency::StreetOffice) return true;
  return r.status.agency == party;
}

bool MayHandleTicket(const StaffAccount& me, const RequestRecord& r) {
  auto agency = AgencyOfParty(me.party);
  return agency && PartyMayHandle(*agency, r);
}

std::optional<protocol::Agency> PhoneSearchParty(const StaffAccount& me) {
  return AgencyOfParty(me.party);
}

bool MaySeeResidentPhone(const StaffAccount& me, const RequestRecord& r) {
  auto agency = AgencyOfParty(me.party);
  if (!agency) return false;
  if (!r.status.agency) return *agency == protocol::Agency::StreetOffice;
  return *r.status.agency == *agency;
}

}  // namespace ck::hub
