// SqliteHubRepository: the default HubRepository, one SQLite file in WAL mode shared safely by a running
// server and CLI commands (each process has its own connection; busy_timeout makes writers wait).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/sqlite_connection.h"
#include "sync/hub/store/sqlite_hub_file.h"

namespace ck::hub {

class SqliteHubRepository final : public HubRepository {
 public:
  // Opens the hub database at `path` and migrates it to the current schema. The command line opens with
  // kExisting (only `init` creates); tests making a fresh database in a temp folder use the default.
  static Result<std::unique_ptr<SqliteHubRepository>> Open(
      const std::string& path, sqlite::HubFileMode mode = sqlite::HubFileMode::kCreateIfMissing);

  WriteResult<NoticeRecord> InsertNotice(const protocol::Notice& notice) override;
  WriteResult<NoticeRecord> UpdateNotice(const protocol::Notice& notice,
                                         std::int64_t expected_revision) override;
  WriteResult<NoticeRecord> WithdrawNotice(std::string_view id, protocol::UnixSeconds now) override;
  WriteResult<std::size_t> ImportNotices(const std::vector<protocol::Notice>& notices) override;

  Result<std::optional<NoticeRecord>> FindNotice(std::string_view id) override;
  Result<std::vector<NoticeRecord>> ListNotices() override;
  Result<FeedSlice> ReadFeed(std::int64_t after_seq, int limit) override;
  Result<std::int64_t> MaxSeq() override;

  WriteResult<KioskRecord> AddKiosk(const KioskRecord& kiosk) override;
  Result<std::optional<KioskRecord>> FindKioskByTokenHash(std::string_view token_hash) override;
  Status RecordHeartbeat(std::string_view device_id, const KioskHeartbeat& heartbeat,
                         protocol::UnixSeconds now) override;
  Result<std::vector<KioskRecord>> ListKiosks() override;
  WriteResult<KioskRecord> RevokeKiosk(std::string_view device_id, protocol::UnixSeconds now) override;

  // Services, requests, ratings and operators: sqlite_feedback_store.cpp.
  Result<std::vector<protocol::Service>> ListServices() override;
  Result<std::optional<protocol::Service>> FindService(std::string_view code) override;
  WriteResult<protocol::Service> AddService(const protocol::Service& service) override;
  WriteResult<protocol::Service> UpdateService(const protocol::Service& service) override;

  WriteResult<StoredAnswer> InsertRequest(const RequestRecord& request,
                                          const AnswerMaker& make_answer) override;
  Result<std::vector<WriteResult<StoredAnswer>>> InsertRequests(const std::vector<RequestRecord>& requests,
                                                                const AnswerMaker& make_answer) override;
  Result<std::optional<RequestRecord>> FindRequest(std::string_view id) override;
  Result<std::optional<RequestRecord>> FindRequestByTicket(std::string_view canonical_code) override;
  Result<std::vector<RequestRecord>> QueryRequests(const RequestQuery& query) override;
  WriteResult<RequestRecord> UpdateRequest(std::string_view id, const RequestChange& change,
                                           std::int64_t expected_revision) override;

  WriteResult<StoredAnswer> RecordRating(const protocol::Rating& rating, std::string_view request_id,
                                         const RequestChange& change, std::int64_t expected_revision,
                                         const std::string& answer) override;
  Result<std::optional<std::string>> FindRatingAnswer(std::string_view rating_uuid) override;
  Result<std::vector<AgencySatisfaction>> Satisfaction() override;

  WriteResult<OperatorRecord> AddOperator(const OperatorRecord& op) override;
  Result<std::optional<OperatorRecord>> FindOperatorByTokenHash(std::string_view token_hash) override;

  // Work orders: sqlite_work_order_store.cpp.
  WriteResult<OperatorRecord> RevokeOperator(std::string_view id_or_name, protocol::UnixSeconds now) override;
  Result<std::vector<OperatorRecord>> ListOperators() override;
  Result<WorkOrderPage> QueryWorkOrders(const WorkOrderQuery& query) override;
  Result<std::vector<OverdueCount>> OverdueByParty(protocol::UnixSeconds now) override;
  Result<std::vector<PartyMonthRates>> MonthlyRates(const RatesQuery& query) override;
  Result<std::optional<int>> ServiceDeadlineHours(std::string_view service_code) override;
  WriteResult<int> SetServiceDeadlineHours(std::string_view service_code, int hours) override;
  Result<protocol::UnixSeconds> ResponseWindowSeconds() override;
  WriteResult<protocol::UnixSeconds> SetResponseWindowSeconds(protocol::UnixSeconds seconds) override;
  Result<std::vector<ReplyTemplate>> ListReplyTemplates(
      const std::optional<std::string>& service_code,
      const std::optional<protocol::RequestStatus>& status) override;
  WriteResult<ReplyTemplate> AddReplyTemplate(const ReplyTemplate& t) override;
  WriteResult<ReplyTemplate> UpdateReplyTemplate(const ReplyTemplate& t) override;
  WriteResult<std::int64_t> DeleteReplyTemplate(std::int64_t id) override;

 private:
  explicit SqliteHubRepository(std::unique_ptr<sqlite::Connection> db) : db_(std::move(db)) {}

  // The helpers below expect mutex_ held and, for writes, a transaction open.
  Result<std::int64_t> NextSeq();
  Result<std::optional<NoticeRecord>> FindNoticeLocked(std::string_view id);
  Status WriteNoticeRow(const protocol::Notice& n, std::int64_t seq, bool insert);
  Result<std::optional<RequestRecord>> FindRequestLocked(std::string_view where, std::string_view value);
  Status LoadHistory(RequestRecord& r);
  Status AppendEvent(std::string_view request_id, const protocol::StatusEvent& e);
  Result<std::string> FreeTicketCode(const std::string& wanted);
  WriteResult<StoredAnswer> InsertRequestLocked(const RequestRecord& request, const AnswerMaker& make_answer);
  WriteResult<RequestRecord> ApplyChangeLocked(std::string_view id, const RequestChange& change,
                                               std::int64_t expected_revision);

  // One connection serves every server thread; SQLite connections must not be shared unsynchronised.
  std::mutex mutex_;
  std::unique_ptr<sqlite::Connection> db_;
};

}  // namespace ck::hub
