// KioskController: the side of the UI that is not frame code. Between frames it reloads the view model from
// the store when the data changed (ChangeCounter) or time alone changed it (NextTimeBoundary), and carries
// out the actions the last frame returned. During a frame it only hands the model to the screens.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/input/keyboard_model.h"
#include "app/input/number_pad_model.h"
#include "app/input/pinyin_state.h"
#include "app/ui/controller/activity_source.h"
#include "app/ui/controller/feedback_source.h"
#include "app/ui/controller/notice_source.h"
#include "app/ui/controller/ui_state.h"
#include "app/ui/controller/view_model.h"
#include "app/ui/maintenance/maintenance_backend.h"
#include "app/ui/maintenance/maintenance_panel.h"
#include "app/ui/shell/font_atlas.h"
#include "app/ui/shell/frame_context.h"
#include "app/ui/text/translations.h"

namespace ck::calendar {
class LunarCalendar;
}

namespace ck::ui {

struct KioskControllerOptions {
  std::string community_name;     // empty: the translated default name
  std::string community_name_en;  // shown in English when set
  std::string share_base_url;     // base of QR links (public_base_url, else hub_url); empty: no QR code
  bool hub_configured = false;
  Language language = Language::Chinese;
  bool large_text = false;
  double toast_seconds = 5.0;
  std::uint32_t kiosk_number = 0;  // from the config; 0: what the hub's heartbeat taught the store
  // Idle privacy (DESIGN.md): after idle_seconds without a touch a countdown of idle_countdown_seconds,
  // then every form is wiped and the kiosk goes home. Tests shorten both.
  double idle_seconds = 90.0;
  double idle_countdown_seconds = 10.0;
  // Typing in the search field: the query runs once the keys rest this long (between frames).
  double search_debounce_seconds = 0.25;
};

// What the feedback screens use besides the notices. Any may be null: without `feedback` the report and
// track tiles show "coming soon"; without `sync` lookups of other kiosks' codes say "offline"; without
// `pinyin` the keyboard offers English and digits only.
struct KioskServices {
  FeedbackSource* feedback = nullptr;
  SyncControl* sync = nullptr;
  input::PinyinInput* pinyin = nullptr;
  // Without it the hidden gesture does nothing (tests, screenshots without a store).
  maintenance::MaintenanceBackend* maintenance = nullptr;
  // Without it the 社区活动 tile shows "coming soon" and home shows no activities.
  ActivitySource* activities = nullptr;
};

// Two taps on a toggle closer than this are one double tap: the second is ignored.
inline constexpr double kToggleDoubleTapSeconds = 0.5;

class KioskController {
 public:
  KioskController(const NoticeSource& source, const TranslationSet& translations,
                  KioskControllerOptions options, KioskServices services = {});
  ~KioskController();

  // --- Between frames ---------------------------------------------------------------------------------
  // Reads everything the screens show. Never call from frame code.
  void Reload(protocol::UnixSeconds now);
  // Reloads if the store changed or a notice's publication/expiry time has passed; true if it did.
  bool RefreshIfStale(protocol::UnixSeconds now);
  // Carries out what the last frame's taps asked for (may read a notice from the store).
  void Handle(const std::vector<UiAction>& actions, protocol::UnixSeconds now, double time);
  // Between frames and before each frame: the idle countdown and the debounced search query.
  // Returns true when the screen changed.
  bool Tick(protocol::UnixSeconds now, double time);
  // Seconds until a frame is needed with no input: the clock's next minute, the next expiry or publication,
  // the end of a toast, the idle countdown, a pending search or ticket lookup.
  double SecondsUntilNextWake(protocol::UnixSeconds now, double time) const;
  // The glyphs the fonts must hold for what the screen can show now. Home and the coming-soon panels need
  // only their own strings (an idle kiosk never bakes every notice title); the board and the detail need
  // every title and translation (both languages, so switching needs no rebuild) and the open notice's body.
  GlyphNeeds NeededGlyphs() const;
  // Every title, translation and the open body, whatever the screen.
  const GlyphNeeds& AllGlyphs() const { return needs_; }
  // Just what home and the coming-soon panels show (their translations in the current language, community
  // name, urgent titles): a start-up atlas a
  // fraction of the size, so the first frame need not wait for every notice's glyphs.
  GlyphNeeds HomeGlyphs() const;

