// 代录入: a clerk files a report for a resident who phoned or came to the desk, through the same intake
// rules as a kiosk (a real ticket code), then gets a printable receipt with the ticket's QR code.
#include <httplib.h>

#include "sync/hub/rules/request_intake.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/pages/qr_svg.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/text_checks.h"

namespace ck::hub::console {

namespace {

ConsoleAnswer RenderForm(ConsoleRequest& rq, const protocol::ServiceRequestSubmission& s,
                         const std::string& channel, std::string_view error, int status) {
  auto services = rq.hub().ListServices();
  if (!services) throw std::runtime_error("services: " + services.error());
  std::vector<std::pair<std::string, std::string>> categories;
  for (const auto& sv : *services)
    categories.emplace_back(sv.service_code,
                            rq.lang == Lang::En && !sv.name_en.empty() ? sv.name_en : sv.service_name);
  std::vector<std::pair<std::string, std::string>> channels{
      {"phone", ChannelName(rq.lang, Channel::Phone)},
      {"front_desk", ChannelName(rq.lang, Channel::FrontDesk)}};
  std::vector<std::pair<std::string, std::string>> kinds{{"complaint", rq.T("orders.kind.complaint")},
                                                         {"suggestion", rq.T("orders.kind.suggestion")}};
  std::string c =
      "<h1>" + Esc(rq.T("file.title")) + "</h1>\n<p class=\"hint\">" + Esc(rq.T("file.hint")) + "</p>\n";
  if (!error.empty()) c += "<p class=\"error\" role=\"alert\">" + Esc(error) + "</p>\n";
  c += "<form method=\"post\" enctype=\"multipart/form-data\" class=\"file-form\" action=\"/console/orders/new\">" + rq.CsrfField();
  c += "<div class=\"grid2\"><label>" + Esc(rq.T("file.channel")) + "<select name=\"channel\">" +
       Options(channels, channel) + "</select></label>";
  c += "<label>" + Esc(rq.T("file.kind")) + "<select name=\"kind\">" +
       Options(kinds, protocol::FeedbackKindCode(s.kind)) + "</select></label></div>";
  c += "<label>" + Esc(rq.T("file.category")) + "<select name=\"service_code\">" +
       Options(categories, s.service_code) + "</select></label>";
  c += "<label>" + Esc(rq.T("file.where")) + "<input name=\"address_string\" maxlength=\"100\" value=\"" +
       Esc(s.address_string) + "\"></label>";
  c += "<label>" + Esc(rq.T("file.what")) +
       "<textarea name=\"description\" rows=\"5\" maxlength=\"2000\" required>" + Esc(s.description) +
       "</textarea></label>";
  c += "<label>" + Esc(rq.T("file.phone")) +
       "<input name=\"phone\" type=\"tel\" maxlength=\"30\" value=\"" + Esc(s.phone) + "\"></label>";
  c += "<button type=\"submit\" class=\"primary\">" + Esc(rq.T("file.submit")) + "</button></form>\n";
  return rq.Page(rq.T("file.title"), "nav.orders", c, status);
}

}  // namespace

ConsoleAnswer FileOnBehalfPage(ConsoleRequest& rq) {
  protocol::ServiceRequestSubmission s;
  return RenderForm(rq, s, "phone", "", 200);
}

ConsoleAnswer FileOnBehalfAction(ConsoleRequest& rq) {
  protocol::ServiceRequestSubmission s;
  s.service_code = rq.Form("service_code");
  s.address_string = rq.Form("address_string");
  s.description = rq.Form("description");
  s.phone = PhoneDigits(rq.Form("phone"));  // a landline is typed "021-6666 8888"
  s.kind = protocol::ParseFeedbackKind(rq.Form("kind")).value_or(protocol::FeedbackKind::Complaint);
  std::string channel = rq.Form("channel");
  auto ch = ParseChannel(channel);
  if (!ch || (*ch != Channel::Phone && *ch != Channel::FrontDesk))
    return RenderForm(rq, s, "phone", rq.T("file.error.channel"), 400);
  auto filed = FileOnBehalf(rq.hub(), s, *ch, rq.work_now);
  if (filed.error == WriteError::Storage) throw std::runtime_error("file on behalf: " + filed.message);
  if (!filed.ok()) return RenderForm(rq, s, channel, filed.message, 400);
  rq.Audit("ticket.file", filed.value->status.ticket_code, "channel " + channel);
  // A party's own front desk took the report, so the party owns it first (and can 退单 it to the street
  // office if it is not theirs); the street office's intake waits for its own 派单. This first owner is
  // the intake's rule, made on the street office's behalf: the clerk chooses neither party nor deadline.
  auto agency = AgencyOfParty(rq.me().party);
  if (agency && *agency != protocol::Agency::StreetOffice) {
    AssignOrder order;
    order.agency = *agency;
    order.responsible = PublicStaffName(Lang::Zh, rq.me());  // residents see this: never the sign-in name
    order.note = rq.T("file.taken_by_desk");
    auto taken = DispatchRequest(rq.hub(), filed.value->status.service_request_id, order,
                                 protocol::Agency::StreetOffice, rq.work_now);
    if (taken.error == WriteError::Storage) throw std::runtime_error("file on behalf: " + taken.message);
    if (taken.ok()) rq.Audit("ticket.dispatch", filed.value->status.ticket_code, "to own party (front desk)");
  }
  return rq.Redirect(TicketHref(*filed.value) + "/receipt?done=filed");
}

// The receipt: large ticket code, the QR of the ticket's public page on this hub, what was filed, and
// what happens next. Printable (the stylesheet hides the frame in print).
ConsoleAnswer ReceiptPage(ConsoleRequest& rq) {
  auto t = LoadTicketFor(rq);
  if (t.answer) return std::move(*t.answer);
  const RequestRecord& r = *t.ticket;
  // The configured public address of the hub; only without one, the address this browser used.
  std::string base = rq.services.options.public_url;
  if (base.empty()) {
    std::string host = rq.http.get_header_value("Host");
    if (host.empty() || host.size() > 200 || host.find_first_of("<>\"' /\\") != std::string::npos)
      host = "localhost";
    base = std::string(rq.services.options.secure_cookies ? "https://" : "http://") + host;
  }
  std::string url = base + "/t/" + r.status.ticket_code;
  auto qr = QrSvg(url, 220, rq.T("receipt.qr_label") + " " + r.status.ticket_code);
  std::string c = Flash(rq) + "<article class=\"receipt\">\n<h1>" + Esc(rq.T("receipt.title")) + "</h1>\n";
  c += "<p class=\"receipt-code\">" + Esc(r.status.ticket_code) + "</p>\n";
  if (qr) c += "<div class=\"receipt-qr\">" + *qr + "</div>\n";
  c += "<p class=\"meta\">" + Esc(url) + "</p>\n<dl class=\"facts\">";
  c += "<dt>" + Esc(rq.T("orders.f.filed")) + "</dt><dd>" + Esc(FormatLocal(r.status.requested_at)) + "</dd>";
  c += "<dt>" + Esc(rq.T("orders.col.category")) + "</dt><dd>" + Esc(CategoryName(rq, r)) + "</dd>";
  if (!r.status.address_string.empty())
    c += "<dt>" + Esc(rq.T("orders.f.where")) + "</dt><dd>" + Esc(r.status.address_string) + "</dd>";
  c += "<dt>" + Esc(rq.T("orders.f.description")) + "</dt><dd>" + Esc(r.description) + "</dd>";
  c += "<dt>" + Esc(rq.T("orders.f.channel")) + "</dt><dd>" + Esc(ChannelName(rq.lang, r.work.channel)) +
       "</dd>";
  c += "</dl>\n<p>" + Esc(rq.T("receipt.next")) + "</p>\n</article>\n";
  c += "<p class=\"no-print\"><a class=\"button\" href=\"" + Esc(TicketHref(r)) + "\">" +
       Esc(rq.T("receipt.to_ticket")) + "</a></p>\n";
  return rq.Page(rq.T("receipt.title") + " " + r.status.ticket_code, "nav.orders", c);
}

}  // namespace ck::hub::console
