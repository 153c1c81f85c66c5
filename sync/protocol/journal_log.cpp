// The journal log: level filter, prefix choice and one write() per line.
#include "sync/protocol/journal_log.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <algorithm>
#include <string>

namespace ck::log {

namespace {

Level MinLevelFromEnvironment() {
  const char* v = std::getenv("CK_LOG_LEVEL");
  if (v == nullptr) return Level::Info;
  std::string_view s(v);
  if (s == "error") return Level::Error;
  if (s == "warning") return Level::Warning;
  if (s == "debug") return Level::Debug;
  return Level::Info;
}

// systemd sets JOURNAL_STREAM to "<device>:<inode>" of the stream it connected; it is ours only if stderr
// still is that stream (a child of the service whose stderr was redirected is not).
bool StderrIsJournal() {
  const char* v = std::getenv("JOURNAL_STREAM");
  if (v == nullptr) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(v, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st {};
  if (::fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

struct Settings {
  Level min_level = MinLevelFromEnvironment();
  bool journal = StderrIsJournal();
};

const Settings& Current() {
  static const Settings settings;
  return settings;
}

void Write(Level level, const char* format, va_list args) {
  if (!Enabled(level)) return;
  char text[2048];
  int n = std::vsnprintf(text, sizeof text, format, args);
  if (n < 0) return;
  std::string line(Prefix(level));
  line.append(text, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof text - 1));
  // One message, one line: a newline inside (an error text from a server) would start a line without level.
  for (char& c : line)
    if (c == '\n' || c == '\r') c = ' ';
  line += '\n';
  // One write(): lines from the UI and the sync thread never interleave.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    ssize_t w = ::write(STDERR_FILENO, p, left);
    if (w <= 0) return;  // nowhere to log to: nothing better to do
    p += w;
    left -= static_cast<std::size_t>(w);
  }
}

}  // namespace

bool Enabled(Level level) {
  return static_cast<int>(level) <= static_cast<int>(Current().min_level);
}

std::string_view Prefix(Level level) {
  // On a terminal the line stays exactly what the caller wrote: the documented one-line errors
  // ("community-kiosk: …kiosk.toml:21: …") begin with the program's name.
  if (!Current().journal) return "";
  switch (level) {
    case Level::Error:
      return "<3>";
    case Level::Warning:
      return "<4>";
    case Level::Info:
      return "<6>";
    case Level::Debug:
      return "<7>";
  }
  return "";
}

#define CK_LOG_DEFINE(Name, level)          \
  void Name(const char* format, ...) {      \
    va_list args;                           \
    va_start(args, format);                 \
    Write(level, format, args);             \
    va_end(args);                           \
  }

CK_LOG_DEFINE(Error, Level::Error)
CK_LOG_DEFINE(Warning, Level::Warning)
CK_LOG_DEFINE(Info, Level::Info)
CK_LOG_DEFINE(Debug, Level::Debug)

#undef CK_LOG_DEFINE

}  // namespace ck::log
