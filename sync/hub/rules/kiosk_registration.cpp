// RegisterKiosk and RevokeKiosk (kiosk_registration.h).
#include "sync/hub/rules/kiosk_registration.h"

#include "sync/hub/rules/text_checks.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

WriteResult<RegisteredKiosk> RegisterKiosk(HubRepository& repo, std::string_view name, protocol::UnixSeconds now) {
  if (auto e = CheckLine("name", name, kMaxKioskNameCodepoints, true))
    return WriteFail<RegisteredKiosk>(WriteError::Invalid, *e);
  KioskRecord k;
  k.device_id = protocol::NewUuid();
  k.name = std::string(name);
  std::string token = NewBearerSecret();
  k.token_hash = HashSecret(token);
  k.created_at = now;
  auto stored = repo.AddKiosk(k);
  if (!stored.ok()) return WriteFail<RegisteredKiosk>(stored.error, stored.message);
  WriteResult<RegisteredKiosk> r;
  r.value = RegisteredKiosk{std::move(*stored.value), std::move(token)};
  return r;
}

WriteResult<KioskRecord> RevokeKiosk(HubRepository& repo, std::string_view device_id, protocol::UnixSeconds now) {
  auto id = protocol::NormaliseUuid(device_id);
  if (!id) return WriteFail<KioskRecord>(WriteError::NotFound, "no kiosk with device id " + std::string(device_id));
  return repo.RevokeKiosk(*id, now);
}

}  // namespace ck::hub
