// The activity screens' side outside the frame: the month grid and its marks (ICU's Chinese calendar made
// on first use), the agenda and upcoming lists, the open activity, the sign-up steps and their submission,
// home's strip of today's activities, and a sign-up on 查询进度 with its cancel.
#include <algorithm>
#include <cstdio>

#include "app/calendar/lunar_calendar.h"
#include "app/calendar/month_grid.h"
#include "app/ui/controller/kiosk_controller.h"
#include "app/ui/text/activity_keys.h"
#include "app/ui/text/local_time.h"
#include "sync/protocol/utf8.h"
#include "sync/protocol/ticket_code.h"

namespace ck::ui {

namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int kUpcomingDays = 14;
// From this hour on, home also shows tomorrow's activities.
constexpr int kEveningHour = 18;
// Home shows a short strip, never a list to scroll.
constexpr std::size_t kHomeActivities = 6;
// Mobile numbers have 11 digits; the protocol takes 5..20.
constexpr std::size_t kSignupPhoneDigits = protocol::kMaxSignupPhoneDigits;
constexpr int kSignupSteps = 4;  // name, phone, people, review

ActivityRowView ToRow(const store::CalendarEntry& e) {
  const protocol::Activity& a = *e.activity;
  const protocol::ActivityOccurrence& o = e.occurrence;
  return ActivityRowView{a.id,
                         o.original_start,
                         o.start,
                         o.end,
                         ToDisplayUtf8(a.title),
                         ToDisplayUtf8(a.place),
                         a.organisers,
                         a.all_day,
                         a.cancelled || o.cancelled,
                         a.capacity,
                         protocol::PlacesLeft(a, o)};
}

std::string DateArgument(year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                static_cast<unsigned>(d.day()));
  return buf;
}

std::optional<year_month_day> ParseDateArgument(const std::string& s) {
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::sscanf(s.c_str(), "%d-%u-%u", &y, &m, &d) != 3) return std::nullopt;
  const year_month_day date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

// The local days an occurrence touches (an all-day or multi-day one ends at a midnight: that day is not
// touched).
std::pair<sys_days, sys_days> DaysTouched(protocol::UnixSeconds start, protocol::UnixSeconds end) {
  const sys_days first = sys_days(LocalDate(start));
  const sys_days last = sys_days(LocalDate(std::max(start, end - 1)));
  return {first, last};
}

}  // namespace

std::string CalendarDateArgument(year_month_day d) {  // the tap target and action argument of a day
  return DateArgument(d);
}

bool KioskController::IsActivityScreen(Screen s) {
  switch (s) {
    case Screen::ActivityMonth:
    case Screen::ActivityDay:
    case Screen::ActivityDetail:
    case Screen::SignupName:
    case Screen::SignupPhone:
    case Screen::SignupPeople:
    case Screen::SignupReview:
    case Screen::SignupReceipt:
      return true;
    default:
      return false;
  }
}

bool KioskController::SignupInProgress() const {
  switch (state_.screen) {
    case Screen::SignupName:
      return !keyboard_->text().empty() || keyboard_->state().pinyin.composing();
    case Screen::SignupPhone:
    case Screen::SignupPeople:
    case Screen::SignupReview:
      return true;
    default:
      return false;
  }
}

