// The operator's JSON view of requests, kiosks and satisfaction, shared by the operator API and the
// CLI's --json output. Unlike the public status JSON, a request here carries the phone number.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// The Open311 status object plus description, phone, kind, device_id, flagged and revision.
nlohmann::json RequestToOperatorJson(const RequestRecord& r);
nlohmann::json KioskToJson(const KioskRecord& k);
nlohmann::json SatisfactionToJson(const std::vector<AgencySatisfaction>& rows);

}  // namespace ck::hub
