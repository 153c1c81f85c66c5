// One work order: what the resident wrote, where, from which kiosk or channel, the timeline, the phone
// (owning party only, masked until "show", each reveal audited), and the actions of the 12345 flow:
// accept, in progress, reply (with 常用回复), resolve, close; for the street office 派单, 改派, 督办 and the
// answer to a 延期申请; for the party holding it 退单 and 延期申请. Every change goes through
// request_editor.h acting as the clerk's party, so the page only offers what the rules would allow; a
// refusal re-renders the page with what the clerk typed and the rule's words in the page's language.
#include <httplib.h>

#include "sync/protocol/phone_mask.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::console {

namespace {

using protocol::Agency;
using protocol::RequestStatus;

std::string Fact(std::string_view label, std::string_view html) {
  return "<dt>" + Esc(label) + "</dt><dd>" + std::string(html) + "</dd>\n";
}

std::string ParagraphsEsc(std::string_view text) {
  std::string out;
  for (char ch : Esc(text)) {
    if (ch == '\n')
      out += "<br>";
    else
      out += ch;
  }
  return out;
}

std::string AgencyOptions(const ConsoleRequest& rq, std::optional<Agency> selected,
                          const Agency* leave_out = nullptr) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto a : {Agency::PropertyCompany, Agency::ResidentsCommittee, Agency::StreetOffice})
    if (!leave_out || a != *leave_out) v.emplace_back(std::string(protocol::AgencyCode(a)), AgencyName(rq.lang, a));
  return Options(v, selected ? protocol::AgencyCode(*selected) : "");
}

