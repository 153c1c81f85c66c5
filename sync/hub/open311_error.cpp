// Builds Open311 error bodies.
#include "sync/hub/open311_error.h"

#include <nlohmann/json.hpp>

namespace ck::hub {

std::string Open311ErrorBody(int code, std::string_view description) {
  nlohmann::json j = nlohmann::json::array({{{"code", code}, {"description", std::string(description)}}});
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace ck::hub