bool KioskController::HandleActivities(const UiAction& a, protocol::UnixSeconds now, double time) {
  (void)time;
  switch (a.kind) {
    case ActionKind::OpenActivities:
      if (services_.activities == nullptr) {
        state_.screen = Screen::ComingSoon;
        state_.coming_soon = Feature::Activities;
      } else {
        OpenActivities(now);
      }
      return true;
    case ActionKind::ActivityMonthStep: {
      if (!vm_.month) return true;
      if (a.index == 0) {
        state_.activities.month = LocalDate(now).year() / LocalDate(now).month();
        state_.activities.selected = LocalDate(now);
      } else {
        state_.activities.month += std::chrono::months(a.index);
        // The agenda follows: the 1st of the new month, or today when it is this month.
        const year_month_day today = LocalDate(now);
        state_.activities.selected =
            today.year() / today.month() == state_.activities.month ? today : state_.activities.month / 1;
      }
      state_.activities.grid_scroll = TouchScroll{};
      state_.activities.agenda_scroll = TouchScroll{};
      RebuildMonth(now);
      return true;
    }
    case ActionKind::ActivitySelectDay:
      if (auto d = ParseDateArgument(a.argument)) {
        state_.activities.selected = *d;
        // A day of the neighbouring month shown in the first or last week: that month comes up.
        state_.activities.month = d->year() / d->month();
        state_.activities.agenda_scroll = TouchScroll{};
        RebuildMonth(now);
        // Large text: the grid has the screen, the day's list opens on its own.
        if (state_.large_text) state_.screen = Screen::ActivityDay;
      }
      return true;
    case ActionKind::ActivityOpenDay:
      state_.activities.agenda_scroll = TouchScroll{};
      state_.screen = Screen::ActivityDay;
      return true;
    case ActionKind::OpenActivity:
      if (LoadActivity(a.argument, a.when, now)) {
        if (state_.screen != Screen::ActivityDetail) activity_return_ = state_.screen;
        state_.screen = Screen::ActivityDetail;
        state_.activities.detail_scroll = TouchScroll{};
        RecomputeGlyphNeeds();
      } else {
        ShowToast(keys::kActivityGone, time);
      }
      return true;
    case ActionKind::SignupStart:
      if (!vm_.activity || !vm_.activity->signup_open) {
        ShowToast(keys::kSignupErrorClosed, time);
        return true;
      }
      state_.signup = {};
      keyboard_->Reset();
      StartKeyboard();
      EnterSignupStep(Screen::SignupName);
      return true;
    case ActionKind::SignupPeople:
      if (a.index >= 1 && a.index <= protocol::kMaxPeoplePerSignup) {
        state_.signup.people = a.index;
        EnterSignupStep(Screen::SignupReview);
      }
      return true;
    case ActionKind::SignupNext:
      SignupNext(now);
      return true;
    case ActionKind::SignupSubmit:
      SubmitSignup(now);
      return true;
    case ActionKind::SignupOpenKeyboard:
      state_.signup.keyboard_open = true;
      return true;
    case ActionKind::SignupCancel:
      if (!vm_.signup) return true;
      if (services_.sync == nullptr || (vm_.sync.offline && !vm_.sync.last_success_at)) {
        state_.signup_track.message_key = std::string(keys::kSignupCancelOffline);
        return true;
      }
      services_.sync->RequestSignupCancel(vm_.signup->code);
      state_.signup_track.cancelling = true;
      state_.signup_track.message_key = std::string(keys::kSignupCancelling);
      return true;
    default:
      return false;
  }
}

void KioskController::OpenActivities(protocol::UnixSeconds now) {
  WipeForms();
  const year_month_day today = LocalDate(now);
  state_.activities = {};
  state_.activities.month = today.year() / today.month();
  state_.activities.selected = today;
  state_.screen = Screen::ActivityMonth;
  RebuildMonth(now);
}

