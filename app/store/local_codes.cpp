// Drawing a code free on this kiosk across tickets and sign-ups.
#include "app/store/local_codes.h"

#include <sqlite3.h>

#include "sync/protocol/ticket_code.h"

namespace ck::store {

Result<bool> CodeKnownLocally(KioskDatabase& db, const std::string& code) {
  Statement st = db.Cached(
      "SELECT EXISTS(SELECT 1 FROM feedback WHERE ticket_code = ?1 OR original_ticket_code = ?1) OR "
      "EXISTS(SELECT 1 FROM ticket_status WHERE ticket_code = ?1) OR "
      "EXISTS(SELECT 1 FROM signups WHERE code = ?1)");
  st.Bind(1, code);
  if (st.Step() != SQLITE_ROW) return Result<bool>::Fail("code lookup: " + db.LastError());
  return Result<bool>::Ok(st.Int(0) != 0);
}

Result<std::string> DrawLocalCode(KioskDatabase& db, std::uint32_t kiosk_number) {
  using R = Result<std::string>;
  // With 50 random bits a repeat is astronomically rare, but a code must never be handed out twice.
  for (int attempt = 0; attempt < 16; ++attempt) {
    auto code = protocol::DrawTicketCode(kiosk_number);
    if (!code) return R::Fail("cannot make a code (no randomness?)");
    auto known = CodeKnownLocally(db, *code);
    if (!known) return R::Fail(known.error());
    if (!*known) return R::Ok(std::move(*code));
  }
  return R::Fail("cannot draw a free code");
}

}  // namespace ck::store
