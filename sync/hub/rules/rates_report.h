// The 三率 report: per party and Asia/Shanghai month, the response, on-time and satisfaction rates with
// their counts (definitions: PartyMonthRates in work_order_types.h), as rows, a table and CSV.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

inline constexpr int kMaxRateMonths = 24;
inline constexpr protocol::Agency kRateParties[] = {
    protocol::Agency::StreetOffice, protocol::Agency::PropertyCompany, protocol::Agency::ResidentsCommittee};

struct RatesReport {
  std::vector<std::string> months;    // "2026-01" … oldest first
  std::vector<PartyMonthRates> rows;  // every party × every month (zeros where none), party-major
  std::optional<Channel> channel;
};

// `until` is "YYYY-MM" (empty: the month of `now` in Shanghai); `months` 1..kMaxRateMonths ending there.
Result<RatesReport> BuildRatesReport(HubRepository& repo, std::string_view until, int months,
                                     std::optional<Channel> channel, protocol::UnixSeconds now);

// The [start, end) of a "YYYY-MM" Shanghai month in UTC seconds; nullopt when malformed.
std::optional<std::pair<protocol::UnixSeconds, protocol::UnixSeconds>> ShanghaiMonthRange(
    std::string_view month);
std::string ShanghaiMonthOf(protocol::UnixSeconds t);

// "87.5%" of ok/due, or "—" when nothing was due.
std::string Percent(std::int64_t ok, std::int64_t due);
// 0..1, or nullopt when nothing was due.
std::optional<double> Ratio(std::int64_t ok, std::int64_t due);

// party,month,tickets,response_ok,response_due,response_rate,…,returns,extensions_asked,… one line per
// row (RFC 4180, UTF-8, party codes: for scripts; the console's export is for people, page_rates.cpp).
std::string RatesCsv(const RatesReport& report);
std::string RatesTable(const RatesReport& report);

}  // namespace ck::hub
