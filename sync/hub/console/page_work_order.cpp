// One work order: what the resident wrote, where, from which kiosk or channel, the timeline, the phone
// (owning party only, masked until "show", each reveal audited), and the actions of the 12345 flow:
// accept, dispatch (party + person + date), in progress, reply (with 常用回复), resolve, close, re-dispatch
// (with a reason) and, for the street office, 督办. Every change goes through request_editor.h.
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

std::string AgencyOptions(const ConsoleRequest& rq, std::optional<Agency> selected) {
  std::vector<std::pair<std::string, std::string>> v;
  for (auto a : {Agency::PropertyCompany, Agency::ResidentsCommittee, Agency::StreetOffice})
    v.emplace_back(std::string(protocol::AgencyCode(a)), AgencyName(rq.lang, a));
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

ConsoleAnswer RenderTicket(ConsoleRequest& rq, const RequestRecord& r, bool show_phone,
                           std::string_view error, int status) {
  const StaffAccount& me = rq.me();
  const protocol::ServiceRequestStatus& s = r.status;
  bool open = !protocol::IsOpen311Closed(s.status);
  std::string c = Flash(rq);
  if (!error.empty()) c += "<p class=\"error\" role=\"alert\">" + Esc(error) + "</p>\n";
  c += "<p class=\"meta\"><a href=\"/console/orders\">" + Esc(rq.T("orders.back")) + "</a></p>\n";
  c += "<h1><span class=\"code\">" + Esc(s.ticket_code) + "</span> " + Esc(s.service_name) + " " +
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
    // An event that keeps the status (a reply, a 督办) is news, not a new stage.
    c += "<li><strong>" +
         Esc(previous == e.status ? rq.T("orders.event.update") : StatusName(rq.lang, e.status)) +
         "</strong>";
    previous = e.status;
    if (e.agency) c += " · " + Esc(AgencyName(rq.lang, *e.agency));
    c += " <span class=\"meta\">" + Esc(FormatLocal(e.at)) + "</span>";
    if (!e.note.empty()) c += "<br>" + Esc(e.note);
    c += "</li>\n";
  }
  c += "</ol>\n</section>\n<section class=\"order-actions\">\n";

  if (open) {
    bool street = MayDispatch(me);
    if (s.status == RequestStatus::Submitted || s.status == RequestStatus::Reopened)
      c += ActionForm(rq, r, "accept", "", "orders.do.accept");
    if (street) {
      auto hours = rq.hub().ServiceDeadlineHours(s.service_code);
      if (!hours) throw std::runtime_error("deadline: " + hours.error());
      protocol::UnixSeconds promise = rq.now + static_cast<protocol::UnixSeconds>(hours->value_or(kDefaultDeadlineHours)) * 3600;
      std::string f = "<h2>" + Esc(rq.T("orders.dispatch.title")) + "</h2>";
      f += "<label>" + Esc(rq.T("orders.dispatch.party")) + "<select name=\"agency\">" +
           AgencyOptions(rq, s.agency) + "</select></label>";
      f += "<label>" + Esc(rq.T("orders.dispatch.person")) +
           "<input name=\"responsible\" required maxlength=\"100\" value=\"" + Esc(s.agency_responsible) +
           "\"></label>";
      f += "<label>" + Esc(rq.T("orders.dispatch.date")) +
           "<input type=\"datetime-local\" name=\"expected\" value=\"" + Esc(DateTimeLocalValue(promise)) +
           "\"></label>";
      c += ActionForm(rq, r, "dispatch", f, "orders.do.dispatch", true);
    }
    if (s.agency && s.status != RequestStatus::InProgress)
      c += ActionForm(rq, r, "progress", "", "orders.do.progress");

    // Reply with 常用回复: a chip inserts its template at the cursor (console.js, from data-body) and never
    // replaces what was typed; without script it submits the form to reply-template, which shows this
    // page again with the typed text and the template appended. A refused reply keeps the typed text.
    auto templates = rq.hub().ListReplyTemplates(s.service_code, s.status);
    if (!templates) throw std::runtime_error("templates: " + templates.error());
    std::string text = rq.HasForm("text") ? rq.Form("text") : s.status_notes;
    std::string picked = rq.Form("template");
    std::string f = "<h2 id=\"reply\">" + Esc(rq.T("orders.reply.title")) + "</h2>";
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
    if (s.agency) {
      c += ActionForm(rq, r, "resolve", "", "orders.do.resolve");
    }
    c += ActionForm(rq, r, "close", "", "orders.do.close", false, "orders.close.confirm");
    if (s.agency) {
      std::string g = "<h2>" + Esc(rq.T("orders.redispatch.title")) + "</h2>";
      g += "<label>" + Esc(rq.T("orders.dispatch.party")) + "<select name=\"agency\">" +
           AgencyOptions(rq, street ? std::nullopt : std::optional<Agency>(Agency::StreetOffice)) +
           "</select></label>";
      g += "<label>" + Esc(rq.T("orders.dispatch.person")) +
           "<input name=\"responsible\" required maxlength=\"100\" value=\"" +
           Esc(street ? "" : rq.T("orders.redispatch.default_person")) + "\"></label>";
      g += "<label>" + Esc(rq.T("orders.redispatch.reason")) +
           "<textarea name=\"reason\" rows=\"2\" maxlength=\"500\" required></textarea></label>";
      c += ActionForm(rq, r, "redispatch", g, "orders.do.redispatch");
    }
    if (MaySupervise(me) && IsOverdue(r, rq.now)) {
      std::string g = "<h2>" + Esc(rq.T("orders.supervise.title")) + "</h2>";
      g += "<label>" + Esc(rq.T("orders.supervise.note")) +
           "<textarea name=\"note\" rows=\"2\" maxlength=\"500\" required></textarea></label>";
      c += ActionForm(rq, r, "supervise", g, "orders.do.supervise");
    }
  }
  c += "<p><a class=\"button\" href=\"" + Esc(TicketHref(r) + "/receipt") + "\">" +
       Esc(rq.T("orders.receipt.open")) + "</a></p>\n";
  c += "</section></div>\n";
  return rq.Page(s.ticket_code + " · " + rq.T("orders.title"), "nav.orders", c, status);
}

