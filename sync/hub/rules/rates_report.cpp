// 三率 report: asks the store for the months in one query, then fills the grid and formats it.
#include "sync/hub/rules/rates_report.h"

#include <cstdio>
#include <map>

namespace ck::hub {

std::optional<std::pair<protocol::UnixSeconds, protocol::UnixSeconds>> ShanghaiMonthRange(
    std::string_view m) {
  int y = 0, mo = 0;
  if (m.size() != 7 || m[4] != '-') return std::nullopt;
  if (std::sscanf(std::string(m).c_str(), "%4d-%2d", &y, &mo) != 2 || y < 2000 || y > 2100 || mo < 1 ||
      mo > 12)
    return std::nullopt;
  char a[40], b[40];
  std::snprintf(a, sizeof a, "%04d-%02d-01T00:00:00+08:00", y, mo);
  std::snprintf(b, sizeof b, "%04d-%02d-01T00:00:00+08:00", mo == 12 ? y + 1 : y, mo == 12 ? 1 : mo + 1);
  auto start = protocol::ParseUtc(a), end = protocol::ParseUtc(b);
  if (!start || !end) return std::nullopt;
  return std::pair{*start, *end};
}

std::string ShanghaiMonthOf(protocol::UnixSeconds t) {
  return protocol::FormatUtc(t + kShanghaiOffsetSeconds).substr(0, 7);
}

namespace {

std::string PreviousMonth(const std::string& m) {
  int y = std::stoi(m.substr(0, 4)), mo = std::stoi(m.substr(5, 2));
  if (--mo == 0) {
    mo = 12;
    --y;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y % 10000, mo);
  return buf;
}

}  // namespace

Result<RatesReport> BuildRatesReport(HubRepository& repo, std::string_view until, int months,
                                     std::optional<Channel> channel, protocol::UnixSeconds now) {
  using R = Result<RatesReport>;
  if (months < 1 || months > kMaxRateMonths) return R::Fail("months: 1 to " + std::to_string(kMaxRateMonths));
  std::string last = until.empty() ? ShanghaiMonthOf(now) : std::string(until);
  auto last_range = ShanghaiMonthRange(last);
  if (!last_range) return R::Fail("month: YYYY-MM, e.g. 2026-11");
  RatesReport report;
  report.channel = channel;
  report.months.assign(static_cast<std::size_t>(months), "");
  std::string m = last;
  for (int i = months - 1; i >= 0; --i) {
    report.months[static_cast<std::size_t>(i)] = m;
    m = PreviousMonth(m);
  }
  RatesQuery q;
  q.filed_from = ShanghaiMonthRange(report.months.front())->first;
  q.filed_to = last_range->second;
  q.now = now;
  q.channel = channel;
  auto stored = repo.MonthlyRates(q);
  if (!stored) return R::Fail(stored.error());
  std::map<std::pair<int, std::string>, PartyMonthRates> found;
  for (const auto& r : *stored) found[{static_cast<int>(r.party), r.month}] = r;
  for (protocol::Agency party : kRateParties)
    for (const std::string& month : report.months) {
      auto it = found.find({static_cast<int>(party), month});
      PartyMonthRates row = it != found.end() ? it->second : PartyMonthRates{};
      row.party = party;
      row.month = month;
      report.rows.push_back(std::move(row));
    }
  return R::Ok(std::move(report));
}

std::optional<double> Ratio(std::int64_t ok, std::int64_t due) {
  if (due <= 0) return std::nullopt;
  return static_cast<double>(ok) / static_cast<double>(due);
}

std::string Percent(std::int64_t ok, std::int64_t due) {
  auto r = Ratio(ok, due);
  if (!r) return "—";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f%%", *r * 100.0);
  return buf;
}

std::string RatesCsv(const RatesReport& report) {
  std::string out =
      "party,month,tickets,response_ok,response_due,response_rate,on_time_ok,on_time_due,on_time_rate,"
      "satisfied,rated,satisfaction_rate,returns,extensions_asked,extensions_granted,extensions_refused\r\n";
  auto rate = [](std::int64_t ok, std::int64_t due) {
    auto r = Ratio(ok, due);
    if (!r) return std::string();
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.4f", *r);
    return std::string(buf);
  };
  for (const auto& r : report.rows) {
    out += std::string(protocol::AgencyCode(r.party)) + "," + r.month + "," + std::to_string(r.tickets) +
           "," + std::to_string(r.response_ok) + "," + std::to_string(r.response_due) + "," +
           rate(r.response_ok, r.response_due) + "," + std::to_string(r.resolution_ok) + "," +
           std::to_string(r.resolution_due) + "," + rate(r.resolution_ok, r.resolution_due) + "," +
           std::to_string(r.satisfied) + "," + std::to_string(r.rated) + "," + rate(r.satisfied, r.rated) +
           "," + std::to_string(r.returns) + "," + std::to_string(r.extensions_asked) + "," +
           std::to_string(r.extensions_granted) + "," + std::to_string(r.extensions_refused) + "\r\n";
  }
  return out;
}

std::string RatesTable(const RatesReport& report) {
  std::string out = "PARTY\tMONTH\tTICKETS\tRESPONSE\tON_TIME\tSATISFACTION\tRETURNS\tEXTENSIONS\n";
  for (const auto& r : report.rows) {
    out += std::string(protocol::AgencyCode(r.party)) + "\t" + r.month + "\t" + std::to_string(r.tickets) +
           "\t" + Percent(r.response_ok, r.response_due) + " (" + std::to_string(r.response_ok) + "/" +
           std::to_string(r.response_due) + ")\t" + Percent(r.resolution_ok, r.resolution_due) + " (" +
           std::to_string(r.resolution_ok) + "/" + std::to_string(r.resolution_due) + ")\t" +
           Percent(r.satisfied, r.rated) + " (" + std::to_string(r.satisfied) + "/" +
           std::to_string(r.rated) + ")\t" + std::to_string(r.returns) + "\t" +
           std::to_string(r.extensions_asked) + " (" + std::to_string(r.extensions_granted) + " granted, " +
           std::to_string(r.extensions_refused) + " refused)\n";
  }
  return out;
}

}  // namespace ck::hub
