// The heartbeat's audited part: maintenance-panel events the kiosk has not yet had acknowledged, and the
// state of its data disk. The kiosk sends them; the hub stores each event once in its audit log (actor
// "kiosk:<device_id>", action "kiosk.panel") and answers with the ids it now holds; only then does the kiosk
// mark them sent. An event is known to the hub by (device id, id, at): a kiosk database made anew (same
// credentials, ids counting from 1 again) still has its events stored.
//
//   request  {"panel_events":[{"id":12,"at":"2026-12-05T08:00:00Z","event":"opened"}, …],
//             "disk_free_bytes":123456789, "disk_full":false, …the health fields…}
//   answer   {"panel_events_acknowledged":[12, …], "kiosk_number":1, "server_time":"…"}
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::protocol {

// At most this many events go in one heartbeat (the oldest first); the rest follow in the next ones.
inline constexpr std::size_t kMaxPanelEventsPerHeartbeat = 50;
inline constexpr std::size_t kMaxPanelEventNameBytes = 32;
// The kiosk calls its disk full below this much free space (SQLite needs room for its journal, and a
// resident's report must still fit).
inline constexpr std::uint64_t kDiskFullBelowBytes = 64ull << 20;

struct PanelEvent {
  std::int64_t id = 0;  // the kiosk's own id (>= 1), increasing
  UnixSeconds at = 0;   // the kiosk's clock
  std::string event;    // "opened", "wrong_pin", "locked", "sync_now", "screen_test", "restart", "closed"
};

// The kiosk's data disk as the heartbeat reports it.
struct DiskState {
  std::uint64_t free_bytes = 0;
  bool full = false;  // free_bytes < kDiskFullBelowBytes, or a write failed for want of space
};

// Lower-case letters and '_' only, 1..kMaxPanelEventNameBytes: new kiosk versions may add names, and the
// hub stores any such name without having to know it.
bool IsPanelEventName(std::string_view name);

// `events` as the request's "panel_events" array.
nlohmann::json PanelEventsToJson(const std::vector<PanelEvent>& events);
// The request's "panel_events" value, whole or refused (the error names the first bad element).
Result<std::vector<PanelEvent>> PanelEventsFromJson(const nlohmann::json& value);
// The answer's "panel_events_acknowledged": ids that are not positive integers are left out.
std::vector<std::int64_t> AcknowledgedPanelEventsFromJson(const nlohmann::json& answer);

}  // namespace ck::protocol