std::optional<Agency> FormAgency(ConsoleRequest& rq) {
  return protocol::ParseAgency(rq.Form("agency"));
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

ConsoleAnswer WorkOrderAction(ConsoleRequest& rq) {
  auto t = LoadTicketFor(rq);
  if (t.answer) return std::move(*t.answer);
  const RequestRecord& r = *t.ticket;
  const std::string& id = r.status.service_request_id;
  const std::string action = rq.Match(2);
  WriteResult<RequestRecord> done;
  std::string detail;
  auto order = [&]() -> std::optional<AssignOrder> {
    auto agency = FormAgency(rq);
    if (!agency) return std::nullopt;
    AssignOrder o;
    o.agency = *agency;
    o.responsible = rq.Form("responsible");
    std::string expected = rq.Form("expected");
    if (!expected.empty()) o.expected_at = ParseDateTimeLocal(expected);
    return o;
  };
  if (action == "accept") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::Accepted, "", rq.now);
  } else if (action == "dispatch" || action == "redispatch") {
    if (action == "dispatch" && !MayDispatch(rq.me()))
      return rq.Deny(r.status.ticket_code, "only the street office dispatches");
    auto o = order();
    if (!o) return rq.BadRequest(rq.T("orders.error.party"));
    detail = "to " + std::string(protocol::AgencyCode(o->agency));
    done = action == "dispatch" ? DispatchRequest(rq.hub(), id, *o, rq.now)
                                : RedispatchRequest(rq.hub(), id, *o, rq.Form("reason"), rq.now);
  } else if (action == "progress") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::InProgress, "", rq.now);
  } else if (action == "reply") {
    done = ReplyToRequest(rq.hub(), id, rq.Form("text"), rq.now);
  } else if (action == "resolve") {
    done = SetRequestStatus(rq.hub(), id, RequestStatus::Resolved, "", rq.now);
  } else if (action == "close") {
    done = CloseRequest(rq.hub(), id, "", rq.now);
  } else if (action == "supervise") {
    if (!MaySupervise(rq.me())) return rq.Deny(r.status.ticket_code, "only the street office supervises");
    done = SuperviseRequest(rq.hub(), id, rq.Form("note"), rq.now);
  } else {
    return rq.NotFound();
  }
  if (done.error == WriteError::Storage) throw std::runtime_error("ticket " + action + ": " + done.message);
  if (!done.ok()) {
    auto fresh = rq.hub().FindRequest(id);
    if (!fresh || !*fresh) throw std::runtime_error("ticket vanished");
    return RenderTicket(rq, **fresh, false, done.message, done.error == WriteError::Invalid ? 400 : 409);
  }
  rq.Audit("ticket." + action, r.status.ticket_code, detail);
  // After a 改派 away from this party, the ticket is no longer theirs: back to the queue.
  if (!MayHandleTicket(rq.me(), *done.value)) return rq.Redirect("/console/orders?done=" + action);
  return rq.Redirect(TicketHref(r) + "?done=" + action);
}

}  // namespace ck::hub::console
