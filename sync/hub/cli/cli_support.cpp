// Shared command-line helpers: opening the database, times and table formatting.
#include "sync/hub/cli/cli_support.h"

namespace ck::hub::cli {

std::unique_ptr<SqliteHubRepository> OpenRepo(const std::string& path) {
  auto repo = SqliteHubRepository::Open(path);
  if (!repo) throw std::runtime_error(repo.error());
  return std::move(repo).value();
}

protocol::UnixSeconds ParseTimeOrThrow(const std::string& text, const char* flag) {
  auto t = protocol::ParseUtc(text);
  if (!t) throw InvalidInput{std::string(flag) + ": not an RFC 3339 time like 2026-11-26T08:00:00Z"};
  return *t;
}

std::string FormatOptTime(const std::optional<protocol::UnixSeconds>& t) {
  return t ? protocol::FormatUtc(*t) : "-";
}

std::string Clip(const std::string& s, std::size_t max_cp) {
  std::size_t cp = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && cp++ == max_cp) return s.substr(0, i) + "…";
  }
  return s;
}

}  // namespace ck::hub::cli
