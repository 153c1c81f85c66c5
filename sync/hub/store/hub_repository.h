// HubRepository: the hub's storage, behind a narrow interface so SQLite can later be joined by PostgreSQL.
//
// Invariants every implementation keeps:
//   - One global, strictly increasing change sequence (`seq`). Every publish, update, withdraw and import
//     of a notice takes the next value, and the notice row keeps only its latest seq; so the feed is simply
//     "rows with seq > cursor, ordered by seq" and is compacted by construction.
//   - A withdrawn notice stays as a tombstone row (with its seq) so kiosks learn that it is gone.
//   - revision is 1 on publish and grows by one with every change the hub accepts.
//   - Only a hash of a kiosk's or operator's token is stored, never the token.
//   - Every kiosk has a unique kiosk number 1..1023 (it is packed into the ticket codes the kiosk makes).
//   - A service request is stored once per service_request_id, and ticket codes are unique; the answer
//     given when it was first stored is kept and returned verbatim for a repeated submission. Ratings
//     likewise, by rating_uuid.
//   - Every change to a request appends one history event, bumps its revision and its updated_at.
// Nothing here names SQL: callers see records, results and plain parameters.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sync/hub/store/work_order_types.h"
#include "sync/protocol/heartbeat.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::hub {

struct NoticeRecord {
  protocol::Notice notice;
  std::int64_t seq = 0;                               // the change that last touched this notice
  std::optional<protocol::UnixSeconds> withdrawn_at;  // set: a tombstone
  bool withdrawn() const { return withdrawn_at.has_value(); }
};

// People signed up for one occurrence of an activity, by status.
struct OccurrenceCounts {
  int confirmed = 0;
  int waitlisted = 0;
};

// One activity change of the feed (store/activity_repository.h): its stored body, and its sign-up counts
// per occurrence (original start → counts) read in the same snapshot.
struct ActivityFeedRecord {
  std::string id;
  std::int64_t seq = 0;
  bool deleted = false;
  std::string feed_body;  // protocol::Activity as JSON, counts zero
  std::map<protocol::UnixSeconds, OccurrenceCounts> counts;
};

// One page of the change feed as stored: the caller turns it into protocol::FeedPage. Notices and
// activities share the sequence; together they are the first `limit` changes after the cursor.
struct FeedSlice {
  std::vector<NoticeRecord> records;  // seq ascending
  std::vector<ActivityFeedRecord> activities;  // seq ascending
  bool has_more = false;
  std::int64_t max_seq = 0;  // the newest seq in the whole hub, read in the same snapshot
};

// What a kiosk last told us about itself (all optional on the wire).
struct KioskHeartbeat {
  std::optional<std::string> app_version;
  std::optional<std::string> cursor;
  std::optional<std::int64_t> outbox_pending;
  std::optional<std::string> last_sync_error;
  // Reports (and ratings) a platform refused that the kiosk keeps: a resident holds a receipt for each.
  std::optional<std::int64_t> outbox_refused;
  // The kiosk's data disk (protocol/heartbeat.h); a full disk means new reports may not be saved.
  std::optional<std::int64_t> disk_free_bytes;
  std::optional<bool> disk_full;
  // Maintenance-panel uses carried by this heartbeat: RecordHeartbeat stores each in the audit log once
  // (actor "kiosk:<device_id>", action "kiosk.panel"). Never read back into last_heartbeat.
  std::vector<protocol::PanelEvent> panel_events;
};

struct KioskRecord {
  std::string device_id;  // UUID
  std::string name;
  std::string token_hash;  // opaque to the repository; see secret_hash.h
  protocol::UnixSeconds created_at = 0;
  std::optional<protocol::UnixSeconds> last_seen;
  KioskHeartbeat last_heartbeat;
  int kiosk_number = 0;  // assigned by AddKiosk (the value passed in is ignored)
};

