// One work order: what the resident wrote, where, from which kiosk or channel, the timeline, the phone
// (owning party only, masked until "show", each reveal audited), and the actions of the 12345 flow:
// accept, in progress, reply (with 常用回复), resolve, close; for the street office 派单, 改派, 督办 and the
// answer to a 延期申请; for the party holding it 退单 and 延期申请. Every change goes through
// request_editor.h acting as the clerk's party, so the page only offers what the rules would allow; a
// refusal re-renders the page with what the clerk typed and the rule's words in the page's language.
#include <httplib.h>

#include "sync/protocol/phone_mask.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::console {

namespace {

using protocol::Agency;
using protocol::RequestStatus;

// The parties a ticket can go to, for {{>option}}.
View AgencyOptions(const ConsoleRequest& rq, std::optional<Agency> selected, const Agency* leave_out = nullptr) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto a : {Agency::PropertyCompany, Agency::ResidentsCommittee, Agency::StreetOffice})
    if (!leave_out || a != *leave_out) v.emplace_back(std::string(protocol::AgencyCode(a)), AgencyName(rq.lang, a));
  return OptionsView(v, selected ? protocol::AgencyCode(*selected) : "");
}

View Fact(std::string_view label, std::string value) {
  View f;
  f["label"] = std::string(label);
  f["value"] = std::move(value);
  f["box"] = false;
  return f;
}

// A fact shown as the resident or clerk wrote it, line by line, in <div class="box">.
View BoxedFact(std::string_view label, const char* box, std::string_view text) {
  View f;
  f["label"] = std::string(label);
  f["value"] = false;
  f["box"] = box;
  f["lines"] = LinesView(text);
  return f;
}

// What the clerk typed into the action that was refused, put back into its form.
struct Typed {
  std::string action, responsible, text, reason, note, until;
  static Typed From(const ConsoleRequest& rq, std::string action) {
    return {std::move(action), rq.Form("responsible"), rq.Form("text"), rq.Form("reason"), rq.Form("note"),
            rq.Form("until")};
  }
};

// The rule's refusal in the page's language ("rule.<code>" in strings.json); never the English message.
std::string RuleMessage(const ConsoleRequest& rq, const WriteResult<RequestRecord>& done) {
  if (!done.code.empty() && HasText("rule." + done.code)) return rq.T("rule." + done.code);
  return rq.T(done.error == WriteError::Invalid ? "rule.invalid" : "rule.refused");
}

// A timeline entry's label: its kind (a 改派 reads 改派); a plain entry that keeps the status is news.
std::string EventLabel(const ConsoleRequest& rq, const protocol::StatusEvent& e,
                       std::optional<RequestStatus> previous) {
  if (e.kind != protocol::EventKind::Status) {
    std::string key = "orders.event." + std::string(protocol::EventKindCode(e.kind));
    return rq.T(key);
  }
  return previous == e.status ? rq.T("orders.event.update") : StatusName(rq.lang, e.status);
}

// The timeline, oldest first: each entry's label, party, time and note.
View TimelineView(const ConsoleRequest& rq, const std::vector<protocol::StatusEvent>& history) {
  View list = ViewList();
  std::optional<RequestStatus> previous;
  for (const protocol::StatusEvent& e : history) {
    View item;
    item["kind"] = std::string(protocol::EventKindCode(e.kind));
    item["label"] = EventLabel(rq, e, previous);
    previous = e.status;
    if (e.agency) item["agency"] = AgencyName(rq.lang, *e.agency); else item["agency"] = false;
    item["at"] = FormatLocal(e.at);
    // The note in the page's language: the rules' words from the kind, people's words as written.
    View parts = ViewList();
    for (const NotePart& p : TimelineNote(rq.lang, e)) {
      View part;
      part["text"] = p.text;
      part["free"] = p.free;
      parts << part;
    }
    item["note"] = !parts.is_empty_list();
    item["parts"] = std::move(parts);
    list << item;
  }
  return list;
}

