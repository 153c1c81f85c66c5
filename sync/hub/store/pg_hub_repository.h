// PgHubRepository: HubRepository on PostgreSQL, for a district: several hub processes share one server.
// Same behaviour as SqliteHubRepository; what differs is how concurrent writers are kept apart:
//   - every change of the feed takes the next seq from the one change_sequence row (UPDATE … RETURNING)
//     before it touches a notice or an activity row, so writers queue there, seqs commit in order (a kiosk
//     never skips one), and no two writers lock rows in opposite orders (no deadlock);
//   - idempotency keys, ticket codes and ratings are decided by unique indexes with ON CONFLICT DO NOTHING,
//     never by a check before the insert; an edit of a request is an UPDATE … WHERE revision = expected;
//   - a transaction that still meets a serialization failure or a deadlock is run again (pg::Transact).
#pragma once

#include <memory>
#include <string>

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/pg_pool.h"

namespace ck::hub {

class PgHubRepository final : public HubRepository {
 public:
  // Connects with `conninfo` (a libpq string or postgresql:// URI) and migrates the database to the
  // current schema. `connections`: how many statements this process may run at once (the server's further
  // worker threads wait for one, statement by statement).
  static Result<std::unique_ptr<PgHubRepository>> Open(const std::string& conninfo, int connections = 8);

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

  // Services, requests, ratings and operators: pg_feedback_store.cpp.
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

  // Work orders: pg_work_order_store.cpp.
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
  explicit PgHubRepository(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}

  // The helpers below run on a leased connection, writes inside a transaction.
  WriteResult<StoredAnswer> InsertRequestTx(pg::Connection& db, const RequestRecord& request,
                                            const AnswerMaker& make_answer);
  WriteResult<RequestRecord> ApplyChangeTx(pg::Connection& db, std::string_view id,
                                           const RequestChange& change, std::int64_t expected_revision);

  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace ck::hub
