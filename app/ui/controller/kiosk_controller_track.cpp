// The track flow's side outside the frame: checking a typed code, looking it up (here, else on the hub),
// slowing down after repeated unknown codes, and saving a rating.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/feedback_keys.h"
#include "sync/protocol/ticket_code.h"
#include "sync/protocol/journal_log.h"

namespace ck::ui {

namespace {

// A resident who mistypes once or twice is never slowed (and a typo of one symbol never even reaches a
// lookup: the check character catches it). From the third unknown code in a session on, the next lookup
// waits 15 s, then 30 s, 60 s … up to 5 minutes. Together with the hub's own per-client budget
// (sync/hub/api/lookup_throttle.h) this keeps guessing at a kiosk as slow as guessing anywhere else.
constexpr int kFreeUnknownCodes = 2;
constexpr double kFirstWaitSeconds = 15.0;
constexpr double kMaxWaitSeconds = 300.0;

double WaitAfterUnknown(int unknown_codes) {
  if (unknown_codes <= kFreeUnknownCodes) return 0.0;
  return std::min(kMaxWaitSeconds, kFirstWaitSeconds * std::pow(2.0, unknown_codes - kFreeUnknownCodes - 1));
}

}  // namespace

void KioskController::OpenTrack() {
  WipeForms();
  pad_ = input::NumberPadModel::ForTicketCode();
  state_.screen = Screen::TrackCode;
}

void KioskController::ApplyTrackPad(const input::NumberPadAction& action, double time) {
  TrackState& t = state_.track;
  if (action.kind != input::NumberPadAction::Kind::Confirm) {
    t.message_key.clear();
    t.pending_code.clear();  // a new code: an answer about the old one no longer matters
  }
  const input::NumberPadState& st = pad_.Apply(action);
  if (st.rejected) {
    // The check character caught it before any lookup.
    t.message_key = std::string(keys::kTrackCodeTypo);
    return;
  }
  if (!st.confirmed) return;
  if (auto code = protocol::NormalizeTicketCode(st.text)) LookUpTicket(*code, time);
}

void KioskController::LookUpTicket(const std::string& code, double time) {
  TrackState& t = state_.track;
  if (time < track_session_.next_lookup_at) {
    t.message_key = std::string(keys::kTrackCodeWait);
    t.wait_seconds = static_cast<int>(std::ceil(track_session_.next_lookup_at - time));
    return;
  }
  if (services_.feedback->FindByTicketCode(code)) {
    ShowTicket(code);
    state_.screen = Screen::TrackStatus;
    state_.track_scroll = TouchScroll{};
    return;
  }
  // Sign-up codes share the format: a sign-up made or looked up here shows at once.
  if (ShowSignup(code)) {
    state_.signup_track = {};
    state_.screen = Screen::TrackSignup;
    return;
  }
  if (services_.sync == nullptr) {
    t.message_key = std::string(keys::kTrackCodeOffline);
    return;
  }
  services_.sync->RequestTicketLookup(code);
  t.pending_code = code;
  t.message_key = std::string(keys::kTrackCodeSearching);
}

bool KioskController::PollLookup(double time) {
  TrackState& t = state_.track;
  if (t.pending_code.empty() || services_.sync == nullptr) return false;
  switch (services_.sync->LookupState(t.pending_code)) {
    case SyncControl::Lookup::Pending:
      return false;
    case SyncControl::Lookup::Found: {
      const std::string code = t.pending_code;
      t.pending_code.clear();
      t.message_key.clear();
      if (services_.feedback->FindByTicketCode(code)) {
        ShowTicket(code);
        state_.screen = Screen::TrackStatus;
        state_.track_scroll = TouchScroll{};
      } else if (ShowSignup(code)) {  // the hub knew it as a sign-up
        state_.signup_track = {};
        state_.screen = Screen::TrackSignup;
      } else {
        t.message_key = std::string(keys::kTrackCodeNotFound);
      }
      return true;
    }
    case SyncControl::Lookup::NotFound:
      t.pending_code.clear();
      t.message_key = std::string(keys::kTrackCodeNotFound);
      ++track_session_.unknown_codes;
      track_session_.next_lookup_at = time + WaitAfterUnknown(track_session_.unknown_codes);
      return true;
    case SyncControl::Lookup::Failed:
    case SyncControl::Lookup::Unknown:
      t.pending_code.clear();
      t.message_key = std::string(keys::kTrackCodeOffline);
      return true;
  }
  return false;
}

void KioskController::ShowTicket(const std::string& code) {
  state_.track.code = code;
  const auto found =
      services_.feedback != nullptr ? services_.feedback->FindByTicketCode(code) : std::nullopt;
  if (!found) {
    vm_.ticket.reset();
    return;
  }
  TicketStatusView v;
  v.ticket_code = found->receipt.ticket_code;
  v.service_code = found->draft.service_code;
  v.service_name = ToDisplayUtf8(found->draft.service_name);
  for (const ServiceView& service : vm_.services)
    if (service.code == v.service_code) v.service_name_en = service.name_en;
  v.address = ToDisplayUtf8(found->draft.address_string);
  v.description = ToDisplayUtf8(found->draft.description);
  v.submitted_at = found->receipt.submitted_at;
  v.delivery = ToDeliveryView(found->delivery);
  v.my_rating = found->my_rating;
  if (found->status) {
    protocol::ServiceRequestStatus s = *found->status;
    s.agency_responsible = ToDisplayUtf8(s.agency_responsible);
    s.service_name = ToDisplayUtf8(s.service_name);
    s.address_string = ToDisplayUtf8(s.address_string);
    for (protocol::StatusEvent& e : s.history) e.note = ToDisplayUtf8(e.note);
    v.reply = MakeDisplayText(s.status_notes);
    if (v.service_name.empty()) v.service_name = s.service_name;
    if (v.address.empty()) v.address = s.address_string;
    if (v.submitted_at == 0) v.submitted_at = s.requested_at;
    if (!v.my_rating && s.rating) v.my_rating = s.rating;
    v.can_rate = protocol::IsOpen311Closed(s.status) && !v.my_rating;
    v.status = std::move(s);
  }
  vm_.ticket = std::move(v);
  RecomputeGlyphNeeds();
}

void KioskController::SubmitRating(protocol::UnixSeconds now) {
  TrackState& t = state_.track;
  if (t.score < 1 || t.score > 5 || services_.feedback == nullptr) return;
  auto rating = services_.feedback->Rate(t.code, t.score, t.quick_comment, now);
  if (!rating) {
    log::Error("community-kiosk: rating not saved: %s", rating.error().c_str());
    t.error_key = std::string(keys::kRateError);
    return;
  }
  t.error_key.clear();
  t.reopened = protocol::RatingReopens(*rating);
  state_.screen = Screen::TrackThanks;
  ShowTicket(t.code);
  if (services_.sync != nullptr) services_.sync->RequestSyncNow();
}

}  // namespace ck::ui