std::string ActionForm(const ConsoleRequest& rq, const RequestRecord& r, const char* action,
                       std::string_view fields_html, const char* button_key, bool primary = false,
                       const char* confirm_key = nullptr) {
  // confirm_key: console.js asks this question before the form is sent (关闭 cannot be taken back).
  std::string confirm = confirm_key ? " data-confirm=\"" + Esc(rq.T(confirm_key)) + "\"" : "";
  return "<form method=\"post\" enctype=\"multipart/form-data\" class=\"order-action\" action=\"" + Esc(TicketHref(r) + "/" + action) +
         "\">" + rq.CsrfField() + std::string(fields_html) + "<button type=\"submit\"" +
         (primary ? " class=\"primary\"" : "") + confirm + ">" + Esc(rq.T(button_key)) + "</button></form>\n";
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

ConsoleAnswer RenderTicket(ConsoleRequest& rq, const RequestRecord& r, bool show_phone,
                           std::string_view error, int status, const Typed& typed = {}) {
  const StaffAccount& me = rq.me();
  const protocol::ServiceRequestStatus& s = r.status;
  bool open = !protocol::IsOpen311Closed(s.status);
  std::string c = Flash(rq);
  // The refusal shows next to the form it answers; when that form is not on the page (an action this
  // party is not offered), at the top.
  const std::string alert = "<p class=\"error\" role=\"alert\">" + Esc(error) + "</p>\n";
  const std::size_t top = c.size();
  bool placed = false;
  auto refusal = [&](std::string_view action) {
    if (error.empty() || typed.action != action) return std::string();
    placed = true;
    return alert;
  };
  c += "<p class=\"meta\"><a href=\"/console/orders\">" + Esc(rq.T("orders.back")) + "</a></p>\n";
  c += "<h1><span class=\"code\">" + Esc(s.ticket_code) + "</span> " + Esc(CategoryName(rq, r)) + " " +
       TicketBadges(rq, r) + "</h1>\n";
  c += "<div class=\"order-grid\"><section>\n<dl class=\"facts\">\n";
  c += Fact(rq.T("orders.f.kind"),
            Esc(rq.T(r.kind == protocol::FeedbackKind::Suggestion ? "orders.kind.suggestion"
                                                                  : "orders.kind.complaint")));
  c += Fact(rq.T("orders.f.description"),
            "<div class=\"resident-text\">" + ParagraphsEsc(r.description) + "</div>");
  c += Fact(rq.T("orders.f.where"), s.address_string.empty() ? "—" : Esc(s.address_string));
  std::string via = Esc(ChannelName(rq.lang, r.work.channel));
  if (!r.device_id.empty()) {
    auto kiosks = rq.hub().ListKiosks();
    if (!kiosks) throw std::runtime_error("kiosks: " + kiosks.error());
    std::string name = r.device_id;
    for (const auto& k : *kiosks)
      if (k.device_id == r.device_id) name = k.name;
    via += " · " + Esc(name);
  }
  c += Fact(rq.T("orders.f.channel"), via);
  c += Fact(rq.T("orders.f.filed"), Esc(FormatLocal(s.requested_at)));
  c += Fact(rq.T("orders.f.owner"),
            s.agency ? Esc(AgencyName(rq.lang, *s.agency)) +
                           (s.agency_responsible.empty() ? "" : " · " + Esc(s.agency_responsible))
                     : Esc(rq.T("orders.undispatched")));
  c += Fact(rq.T("orders.f.due"), Esc(FormatLocal(r.work.due_at)));
  if (r.work.extension_until)
    c += Fact(rq.T("orders.extension_pending"),
              Esc(FormatLocal(*r.work.extension_until)) + " · " + Esc(r.work.extension_reason));
  if (r.work.supervised_at)
    c += Fact(rq.T("orders.supervised"),
              Esc(FormatLocal(*r.work.supervised_at)) + " · " + Esc(r.work.supervision_note));
  if (!s.status_notes.empty())
    c += Fact(rq.T("orders.f.reply"), "<div class=\"reply\">" + ParagraphsEsc(s.status_notes) + "</div>");
  if (s.rating) c += Fact(rq.T("orders.f.rating"), Esc(std::to_string(*s.rating) + " / 5"));
  // The phone: the owning party only, masked until asked for; the reveal is a POST, so it is audited.
  if (!r.phone.empty() && MaySeeResidentPhone(me, r)) {
    std::string phone = "<span class=\"phone\">" + Esc(show_phone ? r.phone : protocol::MaskPhone(r.phone)) + "</span>";
    if (!show_phone)
      phone += " <form method=\"post\" enctype=\"multipart/form-data\" class=\"inline\" action=\"" + Esc(TicketHref(r) + "/phone") + "\">" +
               rq.CsrfField() + "<button type=\"submit\" class=\"link\">" + Esc(rq.T("orders.phone.show")) +
               "</button></form>";
    c += Fact(rq.T("orders.f.phone"), phone);
  }
  c += "</dl>\n<h2>" + Esc(rq.T("orders.timeline")) + "</h2>\n<ol class=\"timeline\">\n";
  std::optional<RequestStatus> previous;
  for (const protocol::StatusEvent& e : s.history) {
    c += "<li class=\"event-" + std::string(protocol::EventKindCode(e.kind)) + "\"><strong>" +
         Esc(EventLabel(rq, e, previous)) + "</strong>";
    previous = e.status;
    if (e.agency) c += " · " + Esc(AgencyName(rq.lang, *e.agency));
    c += " <span class=\"meta\">" + Esc(FormatLocal(e.at)) + "</span>";
    // The label already says 改派 / 督办; the note's prefix is for kiosks that read notes (request_editor).
    std::string_view note = e.note;
    for (std::string_view prefix : {std::string_view("改派："), std::string_view("督办：")})
      if (e.kind != protocol::EventKind::Status && note.starts_with(prefix)) note.remove_prefix(prefix.size());
    if (!note.empty()) c += "<br>" + Esc(note);
    c += "</li>\n";
  }
  c += "</ol>\n</section>\n<section class=\"order-actions\">\n";

  if (open) {
    bool street = MayDispatch(me);
    bool handles = MayHandleTicket(me, r);
    if (handles && (s.status == RequestStatus::Submitted || s.status == RequestStatus::Reopened))
      c += ActionForm(rq, r, "accept", refusal("accept"), "orders.do.accept");
    if (street && !s.agency) {
      auto hours = rq.hub().ServiceDeadlineHours(s.service_code);
      if (!hours) throw std::runtime_error("deadline: " + hours.error());
      protocol::UnixSeconds promise =
          rq.work_now + static_cast<protocol::UnixSeconds>(hours->value_or(kDefaultDeadlineHours)) * 3600;
      std::string f = "<h2>" + Esc(rq.T("orders.dispatch.title")) + "</h2>" + refusal("dispatch");
      f += "<label>" + Esc(rq.T("orders.dispatch.party")) + "<select name=\"agency\">" +
           AgencyOptions(rq, s.agency) + "</select></label>";
      f += "<label>" + Esc(rq.T("orders.dispatch.person")) +
           "<input name=\"responsible\" required maxlength=\"100\" value=\"" +
           Esc(typed.action == "dispatch" ? typed.responsible : s.agency_responsible) + "\"></label>";
      f += "<label>" + Esc(rq.T("orders.dispatch.date")) +
           "<input type=\"datetime-local\" name=\"expected\" value=\"" + Esc(DateTimeLocalValue(promise)) +
           "\"></label>";
      c += ActionForm(rq, r, "dispatch", f, "orders.do.dispatch", true);
    }
    if (handles && s.agency && !s.agency_responsible.empty() && s.status != RequestStatus::InProgress)
      c += ActionForm(rq, r, "progress", refusal("progress"), "orders.do.progress");

    if (handles) {
      // Reply with 常用回复: a chip inserts its template at the cursor (console.js, from data-body) and never
      // replaces what was typed; without script it submits the form to reply-template, which shows this
      // page again with the typed text and the template appended. A refused reply keeps the typed text.
      auto templates = rq.hub().ListReplyTemplates(s.service_code, s.status);
      if (!templates) throw std::runtime_error("templates: " + templates.error());
      std::string text = typed.action == "reply" ? typed.text : rq.HasForm("text") ? rq.Form("text") : s.status_notes;
      std::string picked = rq.Form("template");
      std::string f = "<h2 id=\"reply\">" + Esc(rq.T("orders.reply.title")) + "</h2>" + refusal("reply");
      std::string chips;
      for (const ReplyTemplate& t : *templates) {
        if (!MayReadReplyTemplate(me, t)) continue;
        if (picked == std::to_string(t.id)) text += (text.empty() || text.back() == '\n' ? "" : "\n") + t.body;
        chips += "<button type=\"submit\" class=\"chip\" name=\"template\" value=\"" + std::to_string(t.id) +
                 "\" formaction=\"" + Esc(TicketHref(r) + "/reply-template#reply") + "\" formnovalidate data-body=\"" +
                 Esc(t.body) + "\">" + Esc(t.title) + "</button> ";
      }
      if (!chips.empty()) f += "<p class=\"templates\">" + Esc(rq.T("orders.reply.templates")) + " " + chips + "</p>";
      f += "<textarea name=\"text\" rows=\"5\" maxlength=\"2000\" required data-unsaved>" + Esc(text) + "</textarea>";
      c += ActionForm(rq, r, "reply", f, "orders.do.reply", true);
      if (s.agency) c += ActionForm(rq, r, "resolve", refusal("resolve"), "orders.do.resolve");
      c += ActionForm(rq, r, "close", refusal("close"), "orders.do.close", false, "orders.close.confirm");
    }
    if (MayReturn(me, r)) {
      std::string g = "<h2>" + Esc(rq.T("orders.return.title")) + "</h2>" + refusal("return");
      g += "<p class=\"hint\">" + Esc(rq.T("orders.return.hint")) + "</p>";
      g += "<label>" + Esc(rq.T("orders.redispatch.reason")) +
           "<textarea name=\"reason\" rows=\"2\" maxlength=\"500\" required>" +
           Esc(typed.action == "return" ? typed.reason : "") + "</textarea></label>";
      c += ActionForm(rq, r, "return", g, "orders.do.return");
    }
    if (MayAskExtension(me, r)) {
      std::string g = "<h2>" + Esc(rq.T("orders.extension.title")) + "</h2>" + refusal("extension");
      g += "<label>" + Esc(rq.T("orders.extension.until")) +
           "<input type=\"datetime-local\" name=\"until\" required value=\"" +
           Esc(typed.action == "extension" ? typed.until : "") + "\"></label>";
      g += "<label>" + Esc(rq.T("orders.redispatch.reason")) +
           "<textarea name=\"reason\" rows=\"2\" maxlength=\"500\" required>" +
           Esc(typed.action == "extension" ? typed.reason : "") + "</textarea></label>";
      c += ActionForm(rq, r, "extension", g, "orders.do.extension");
    }
    if (street && r.work.extension_until) {
      std::string g = "<h2>" + Esc(rq.T("orders.extension.decide")) + "</h2>" + refusal("extension_grant") +
                      refusal("extension_refuse");
      g += "<p>" + Esc(FormatLocal(*r.work.extension_until)) + " · " + Esc(r.work.extension_reason) + "</p>";
      g += "<label>" + Esc(rq.T("orders.extension.note")) +
           "<textarea name=\"note\" rows=\"2\" maxlength=\"500\">" +
           Esc(typed.action.starts_with("extension_") ? typed.note : "") + "</textarea></label>";
      g += "<button type=\"submit\" formaction=\"" + Esc(TicketHref(r) + "/extension_refuse") + "\">" +
           Esc(rq.T("orders.do.extension_refuse")) + "</button> ";
      c += ActionForm(rq, r, "extension_grant", g, "orders.do.extension_grant", true);
    }
    if (street && s.agency) {
      // 改派: to another party than the one holding it (a returned ticket may go anywhere).
      const Agency* holder = r.work.returned_at ? nullptr : &*s.agency;
      std::string g = "<h2>" + Esc(rq.T("orders.redispatch.title")) + "</h2>" + refusal("redispatch");
      g += "<label>" + Esc(rq.T("orders.dispatch.party")) + "<select name=\"agency\">" +
           AgencyOptions(rq, std::nullopt, holder) + "</select></label>";
      g += "<label>" + Esc(rq.T("orders.dispatch.person")) +
           "<input name=\"responsible\" required maxlength=\"100\" value=\"" +
           Esc(typed.action == "redispatch" ? typed.responsible : "") + "\"></label>";
      g += "<label>" + Esc(rq.T("orders.redispatch.reason")) +
           "<textarea name=\"reason\" rows=\"2\" maxlength=\"500\" required>" +
           Esc(typed.action == "redispatch" ? typed.reason : "") + "</textarea></label>";
      c += ActionForm(rq, r, "redispatch", g, "orders.do.redispatch");
    }
    if (MaySupervise(me) && IsOverdue(r, rq.work_now)) {
      std::string g = "<h2>" + Esc(rq.T("orders.supervise.title")) + "</h2>" + refusal("supervise");
      g += "<label>" + Esc(rq.T("orders.supervise.note")) +
           "<textarea name=\"note\" rows=\"2\" maxlength=\"500\" required>" +
           Esc(typed.action == "supervise" ? typed.note : "") + "</textarea></label>";
      c += ActionForm(rq, r, "supervise", g, "orders.do.supervise");
    }
  }
  c += "<p><a class=\"button\" href=\"" + Esc(TicketHref(r) + "/receipt") + "\">" +
       Esc(rq.T("orders.receipt.open")) + "</a></p>\n";
  c += "</section></div>\n";
  if (!error.empty() && !placed) c.insert(top, alert);
  return rq.Page(s.ticket_code + " · " + rq.T("orders.title"), "nav.orders", c, status);
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
