// Codes a resident holds (ticket codes and sign-up codes share ticket_code.h's format and alphabet): drawn
// fresh from libsodium and re-drawn while the code is already known on this kiosk in either role, so a code
// never names two things here.
#pragma once

#include <cstdint>
#include <string>

#include "app/store/kiosk_database.h"

namespace ck::store {

// Call inside the transaction that stores the code, so no other writer can take it in between.
Result<std::string> DrawLocalCode(KioskDatabase& db, std::uint32_t kiosk_number);

// Whether `canonical_code` names a ticket or a sign-up known here (made here or looked up).
Result<bool> CodeKnownLocally(KioskDatabase& db, const std::string& canonical_code);

}  // namespace ck::store
