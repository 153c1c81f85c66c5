// 人员: a manager manages the staff of its own party (the street office's managers: every party) where
// staff work — add, disable, re-enable, unlock, reset a password. A new account and a reset get a
// one-time password, shown once after the redirect and changed at the first sign-in. Who may is
// rules/party_policy.h (MayManageStaffOf, MayManageStaffAccount); every change and refusal is audited.
#include <httplib.h>

#include "sync/hub/console/layout.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

constexpr std::string_view kOneTimePurpose = "staff-password";

// What the add form shows again after a refusal: what was typed and the reason next to its field.
struct NewStaffForm {
  std::string name, display_name, party, role;
  std::string name_error, display_name_error, party_error;
};

bool ValidSignInName(std::string_view n) {
  if (n.empty() || n.size() > 64 || !protocol::IsValidUtf8(n)) return false;
  for (unsigned char c : n)
    if (c <= 0x20 || c == 0x7f) return false;
  return true;
}

std::string StateLabel(const ConsoleRequest& rq, const StaffAccount& a) {
  if (a.disabled()) return rq.T("staff.state.disabled");
  if (a.locked_until > rq.now) return rq.T("staff.state.locked");
  if (a.must_change_password) return rq.T("staff.state.one_time");
  return rq.T("staff.state.active");
}

View ActionButton(const ConsoleRequest& rq, std::string_view action, const char* label_key,
                  std::string_view confirm_key) {
  View b;
  b["action"] = std::string(action);
  b["label"] = rq.T(label_key);
  if (confirm_key.empty()) b["confirm"] = false; else b["confirm"] = rq.T(confirm_key);
  return b;
}

ConsoleAnswer StaffView(ConsoleRequest& rq, const NewStaffForm& f, int status) {
  const StaffAccount& me = rq.me();
  View v;
  // A one-time password, once: after the redirect that made it (a reload shows nothing).
  std::string once = rq.TakeShownOnce(kOneTimePurpose);
  if (auto tab = once.find('\t'); tab != std::string::npos) {
    View o;
    o["name"] = once.substr(0, tab);
    o["password"] = once.substr(tab + 1);
    v["once"] = std::move(o);
  } else {
    v["once"] = false;
  }
  auto all = rq.store().ListStaff();
  if (!all) throw std::runtime_error("staff: " + all.error());
  View accounts = ViewList();
  for (const StaffAccount& a : *all) {
    if (!MayManageStaffOf(me, a.party)) continue;
    View row;
    row["id"] = Num(a.id);
    row["name"] = a.name;
    row["public_name"] = PublicStaffName(rq.lang, a);
    row["role"] = RoleName(rq.lang, a.role);
    row["state"] = StateLabel(rq, a);
    row["last_signin"] = a.last_signin_at ? FormatLocal(*a.last_signin_at) : "—";
    row["manageable"] = MayManageStaffAccount(me, a);
    View buttons = ViewList();
    if (MayManageStaffAccount(me, a)) {
      if (a.disabled())
        buttons << ActionButton(rq, "enable", "staff.action.enable", "");
      else
        buttons << ActionButton(rq, "disable", "staff.action.disable", "staff.confirm.disable");
      if (a.locked_until > rq.now || a.failed_signins > 0)
        buttons << ActionButton(rq, "unlock", "staff.action.unlock", "");
      buttons << ActionButton(rq, "reset", "staff.action.reset", "staff.confirm.reset");
    }
    row["buttons"] = std::move(buttons);
    accounts << row;
  }
  v["accounts"] = std::move(accounts);

  std::vector<std::pair<std::string, std::string>> parties;
  for (Party p : {Party::StreetOffice, Party::PropertyCompany, Party::ResidentsCommittee, Party::OwnersCommittee})
    if (MayManageStaffOf(me, p)) parties.emplace_back(std::string(protocol::PublisherCode(p)), PartyName(rq.lang, p));
  std::vector<std::pair<std::string, std::string>> roles{
      {"clerk", RoleName(rq.lang, StaffRole::Clerk)}, {"manager", RoleName(rq.lang, StaffRole::Manager)}};
  View form;
  form["name"] = f.name;
  form["display_name"] = f.display_name;
  form["name_error"] = FieldErrorView(f.name_error);
  form["display_name_error"] = FieldErrorView(f.display_name_error);
  form["party_error"] = FieldErrorView(f.party_error);
  v["form"] = std::move(form);
  v["display_name_max"] = Num(kMaxDisplayNameCodepoints);
  v["parties"] = OptionsView(parties, f.party.empty() ? protocol::PublisherCode(me.party) : f.party);
  v["roles"] = OptionsView(roles, f.role.empty() ? "clerk" : f.role);
  return rq.Render("staff", rq.T("staff.title"), "nav.staff", std::move(v), status);
}

