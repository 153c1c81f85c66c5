// Keys of the on-screen keyboard, the debounced notice search, the idle countdown and the touch guard:
// controller work done between frames.
#include <algorithm>
#include <cmath>
#include <utility>

#include "app/ui/controller/kiosk_controller.h"

namespace ck::ui {

void KioskController::ApplyKey(const input::KeyAction& action, double time) {
  const input::KeyboardState& st = keyboard_->Apply(action);
  if (state_.screen == Screen::ReportWhat) {
    state_.report.free_text = st.text;
    if (st.confirmed) state_.report.keyboard_open = false;
  } else if (state_.screen == Screen::SignupName) {
    state_.signup.name = st.text;
    state_.signup.error_key.clear();
    if (st.confirmed) SignupNext(0);  // 完成 moves on as 下一步 does (the name step needs no clock)
  } else if (state_.screen == Screen::NoticeSearch) {
    // Search once the keys rest, not on every letter; "done" searches at once and hides the keyboard so
    // the results get the screen.
    state_.search.due_at = st.confirmed ? time : time + options_.search_debounce_seconds;
    if (st.confirmed) state_.search.keyboard_open = false;
  }
  // New candidates may bring characters outside the common set; the atlas follows them between frames.
  RecomputeGlyphNeeds();
}

void KioskController::OpenSearch() {
  keyboard_->Reset();
  StartKeyboard();
  state_.search = {};
  state_.search_scroll = TouchScroll{};
  vm_.search_results.clear();
  state_.screen = Screen::NoticeSearch;
}

void KioskController::RunSearch(protocol::UnixSeconds now) {
  state_.search.due_at = -1.0;
  const std::string query = keyboard_->text();
  if (query == state_.search.query) return;
  state_.search.query = query;
  state_.search_scroll = TouchScroll{};
  vm_.search_results.clear();
  if (query.empty()) return;
  for (store::NoticeSummary& s : source_.Search(query, now)) {
    vm_.search_results.push_back(NoticeRowView{std::move(s.id), ToDisplayUtf8(s.title), s.publisher,
                                               std::move(s.category), s.priority, s.pinned, s.published_at,
                                               s.expires_at});
  }
}

bool KioskController::TickIdle(double time) {
  // Unused for the idle time: whoever comes next is a new resident, with a fresh track session.
  if (time - state_.last_input_time >= options_.idle_seconds) track_session_ = {};
  if (state_.screen == Screen::Home) {
    state_.idle_since = -1.0;
    return false;
  }
  if (state_.idle_since < 0.0) {
    if (time - state_.last_input_time < options_.idle_seconds) return false;
    state_.idle_since = time;  // "still there?"
    return true;
  }
  if (time - state_.idle_since < options_.idle_countdown_seconds) return false;
  // Nobody answered: wipe every form (the draft, typed text, phone, code, receipt) and go home.
  WipeForms();
  ResetForNextResident();
  state_.screen = Screen::Home;
  return true;
}

KioskController::ViewKey KioskController::CurrentView() const {
  return ViewKey{state_.screen, KeyboardShown(), state_.idle_since >= 0.0, state_.confirm_discard,
                 panel_.stage()};
}

bool KioskController::AcceptsPressAt(double clock) const {
  return presented_view_ && *presented_view_ == CurrentView() && clock >= presses_accepted_from_;
}

void KioskController::NotePresented(double clock) {
  if (toggle_shown_at_ != nullptr && toggle_frames_before_shown_-- <= 0)
    *std::exchange(toggle_shown_at_, nullptr) = clock;
  const ViewKey view = CurrentView();
  if (presented_view_ && *presented_view_ == view) return;
  presented_view_ = view;
  presses_accepted_from_ = clock + kTapSettleSeconds;
}

void KioskController::NoteTouch(double time) {
  state_.last_input_time = std::max(state_.last_input_time, time);
  state_.idle_since = -1.0;
}

bool KioskController::Tick(protocol::UnixSeconds now, double time) {
  bool changed = TickMaintenance(now, time);
  if (TickIdle(time)) changed = true;
  if (state_.search.due_at >= 0.0 && time >= state_.search.due_at) {
    RunSearch(now);
    changed = true;
  }
  if (PollLookup(time)) changed = true;
  if (PollSignupCancel()) changed = true;
  if (TickActivities(now)) changed = true;
  return changed;
}

}  // namespace ck::ui
