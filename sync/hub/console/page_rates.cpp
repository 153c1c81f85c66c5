// 三率 per party and month: response, on-time resolution and satisfaction rates with their counts, with
// each party's returns (退单) and extensions (延期申请) beside them, as a table and a small server-rendered
// SVG chart over the last 12 months, optionally per channel; a CSV a clerk opens in a spreadsheet.
#include <httplib.h>

#include <cstdio>

#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/rates_report.h"

namespace ck::hub::console {

namespace {

// One chart per rate: a line per party over the months, 0–100 %. Presentation attributes only (no style
// attributes, which the CSP would refuse).
std::string Chart(const ConsoleRequest& rq, const RatesReport& report, int which, const std::string& title) {
  const int w = 360, h = 150, left = 34, right = 8, top = 18, bottom = 22;
  const std::size_t n = report.months.size();
  auto x = [&](std::size_t i) {
    return left + (n <= 1 ? 0.0 : static_cast<double>(i) * (w - left - right) / (n - 1));
  };
  auto y = [&](double ratio) { return top + (1.0 - ratio) * (h - top - bottom); };
  static const char* kColours[] = {"#1f5fa8", "#c0392b", "#2e8540"};
  char buf[128];
  std::string s = "<svg class=\"rate-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                  std::to_string(w) + " " + std::to_string(h) + "\" role=\"img\" aria-label=\"" + Esc(title) +
                  "\">";
  s += "<text x=\"" + std::to_string(left) + "\" y=\"12\" font-size=\"12\" fill=\"#222\">" + Esc(title) +
       "</text>";
  for (int pct : {0, 50, 100}) {
    std::snprintf(buf, sizeof buf, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>",
                  left, w - right, y(pct / 100.0), y(pct / 100.0));
    s += buf;
    std::snprintf(buf, sizeof buf, "<text x=\"2\" y=\"%.1f\" font-size=\"10\" fill=\"#555\">%d%%</text>",
                  y(pct / 100.0) + 3, pct);
    s += buf;
  }
  for (std::size_t i = 0; i<n; i += n> 6 ? 3 : 1) {
    std::snprintf(buf, sizeof buf,
                  "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" fill=\"#555\" text-anchor=\"middle\">", x(i),
                  h - 6);
    s += buf + Esc(report.months[i].substr(2)) + "</text>";
  }
  int p = 0;
  for (protocol::Agency party : kRateParties) {
    std::string points;
    std::string dots;
    for (std::size_t i = 0; i < n; ++i) {
      const PartyMonthRates& r = report.rows[static_cast<std::size_t>(p) * n + i];
      auto ratio = which == 0   ? Ratio(r.response_ok, r.response_due)
                   : which == 1 ? Ratio(r.resolution_ok, r.resolution_due)
                                : Ratio(r.satisfied, r.rated);
      if (!ratio) continue;  // nothing due that month: a gap, not a zero
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", x(i), y(*ratio));
      points += buf;
      std::snprintf(buf, sizeof buf, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>", x(i),
                    y(*ratio), kColours[p]);
      dots += buf;
    }
    if (!points.empty())
      s += std::string("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"") + kColours[p] +
           "\" points=\"" + points + "\"/>";
    s += dots;
    (void)party;
    ++p;
  }
  s += "</svg>";
  (void)rq;
  return s;
}

std::string Cell(std::int64_t ok, std::int64_t due) {
  return "<td class=\"num\">" + Esc(Percent(ok, due)) + "<br><span class=\"meta\">" + std::to_string(ok) +
         "/" + std::to_string(due) + "</span></td>";
}

// A row with nothing in it: no ticket filed, nothing returned or asked.
bool Empty(const PartyMonthRates& r) {
  return r.tickets == 0 && r.returns == 0 && r.extensions_asked == 0 && r.extensions_granted == 0 &&
         r.extensions_refused == 0;
}

// "2 (1 批准 / 1 未批准)": asked, and of those answered that month, granted and refused.
std::string Extensions(const ConsoleRequest& rq, const PartyMonthRates& r) {
  char buf[160];
  std::snprintf(buf, sizeof buf, rq.T("rates.extensions_cell").c_str(), static_cast<long long>(r.extensions_asked),
                static_cast<long long>(r.extensions_granted), static_cast<long long>(r.extensions_refused));
  return buf;
}

// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string CsvField(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char ch : v) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

// The clerk's CSV: a UTF-8 BOM (so a spreadsheet reads the Chinese), headers in the page's language,
// party names, no empty rows. The CLI's `rates --csv` keeps codes for scripts (rates_report.h).
std::string ConsoleRatesCsv(const ConsoleRequest& rq, const RatesReport& report) {
  std::string out = "\xEF\xBB\xBF";
  const char* headers[] = {"rates.col.party",        "rates.col.month",          "rates.col.tickets",
                           "rates.csv.response_ok",  "rates.csv.response_due",   "rates.response",
                           "rates.csv.on_time_ok",   "rates.csv.on_time_due",    "rates.on_time",
                           "rates.csv.satisfied",    "rates.csv.rated",          "rates.satisfaction",
                           "rates.col.returns",      "rates.csv.extensions_asked", "rates.csv.extensions_granted",
                           "rates.csv.extensions_refused"};
  for (std::size_t i = 0; i < std::size(headers); ++i) out += (i ? "," : "") + CsvField(rq.T(headers[i]));
  out += "\r\n";
  auto rate = [](std::int64_t ok, std::int64_t due) { return due > 0 ? Percent(ok, due) : std::string(); };
  for (const PartyMonthRates& r : report.rows) {
    if (Empty(r)) continue;
    std::vector<std::string> v = {AgencyName(rq.lang, r.party), r.month, std::to_string(r.tickets),
                                  std::to_string(r.response_ok), std::to_string(r.response_due),
                                  rate(r.response_ok, r.response_due), std::to_string(r.resolution_ok),
                                  std::to_string(r.resolution_due), rate(r.resolution_ok, r.resolution_due),
                                  std::to_string(r.satisfied), std::to_string(r.rated),
                                  rate(r.satisfied, r.rated), std::to_string(r.returns),
                                  std::to_string(r.extensions_asked), std::to_string(r.extensions_granted),
                                  std::to_string(r.extensions_refused)};
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + CsvField(v[i]);
    out += "\r\n";
  }
  return out;
}

Result<RatesReport> ReportFor(ConsoleRequest& rq) {
  std::string until = rq.Query("until");
  std::optional<Channel> channel = ParseChannel(rq.Query("channel"));
  return BuildRatesReport(rq.hub(), until.substr(0, 7), 12, channel, rq.work_now);
}

}  // namespace

ConsoleAnswer RatesPage(ConsoleRequest& rq) {
  auto report = ReportFor(rq);
  if (!report) return rq.BadRequest(rq.T("rates.error.month"));
  std::string channel = rq.Query("channel"), until = rq.Query("until");
  std::string c =
      "<div class=\"actions\"><h1>" + Esc(rq.T("rates.title")) + "</h1><a class=\"button\" href=\"" +
      Esc("/console/rates.csv?until=" + UrlEncode(until) + "&channel=" + UrlEncode(channel)) + "\">" +
      Esc(rq.T("rates.csv")) + "</a></div>\n<p class=\"hint\">" + Esc(rq.T("rates.hint")) + "</p>\n";
  std::vector<std::pair<std::string, std::string>> channels{{"", rq.T("common.all")}};
  for (Channel ch : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    channels.emplace_back(std::string(ChannelCode(ch)), ChannelName(rq.lang, ch));
  c += "<form class=\"filters\" method=\"get\" action=\"/console/rates\"><label>" + Esc(rq.T("rates.until")) +
       "<input type=\"month\" name=\"until\" value=\"" + Esc(report->months.back()) + "\"></label><label>" +
       Esc(rq.T("orders.filter.channel")) + "<select name=\"channel\">" + Options(channels, channel) +
       "</select></label><button type=\"submit\">" + Esc(rq.T("common.filter")) + "</button></form>\n";
  c += "<div class=\"charts\">" + Chart(rq, *report, 0, rq.T("rates.response")) +
       Chart(rq, *report, 1, rq.T("rates.on_time")) + Chart(rq, *report, 2, rq.T("rates.satisfaction")) +
       "</div>\n";
  c += "<p class=\"legend\">";
  const char* kLegend[] = {"legend-street", "legend-property", "legend-committee"};
  int i = 0;
  for (protocol::Agency a : kRateParties)
    c += "<span class=\"" + std::string(kLegend[i++]) + "\">● " + Esc(AgencyName(rq.lang, a)) + "</span> ";
  c += "</p>\n";
  c += "<table class=\"list rates\"><thead><tr><th>" + Esc(rq.T("rates.col.party")) + "</th><th>" +
       Esc(rq.T("rates.col.month")) + "</th><th>" + Esc(rq.T("rates.col.tickets")) + "</th><th>" +
       Esc(rq.T("rates.response")) + "</th><th>" + Esc(rq.T("rates.on_time")) + "</th><th>" +
       Esc(rq.T("rates.satisfaction")) + "</th><th>" + Esc(rq.T("rates.col.returns")) + "</th><th>" +
       Esc(rq.T("rates.col.extensions")) + "</th></tr></thead><tbody>\n";
  for (const PartyMonthRates& r : report->rows) {
    if (Empty(r)) continue;  // the chart shows the empty months; the table only what happened
    c += "<tr><td>" + Esc(AgencyName(rq.lang, r.party)) + "</td><td class=\"num\">" + Esc(r.month) +
         "</td><td class=\"num\">" + std::to_string(r.tickets) + "</td>" +
         Cell(r.response_ok, r.response_due) + Cell(r.resolution_ok, r.resolution_due) +
         Cell(r.satisfied, r.rated) + "<td class=\"num returns\">" + std::to_string(r.returns) +
         "</td><td class=\"num extensions\">" + Esc(Extensions(rq, r)) + "</td></tr>\n";
  }
  c += "</tbody></table>\n";
  return rq.Page(rq.T("rates.title"), "nav.rates", c);
}

ConsoleAnswer RatesCsvExport(ConsoleRequest& rq) {
  auto report = ReportFor(rq);
  if (!report) return rq.BadRequest(rq.T("rates.error.month"));
  ConsoleAnswer a;
  a.content_type = "text/csv; charset=utf-8";
  a.body = ConsoleRatesCsv(rq, *report);
  a.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"rates-" + report->months.back() + ".csv\"");
  return a;
}

}  // namespace ck::hub::console