ConsoleAnswer WithOneTimePassword(ConsoleRequest& rq, const StaffAccount& a, const std::string& password,
                                  std::string_view done) {
  ConsoleAnswer redirect = rq.Redirect("/console/staff?done=" + std::string(done));
  rq.ShowOnceAfterRedirect(redirect, kOneTimePurpose, a.name + "\t" + password);
  return redirect;
}

}  // namespace

ConsoleAnswer StaffPage(ConsoleRequest& rq) {
  return StaffView(rq, {}, 200);
}

ConsoleAnswer StaffAddAction(ConsoleRequest& rq) {
  NewStaffForm f{rq.Form("name"), rq.Form("display_name"), rq.Form("party"), rq.Form("role"), {}, {}, {}};
  auto party = protocol::ParsePublisher(f.party);
  auto role = ParseStaffRole(f.role);
  if (party && !MayManageStaffOf(rq.me(), *party)) return rq.Deny(f.name, "adding staff to another party");
  bool refused = false;
  if (!ValidSignInName(f.name)) f.name_error = rq.T("staff.error.name"), refused = true;
  if (CheckDisplayName(f.display_name)) f.display_name_error = rq.T("account.error.display_name"), refused = true;
  if (!party || !role) f.party_error = rq.T("staff.error.party"), refused = true;
  if (!refused) {
    if (auto existing = rq.store().FindStaffByName(f.name); !existing)
      throw std::runtime_error("staff: " + existing.error());
    else if (*existing)
      f.name_error = rq.T("staff.error.taken"), refused = true;
  }
  if (refused) return StaffView(rq, f, 400);

  std::string password = NewOneTimePassword();
  StaffAccount a;
  a.name = f.name;
  a.display_name = f.display_name;
  a.party = *party;
  a.role = *role;
  a.created_at = rq.now;
  a.must_change_password = true;
  a.password_hash = HashPassword(password, rq.services.options.password_cost);
  if (a.password_hash.empty()) throw std::runtime_error("staff: password hashing ran out of memory");
  auto added = rq.store().AddStaff(a);
  if (added.error == WriteError::Duplicate) {
    f.name_error = rq.T("staff.error.taken");
    return StaffView(rq, f, 400);
  }
  if (!added.ok()) throw std::runtime_error("staff: " + added.message);
  rq.Audit("staff.add", a.name,
           std::string(protocol::PublisherCode(a.party)) + " " + std::string(StaffRoleCode(a.role)));
  return WithOneTimePassword(rq, *added.value, password, "staff_added");
}

ConsoleAnswer StaffChangeAction(ConsoleRequest& rq) {
  std::string id = rq.Match(1), action = rq.Match(2);
  if (id.empty() || id.size() > 12) return rq.NotFound();
  auto found = rq.store().FindStaff(std::stoll(id));
  if (!found) throw std::runtime_error("staff: " + found.error());
  if (!*found) return rq.NotFound();
  const StaffAccount& a = **found;
  if (!MayManageStaffAccount(rq.me(), a))
    return rq.Deny(a.name, a.id == rq.me().id ? "own account (use the account page)"
                                               : "staff of another party");
  if (action == "disable") {
    if (auto r = rq.store().DisableStaff(a.name, rq.now); !r.ok()) throw std::runtime_error("staff: " + r.message);
    rq.Audit("staff.disable", a.name);
    return rq.Redirect("/console/staff?done=staff_disabled");
  }
  if (action == "enable") {
    if (auto r = rq.store().EnableStaff(a.name); !r.ok()) throw std::runtime_error("staff: " + r.message);
    rq.Audit("staff.enable", a.name);
    return rq.Redirect("/console/staff?done=staff_enabled");
  }
  if (action == "unlock") {
    if (auto r = rq.store().UnlockStaff(a.name); !r.ok()) throw std::runtime_error("staff: " + r.message);
    rq.Audit("staff.unlock", a.name);
    return rq.Redirect("/console/staff?done=staff_unlocked");
  }
  // reset: a one-time password; the account's sessions end, and its locks (the owner must get in).
  std::string password = NewOneTimePassword();
  if (auto s = rq.services.auth.SetOneTimePassword(a.id, password); !s) throw std::runtime_error("staff: " + s.error());
  if (auto r = rq.store().UnlockStaff(a.name); !r.ok()) throw std::runtime_error("staff: " + r.message);
  rq.Audit("staff.reset_password", a.name, "one-time password set");
  return WithOneTimePassword(rq, a, password, "staff_reset");
}

}  // namespace ck::hub::console