// The ticket page's view model. A refusal shows next to the form it answers; when that form is not on
// the page (an action this party is not offered), at the top.
ConsoleAnswer RenderTicket(ConsoleRequest& rq, const RequestRecord& r, bool show_phone,
                           std::string_view error, int status, const Typed& typed = {}) {
  const StaffAccount& me = rq.me();
  const protocol::ServiceRequestStatus& s = r.status;
  bool open = !protocol::IsOpen311Closed(s.status);
  bool placed = false;
  // An action's form: its refusal (if it was the one refused), or false.
  auto form = [&](std::string_view action) {
    View f;
    if (!error.empty() && typed.action == action) {
      placed = true;
      f["error"] = std::string(error);
    } else {
      f["error"] = false;
    }
    return f;
  };
  View v;
  v["code"] = s.ticket_code;
  v["category"] = CategoryName(rq, r);
  v["badges"] = TicketBadgesView(rq, r);
  v["href"] = TicketHref(r);

  View facts = ViewList();
  facts << Fact(rq.T("orders.f.kind"), rq.T(r.kind == protocol::FeedbackKind::Suggestion ? "orders.kind.suggestion"
                                                                                            : "orders.kind.complaint"));
  facts << BoxedFact(rq.T("orders.f.description"), "resident-text", r.description);
  facts << Fact(rq.T("orders.f.where"), s.address_string.empty() ? "—" : s.address_string);
  std::string via = ChannelName(rq.lang, r.work.channel);
  if (!r.device_id.empty()) {
    auto kiosks = rq.hub().ListKiosks();
    if (!kiosks) throw std::runtime_error("kiosks: " + kiosks.error());
    std::string name = r.device_id;
    for (const auto& k : *kiosks)
      if (k.device_id == r.device_id) name = k.name;
    via += " · " + name;
  }
  facts << Fact(rq.T("orders.f.channel"), via);
  facts << Fact(rq.T("orders.f.filed"), FormatLocal(s.requested_at));
  facts << Fact(rq.T("orders.f.owner"),
                s.agency ? AgencyName(rq.lang, *s.agency) +
                               (s.agency_responsible.empty() ? "" : " · " + s.agency_responsible)
                         : rq.T("orders.undispatched"));
  facts << Fact(rq.T("orders.f.due"), FormatLocal(r.work.due_at));
  if (r.work.extension_until)
    facts << Fact(rq.T("orders.extension_pending"),
                  FormatLocal(*r.work.extension_until) + " · " + r.work.extension_reason);
  if (r.work.supervised_at)
    facts << Fact(rq.T("orders.supervised"), FormatLocal(*r.work.supervised_at) + " · " + r.work.supervision_note);
  if (!s.status_notes.empty()) facts << BoxedFact(rq.T("orders.f.reply"), "reply", s.status_notes);
  if (s.rating) facts << Fact(rq.T("orders.f.rating"), std::to_string(*s.rating) + " / 5");
  v["facts"] = std::move(facts);
  // The phone: the owning party only, masked until asked for; the reveal is a POST, so it is audited.
  if (!r.phone.empty() && MaySeeResidentPhone(me, r)) {
    View phone;
    phone["number"] = show_phone ? r.phone : protocol::MaskPhone(r.phone);
    phone["can_show"] = !show_phone;
    v["phone"] = std::move(phone);
  } else {
    v["phone"] = false;
  }
  v["timeline"] = TimelineView(rq, s.history);

  for (const char* action : {"accept", "dispatch", "progress", "reply", "resolve", "close", "return", "extension",
                             "decide", "redispatch", "supervise"})
    v[action] = false;
  if (open) {
    bool street = MayDispatch(me);
    bool handles = MayHandleTicket(me, r);
    if (handles && (s.status == RequestStatus::Submitted || s.status == RequestStatus::Reopened))
      v["accept"] = form("accept");
    if (street && !s.agency) {
      auto hours = rq.hub().ServiceDeadlineHours(s.service_code);
      if (!hours) throw std::runtime_error("deadline: " + hours.error());
      protocol::UnixSeconds promise =
          rq.work_now + static_cast<protocol::UnixSeconds>(hours->value_or(kDefaultDeadlineHours)) * 3600;
      View f = form("dispatch");
      f["agencies"] = AgencyOptions(rq, s.agency);
      f["responsible"] = typed.action == "dispatch" ? typed.responsible : s.agency_responsible;
      f["expected"] = DateTimeLocalValue(promise);
      v["dispatch"] = std::move(f);
    }
    if (handles && s.agency && !s.agency_responsible.empty() && s.status != RequestStatus::InProgress)
      v["progress"] = form("progress");

    if (handles) {
      // Reply with 常用回复: a chip inserts its template at the cursor (console.js, from data-body) and never
      // replaces what was typed; without script it submits the form to reply-template, which shows this
      // page again with the typed text and the template appended. A refused reply keeps the typed text.
      auto templates = rq.hub().ListReplyTemplates(s.service_code, s.status);
      if (!templates) throw std::runtime_error("templates: " + templates.error());
      std::string text = typed.action == "reply" ? typed.text : rq.HasForm("text") ? rq.Form("text") : s.status_notes;
      std::string picked = rq.Form("template");
      View f = form("reply");
      View chips = ViewList();
      for (const ReplyTemplate& t : *templates) {
        if (!MayReadReplyTemplate(me, t)) continue;
        if (picked == std::to_string(t.id)) text += (text.empty() || text.back() == '\n' ? "" : "\n") + t.body;
        View chip;
        chip["id"] = std::to_string(t.id);
        chip["body"] = t.body;
        chip["title"] = t.title;
        chips << chip;
      }
      f["any_chips"] = !chips.is_empty_list();
      f["chips"] = std::move(chips);
      f["text"] = text;
      v["reply"] = std::move(f);
      if (s.agency) v["resolve"] = form("resolve");
      v["close"] = form("close");
    }
    if (MayReturn(me, r)) {
      View f = form("return");
      f["reason"] = typed.action == "return" ? typed.reason : "";
      v["return"] = std::move(f);
    }
    if (MayAskExtension(me, r)) {
      View f = form("extension");
      f["until"] = typed.action == "extension" ? typed.until : "";
      f["reason"] = typed.action == "extension" ? typed.reason : "";
      v["extension"] = std::move(f);
    }
    if (street && r.work.extension_until) {
      View f = form(typed.action == "extension_refuse" ? "extension_refuse" : "extension_grant");
      f["asked_until"] = FormatLocal(*r.work.extension_until);
      f["asked_reason"] = r.work.extension_reason;
      f["note"] = typed.action.starts_with("extension_") ? typed.note : "";
      v["decide"] = std::move(f);
    }
    if (street && s.agency) {
      // 改派: to another party than the one holding it (a returned ticket may go anywhere).
      const Agency* holder = r.work.returned_at ? nullptr : &*s.agency;
      View f = form("redispatch");
      f["agencies"] = AgencyOptions(rq, std::nullopt, holder);
      f["responsible"] = typed.action == "redispatch" ? typed.responsible : "";
      f["reason"] = typed.action == "redispatch" ? typed.reason : "";
      v["redispatch"] = std::move(f);
    }
    if (MaySupervise(me) && IsOverdue(r, rq.work_now)) {
      View f = form("supervise");
      f["note"] = typed.action == "supervise" ? typed.note : "";
      v["supervise"] = std::move(f);
    }
  }
  if (!error.empty() && !placed) v["top_error"] = std::string(error); else v["top_error"] = false;
  return rq.Render("work_order", s.ticket_code + " · " + rq.T("orders.title"), "nav.orders", std::move(v), status);
}

}  // namespace

