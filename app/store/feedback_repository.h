// FeedbackRepository: a resident's reports and ratings, each committed together with its outbox row.
//
// Invariants kept here:
//   - Submit() and Rate() write the record and its outbox row in ONE transaction with Durability::Full:
//     when they return a receipt, the submission is on disk and will be delivered, even after a power cut.
//   - Ticket codes are (kiosk number, 50 random bits), see ticket_code.h, re-drawn while the code is known
//     here: unique across every kiosk of a hub without asking it, and not guessable.
//   - The phone number is erased from this database in the same transaction that records its delivery.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/open311.h"

namespace ck::store {

// What the report flow collects before the resident taps "submit".
struct FeedbackDraft {
  protocol::FeedbackKind kind = protocol::FeedbackKind::Complaint;
  std::string service_code;
  std::string service_name;    // the category's name when submitted, shown on the ticket later
  std::string address_string;  // "3号楼2单元5层" or a common area ("地下车库")
  std::string description;     // chosen quick phrases and free text
  std::string phone;           // optional, digits only
};

struct FeedbackReceipt {
  std::string request_uuid;  // also the Idempotency-Key of its delivery
  std::string ticket_code;   // "XXXX-XXXX-XXXXX"
  protocol::UnixSeconds submitted_at = 0;
};

enum class DeliveryState { Pending, Delivered, Rejected };  // Rejected: the hub answered 4xx, see error

// What the track screen shows for one ticket.
struct TicketView {
  FeedbackReceipt receipt;
  FeedbackDraft draft;       // phone is empty once delivered; use masked_phone for display
  std::string masked_phone;  // "138****1234", or empty
  DeliveryState delivery = DeliveryState::Pending;
  std::string delivery_error;
  std::optional<protocol::ServiceRequestStatus> status;  // from the hub, once known
  std::optional<int> my_rating;                          // rated at this kiosk
};

class FeedbackRepository {
 public:
  explicit FeedbackRepository(KioskDatabase& db);

  // Validates (protocol::ValidateSubmission rules), then commits feedback + outbox row, fsync'd.
  Result<FeedbackReceipt> Submit(const FeedbackDraft& draft, protocol::UnixSeconds now,
                                 std::uint32_t kiosk_number);
  // Accepts what a resident typed (any case, with or without dash); nullopt if this kiosk never made it
  // and never learned of it from the hub.
  std::optional<TicketView> FindByTicketCode(const std::string& code) const;
  // Stores a rating and its outbox row in one fsync'd transaction. Refused (nothing stored) unless the
  // ticket's last known status is resolved or closed (the hub would answer 409), or the score (1..5) or
  // quick_comment code ("", "satisfied", "slow", "unresolved", "rude") is invalid.
  Result<protocol::Rating> Rate(const std::string& ticket_code, int score, const std::string& quick_comment,
                                const std::string& comment, protocol::UnixSeconds now);

  // For the sync engine: the hub ids of this kiosk's tickets that are not closed (or were rated here since
  // the hub last said closed), newest first, at most kMaxOpenTickets, to pull their status.
  std::vector<std::string> OpenServiceRequestIds() const;
  static constexpr int kMaxOpenTickets = 10'000;
  // Stores statuses pulled from the hub (also for tickets made at other kiosks, looked up by code).
  Status ApplyStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses);
  // The same, telling how many tickets changed: a poll that repeats what is stored writes nothing, so an
  // idle kiosk's screen is not redrawn for it.
  Result<int> StoreStatuses(const std::vector<protocol::ServiceRequestStatus>& statuses);

  // The wire form of a queued report (device_id left empty for the sync engine to fill), and of a rating
  // (service_request_id filled from what is known now); nullopt if the record is gone.
  std::optional<protocol::ServiceRequestSubmission> SubmissionFor(const std::string& request_uuid) const;
  std::optional<protocol::Rating> RatingFor(const std::string& rating_uuid) const;

 private:
  KioskDatabase& db_;
};

// The kiosk number new ticket codes carry: the configured one (KioskConfig::kiosk_number) when set, else
// the one the hub told this kiosk (SyncStateRepository::KioskNumber), else 0.
std::uint32_t TicketKioskNumber(KioskDatabase& db, std::uint32_t configured);

// "138****1234": the first three and last four digits of a phone number; shorter numbers show less.
std::string MaskPhone(const std::string& digits);

}  // namespace ck::store