  // --- Touch guard (the platform's input clock: seconds, glfwGetTime in the kiosk) -------------------
  // A press that began before the current view (screen, keyboard shown, "still there?" shown) was on the
  // glass, or within kTapSettleSeconds after it appeared, was aimed at the view before it: a habitual
  // double tap, or a finger faster than the redraw. The platform drops such a press and its release, so a
  // quick second tap on a control that changes the screen never acts on what appears under the finger.
  bool AcceptsPressAt(double clock) const;
  // After a frame was presented (swapped) at `clock`.
  void NotePresented(double clock);
  // A touch that was dropped still says someone is there: restarts the idle timer, ends "still there?".
  // `time`: the frame clock, as for Handle.
  void NoteTouch(double time);
  static constexpr double kTapSettleSeconds = 0.3;

  // --- During a frame -----------------------------------------------------------------------------------
  FrameOutput DrawFrame(const Theme& theme, const KioskFonts& fonts, protocol::UnixSeconds now, double time);

  UiState& state() { return state_; }
  const UiState& state() const { return state_; }
  const KioskViewModel& view_model() const { return vm_; }
  const Translations& translations() const { return translations_.For(state_.language); }
  const input::KeyboardModel& keyboard() const { return *keyboard_; }
  const input::NumberPadModel& number_pad() const { return pad_; }
  const maintenance::MaintenancePanel& panel() const { return panel_; }
  const maintenance::PanelFacts& panel_facts() const { return panel_facts_; }
  // Screenshots only: put the panel in a state (and its facts) without a backend's PIN check.
  maintenance::MaintenancePanel& panel_for_screenshots() { return panel_; }
  void SetPanelFactsForScreenshots(maintenance::PanelFacts facts) { panel_facts_ = std::move(facts); }

 private:
  bool LoadDetail(const std::string& id, protocol::UnixSeconds now);
  void RebuildBoardRows();
  void RecomputeGlyphNeeds();
  void ShowToast(std::string_view key, double time);
  void HandleOne(const UiAction& a, protocol::UnixSeconds now, double time);
  void GoBack();
  // Leaves every flow: drafts, typed text, the code, the receipt and search are wiped from memory.
  void WipeForms();
  // After the idle reset: the next resident gets the kiosk as it starts (Chinese, standard text, pinyin,
  // lists at the top), whatever the last one chose.
  void ResetForNextResident();
  // Something typed or chosen that leaving would throw away (the idle countdown and 首页 say so).
  bool FormInProgress() const;
  bool ReportInProgress() const;
  // The keyboard's letters for a new form: pinyin on a Chinese screen, plain letters on an English one.
  void StartKeyboard();
  void AddFeedbackGlyphs(GlyphNeeds& needs) const;
  bool KeyboardShown() const;

  // --- Report (kiosk_controller_report.cpp) ---
  void OpenReport();
  void EnterReportStep(Screen step);
  void ReportNext(protocol::UnixSeconds now);
  void ApplyReportPad(const input::NumberPadAction& action, protocol::UnixSeconds now);
  void SubmitReport(protocol::UnixSeconds now);
  void RefreshReceipt();
  const ServiceView* CurrentService() const;
  store::FeedbackDraft ToStoreDraft() const;

  // --- Track (kiosk_controller_track.cpp) ---
  void OpenTrack();
  void ApplyTrackPad(const input::NumberPadAction& action, double time);
  void LookUpTicket(const std::string& canonical_code, double time);
  bool PollLookup(double time);
  void ShowTicket(const std::string& code);
  void SubmitRating(protocol::UnixSeconds now);

