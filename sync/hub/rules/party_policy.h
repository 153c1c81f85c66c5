// Who may do what: every decision about a party's or a role's rights, in one place. The console's routes
// declare these predicates where they are registered (console_pages.cpp) and its navigation reads the
// same ones; pages, the CLI and the API ask here and only show the answer. The request lifecycle itself
// (what may happen to a ticket, whoever asks) is request_editor.h.
#pragma once

#include <optional>
#include <vector>

#include "sync/hub/store/console_repository.h"
#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// A yes/no rule about a staff member alone; routes and the navigation hold these by pointer.
using StaffRule = bool (*)(const StaffAccount&);

// The agency a staff party answers for (the owners' committee owns no tickets).
std::optional<protocol::Agency> AgencyOfParty(Party p);

// The street office is the dispatching party of the 12345 flow.
bool IsStreetOffice(const StaffAccount& me);
// 派单 (choosing an owner and a deadline): the street office only.
bool MayDispatch(const StaffAccount& me);
// 督办 and its overdue list: the street office only.
bool MaySupervise(const StaffAccount& me);
// The audit log: managers; see AuditScope for whose entries.
bool MayReadAudit(const StaffAccount& me);
// The audit entries a reader sees: every party's for the street office (nullopt), else its own party's.
std::optional<Party> AuditScope(const StaffAccount& me);
// Registering and revoking kiosks: the street office's managers (every party may see the list).
bool MayManageKiosks(const StaffAccount& me);
// A party edits its own notices (and publishes as itself); the street office edits all.
bool MayEditNotice(const StaffAccount& me, Party publisher);

// ---- The 12345 flow, for the party acting (a clerk's party, the CLI's --as, the operator API) ----
// The street office is the dispatching party: it alone dispatches, re-dispatches (改派), supervises (督办)
// and grants or refuses extensions.
bool PartyDispatches(protocol::Agency by);
// 退单 and 延期申请: the party holding an open ticket, never the street office (it re-dispatches, and
// sets its own deadline when it dispatches).
bool PartyMayReturn(protocol::Agency by, const RequestRecord& r);
bool PartyMayAskExtension(protocol::Agency by, const RequestRecord& r);
// The same, for a signed-in staff member (nothing for the owners' committee, which owns no tickets).
bool MayReturn(const StaffAccount& me, const RequestRecord& r);
bool MayAskExtension(const StaffAccount& me, const RequestRecord& r);
// 常用回复: a party reads its own templates and the street office's (shared, read-only to others) and
// edits or deletes only its own.
bool MayReadReplyTemplate(const StaffAccount& me, const ReplyTemplate& t);
bool MayEditReplyTemplate(const StaffAccount& me, const ReplyTemplate& t);

// Staff accounts: a manager manages its own party's staff (add, disable, re-enable, unlock, reset a
// password); the street office's managers manage every party's. Nobody manages their own account this
// way (they change their own password on the account page), so a manager cannot lock themselves out.
bool MayManageStaff(const StaffAccount& me);
bool MayManageStaffOf(const StaffAccount& me, Party party);
bool MayManageStaffAccount(const StaffAccount& me, const StaffAccount& target);

// ---- Community activities (activity_editor.h) ----
// Each party creates its own activities (it is among the organisers); the street office may create any.
bool PartyMayCreateActivity(Party by, const std::vector<Party>& organisers);
// Every organiser of an activity (each of a joint one's) edits and cancels it and sees its sign-ups
// (phones masked unless revealed with audit); the street office may do so for every activity.
bool PartyMayEditActivity(Party by, const std::vector<Party>& organisers);
bool MayEditActivity(const StaffAccount& me, const std::vector<Party>& organisers);

// Party isolation: the street office may act on every ticket; another party only on those it owns.
bool PartyMayHandle(protocol::Agency party, const RequestRecord& r);
bool MayHandleTicket(const StaffAccount& me, const RequestRecord& r);
// The resident's phone number is for the owning party only (the street office owns what is not
// dispatched yet): the street office handles a 物业 ticket, but the phone is 物业's.
bool MaySeeResidentPhone(const StaffAccount& me, const RequestRecord& r);
// The same rule as a queue filter: the owner whose tickets' phones `me` may search by their last digits.
std::optional<protocol::Agency> PhoneSearchParty(const StaffAccount& me);

}  // namespace ck::hub