ConsoleAnswer WorkOrderPage(ConsoleRequest& rq) {
  auto t = LoadTicketFor(rq);
  if (t.answer) return std::move(*t.answer);
  return RenderTicket(rq, *t.ticket, false, "", 200);
}

ConsoleAnswer WorkOrderPhoneAction(ConsoleRequest& rq) {
  auto t = LoadTicketFor(rq);
  if (t.answer) return std::move(*t.answer);
  if (!MaySeeResidentPhone(rq.me(), *t.ticket))
    return rq.Deny(t.ticket->status.ticket_code, "phone of a ticket it does not own");
  rq.Audit("ticket.phone_reveal", t.ticket->status.ticket_code);
  return RenderTicket(rq, *t.ticket, true, "", 200);
}

namespace {

// The form fields each action takes; anything else is refused (400) rather than silently used.
std::optional<std::vector<std::string_view>> FormKeys(std::string_view action) {
  using L = std::vector<std::string_view>;
  if (action == "accept" || action == "progress" || action == "resolve" || action == "close") return L{};
  if (action == "dispatch") return L{"agency", "responsible", "expected"};
  if (action == "redispatch") return L{"agency", "responsible", "reason"};
  if (action == "reply") return L{"text"};
  if (action == "return") return L{"reason"};
  if (action == "extension") return L{"until", "reason"};
  if (action == "extension_grant" || action == "extension_refuse" || action == "supervise") return L{"note"};
  return std::nullopt;
}

}  // namespace

