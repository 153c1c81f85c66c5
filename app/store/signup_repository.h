// SignupRepository: a resident's sign-ups for activities, each committed together with its outbox row, and
// what the hub answered about them (here, or for a code made at another kiosk and looked up).
//
// Invariants kept here:
//   - Submit() writes the sign-up and its outbox row in ONE transaction with Durability::Full: when it
//     returns the code, the sign-up is on disk and will be delivered exactly once (Idempotency-Key:
//     signup_uuid), even after a power cut.
//   - The code is drawn like a ticket code (local_codes.h): free among this kiosk's tickets and sign-ups.
//   - Name and phone are erased in the transaction that records the delivery (OutboxRepository).
//   - A status never goes back in time: an older answer (a slow lookup racing a refresh) is ignored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/store/feedback_repository.h"
#include "app/store/kiosk_database.h"
#include "sync/protocol/activity_signup.h"

namespace ck::store {

struct SignupDraft {
  std::string activity_id;
  protocol::UnixSeconds occurrence = 0;  // the occurrence's original_start
  std::string name;
  std::string phone;  // digits
  int people = 1;
};

struct SignupReceipt {
  std::string signup_uuid;  // also the Idempotency-Key of its delivery
  std::string code;
  protocol::UnixSeconds submitted_at = 0;
};

// What this kiosk knows of one sign-up.
struct SignupRecord {
  std::string code;
  bool made_here = false;
  std::string activity_id;
  protocol::UnixSeconds occurrence = 0;
  int people = 1;
  std::string masked_phone;  // made here only
  protocol::UnixSeconds submitted_at = 0;
  DeliveryState delivery = DeliveryState::Pending;
  std::string delivery_error;
  protocol::SignupState state = protocol::SignupState::Pending;  // Pending until the hub answered
  int waitlist_position = 0;
  protocol::SignupRefusal refusal = protocol::SignupRefusal::None;
  protocol::UnixSeconds status_updated_at = 0;
};

class SignupRepository {
 public:
  explicit SignupRepository(KioskDatabase& db);

  // Validates (protocol::ValidateSignup), then commits sign-up + outbox row, fsync'd.
  Result<SignupReceipt> Submit(const SignupDraft& draft, protocol::UnixSeconds now, std::uint32_t kiosk_number);
  // Accepts what a resident typed (any case, with or without dashes).
  std::optional<SignupRecord> FindByCode(const std::string& typed) const;
  // The wire form of a queued sign-up (device_id left for the sync engine); nullopt once delivered.
  std::optional<protocol::SignupSubmission> SubmissionFor(const std::string& signup_uuid) const;
  // Codes of this kiosk's delivered sign-ups whose answer may still change (pending, confirmed, on the
  // wait-list) and whose occurrence has not long passed, newest first, at most kMaxOpenSignups.
  std::vector<std::string> OpenCodes(protocol::UnixSeconds now) const;
  static constexpr int kMaxOpenSignups = 2'000;
  // Stores the hub's answers; a code not known here (a lookup) is added as a sign-up made elsewhere.
  // Returns how many changed (0: nothing to redraw).
  Result<int> StoreStatuses(const std::vector<protocol::SignupStatus>& statuses);

 private:
  KioskDatabase& db_;
};

// Inside OutboxRepository's delivery transaction: the hub's first answer, name and phone erased.
Status RecordSignupDelivery(KioskDatabase& db, const std::string& signup_uuid,
                            const protocol::SignupStatus& status);

}  // namespace ck::store