  // --- Activities and sign-ups (kiosk_controller_activities.cpp) ---
  bool HandleActivities(const UiAction& a, protocol::UnixSeconds now, double time);
  void ReloadActivities(protocol::UnixSeconds now);
  bool TickActivities(protocol::UnixSeconds now);
  void LoadHomeActivities(protocol::UnixSeconds now);
  void OpenActivities(protocol::UnixSeconds now);
  void RebuildMonth(protocol::UnixSeconds now);
  bool LoadActivity(const std::string& id, protocol::UnixSeconds occurrence, protocol::UnixSeconds now);
  void EnterSignupStep(Screen step);
  void SignupNext(protocol::UnixSeconds now);
  void ApplySignupPad(const input::NumberPadAction& action, protocol::UnixSeconds now);
  void SubmitSignup(protocol::UnixSeconds now);
  // Fills vm_.signup from what the store knows of `code`; false when nothing.
  bool ShowSignup(const std::string& code);
  bool PollSignupCancel();
  bool SignupInProgress() const;
  void AddActivityGlyphs(GlyphNeeds& needs) const;
  static bool IsActivityScreen(Screen s);

  // --- Maintenance panel (kiosk_controller_maintenance.cpp) ---
  bool HandleMaintenance(const UiAction& a, protocol::UnixSeconds now, double time);
  bool TickMaintenance(protocol::UnixSeconds now, double time);
  bool TakePinCheck(protocol::UnixSeconds now, double time);  // applies a finished PIN check; true if one was
  void FlushMaintenanceAudit();

  // --- Keyboard and search (kiosk_controller_input.cpp) ---
  void ApplyKey(const input::KeyAction& action, double time);
  void OpenSearch();
  void RunSearch(protocol::UnixSeconds now);
  bool TickIdle(double time);

  const NoticeSource& source_;
  const TranslationSet& translations_;
  KioskControllerOptions options_;
  KioskServices services_;
  std::unique_ptr<input::KeyboardModel> keyboard_;  // one keyboard, reset for each field
  input::NumberPadModel pad_{input::NumberPadKind::Digits, 3};
  UiState state_;
  maintenance::MaintenancePanel panel_;
  maintenance::PanelFacts panel_facts_;
  KioskViewModel vm_;
  GlyphNeeds needs_;
  // ICU's Chinese calendar, made when the calendar first shows (its data stays out of an idle kiosk's RSS
  // until then).
  std::unique_ptr<calendar::LunarCalendar> lunar_;
  // What home's activity strip was built for: the local date and whether it was past 18:00.
  std::chrono::year_month_day home_strip_date_{};
  bool home_strip_evening_ = false;
  Screen activity_return_ = Screen::ActivityMonth;  // where Back goes from the detail
  std::int64_t loaded_counter_ = -1;
  bool toast_pending_ = false;  // a toast raised during Reload, timed from the next Handle/DrawFrame
  // What the resident is looking at, for the touch guard: changes when a tap may land on something new.
  struct ViewKey {
    Screen screen = Screen::Home;
    bool keyboard = false;
    bool idle_overlay = false;
    bool confirm_discard = false;
    maintenance::Stage panel = maintenance::Stage::Closed;
    bool operator==(const ViewKey&) const = default;
  };
  ViewKey CurrentView() const;
  std::optional<ViewKey> presented_view_;  // none before the first frame
  double presses_accepted_from_ = 0.0;     // input clock
  double* toggle_shown_at_ = nullptr;      // a toggle's time, restamped when its flip is first presented
  int toggle_frames_before_shown_ = 0;     // presentations still showing the old look (the tap's own frame)
  // Unknown codes typed in this session (until the kiosk has gone unused for idle_seconds): past a few,
  // each lookup waits longer (kiosk_controller_track.cpp), so a kiosk is no quick door for guessing codes.
  // Not in UiState: going home must not reset it.
  struct TrackSession {
    int unknown_codes = 0;
    double next_lookup_at = 0.0;  // in `time`; lookups before it are refused with a wait message
  } track_session_;
};

}  // namespace ck::ui
