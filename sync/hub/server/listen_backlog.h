// Raising the listen backlog of a socket httplib already bound: Debian's compiled cpp-httplib 0.11 listens
// with a backlog of 5, so a burst of kiosks (or 20 retries at once) overflows the accept queue and some
// connections stall or fail. httplib does not expose its socket, so we find it by its bound port.
#pragma once

namespace ck::hub {

// Finds this process's listening TCP socket bound to `port` and calls listen() on it again with
// `backlog` (Linux updates the queue length of a listening socket). Returns false if none was found.
bool RaiseListenBacklog(int port, int backlog);

}  // namespace ck::hub