ConsoleAnswer WorkOrderAction(ConsoleRequest& rq) {
  auto t = LoadTicketFor(rq);
  if (t.answer) return std::move(*t.answer);
  const RequestRecord& r = *t.ticket;
  const std::string& id = r.status.service_request_id;
  const std::string action = rq.Match(2);
  auto keys = FormKeys(action);
  if (!keys) return rq.NotFound();
  if (auto extra = rq.UnexpectedFormKey(*keys)) return rq.BadRequest(rq.T("orders.error.extra_field"));
  auto by = AgencyOfParty(rq.me().party);
  if (!by) return rq.Deny(r.status.ticket_code, "a party that handles no tickets");
  const protocol::UnixSeconds now = rq.work_now;
  // A date the clerk typed: absent is nullopt; garbage is refused, never replaced by a default.
  auto typed_time = [&](const char* key, bool& bad) -> std::optional<protocol::UnixSeconds> {
    std::string text = rq.Form(key);
    if (text.empty()) return std::nullopt;
    auto t = ParseDateTimeLocal(text);
    if (!t) bad = true;
    return t;
  };
  Typed typed = Typed::From(rq, action);
  auto refuse_input = [&](const char* key) {
    return RenderTicket(rq, r, false, rq.T(key), 400, typed);
  };
  WriteResult<RequestRecord> done;
  std::string detail;
  if (action == "accept") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::Accepted, "", *by, now);
  } else if (action == "dispatch" || action == "redispatch") {
    auto agency = protocol::ParseAgency(rq.Form("agency"));
    if (!agency) return refuse_input("orders.error.party");
    AssignOrder o;
    o.agency = *agency;
    o.responsible = rq.Form("responsible");
    bool bad = false;
    o.expected_at = typed_time("expected", bad);
    if (bad) return refuse_input("orders.error.date");
    detail = "to " + std::string(protocol::AgencyCode(o.agency));
    done = action == "dispatch" ? DispatchRequest(rq.hub(), id, o, *by, now)
                                : RedispatchRequest(rq.hub(), id, o, rq.Form("reason"), *by, now);
  } else if (action == "progress") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::InProgress, "", *by, now);
  } else if (action == "reply") {
    done = ReplyToRequest(rq.hub(), id, rq.Form("text"), *by, now);
  } else if (action == "resolve") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::Resolved, "", *by, now);
  } else if (action == "close") {
    done = CloseRequest(rq.hub(), id, "", *by, now);
  } else if (action == "return") {
    done = ReturnRequest(rq.hub(), id, rq.Form("reason"), *by, now);
  } else if (action == "extension") {
    bool bad = false;
    auto until = typed_time("until", bad);
    if (bad || !until) return refuse_input("orders.error.date");
    detail = "until " + rq.Form("until");
    done = AskExtension(rq.hub(), id, *until, rq.Form("reason"), *by, now);
  } else if (action == "extension_grant" || action == "extension_refuse") {
    done = DecideExtension(rq.hub(), id, action == "extension_grant", rq.Form("note"), *by, now);
  } else {
    done = SuperviseRequest(rq.hub(), id, rq.Form("note"), *by, now);
  }
  if (done.error == WriteError::Storage) throw std::runtime_error("ticket " + action + ": " + done.message);
  if (!done.ok()) {
    if (done.code == "street_only" || done.code == "not_owner")
      rq.Audit("denied", r.status.ticket_code, action + ": " + done.code);
    auto fresh = rq.hub().FindRequest(id);
    if (!fresh || !*fresh) throw std::runtime_error("ticket vanished");
    return RenderTicket(rq, **fresh, false, RuleMessage(rq, done),
                        done.error == WriteError::Invalid ? 400 : 409, typed);
  }
  rq.Audit("ticket." + action, r.status.ticket_code, detail);
  // After a 退单 or a 改派 away from this party, the ticket is no longer theirs: back to the queue.
  if (!MayHandleTicket(rq.me(), *done.value)) return rq.Redirect("/console/orders?done=" + action);
  return rq.Redirect(TicketHref(r) + "?done=" + action);
}

}  // namespace ck::hub::console