// A service request as the hub keeps it: the public status plus what only the operator may see.
struct RequestRecord {
  protocol::ServiceRequestStatus status;  // public: the same data backs status JSON and the status page
  protocol::FeedbackKind kind = protocol::FeedbackKind::Complaint;
  std::string description;
  std::string phone;          // operator only: never in status JSON, logs or public pages
  std::string device_id;      // the kiosk that delivered it; empty for a plain Open311 client
  bool flagged = false;       // a resident's rating re-opened it: the operator must look first
  std::int64_t revision = 1;  // optimistic concurrency for operator edits
  WorkOrderInfo work;         // channel, response/resolution times, 督办 (work_order_types.h)
};

// One page of a work-order queue.
struct WorkOrderPage {
  std::vector<RequestRecord> rows;  // without history (the detail page loads it)
  std::int64_t total = 0;           // rows matching the filters, for paging
};

// Filters for listing requests; unset ones do not filter. Results are newest first.
struct RequestQuery {
  std::vector<std::string> ids;  // service_request_id in this set
  std::optional<std::string> ticket_code;
  std::optional<std::string> service_code;
  std::optional<protocol::UnixSeconds> requested_from;  // inclusive
  std::optional<protocol::UnixSeconds> requested_to;    // inclusive
  std::optional<bool> open311_closed;                   // Open311 status=closed (true) / open (false)
  std::optional<protocol::RequestStatus> status;        // the detailed status
  bool flagged_only = false;
  bool flagged_first = false;  // the operator's list: re-opened-by-rating requests on top
  int limit = 1000;
};

// What an operator or a rating changes on a request, applied with one history event.
struct RequestChange {
  protocol::RequestStatus status = protocol::RequestStatus::Submitted;
  std::optional<protocol::Agency> agency;
  std::string agency_responsible;
  std::string status_notes;
  std::optional<protocol::UnixSeconds> expected_at;
  std::optional<int> rating;
  bool flagged = false;
  std::optional<SupervisionMark> supervise;  // set: mark 督办 (kept until marked again)
  // Written as given (Unchanged() in the editor copies them): the 退单 mark and a pending 延期申请.
  std::optional<protocol::UnixSeconds> returned_at;
  std::optional<protocol::UnixSeconds> extension_until;
  std::string extension_reason;
  protocol::StatusEvent event;               // appended to the history; its `at` becomes updated_at
};

// The stored answer to a submission or rating; `replayed` when the key had been seen before.
struct StoredAnswer {
  std::string body;
  bool replayed = false;
  std::optional<RequestRecord> record;  // the request as stored or changed (absent when replayed)
};

struct OperatorRecord {
  std::string id;  // UUID
  std::string name;
  std::string token_hash;
  protocol::UnixSeconds created_at = 0;
};

// Ratings summarised per agency that owned the request when it was rated.
struct AgencySatisfaction {
  std::optional<protocol::Agency> agency;  // nullopt: rated while unassigned
  std::int64_t ratings = 0;
  double average_score = 0;
  std::int64_t reopened = 0;  // ratings that re-opened the request
};

// Why a write was refused, so callers can tell bad input (exit 2, HTTP 4xx) from a storage failure.
// Refused: valid input that the record's current state does not allow (a lifecycle rule; HTTP 409).
enum class WriteError { None, Invalid, NotFound, Withdrawn, Conflict, Duplicate, Refused, Storage };

template <typename T>
struct WriteResult {
  std::optional<T> value;
  WriteError error = WriteError::None;
  std::string message;
  // The rules' name for why (e.g. "street_only", "reason.required"), so a page can say it in its own
  // language (the console's strings.json "rule.<code>"); empty where only `message` is known.
  std::string code;
  bool ok() const { return error == WriteError::None; }
};

template <typename T>
WriteResult<T> WriteFail(WriteError e, std::string message) {
  WriteResult<T> r;
  r.error = e;
  r.message = std::move(message);
  return r;
}

