// The heartbeat's panel events: JSON both ways, validated whole.
#include "sync/protocol/heartbeat.h"

#include <limits>

#include <nlohmann/json.hpp>

namespace ck::protocol {

namespace {
constexpr auto kMaxId = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}  // namespace

bool IsPanelEventName(std::string_view name) {
  if (name.empty() || name.size() > kMaxPanelEventNameBytes) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || c == '_')) return false;
  return true;
}

nlohmann::json PanelEventsToJson(const std::vector<PanelEvent>& events) {
  nlohmann::json a = nlohmann::json::array();
  for (const PanelEvent& e : events) a.push_back({{"id", e.id}, {"at", FormatUtc(e.at)}, {"event", e.event}});
  return a;
}

Result<std::vector<PanelEvent>> PanelEventsFromJson(const nlohmann::json& value) {
  using R = Result<std::vector<PanelEvent>>;
  if (!value.is_array()) return R::Fail("panel_events: must be an array");
  if (value.size() > kMaxPanelEventsPerHeartbeat)
    return R::Fail("panel_events: at most " + std::to_string(kMaxPanelEventsPerHeartbeat) + " per heartbeat");
  std::vector<PanelEvent> out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    const nlohmann::json& e = value[i];
    const std::string where = "panel_events[" + std::to_string(i) + "]";
    if (!e.is_object()) return R::Fail(where + ": must be an object");
    PanelEvent p;
    auto id = e.find("id");
    // Checked as the wire gave it: an unsigned number past int64 is refused, not wrapped.
    const bool id_ok = id != e.end() && id->is_number_integer() &&
                       (id->is_number_unsigned() ? id->get<std::uint64_t>() >= 1 && id->get<std::uint64_t>() <= kMaxId
                                                 : id->get<std::int64_t>() >= 1);
    if (!id_ok)
      return R::Fail(where + ".id: must be a whole number of at least 1");
    p.id = id->get<std::int64_t>();
    auto at = e.find("at");
    std::optional<UnixSeconds> t;
    if (at != e.end() && at->is_string()) t = ParseUtc(at->get_ref<const std::string&>());
    if (!t) return R::Fail(where + ".at: must be an RFC 3339 time");
    p.at = *t;
    auto name = e.find("event");
    if (name == e.end() || !name->is_string() || !IsPanelEventName(name->get_ref<const std::string&>()))
      return R::Fail(where + ".event: must be 1 to 32 of a-z and _");
    p.event = name->get<std::string>();
    out.push_back(std::move(p));
  }
  return R::Ok(std::move(out));
}

std::vector<std::int64_t> AcknowledgedPanelEventsFromJson(const nlohmann::json& answer) {
  std::vector<std::int64_t> ids;
  if (!answer.is_object()) return ids;
  auto a = answer.find("panel_events_acknowledged");
  if (a == answer.end() || !a->is_array()) return ids;
  for (const nlohmann::json& id : *a)
    if (id.is_number_unsigned() && id.get<std::uint64_t>() >= 1 &&
        id.get<std::uint64_t>() <= kMaxId)
      ids.push_back(id.get<std::int64_t>());
  return ids;
}

}  // namespace ck::protocol
