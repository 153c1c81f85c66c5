// SyncEngine, feedback side: pushing the outbox, refreshing the categories, pulling ticket statuses and
// answering ticket lookups.
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <limits>

#include "sync/client/hub_http.h"
#include "sync/client/open311_client.h"
#include "sync/client/outbox_pusher.h"
#include "sync/client/outbox_sink.h"
#include "sync/client/signup_client.h"
#include "sync/client/sync_engine.h"

namespace ck::sync {

namespace {

// After a failed fetch of the categories, wait this long before asking again (the cached or bundled list
// serves meanwhile), so a hub without /services.json costs no request on an idle poll.
constexpr std::chrono::minutes kServicesRetry{5};
// Answers kept for the track screen to read.
constexpr std::size_t kMaxLookupsKept = 16;

void AppendError(std::string& to, const std::string& error) {
  if (!to.empty()) to += "; ";
  to += error;
}

// Calls `ask` with consecutive slices of at most `per_request` items until it returns false, the list ends or
// the engine stops.
template <typename Ask>
void InBatches(const std::vector<std::string>& items, std::size_t per_request, const std::atomic<bool>& stopping,
               Ask ask) {
  for (std::size_t at = 0; at < items.size() && !stopping.load(); at += per_request) {
    const std::size_t end = std::min(items.size(), at + per_request);
    if (!ask(std::vector<std::string>(items.begin() + static_cast<std::ptrdiff_t>(at),
                                      items.begin() + static_cast<std::ptrdiff_t>(end))))
      return;
  }
}

}  // namespace

bool SyncEngine::PushOutbox(OutboxSink& outbox, bool force, SyncRoundReport& report) {
  Open311Client client(Http());
  // The queue's head waits no longer than one poll interval either (see ThreadMain).
  OutboxPusher pusher(client, options_.device_id, options_.outbox_retry_base,
                      std::max(std::chrono::seconds(1), std::min(options_.outbox_retry_cap, options_.poll_interval)));
  protocol::UnixSeconds due = force ? std::numeric_limits<protocol::UnixSeconds>::max() : protocol::NowUtc();
  pusher.set_batches(hub_takes_batches_);
  PushReport pushed = pusher.Push(outbox, due, &stopping_);
  hub_takes_batches_ = pusher.batches();
  report.pushed = pushed.delivered;
  report.rejected = pushed.rejected;
  if (pushed.failed) report.error = pushed.error;
  if ((pushed.delivered > 0 || pushed.rejected > 0) && on_data_changed_) on_data_changed_();
  return !pushed.unreachable;
}

void SyncEngine::RefreshServices(OutboxSink& outbox, SyncRoundReport& report) {
  auto steady_now = std::chrono::steady_clock::now();
  if (services_failed_at_ && steady_now - *services_failed_at_ < kServicesRetry) return;
  protocol::UnixSeconds now = protocol::NowUtc();
  auto fetched_at = outbox.ServicesFetchedAt();
  if (fetched_at && now - *fetched_at < options_.services_interval.count() && now >= *fetched_at) return;
  Open311Client client(Http());
  auto fetch = client.FetchServices(outbox.ServicesETag());
  if (!fetch) {
    services_failed_at_ = steady_now;
    AppendError(report.feedback_error, "services: " + fetch.error());
    return;
  }
  services_failed_at_.reset();
  Status stored =
      fetch->not_modified ? outbox.TouchServices(now) : outbox.ReplaceServices(fetch->body, fetch->etag, now);
  if (!stored) {
    AppendError(report.feedback_error, "services: " + stored.error());
    return;
  }
  if (!fetch->not_modified) {
    report.services_updated = true;
    if (on_data_changed_) on_data_changed_();
  }
}

void SyncEngine::PullStatuses(OutboxSink& outbox, SyncRoundReport& report) {
  std::vector<std::string> ids = outbox.OpenServiceRequestIds();
  if (ids.empty()) return;
  Open311Client client(Http());
  InBatches(ids, Open311Client::kMaxIdsPerStatusRequest, stopping_, [&](const std::vector<std::string>& batch) {
    auto statuses = client.FetchStatuses(batch);
    if (!statuses) {
      AppendError(report.feedback_error, "statuses: " + statuses.error());
      return false;  // the next round asks again
    }
    auto changed = outbox.ApplyStatuses(*statuses);
    if (!changed) {
      AppendError(report.feedback_error, "statuses: " + changed.error());
      return false;
    }
    report.statuses += static_cast<int>(statuses->size());
    report.statuses_changed += *changed;
    return true;
  });
  if (report.statuses_changed > 0 && on_data_changed_) on_data_changed_();
}

void SyncEngine::PullSignupStatuses(OutboxSink& outbox, SyncRoundReport& report) {
  std::vector<std::string> codes = outbox.OpenSignupCodes();
  if (codes.empty()) return;  // an idle kiosk without open sign-ups asks nothing
  SignupClient client(Http());
  InBatches(codes, protocol::kMaxSignupCodesPerLookup, stopping_, [&](const std::vector<std::string>& batch) {
    auto statuses = client.FetchStatuses(batch);
    if (!statuses) {
      AppendError(report.feedback_error, "sign-up statuses: " + statuses.error());
      return false;  // the next round asks again
    }
    auto changed = outbox.ApplySignupStatuses(*statuses);
    if (!changed) {
      AppendError(report.feedback_error, "sign-up statuses: " + changed.error());
      return false;
    }
    report.signup_statuses += static_cast<int>(statuses->size());
    report.signup_statuses_changed += *changed;
    return true;
  });
  if (report.signup_statuses_changed > 0 && on_data_changed_) on_data_changed_();
}

void SyncEngine::RequestSignupCancel(const std::string& code) {
  {
    std::lock_guard lock(mutex_);
    cancels_[code] = TicketLookup{};
    if (cancels_.size() > kMaxLookupsKept) {
      // Forget settled answers first; a resident is waiting for at most one.
      for (auto it = cancels_.begin(); it != cancels_.end() && cancels_.size() > kMaxLookupsKept;)
        it = it->second.state != TicketLookup::State::Pending && it->first != code ? cancels_.erase(it)
                                                                                     : std::next(it);
    }
    if (std::find(cancel_queue_.begin(), cancel_queue_.end(), code) == cancel_queue_.end())
      cancel_queue_.push_back(code);
  }
  wake_.notify_all();
}

std::optional<TicketLookup> SyncEngine::SignupCancelState(const std::string& code) const {
  std::lock_guard lock(mutex_);
  auto it = cancels_.find(code);
  if (it == cancels_.end()) return std::nullopt;
  return it->second;
}

void SyncEngine::ServeCancels(OutboxSink* outbox) {
  for (;;) {
    std::string code;
    {
      std::lock_guard lock(mutex_);
      if (cancel_queue_.empty()) return;
      code = std::move(cancel_queue_.front());
      cancel_queue_.pop_front();
    }
    TicketLookup result;
    if (!outbox) {
      result.state = TicketLookup::State::Failed;
      result.error = "cannot open the kiosk database";
    } else {
      std::lock_guard round(round_mutex_);
      auto cancelled = SignupClient(Http()).Cancel(code);
      if (!cancelled) {
        result.state = cancelled.error().rfind("HTTP 404", 0) == 0 ? TicketLookup::State::NotFound
                                                                   : TicketLookup::State::Failed;
        result.error = cancelled.error();
      } else if (auto stored = outbox->ApplySignupStatuses({*cancelled}); !stored) {
        result.state = TicketLookup::State::Failed;
        result.error = stored.error();
      } else {
        result.state = TicketLookup::State::Found;
      }
    }
    {
      std::lock_guard lock(mutex_);
      cancels_[code] = std::move(result);
    }
    if (on_data_changed_) on_data_changed_();
  }
}

void SyncEngine::RequestTicketLookup(const std::string& code) {
  SetLookup(code, TicketLookup{});
  {
    std::lock_guard lock(mutex_);
    if (std::find(lookup_queue_.begin(), lookup_queue_.end(), code) == lookup_queue_.end())
      lookup_queue_.push_back(code);
  }
  wake_.notify_all();
}

std::optional<TicketLookup> SyncEngine::TicketLookupState(const std::string& code) const {
  std::lock_guard lock(mutex_);
  auto it = lookups_.find(code);
  if (it == lookups_.end()) return std::nullopt;
  return it->second;
}

void SyncEngine::SetLookup(const std::string& code, TicketLookup lookup) {
  std::lock_guard lock(mutex_);
  if (lookups_.find(code) == lookups_.end()) {
    lookup_order_.push_back(code);
    while (lookup_order_.size() > kMaxLookupsKept) {
      lookups_.erase(lookup_order_.front());
      lookup_order_.pop_front();
    }
  }
  lookups_[code] = std::move(lookup);
}

void SyncEngine::ServeLookups(OutboxSink* outbox) {
  for (;;) {
    std::string code;
    {
      std::lock_guard lock(mutex_);
      if (lookup_queue_.empty()) return;
      code = std::move(lookup_queue_.front());
      lookup_queue_.pop_front();
    }
    TicketLookup result;
    if (!outbox) {
      result.state = TicketLookup::State::Failed;
      result.error = "cannot open the kiosk database";
    } else {
      std::lock_guard round(round_mutex_);
      Open311Client client(Http());
      auto statuses = client.LookupTicket(code);
      if (!statuses) {
        result.state = TicketLookup::State::Failed;
        result.error = statuses.error();
      } else if (statuses->empty()) {
        // No such ticket: the code may be a sign-up's (the same format).
        auto signup = SignupClient(Http()).Lookup(code);
        if (!signup) {
          result.state = TicketLookup::State::Failed;
          result.error = signup.error();
        } else if (!*signup) {
          result.state = TicketLookup::State::NotFound;
        } else if (auto stored = outbox->ApplySignupStatuses({**signup}); !stored) {
          result.state = TicketLookup::State::Failed;
          result.error = stored.error();
        } else {
          result.state = TicketLookup::State::Found;
        }
      } else if (auto stored = outbox->ApplyStatuses(*statuses); !stored) {
        result.state = TicketLookup::State::Failed;
        result.error = stored.error();
      } else {
        result.state = TicketLookup::State::Found;
      }
    }
    SetLookup(code, std::move(result));
    if (on_data_changed_) on_data_changed_();
  }
}

}  // namespace ck::sync