template <typename T>
WriteResult<T> WriteOk(T value) {
  WriteResult<T> r;
  r.value = std::move(value);
  return r;
}

class HubRepository {
 public:
  virtual ~HubRepository() = default;

  // Stores a new notice exactly as given (the caller made its id and validated it); revision becomes 1.
  virtual WriteResult<NoticeRecord> InsertNotice(const protocol::Notice& notice) = 0;
  // Replaces a live notice's fields if its stored revision still equals expected_revision (so two
  // operators editing at once cannot silently lose an edit); revision becomes expected_revision + 1.
  virtual WriteResult<NoticeRecord> UpdateNotice(const protocol::Notice& notice,
                                                 std::int64_t expected_revision) = 0;
  // Turns a live notice into a tombstone at `now`; revision grows by one.
  virtual WriteResult<NoticeRecord> WithdrawNotice(std::string_view id, protocol::UnixSeconds now) = 0;
  // All in one transaction, all or nothing: notices whose id exists are updated (revision + 1, and a
  // tombstone comes back to life), the others inserted with revision 1. Returns how many were written.
  virtual WriteResult<std::size_t> ImportNotices(const std::vector<protocol::Notice>& notices) = 0;

  virtual Result<std::optional<NoticeRecord>> FindNotice(std::string_view id) = 0;
  // Every notice, tombstones included, newest change first.
  virtual Result<std::vector<NoticeRecord>> ListNotices() = 0;
  virtual Result<FeedSlice> ReadFeed(std::int64_t after_seq, int limit) = 0;
  virtual Result<std::int64_t> MaxSeq() = 0;

  virtual WriteResult<KioskRecord> AddKiosk(const KioskRecord& kiosk) = 0;
  virtual Result<std::optional<KioskRecord>> FindKioskByTokenHash(std::string_view token_hash) = 0;
  // In one transaction: the kiosk's health columns, and each of heartbeat.panel_events not stored before
  // (known by device id, event id and time) as an audit entry. On success every event of the heartbeat is
  // held by the hub, so the caller may acknowledge them all.
  virtual Status RecordHeartbeat(std::string_view device_id, const KioskHeartbeat& heartbeat,
                                 protocol::UnixSeconds now) = 0;
  virtual Result<std::vector<KioskRecord>> ListKiosks() = 0;
  // Its token stops working at once; the row stays (name, number, history). Refused when already revoked,
  // NotFound for an unknown id. Callers go through rules/kiosk_registration.h.
  virtual WriteResult<KioskRecord> RevokeKiosk(std::string_view device_id, protocol::UnixSeconds now) = 0;

  // ---- Services (feedback categories), in display order ----
  virtual Result<std::vector<protocol::Service>> ListServices() = 0;
  virtual Result<std::optional<protocol::Service>> FindService(std::string_view code) = 0;
  virtual WriteResult<protocol::Service> AddService(const protocol::Service& service) = 0;
  virtual WriteResult<protocol::Service> UpdateService(const protocol::Service& service) = 0;

  // ---- Service requests ----
  // Stores a new request, all in one transaction. If its id exists already, nothing is written and the
  // answer stored with it comes back (replayed). The ticket code is kept if set and unused; otherwise the
  // hub assigns one with kiosk number 0 from its own sequence. make_answer builds the answer from the
  // record as it will be stored (final ticket code included); it is stored with the request.
  using AnswerMaker = std::function<std::string(const RequestRecord&)>;
  virtual WriteResult<StoredAnswer> InsertRequest(const RequestRecord& request,
                                                  const AnswerMaker& make_answer) = 0;
  // Several new requests in ONE transaction (one commit, so one fsync), each stored exactly as
  // InsertRequest would store it: a known id replays its stored answer, and an id repeated within the
  // call replays the answer of its first occurrence. Results are per request, in order; a per-request
  // refusal (Invalid) does not stop the others. Only a storage failure fails the whole call, and then
  // nothing is written.
  virtual Result<std::vector<WriteResult<StoredAnswer>>> InsertRequests(
      const std::vector<RequestRecord>& requests, const AnswerMaker& make_answer) = 0;
  virtual Result<std::optional<RequestRecord>> FindRequest(std::string_view id) = 0;
  virtual Result<std::optional<RequestRecord>> FindRequestByTicket(std::string_view canonical_code) = 0;
  virtual Result<std::vector<RequestRecord>> QueryRequests(const RequestQuery& query) = 0;
  // Applies `change` if the stored revision still equals expected_revision (else Conflict).
  virtual WriteResult<RequestRecord> UpdateRequest(std::string_view id, const RequestChange& change,
                                                   std::int64_t expected_revision) = 0;

