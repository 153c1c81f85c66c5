// One occurrence's sign-ups for its organisers (and the street office): confirmed, the wait-list in order,
// cancelled and refused; phones masked until "show" (a POST, audited, as on a ticket); 签到 once the
// occurrence has started; letting a waiting one in by hand with a reason (audited); and the CSV (UTF-8 BOM,
// headers in the page's language, phones masked unless asked for with an audited POST).
#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "sync/hub/console/activity_form.h"
#include "sync/hub/console/activity_pages.h"
#include "sync/hub/console/csv.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/activity_signups.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/protocol/phone_mask.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

using protocol::SignupState;

// The occurrence named by ?at= (or the form's "at"): its original start, as the sign-ups name it.
std::optional<protocol::UnixSeconds> OccurrenceParam(const ConsoleRequest& rq) {
  std::string at = rq.http.method == "POST" ? rq.Form("at") : rq.Query("at");
  if (at.empty() || at.size() > 12 || at.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(at);
}

struct Occ {
  protocol::UnixSeconds original_start = 0, start = 0, end = 0;
  bool started = false;
};

Occ OccurrenceOf(ConsoleRequest& rq, const ActivityRecord& a, protocol::UnixSeconds original_start) {
  auto start = OccurrenceStart(rq.activities(), a.id, original_start);
  if (!start) throw std::runtime_error("occurrence start: " + start.error());
  return Occ{original_start, *start, *start + a.duration, rq.now >= *start};
}

std::string SignupsHref(const ActivityRecord& a, protocol::UnixSeconds at) {
  return "/console/activities/" + a.id + "/signups?at=" + std::to_string(at);
}

std::string AttendanceWord(const ConsoleRequest& rq, const SignupRecord& s) {
  if (!s.attended) return rq.T("signups.attended.none");
  return rq.T(*s.attended ? "signups.attended.yes" : "signups.attended.no");
}

std::string RefusalWord(const ConsoleRequest& rq, protocol::SignupRefusal r) {
  return rq.T(std::string("signups.refusal.") + std::string(protocol::SignupRefusalCode(r)));
}

// A refused action's message and what was typed, shown on the row it belongs to.
struct RowError {
  std::string code;  // the sign-up
  std::string message;
  std::string reason;
};

std::vector<SignupRecord> SignupsOf(ConsoleRequest& rq, const ActivityRecord& a, protocol::UnixSeconds at) {
  auto list = rq.activities().ListSignups(a.id, at);
  if (!list) throw std::runtime_error("sign-ups: " + list.error());
  return *list;
}

ConsoleAnswer RenderSignups(ConsoleRequest& rq, const ActivityRecord& a, protocol::UnixSeconds at, bool show_phones,
                            const RowError& row_error = {}, int status = 200) {
  const Occ occ = OccurrenceOf(rq, a, at);
  const std::vector<SignupRecord> list = SignupsOf(rq, a, at);
  View v;
  v["id"] = a.id;
  v["title"] = a.title;
  v["activity_href"] = "/console/activities/" + a.id;
  v["at"] = std::to_string(at);
  v["when"] = OccurrenceWhen(rq.lang, occ.start, occ.end, a.all_day);
  v["place"] = a.place;
  v["show_phones"] = show_phones;
  v["started"] = occ.started;
  v["csv_href"] = "/console/activities/" + a.id + "/signups.csv?at=" + std::to_string(at);
  int confirmed_people = 0, waiting_people = 0;
  View confirmed = ViewList(), waiting = ViewList(), gone = ViewList();
  int attended = 0;
  for (const SignupRecord& s : list) {
    View r;
    r["code"] = s.code;
    r["name"] = s.name;
    r["people"] = Num(s.people);
    r["phone"] = show_phones ? s.phone : protocol::MaskPhone(s.phone);
    r["received"] = FormatLocal(s.received_at);
    r["reason"] = s.reason;
    if (row_error.code == s.code) {
      r["error"] = row_error.message;
      r["typed_reason"] = row_error.reason;
    } else {
      r["error"] = false;
      r["typed_reason"] = "";
    }
    switch (s.state) {
      case SignupState::Confirmed: {
        confirmed_people += s.people;
        if (s.attended && *s.attended) attended += s.people;
        View mark;
        mark["code"] = s.attended ? (*s.attended ? "yes" : "no") : "none";
        mark["name"] = AttendanceWord(rq, s);
        r["attendance"] = std::move(mark);
        r["came"] = s.attended.value_or(false);
        r["absent"] = s.attended.has_value() && !*s.attended;
        r["by_hand"] = !s.reason.empty();
        confirmed << r;
        break;
      }
      case SignupState::Waitlisted:
        waiting_people += s.people;
        r["position"] = Num(s.waitlist_position);
        waiting << r;
        break;
      case SignupState::Cancelled:
      case SignupState::Refused:
      case SignupState::Pending:
        r["state"] = s.state == SignupState::Refused ? RefusalWord(rq, s.refusal) : rq.T("signups.state.cancelled");
        r["decided"] = FormatLocal(s.decided_at);
        gone << r;
        break;
    }
  }
  char buf[200];
  std::snprintf(buf, sizeof buf, rq.T("signups.summary").c_str(), confirmed_people, a.capacity, waiting_people);
  v["summary"] = std::string(buf);
  if (occ.started) {
    std::snprintf(buf, sizeof buf, rq.T("signups.attended_summary").c_str(), attended, confirmed_people);
    v["attended_summary"] = std::string(buf);
  } else {
    v["attended_summary"] = false;
  }
  v["any_confirmed"] = !confirmed.is_empty_list();
  v["any_waiting"] = !waiting.is_empty_list();
  v["any_gone"] = !gone.is_empty_list();
  v["confirmed"] = std::move(confirmed);
  v["waiting"] = std::move(waiting);
  v["gone"] = std::move(gone);
  v["any"] = !list.empty();
  if (!row_error.message.empty() && row_error.code.empty()) v["error"] = row_error.message; else v["error"] = false;
  return rq.Render("activity_signups", a.title + " · " + rq.T("signups.title"), "nav.activities", std::move(v), status);
}

// The organisers' sign-up page's common start: the activity (403/404 otherwise) and the occurrence.
struct Loaded {
  std::optional<ActivityRecord> activity;
  protocol::UnixSeconds at = 0;
  std::optional<ConsoleAnswer> answer;
};

Loaded Load(ConsoleRequest& rq) {
  Loaded l;
  LoadedActivity a = LoadActivityFor(rq);
  if (a.answer) {
    l.answer = std::move(a.answer);
    return l;
  }
  auto at = OccurrenceParam(rq);
  if (!at) {
    l.answer = rq.BadRequest(rq.T("activity.error.occurrence"));
    return l;
  }
  l.activity = std::move(a.record);
  l.at = *at;
  return l;
}

}  // namespace

