// Record ids are random UUIDs made where the record is born (kiosk or hub), never by a counter.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ck::protocol {

std::string NewUuid();
bool IsUuid(std::string_view text);
// Any id or key that is a UUID (a notice, a request, an idempotency key, a rating, a kiosk), as stored:
// lowercase. People and clients may send any case; nullopt when `text` is not a UUID.
std::optional<std::string> NormaliseUuid(std::string_view text);

}  // namespace ck::protocol