  // ---- Ratings ----
  // Stores the rating and applies `change` to its request in one transaction. A rating_uuid seen before
  // returns its stored answer (replayed) and changes nothing, whatever the request's state is now. A second
  // rating in one round of handling (before the request is resolved again) is Refused.
  virtual WriteResult<StoredAnswer> RecordRating(const protocol::Rating& rating, std::string_view request_id,
                                                 const RequestChange& change, std::int64_t expected_revision,
                                                 const std::string& answer) = 0;
  virtual Result<std::optional<std::string>> FindRatingAnswer(std::string_view rating_uuid) = 0;
  virtual Result<std::vector<AgencySatisfaction>> Satisfaction() = 0;

  // ---- Operators ----
  virtual WriteResult<OperatorRecord> AddOperator(const OperatorRecord& op) = 0;
  // Revoked operators are not found.
  virtual Result<std::optional<OperatorRecord>> FindOperatorByTokenHash(std::string_view token_hash) = 0;

  // ---- Work orders (work_order_types.h) ----
  // Revokes an operator by id or name (NotFound if none is live); its token stops working at once.
  virtual WriteResult<OperatorRecord> RevokeOperator(std::string_view id_or_name,
                                                     protocol::UnixSeconds now) = 0;
  virtual Result<std::vector<OperatorRecord>> ListOperators() = 0;  // live ones, oldest first
  virtual Result<WorkOrderPage> QueryWorkOrders(const WorkOrderQuery& query) = 0;
  // Overdue and 督办 counts at `now` per owner, in one aggregate (what QueryWorkOrders' totals with
  // overdue_only / supervised_only would say); parties with no overdue ticket left out.
  virtual Result<std::vector<OverdueCount>> OverdueByParty(protocol::UnixSeconds now) = 0;
  // Per party and month, months ascending, parties in enum order; parties without tickets left out.
  virtual Result<std::vector<PartyMonthRates>> MonthlyRates(const RatesQuery& query) = 0;
  // A category's default time to resolve, in hours (a dispatch without a promised date gets it).
  virtual Result<std::optional<int>> ServiceDeadlineHours(std::string_view service_code) = 0;
  virtual WriteResult<int> SetServiceDeadlineHours(std::string_view service_code, int hours) = 0;
  // How soon a report must be accepted or dispatched to count as answered in time (the response rate).
  virtual Result<protocol::UnixSeconds> ResponseWindowSeconds() = 0;
  virtual WriteResult<protocol::UnixSeconds> SetResponseWindowSeconds(protocol::UnixSeconds seconds) = 0;
  // Templates for a category and status: those for exactly it and those for any (unset), by title.
  // Unset arguments list every template.
  virtual Result<std::vector<ReplyTemplate>> ListReplyTemplates(
      const std::optional<std::string>& service_code,
      const std::optional<protocol::RequestStatus>& status) = 0;
  virtual WriteResult<ReplyTemplate> AddReplyTemplate(const ReplyTemplate& t) = 0;
  virtual WriteResult<ReplyTemplate> UpdateReplyTemplate(const ReplyTemplate& t) = 0;
  virtual WriteResult<std::int64_t> DeleteReplyTemplate(std::int64_t id) = 0;
};

}  // namespace ck::hub
