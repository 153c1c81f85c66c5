// 代录入: a clerk files a report for a resident who phoned or came to the desk, through the same intake
// rules as a kiosk (a real ticket code), then gets a printable receipt with the ticket's QR code.
#include <httplib.h>

#include "sync/hub/rules/request_intake.h"
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
  View v;
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  v["channels"] = OptionsView(channels, channel);
  v["kinds"] = OptionsView(kinds, protocol::FeedbackKindCode(s.kind));
  v["categories"] = OptionsView(categories, s.service_code);
  v["address"] = s.address_string;
  v["description"] = s.description;
  v["phone"] = s.phone;
  return rq.Render("file_on_behalf", rq.T("file.title"), "nav.orders", std::move(v), status);
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
    order.note = Tr(Lang::Zh, "file.taken_by_desk");  // stored like the rules' notes; the timeline translates it
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
  View v;
  v["code"] = r.status.ticket_code;
  // The one unescaped value of the page: an SVG qr_svg.h builds from escaped parts (README).
  if (qr) v["qr_svg"] = *qr; else v["qr_svg"] = false;
  v["url"] = url;
  v["filed"] = FormatLocal(r.status.requested_at);
  v["category"] = CategoryName(rq, r);
  if (r.status.address_string.empty()) v["address"] = false; else v["address"] = r.status.address_string;
  v["description"] = r.description;
  v["channel"] = ChannelName(rq.lang, r.work.channel);
  v["href"] = TicketHref(r);
  return rq.Render("receipt", rq.T("receipt.title") + " " + r.status.ticket_code, "nav.orders", std::move(v));
}

}  // namespace ck::hub::console
