// The community-hub command line: serve, kiosk add|list, notice publish|update|withdraw|list|import,
// service list|add|update, request list|show|assign|status|reply|close, operator add, staff add|disable|list,
// audit.
// Exit codes: 0 success, 1 failure of the machine (database, network), 2 invalid input (message on stderr).
#pragma once

#include <iosfwd>

namespace ck::hub {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitInvalidInput = 2;

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);

}  // namespace ck::hub