void KioskController::RebuildMonth(protocol::UnixSeconds now) {
  if (services_.activities == nullptr) return;
  // ICU loads its Chinese calendar data here, the first time the calendar shows: an idle kiosk that never
  // opens it never pays for it.
  if (!lunar_) lunar_ = std::make_unique<calendar::LunarCalendar>();
  const bool english = state_.language == Language::English;
  const year_month_day today = LocalDate(now);
  ActivityMonthView v;
  v.month = state_.activities.month;
  v.today = today;
  v.selected = state_.activities.selected;
  v.english = english;
  v.lunar_ok = lunar_->ok();
  if (v.lunar_ok) {
    calendar::MonthGrid grid = calendar::BuildMonthGrid(
        v.month, today, *lunar_, english ? calendar::CalendarLanguage::kEnglish : calendar::CalendarLanguage::kChinese);
    for (calendar::DayCell& c : grid.cells) {
      std::string label = std::move(c.label);
      // A cell holds a short name: "Qingming (Clear and Bright)" shows as "Qingming".
      if (const auto paren = label.find(" ("); paren != std::string::npos) label.resize(paren);
      v.cells.push_back(CalendarCellView{c.date, static_cast<int>(static_cast<unsigned>(c.date.day())), c.in_month,
                                         c.is_today, ToDisplayUtf8(label), c.label_is_festival, 0});
    }
  } else {
    // No ICU data: the dates alone, Monday first, still show every activity.
    const sys_days first = sys_days(v.month / 1), last = sys_days(v.month / std::chrono::last);
    const sys_days start = first - days(std::chrono::weekday(first).iso_encoding() - 1);
    const sys_days end = last + days(7 - std::chrono::weekday(last).iso_encoding());
    for (sys_days d = start; d <= end; d += days(1)) {
      const year_month_day ymd(d);
      v.cells.push_back(CalendarCellView{ymd, static_cast<int>(static_cast<unsigned>(ymd.day())),
                                         d >= first && d <= last, ymd == today, {}, false, 0});
    }
  }

  // The marks: one range query for the whole grid.
  const sys_days grid_first = sys_days(v.cells.front().date);
  const sys_days grid_last = sys_days(v.cells.back().date);
  const auto entries =
      services_.activities->Between(LocalDayStart(v.cells.front().date), LocalDayStart(year_month_day(grid_last + days(1))));
  const sys_days month_first = sys_days(v.month / 1), month_last = sys_days(v.month / std::chrono::last);
  const sys_days selected = sys_days(v.selected);
  std::vector<const store::CalendarEntry*> day_entries;
  for (const store::CalendarEntry& e : entries) {
    const auto [from, to] = DaysTouched(e.occurrence.start, e.occurrence.end);
    if (from <= selected && selected <= to) day_entries.push_back(&e);
    if (e.activity->cancelled || e.occurrence.cancelled) continue;
    if (from <= month_last && to >= month_first) ++v.occurrences_in_month;
    for (sys_days d = std::max(from, grid_first); d <= std::min(to, grid_last); d += days(1))
      ++v.cells[static_cast<std::size_t>((d - grid_first).count())].count;
  }

  // The list beside the grid: the chosen day, then the next two weeks by date.
  v.lines.push_back(AgendaLine{AgendaLine::Kind::DayHeading, v.selected, -1, {}});
  if (selected < grid_first || selected > grid_last) {  // cannot happen from taps, but keep it honest
    day_entries.clear();
  }
  for (const store::CalendarEntry* e : day_entries) {
    v.lines.push_back(AgendaLine{AgendaLine::Kind::Row, {}, static_cast<int>(v.rows.size()), {}});
    v.rows.push_back(ToRow(*e));
  }
  if (day_entries.empty()) v.lines.push_back(AgendaLine{AgendaLine::Kind::Empty, {}, -1, keys::kActivityDayEmpty});
  v.lines.push_back(AgendaLine{AgendaLine::Kind::UpcomingHeading, today, -1, {}});
  const protocol::UnixSeconds from = std::max(now, LocalDayStart(today));
  const auto upcoming =
      services_.activities->Between(from, LocalDayStart(year_month_day(sys_days(today) + days(kUpcomingDays))));
  sys_days last_heading{};
  bool any = false;
  for (const store::CalendarEntry& e : upcoming) {
    if (e.activity->cancelled || e.occurrence.cancelled) continue;  // the day's own list says so
    const sys_days d = std::max(sys_days(LocalDate(e.occurrence.start)), sys_days(today));
    if (!any || d != last_heading) {
      v.lines.push_back(AgendaLine{AgendaLine::Kind::DateHeading, year_month_day(d), -1, {}});
      last_heading = d;
    }
    any = true;
    v.lines.push_back(AgendaLine{AgendaLine::Kind::Row, {}, static_cast<int>(v.rows.size()), {}});
    v.rows.push_back(ToRow(e));
  }
  if (!any) v.lines.push_back(AgendaLine{AgendaLine::Kind::Empty, {}, -1, keys::kActivityUpcomingEmpty});
  vm_.month = std::move(v);
  RecomputeGlyphNeeds();
}

bool KioskController::LoadActivity(const std::string& id, protocol::UnixSeconds occurrence,
                                   protocol::UnixSeconds now) {
  if (services_.activities == nullptr) return false;
  const auto a = services_.activities->Get(id);
  if (!a) return false;
  const auto o = std::find_if(a->occurrences.begin(), a->occurrences.end(),
                              [&](const protocol::ActivityOccurrence& x) { return x.original_start == occurrence; });
  if (o == a->occurrences.end()) return false;
  ActivityDetailView d;
  auto shared = std::make_shared<const protocol::Activity>(*a);
  d.row = ToRow(store::CalendarEntry{shared, *o});
  d.description = MakeDisplayText(a->description);
  d.eligibility = ToDisplayUtf8(a->eligibility);
  d.cancel_reason = ToDisplayUtf8(o->cancelled && !o->cancel_reason.empty() ? o->cancel_reason : a->cancel_reason);
  d.signed_up = o->signed_up;
  d.waitlisted = o->waitlisted;
  d.signup_closes_at = o->start - a->signup_closes_before;
  d.signup_open = protocol::SignupOpenAt(*a, *o, now);
  if (!options_.share_base_url.empty()) {
    d.share_url = options_.share_base_url + "/activities/" + a->id;
    d.qr = vm_.activity && vm_.activity->share_url == d.share_url ? vm_.activity->qr : EncodeQr(d.share_url);
  }
  vm_.activity = std::move(d);
  state_.activities.open_id = id;
  state_.activities.open_occurrence = occurrence;
  return true;
}

