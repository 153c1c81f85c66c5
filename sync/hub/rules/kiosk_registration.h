// Registering and revoking a kiosk. Registering: a name, a new device id and bearer token (shown once, stored only as a hash), and
// the kiosk number the hub packs into its ticket codes. The one home for the console's register form and
// `community-hub kiosk add`; who may do it is rules/party_policy.h (MayManageKiosks).
#pragma once

#include <string>
#include <string_view>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

inline constexpr std::size_t kMaxKioskNameCodepoints = 100;

struct RegisteredKiosk {
  KioskRecord kiosk;  // as stored, with its kiosk_number
  std::string token;  // the only time it exists in clear
};

// Revoking: the kiosk's token stops at once (console's kiosk page and `community-hub kiosk revoke`). NotFound
// for an id that is not a registered kiosk (not even a UUID), Refused when already revoked.
WriteResult<KioskRecord> RevokeKiosk(HubRepository& repo, std::string_view device_id, protocol::UnixSeconds now);

// Invalid when the name is missing, blank, not UTF-8 or longer than kMaxKioskNameCodepoints.
WriteResult<RegisteredKiosk> RegisterKiosk(HubRepository& repo, std::string_view name, protocol::UnixSeconds now);

}  // namespace ck::hub
