// The kiosk's and the sync engine's log: one line per message on stderr, which systemd puts in the journal.
// Each line starts with its syslog level as "<3>" … "<7>" (sd-daemon.h's SD_ERR … SD_DEBUG), which journald
// reads as the priority when stderr is its stream (the unit's default SyslogLevelPrefix=yes); on a terminal
// (no JOURNAL_STREAM naming stderr) there is no prefix: the line is what the caller wrote.
//
// What a caller must know: never pass personal data. A resident's phone number, report text, name or
// ticket code does not belong in a log line; log ids, counts, states and error descriptions.
//
// CK_LOG_LEVEL=error|warning|info|debug (default info) chooses the least important level written.
// Thread-safe: each line goes out in one write().
#pragma once

#include <string_view>

namespace ck::log {

enum class Level { Error = 3, Warning = 4, Info = 6, Debug = 7 };

#if defined(__GNUC__)
#define CK_LOG_PRINTF __attribute__((format(printf, 1, 2)))
#else
#define CK_LOG_PRINTF
#endif

void Error(const char* format, ...) CK_LOG_PRINTF;
void Warning(const char* format, ...) CK_LOG_PRINTF;
void Info(const char* format, ...) CK_LOG_PRINTF;
void Debug(const char* format, ...) CK_LOG_PRINTF;

#undef CK_LOG_PRINTF

// Whether a line at `level` is written (CK_LOG_LEVEL, read once).
bool Enabled(Level level);
// The prefix a line at `level` gets: "<4>" for the journal, nothing on a terminal.
std::string_view Prefix(Level level);

}  // namespace ck::log
