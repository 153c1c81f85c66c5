// SqliteActivityRepository: the default ActivityRepository, in the hub's own SQLite file (migration 10) on its
// own connection. Activities share the hub's change sequence with notices (the change_sequence row), so
// every write here runs in a BEGIN IMMEDIATE transaction: two connections (the server's and a CLI command's)
// can never take the same seq, and a sign-up's capacity check and insert are one atomic step.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/sqlite_connection.h"
#include "sync/hub/store/sqlite_hub_file.h"

namespace ck::hub {

class SqliteActivityRepository final : public ActivityRepository {
 public:
  // Opens the hub database at `path` and migrates it to the current schema (kExisting for the command line).
  static Result<std::unique_ptr<SqliteActivityRepository>> Open(
      const std::string& path, sqlite::HubFileMode mode = sqlite::HubFileMode::kCreateIfMissing);

  WriteResult<ActivityRecord> InsertActivity(const ActivityRecord& activity) override;
  WriteResult<ActivityRecord> UpdateActivity(const ActivityRecord& activity,
                                             std::int64_t expected_revision) override;
  WriteResult<ActivityRecord> ChangeOccurrence(const OccurrenceChangeRecord& change, const std::string& feed_body,
                                               std::int64_t expected_revision, protocol::UnixSeconds now) override;
  Result<std::optional<ActivityRecord>> FindActivity(std::string_view id) override;
  Result<std::vector<ActivityRecord>> ListActivities(std::optional<protocol::Publisher> organiser) override;
  Result<std::vector<OccurrenceChangeRecord>> ListOccurrenceChanges(std::string_view activity_id) override;
  WriteResult<ActivityRecord> RepublishActivity(std::string_view id, const std::string& feed_body,
                                                protocol::UnixSeconds expanded_from,
                                                std::int64_t expected_revision) override;
  Result<std::vector<ActivityRecord>> ListExpandedBefore(protocol::UnixSeconds before, int limit) override;

  WriteResult<SignupOutcome> SubmitSignup(const protocol::SignupSubmission& submission, protocol::UnixSeconds now,
                                          const SignupDecider& decide) override;
  Result<std::optional<SignupRecord>> FindSignupByCode(std::string_view code) override;
  Result<std::vector<SignupRecord>> FindSignupsByCodes(const std::vector<std::string>& codes,
                                                       std::string_view device_id) override;
  WriteResult<SignupRecord> CancelSignup(std::string_view code, std::string_view reason,
                                         protocol::UnixSeconds now) override;
  WriteResult<SignupRecord> PromoteSignup(std::string_view code, std::string_view reason,
                                          protocol::UnixSeconds now) override;
  WriteResult<SignupRecord> SetAttendance(std::string_view code, std::optional<bool> attended) override;
  Result<std::map<protocol::UnixSeconds, OccurrenceCounts>> CountSignups(std::string_view activity_id) override;
  Result<std::vector<SignupRecord>> ListSignups(std::string_view activity_id,
                                                std::optional<protocol::UnixSeconds> occurrence) override;

 private:
  explicit SqliteActivityRepository(std::unique_ptr<sqlite::Connection> db) : db_(std::move(db)) {}

  // Expect mutex_ held and, for writes, a transaction open.
  Result<std::int64_t> NextSeqLocked();
  Status TouchSeqLocked(std::string_view activity_id);
  Result<std::optional<ActivityRecord>> FindActivityLocked(std::string_view id);
  Status LoadOrganisersLocked(ActivityRecord& a);
  Status WriteActivityLocked(const ActivityRecord& a, bool insert);
  Result<std::optional<SignupRecord>> FindSignupLocked(const char* where, std::string_view value);
  // Inside a write transaction: the sign-up a cancel, promotion or attendance changes, or the answer to give.
  WriteResult<SignupRecord> SignupToChangeLocked(std::string_view code);
  Status FillPositionLocked(SignupRecord& s);
  Result<OccurrenceCounts> CountsLocked(std::string_view activity_id, protocol::UnixSeconds occurrence);
  Status PromoteLocked(std::string_view activity_id, protocol::UnixSeconds occurrence, protocol::UnixSeconds now);

  std::mutex mutex_;
  std::unique_ptr<sqlite::Connection> db_;
};

}  // namespace ck::hub
