// MaskPhone (phone_mask.h).
#include "sync/protocol/phone_mask.h"

namespace ck::protocol {

std::string MaskPhone(std::string_view phone) {
  if (phone.empty()) return {};
  if (phone.size() >= 8) return std::string(phone.substr(0, 3)) + "****" + std::string(phone.substr(phone.size() - 4));
  if (phone.size() >= 5) return "****" + std::string(phone.substr(phone.size() - 2));
  return "****";
}

}  // namespace ck::protocol
