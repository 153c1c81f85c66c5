// RFC 3339 formatting and parsing for the wire, without locale or TZ-environment dependence.
#include "sync/protocol/utc_time.h"

#include <cctype>
#include <chrono>
#include <ctime>

namespace ck::protocol {

UnixSeconds NowUtc() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatUtc(UnixSeconds t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

bool ReadDigits(std::string_view s, size_t pos, size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    unsigned char c = static_cast<unsigned char>(s[pos + i]);
    if (!std::isdigit(c)) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<UnixSeconds> ParseUtc(std::string_view s) {
  int year, month, day, hour, minute, second;
  if (s.size() < 20) return std::nullopt;
  if (!ReadDigits(s, 0, 4, year) || s[4] != '-' || !ReadDigits(s, 5, 2, month) || s[7] != '-' ||
      !ReadDigits(s, 8, 2, day) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
      !ReadDigits(s, 11, 2, hour) || s[13] != ':' || !ReadDigits(s, 14, 2, minute) || s[16] != ':' ||
      !ReadDigits(s, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) ++pos;
  }
  int offset_seconds = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!ReadDigits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !ReadDigits(s, pos + 4, 2, om) || oh > 23 || om > 59)
      return std::nullopt;
    offset_seconds = (oh * 3600 + om * 60) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  std::time_t t = timegm(&tm);
  // timegm normalises out-of-range days (Feb 31 → Mar 3); reject those instead of guessing.
  std::tm check{};
  gmtime_r(&t, &check);
  if (check.tm_mday != day || check.tm_mon != month - 1) return std::nullopt;
  // Only times every client can read back: FormatUtc writes four-digit years, and the kiosk's parser (this
  // one) takes nothing else, so "9999-12-31T23:59:59-23:59" (10000-01-01 in UTC) is refused here.
  UnixSeconds utc = static_cast<UnixSeconds>(t) - offset_seconds;
  constexpr UnixSeconds kYear0 = -62167219200;      // 0000-01-01T00:00:00Z
  constexpr UnixSeconds kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  if (utc < kYear0 || utc >= kYear10000) return std::nullopt;
  return utc;
}

}  // namespace ck::protocol
