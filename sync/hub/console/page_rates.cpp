// 三率 per party and month: response, on-time resolution and satisfaction rates with their counts, with
// each party's returns (退单) and extensions (延期申请) beside them, as a table and a small server-rendered
// SVG chart over the last 12 months, optionally per channel; a CSV a clerk opens in a spreadsheet.
#include <httplib.h>

#include <cstdio>

#include "sync/hub/console/csv.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/rates_report.h"

namespace ck::hub::console {

namespace {

// One chart per rate (templates/rate_chart.mustache): a line per party over the months, 0–100 %.
// Presentation attributes only (no style attributes, which the CSP would refuse).
View Chart(const RatesReport& report, int which, const std::string& title) {
  const int w = 360, h = 150, left = 34, right = 8, top = 18, bottom = 22;
  const std::size_t n = report.months.size();
  auto x = [&](std::size_t i) {
    return left + (n <= 1 ? 0.0 : static_cast<double>(i) * (w - left - right) / (n - 1));
  };
  auto y = [&](double ratio) { return top + (1.0 - ratio) * (h - top - bottom); };
  auto fixed1 = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return std::string(buf);
  };
  static const char* kColours[] = {"#1f5fa8", "#c0392b", "#2e8540"};
  View c;
  c["w"] = Num(w);
  c["h"] = Num(h);
  c["left"] = Num(left);
  c["title"] = title;
  View grid = ViewList();
  for (int pct : {0, 50, 100}) {
    View g;
    g["x1"] = Num(left);
    g["x2"] = Num(w - right);
    g["y"] = fixed1(y(pct / 100.0));
    g["label_y"] = fixed1(y(pct / 100.0) + 3);
    g["pct"] = Num(pct);
    grid << g;
  }
  c["grid"] = std::move(grid);
  View months = ViewList();
  for (std::size_t i = 0; i<n; i += n> 6 ? 3 : 1) {
    View m;
    m["x"] = fixed1(x(i));
    m["y"] = Num(h - 6);
    m["label"] = report.months[i].substr(2);
    months << m;
  }
  c["months"] = std::move(months);
  View series = ViewList();
  for (std::size_t p = 0; p < std::size(kRateParties); ++p) {
    std::string points;
    View dots = ViewList();
    for (std::size_t i = 0; i < n; ++i) {
      const PartyMonthRates& r = report.rows[p * n + i];
      auto ratio = which == 0   ? Ratio(r.response_ok, r.response_due)
                   : which == 1 ? Ratio(r.resolution_ok, r.resolution_due)
                                : Ratio(r.satisfied, r.rated);
      if (!ratio) continue;  // nothing due that month: a gap, not a zero
      points += fixed1(x(i)) + "," + fixed1(y(*ratio)) + " ";
      View d;
      d["cx"] = fixed1(x(i));
      d["cy"] = fixed1(y(*ratio));
      dots << d;
    }
    View line;
    line["colour"] = kColours[p];
    if (points.empty()) line["points"] = false; else line["points"] = std::move(points);
    line["dots"] = std::move(dots);
    series << line;
  }
  c["series"] = std::move(series);
  return c;
}

View Cell(std::int64_t ok, std::int64_t due) {
  View c;
  c["percent"] = Percent(ok, due);
  c["ok"] = Num(ok);
  c["due"] = Num(due);
  return c;
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

// The clerk's CSV: a UTF-8 BOM (so a spreadsheet reads the Chinese), headers in the page's language,
// party names, no empty rows. The CLI's `rates --csv` keeps codes for scripts (rates_report.h).
std::string ConsoleRatesCsv(const ConsoleRequest& rq, const RatesReport& report) {
  std::string out(kCsvBom);
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
  View v;
  v["csv_href"] = "/console/rates.csv?until=" + UrlEncode(until) + "&channel=" + UrlEncode(channel);
  std::vector<std::pair<std::string, std::string>> channels{{"", rq.T("common.all")}};
  for (Channel ch : {Channel::Kiosk, Channel::Phone, Channel::FrontDesk, Channel::Open311})
    channels.emplace_back(std::string(ChannelCode(ch)), ChannelName(rq.lang, ch));
  v["until"] = report->months.back();
  v["channels"] = OptionsView(channels, channel);
  View charts = ViewList();
  charts << Chart(*report, 0, rq.T("rates.response"));
  charts << Chart(*report, 1, rq.T("rates.on_time"));
  charts << Chart(*report, 2, rq.T("rates.satisfaction"));
  v["charts"] = std::move(charts);
  const char* kLegend[] = {"legend-street", "legend-property", "legend-committee"};
  View legend = ViewList();
  int i = 0;
  for (protocol::Agency a : kRateParties) {
    View l;
    l["class"] = kLegend[i++];
    l["name"] = AgencyName(rq.lang, a);
    legend << l;
  }
  v["legend"] = std::move(legend);
  View rows = ViewList();
  for (const PartyMonthRates& r : report->rows) {
    if (Empty(r)) continue;  // the chart shows the empty months; the table only what happened
    View row;
    row["party"] = AgencyName(rq.lang, r.party);
    row["month"] = r.month;
    row["tickets"] = Num(r.tickets);
    View cells = ViewList();
    cells << Cell(r.response_ok, r.response_due);
    cells << Cell(r.resolution_ok, r.resolution_due);
    cells << Cell(r.satisfied, r.rated);
    row["cells"] = std::move(cells);
    row["returns"] = Num(r.returns);
    row["extensions"] = Extensions(rq, r);
    rows << row;
  }
  v["rows"] = std::move(rows);
  return rq.Render("rates", rq.T("rates.title"), "nav.rates", std::move(v));
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