ConsoleAnswer ActivitySignupsPage(ConsoleRequest& rq) {
  Loaded l = Load(rq);
  if (l.answer) return std::move(*l.answer);
  return RenderSignups(rq, *l.activity, l.at, false);
}

ConsoleAnswer ActivitySignupsPhonesAction(ConsoleRequest& rq) {
  Loaded l = Load(rq);
  if (l.answer) return std::move(*l.answer);
  if (rq.UnexpectedFormKey({"at"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  rq.Audit("activity.signups_phones", l.activity->id, FormatLocal(l.at));
  return RenderSignups(rq, *l.activity, l.at, true);
}

ConsoleAnswer ActivityAttendanceAction(ConsoleRequest& rq) {
  Loaded l = Load(rq);
  if (l.answer) return std::move(*l.answer);
  if (rq.UnexpectedFormKey({"at", "code", "mark"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  const std::string code = rq.Form("code"), mark = rq.Form("mark");
  std::optional<bool> attended;
  if (mark == "yes") attended = true;
  else if (mark == "no") attended = false;
  else if (mark != "clear") return rq.BadRequest(rq.T("orders.error.extra_field"));
  // The code must be one of this occurrence's: a form cannot reach another activity's sign-up through this one.
  auto list = SignupsOf(rq, *l.activity, l.at);
  if (std::none_of(list.begin(), list.end(), [&](const SignupRecord& s) { return s.code == code; }))
    return rq.NotFound();
  auto r = MarkAttendance(rq.activities(), rq.me().party, code, attended, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("attendance: " + r.message);
  if (r.error == WriteError::Refused && r.code == "activity.not_organiser") return rq.Deny(l.activity->id, r.message);
  if (!r.ok())
    return RenderSignups(rq, *l.activity, l.at, false, {code, ActivityRefusalText(rq.lang, r.code, r.message), ""}, 400);
  rq.Audit("activity.attendance", l.activity->id, code + " · " + FormatLocal(l.at) + ": " + mark);
  return rq.Redirect(SignupsHref(*l.activity, l.at) + "&done=attendance");
}

ConsoleAnswer ActivityPromoteAction(ConsoleRequest& rq) {
  Loaded l = Load(rq);
  if (l.answer) return std::move(*l.answer);
  if (rq.UnexpectedFormKey({"at", "code", "reason"})) return rq.BadRequest(rq.T("orders.error.extra_field"));
  const std::string code = rq.Form("code"), reason = rq.Form("reason");
  auto list = SignupsOf(rq, *l.activity, l.at);
  if (std::none_of(list.begin(), list.end(), [&](const SignupRecord& s) { return s.code == code; }))
    return rq.NotFound();
  auto r = PromoteSignupByHand(rq.activities(), rq.me().party, code, reason, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("promote: " + r.message);
  if (r.error == WriteError::Refused && r.code == "activity.not_organiser") return rq.Deny(l.activity->id, r.message);
  if (!r.ok())
    return RenderSignups(rq, *l.activity, l.at, false, {code, ActivityRefusalText(rq.lang, r.code, r.message), reason},
                         400);
  rq.Audit("activity.signup_promote", l.activity->id,
           code + " · " + FormatLocal(l.at) + ": " + protocol::ClipCodepoints(reason, 60));
  return rq.Redirect(SignupsHref(*l.activity, l.at) + "&done=promoted");
}

ConsoleAnswer ActivitySignupsCsv(ConsoleRequest& rq) {
  Loaded l = Load(rq);
  if (l.answer) return std::move(*l.answer);
  // GET: phones masked. POST with phones=1: in full, and audited like the reveal on the page.
  const bool phones = rq.http.method == "POST" && rq.Form("phones") == "1";
  if (rq.http.method == "POST" && rq.UnexpectedFormKey({"at", "phones"}))
    return rq.BadRequest(rq.T("orders.error.extra_field"));
  const ActivityRecord& a = *l.activity;
  if (phones) rq.Audit("activity.signups_phones", a.id, FormatLocal(l.at) + " (CSV)");
  std::vector<SignupRecord> list = SignupsOf(rq, a, l.at);
  // Confirmed, then the wait-list in order, then the rest: the order of the page.
  auto rank = [](SignupState s) {
    return s == SignupState::Confirmed ? 0 : s == SignupState::Waitlisted ? 1 : s == SignupState::Cancelled ? 2 : 3;
  };
  std::stable_sort(list.begin(), list.end(),
                   [&](const SignupRecord& x, const SignupRecord& y) { return rank(x.state) < rank(y.state); });
  std::string out(kCsvBom);
  const char* headers[] = {"signups.col.state", "signups.col.position", "signups.col.code",     "signups.col.name",
                           "signups.col.people", "signups.col.phone",   "signups.col.received", "signups.col.attended",
                           "signups.col.reason"};
  for (std::size_t i = 0; i < std::size(headers); ++i) out += (i ? "," : "") + CsvField(rq.T(headers[i]));
  out += "\r\n";
  for (const SignupRecord& s : list) {
    std::string state = s.state == SignupState::Refused ? RefusalWord(rq, s.refusal)
                                                        : rq.T(std::string("signups.state.") + std::string(protocol::SignupStateCode(s.state)));
    std::vector<std::string> row = {
        CsvField(state),
        s.state == SignupState::Waitlisted ? std::to_string(s.waitlist_position) : std::string(),
        CsvField(s.code),
        CsvTextField(s.name),
        std::to_string(s.people),
        CsvField(phones ? s.phone : protocol::MaskPhone(s.phone)),
        CsvField(FormatLocal(s.received_at)),
        s.state == SignupState::Confirmed && s.attended ? CsvField(AttendanceWord(rq, s)) : std::string(),
        CsvTextField(s.reason)};
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + row[i];
    out += "\r\n";
  }
  ConsoleAnswer answer;
  answer.content_type = "text/csv; charset=utf-8";
  answer.body = std::move(out);
  std::string day = FormatLocal(OccurrenceOf(rq, a, l.at).start);
  for (char& c : day)
    if (c == ' ' || c == ':') c = '-';
  answer.headers.emplace_back("Content-Disposition", "attachment; filename=\"signups-" + day + ".csv\"");
  return answer;
}

}  // namespace ck::hub::console
