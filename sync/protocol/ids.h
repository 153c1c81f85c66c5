// Record ids are random UUIDs made where the record is born (kiosk or hub), never by a counter.
#pragma once

#include <string>
#include <string_view>

namespace ck::protocol {

std::string NewUuid();
bool IsUuid(std::string_view text);

}  // namespace ck::protocol