void KioskController::LoadHomeActivities(protocol::UnixSeconds now) {
  vm_.home_activities.clear();
  vm_.home_activities_tomorrow = false;
  home_strip_date_ = LocalDate(now);
  home_strip_evening_ = ToLocalTime(now).hour >= kEveningHour;
  if (services_.activities == nullptr) return;
  const year_month_day today = home_strip_date_;
  const int span = home_strip_evening_ ? 2 : 1;
  const auto entries =
      services_.activities->Between(now, LocalDayStart(year_month_day(sys_days(today) + days(span))));
  for (const store::CalendarEntry& e : entries) {
    if (vm_.home_activities.size() == kHomeActivities) break;
    vm_.home_activities.push_back(ToRow(e));
    if (sys_days(LocalDate(e.occurrence.start)) > sys_days(today)) vm_.home_activities_tomorrow = true;
  }
}

void KioskController::ReloadActivities(protocol::UnixSeconds now) {
  LoadHomeActivities(now);
  if (vm_.month) RebuildMonth(now);  // places left change with every sign-up anywhere
  if (vm_.activity && !LoadActivity(state_.activities.open_id, state_.activities.open_occurrence, now)) {
    vm_.activity.reset();
    if (state_.screen == Screen::ActivityDetail) {
      state_.screen = vm_.month ? Screen::ActivityMonth : Screen::Home;
      state_.toast_key = std::string(keys::kActivityGone);
      toast_pending_ = true;
    }
  }
  if (vm_.signup) ShowSignup(vm_.signup->code);  // "待确认" becomes the hub's answer in place
}

bool KioskController::TickActivities(protocol::UnixSeconds now) {
  // Midnight and 18:00 change what home and the calendar show without any data changing.
  const bool evening = ToLocalTime(now).hour >= kEveningHour;
  if (LocalDate(now) == home_strip_date_ && evening == home_strip_evening_) {
    // Activities that have ended leave the strip within the minute (the clock's wake-up).
    if (vm_.home_activities.empty() || vm_.home_activities.front().end > now) return false;
  }
  LoadHomeActivities(now);
  if (vm_.month && vm_.month->today != LocalDate(now)) RebuildMonth(now);
  return state_.screen == Screen::Home || IsActivityScreen(state_.screen);
}

void KioskController::EnterSignupStep(Screen step) {
  SignupDraft& s = state_.signup;
  state_.screen = step;
  s.error_key.clear();
  if (step == Screen::SignupName) {
    keyboard_->Reset(s.name);
    s.keyboard_open = true;
  }
  if (step == Screen::SignupPhone) pad_ = input::NumberPadModel(input::NumberPadKind::Digits, kSignupPhoneDigits, s.phone);
}

void KioskController::SignupNext(protocol::UnixSeconds now) {
  SignupDraft& s = state_.signup;
  switch (state_.screen) {
    case Screen::SignupName: {
      // Letters still being composed count as typed: the resident sees them in the field.
      if (keyboard_->state().pinyin.composing()) keyboard_->Apply(input::KeyAction::Of(input::KeyAction::Kind::Confirm));
      std::string name = keyboard_->text();
      while (!name.empty() && name.back() == ' ') name.pop_back();
      while (!name.empty() && name.front() == ' ') name.erase(name.begin());
      const std::size_t length = protocol::CountCodepoints(name);
      if (length == 0 || length > protocol::kMaxSignupNameCodepoints) {
        s.error_key = std::string(keys::kSignupErrorName);
        return;
      }
      s.name = name;
      EnterSignupStep(Screen::SignupPhone);
      return;
    }
    case Screen::SignupPhone:
      s.phone = pad_.text();
      if (s.phone.size() < protocol::kMinSignupPhoneDigits) {
        s.error_key = std::string(keys::kSignupErrorPhone);
        return;
      }
      EnterSignupStep(Screen::SignupPeople);
      return;
    case Screen::SignupPeople:
      if (s.people >= 1) EnterSignupStep(Screen::SignupReview);
      return;
    case Screen::SignupReview:
      SubmitSignup(now);
      return;
    default:
      return;
  }
}

void KioskController::ApplySignupPad(const input::NumberPadAction& action, protocol::UnixSeconds now) {
  const input::NumberPadState& st = pad_.Apply(action);
  state_.signup.phone = st.text;
  state_.signup.error_key.clear();
  if (st.confirmed) SignupNext(now);
}

