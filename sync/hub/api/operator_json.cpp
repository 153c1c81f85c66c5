// Operator JSON: built on the protocol's own status JSON so the two views never drift apart.
#include "sync/hub/api/operator_json.h"

#include <cmath>

namespace ck::hub {

namespace {

using nlohmann::json;

template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

}  // namespace

json RequestToOperatorJson(const RequestRecord& r) {
  json j = json::parse(protocol::StatusListToJson({r.status}))[0];
  j["description"] = r.description;
  j["phone"] = r.phone.empty() ? json(nullptr) : json(r.phone);
  j["kind"] = protocol::FeedbackKindCode(r.kind);
  j["device_id"] = r.device_id.empty() ? json(nullptr) : json(r.device_id);
  j["flagged"] = r.flagged;
  j["revision"] = r.revision;
  return j;
}

json KioskToJson(const KioskRecord& k) {
  const KioskHeartbeat& hb = k.last_heartbeat;
  return {{"device_id", k.device_id},
          {"name", k.name},
          {"kiosk_number", k.kiosk_number},
          {"created_at", protocol::FormatUtc(k.created_at)},
          {"last_seen", k.last_seen ? json(protocol::FormatUtc(*k.last_seen)) : json(nullptr)},
          {"app_version", OrNull(hb.app_version)},
          {"cursor", OrNull(hb.cursor)},
          {"outbox_pending", OrNull(hb.outbox_pending)},
          {"outbox_refused", OrNull(hb.outbox_refused)},
          {"last_sync_error", OrNull(hb.last_sync_error)},
          {"disk_free_bytes", OrNull(hb.disk_free_bytes)},
          {"disk_full", OrNull(hb.disk_full)}};
}

json SatisfactionToJson(const std::vector<AgencySatisfaction>& rows) {
  json agencies = json::array();
  std::int64_t ratings = 0, reopened = 0;
  for (const auto& a : rows) {
    agencies.push_back({{"agency_code", a.agency ? json(protocol::AgencyCode(*a.agency)) : json(nullptr)},
                        {"ratings", a.ratings},
                        {"average_score", std::round(a.average_score * 100) / 100},
                        {"reopened", a.reopened}});
    ratings += a.ratings;
    reopened += a.reopened;
  }
  return {{"agencies", agencies}, {"ratings", ratings}, {"reopened", reopened}};
}

}  // namespace ck::hub
