// ActivitySource: what the activity screens need from the store (the calendar's range query, an activity,
// sign-ups), narrowed so the UI never sees SQL and tests can stand in for it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/store/activity_repository.h"
#include "app/store/signup_repository.h"

namespace ck::ui {

class ActivitySource {
 public:
  virtual ~ActivitySource() = default;
  // Occurrences overlapping [from, to), cancelled ones included, in start order.
  virtual std::vector<store::CalendarEntry> Between(protocol::UnixSeconds from, protocol::UnixSeconds to) const = 0;
  virtual std::optional<protocol::Activity> Get(const std::string& id) const = 0;
  // Commits the sign-up and its outbox row, fsync'd, before returning the code.
  virtual Result<store::SignupReceipt> SubmitSignup(const store::SignupDraft& draft, protocol::UnixSeconds now,
                                                    std::uint32_t kiosk_number) = 0;
  virtual std::optional<store::SignupRecord> FindSignup(const std::string& code) const = 0;
};

// The real source: the kiosk's SQLite database, through the store's repositories.
class StoreActivitySource final : public ActivitySource {
 public:
  explicit StoreActivitySource(store::KioskDatabase& db) : activities_(db), signups_(db) {}
  std::vector<store::CalendarEntry> Between(protocol::UnixSeconds from, protocol::UnixSeconds to) const override {
    return activities_.Between(from, to, kMaxOccurrences);
  }
  std::optional<protocol::Activity> Get(const std::string& id) const override { return activities_.Get(id); }
  Result<store::SignupReceipt> SubmitSignup(const store::SignupDraft& draft, protocol::UnixSeconds now,
                                            std::uint32_t kiosk_number) override {
    return signups_.Submit(draft, now, kiosk_number);
  }
  std::optional<store::SignupRecord> FindSignup(const std::string& code) const override {
    return signups_.FindByCode(code);
  }
  // A month of a busy community is a few hundred; the bench's 2,000 fit with room.
  static constexpr int kMaxOccurrences = 10'000;

 private:
  store::ActivityRepository activities_;
  store::SignupRepository signups_;
};

}  // namespace ck::ui