void KioskController::SubmitSignup(protocol::UnixSeconds now) {
  SignupDraft& s = state_.signup;
  if (services_.activities == nullptr || !vm_.activity) return;
  if (!vm_.activity->signup_open) {
    s.error_key = std::string(keys::kSignupErrorClosed);
    return;
  }
  store::SignupDraft draft{vm_.activity->row.activity_id, vm_.activity->row.original_start, s.name, s.phone,
                           s.people};
  const std::uint32_t kiosk = options_.kiosk_number != 0
                                  ? options_.kiosk_number
                                  : (services_.feedback != nullptr ? services_.feedback->LearntKioskNumber() : 0);
  auto receipt = services_.activities->SubmitSignup(draft, now, kiosk);
  if (!receipt) {
    // Validation or the disk: the form stays, nothing is typed twice. The message names no personal data.
    std::fprintf(stderr, "community-kiosk: sign-up not saved: %s\n", receipt.error().c_str());
    s.error_key = std::string(keys::kSignupErrorSave);
    return;
  }
  // The receipt is all that stays: name and phone leave memory now.
  state_.signup = {};
  keyboard_->Reset();
  pad_.Reset();
  ShowSignup(receipt->code);
  state_.screen = Screen::SignupReceipt;
  if (services_.sync != nullptr) services_.sync->RequestSyncNow();
}

bool KioskController::ShowSignup(const std::string& code) {
  if (services_.activities == nullptr) return false;
  const auto found = services_.activities->FindSignup(code);
  if (!found) return false;
  SignupView v;
  v.code = found->code;
  if (!options_.share_base_url.empty()) {
    v.share_url = options_.share_base_url + "/signups/" + v.code;
    v.qr = vm_.signup && vm_.signup->share_url == v.share_url ? vm_.signup->qr : EncodeQr(v.share_url);
  }
  if (const auto a = services_.activities->Get(found->activity_id)) {
    v.activity_title = ToDisplayUtf8(a->title);
    v.all_day = a->all_day;
    v.occurrence_start = found->occurrence;
    for (const protocol::ActivityOccurrence& o : a->occurrences)
      if (o.original_start == found->occurrence) v.occurrence_start = o.start;
  } else {
    v.occurrence_start = found->occurrence;
  }
  v.people = found->people;
  v.masked_phone = found->masked_phone;
  v.made_here = found->made_here;
  v.delivered = found->delivery == store::DeliveryState::Delivered;
  v.rejected = found->delivery == store::DeliveryState::Rejected;
  v.state = found->state;
  v.waitlist_position = found->waitlist_position;
  v.refusal = found->refusal;
  vm_.signup = std::move(v);
  RecomputeGlyphNeeds();
  return true;
}

bool KioskController::PollSignupCancel() {
  SignupTrackState& t = state_.signup_track;
  if (!t.cancelling || services_.sync == nullptr || !vm_.signup) return false;
  switch (services_.sync->CancelState(vm_.signup->code)) {
    case SyncControl::Lookup::Pending:
      return false;
    case SyncControl::Lookup::Found:
      t = {};
      ShowSignup(vm_.signup->code);
      return true;
    case SyncControl::Lookup::NotFound:
    case SyncControl::Lookup::Failed:
    case SyncControl::Lookup::Unknown:
      t.cancelling = false;
      t.message_key = std::string(vm_.sync.offline ? keys::kSignupCancelOffline : keys::kSignupCancelFailed);
      return true;
  }
  return false;
}

void KioskController::AddActivityGlyphs(GlyphNeeds& n) const {
  GlyphSet text;
  auto rows = [&](const std::vector<ActivityRowView>& list) {
    for (const ActivityRowView& r : list) {
      text.AddUtf8(r.title);
      text.AddUtf8(r.place);
    }
  };
  rows(vm_.home_activities);
  if (vm_.month) {
    rows(vm_.month->rows);
    for (const CalendarCellView& c : vm_.month->cells) text.AddUtf8(c.label);
  }
  if (vm_.activity) {
    text.AddUtf8(vm_.activity->row.title);
    text.AddUtf8(vm_.activity->row.place);
    text.AddUtf8(vm_.activity->eligibility);
    text.AddUtf8(vm_.activity->cancel_reason);
    for (char32_t cp : vm_.activity->description.codepoints) text.Add(cp);
  }
  if (vm_.signup) text.AddUtf8(vm_.signup->activity_title);
  text.AddUtf8(state_.signup.name);
  text.Add(0x2013);
  n.heading.AddAll(text);
  n.title.AddAll(text);
  n.body.AddAll(text);
}

}  // namespace ck::ui
