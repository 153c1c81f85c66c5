// PgActivityRepository: activities, occurrence changes and sign-ups in the hub's PostgreSQL database.
// Every write that changes the feed or decides a sign-up first locks the one change_sequence row (as
// PgHubRepository's notice writes do), then the activity's rows: writers queue there, seqs commit in order,
// a sign-up's capacity check and insert are one step whatever the number of hub processes, and the one
// lock order (counter, then rows) leaves no deadlock.
#pragma once

#include <memory>
#include <string>

#include "sync/hub/store/activity_repository.h"
#include "sync/hub/store/pg_pool.h"

namespace ck::hub {

class PgActivityRepository final : public ActivityRepository {
 public:
  // Connects and migrates, as PgHubRepository::Open does.
  static Result<std::unique_ptr<PgActivityRepository>> Open(const std::string& conninfo, int connections = 2);

  WriteResult<ActivityRecord> InsertActivity(const ActivityRecord& activity) override;
  WriteResult<ActivityRecord> UpdateActivity(const ActivityRecord& activity,
                                             std::int64_t expected_revision) override;
  WriteResult<ActivityRecord> ChangeOccurrence(const OccurrenceChangeRecord& change,
                                               const std::string& feed_body, std::int64_t expected_revision,
                                               protocol::UnixSeconds now) override;
  Result<std::optional<ActivityRecord>> FindActivity(std::string_view id) override;
  Result<std::vector<ActivityRecord>> ListActivities(std::optional<protocol::Publisher> organiser) override;
  Result<std::vector<OccurrenceChangeRecord>> ListOccurrenceChanges(std::string_view activity_id) override;
  WriteResult<ActivityRecord> RepublishActivity(std::string_view id, const std::string& feed_body,
                                                protocol::UnixSeconds expanded_from,
                                                std::int64_t expected_revision) override;
  Result<std::vector<ActivityRecord>> ListExpandedBefore(protocol::UnixSeconds before, int limit) override;

  WriteResult<SignupOutcome> SubmitSignup(const protocol::SignupSubmission& submission,
                                          protocol::UnixSeconds now, const SignupDecider& decide) override;
  Result<std::optional<SignupRecord>> FindSignupByCode(std::string_view code) override;
  Result<std::vector<SignupRecord>> FindSignupsByCodes(const std::vector<std::string>& codes,
                                                       std::string_view device_id) override;
  WriteResult<SignupRecord> CancelSignup(std::string_view code, std::string_view reason,
                                         protocol::UnixSeconds now) override;
  WriteResult<SignupRecord> PromoteSignup(std::string_view code, std::string_view reason,
                                          protocol::UnixSeconds now) override;
  WriteResult<SignupRecord> SetAttendance(std::string_view code, std::optional<bool> attended) override;
  Result<std::map<protocol::UnixSeconds, OccurrenceCounts>> CountSignups(
      std::string_view activity_id) override;
  Result<std::vector<SignupRecord>> ListSignups(std::string_view activity_id,
                                                std::optional<protocol::UnixSeconds> occurrence) override;

 private:
  explicit PgActivityRepository(std::unique_ptr<pg::Pool> pool) : pool_(std::move(pool)) {}
  std::unique_ptr<pg::Pool> pool_;
};

}  // namespace ck::hub
