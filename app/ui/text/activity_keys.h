// Translation keys of the activity calendar, its detail, sign-up and sign-up lookup screens (the rest are in
// text_keys.h and feedback_keys.h). Every key here must exist in every assets/i18n/*.json (tested).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/activity_signup.h"

namespace ck::ui::keys {

inline constexpr std::string_view kActivityMonthTitle = "activity.month_title";  // {Y} {M} {MON}
inline constexpr std::string_view kActivityPrevMonth = "activity.prev_month";
inline constexpr std::string_view kActivityNextMonth = "activity.next_month";
inline constexpr std::string_view kActivityToday = "activity.today";
inline constexpr std::string_view kActivityDayHeading = "activity.day_heading";  // {M} {D} {W} {MON}
inline constexpr std::string_view kActivityDayEmpty = "activity.day_empty";
inline constexpr std::string_view kActivityUpcoming = "activity.upcoming";
inline constexpr std::string_view kActivityUpcomingEmpty = "activity.upcoming_empty";
inline constexpr std::string_view kActivityOpenDay = "activity.open_day";  // large text: the list screen
inline constexpr std::string_view kActivityAllDay = "activity.all_day";
inline constexpr std::string_view kActivityCount = "activity.count";  // {count}
inline constexpr std::string_view kActivityCancelled = "activity.cancelled";
inline constexpr std::string_view kActivityFull = "activity.full";
inline constexpr std::string_view kActivityPlacesLeft = "activity.places_left";  // {count}
inline constexpr std::string_view kActivityNoSignup = "activity.no_signup";
inline constexpr std::string_view kActivitySynced = "activity.synced";  // {age}
inline constexpr std::string_view kActivityNeverSynced = "activity.never_synced";
inline constexpr std::string_view kActivityLocalOnly = "activity.local_only";
inline constexpr std::string_view kActivityAgeMinutes = "activity.age_minutes";  // {n}
inline constexpr std::string_view kActivityAgeHours = "activity.age_hours";      // {n}
inline constexpr std::string_view kActivityAgeDays = "activity.age_days";        // {n}
inline constexpr std::string_view kActivityAgeNow = "activity.age_now";
inline constexpr std::string_view kActivityLunarUnavailable = "activity.lunar_unavailable";
inline constexpr std::string_view kActivityGone = "activity.gone";
inline constexpr std::string_view kActivityTimeRange = "activity.time_range";  // {date} {from} {to}
inline constexpr std::string_view kActivityMultiDay = "activity.multi_day";    // {from} {to}
inline constexpr std::string_view kActivityJoint = "activity.joint";           // between organisers
inline constexpr std::string_view kActivityHomeToday = "activity.home_today";
inline constexpr std::string_view kActivityHomeTomorrow = "activity.home_tomorrow";
// Detail.
inline constexpr std::string_view kActivityWhen = "activity.when";
inline constexpr std::string_view kActivityWhere = "activity.where";
inline constexpr std::string_view kActivityOrganiser = "activity.organiser";
inline constexpr std::string_view kActivityWho = "activity.who";
inline constexpr std::string_view kActivityEveryone = "activity.everyone";
inline constexpr std::string_view kActivityPlaces = "activity.places";
inline constexpr std::string_view kActivityPlacesValue = "activity.places_value";  // {capacity} {left}
inline constexpr std::string_view kActivityWaitlistValue = "activity.waitlist_value";  // {count}
inline constexpr std::string_view kActivityDeadline = "activity.deadline";
inline constexpr std::string_view kActivityJustCome = "activity.just_come";
inline constexpr std::string_view kActivityCancelledReason = "activity.cancelled_reason";  // {reason}
inline constexpr std::string_view kActivitySignupButton = "activity.signup";
inline constexpr std::string_view kActivityWaitlistButton = "activity.signup_waitlist";
inline constexpr std::string_view kActivitySignupClosed = "activity.signup_closed";
inline constexpr std::string_view kActivityQrCaption = "activity.qr_caption";
// Sign-up steps.
inline constexpr std::string_view kSignupStep = "signup.step";  // {n} {total}
inline constexpr std::string_view kSignupNameQuestion = "signup.name.question";
inline constexpr std::string_view kSignupNameHint = "signup.name.hint";
inline constexpr std::string_view kSignupPhoneQuestion = "signup.phone.question";
inline constexpr std::string_view kSignupPhoneHint = "signup.phone.hint";
inline constexpr std::string_view kSignupPeopleQuestion = "signup.people.question";
inline constexpr std::string_view kSignupPeopleValue = "signup.people.value";  // {n}
inline constexpr std::string_view kSignupReviewQuestion = "signup.review.question";
inline constexpr std::string_view kSignupReviewActivity = "signup.review.activity";
inline constexpr std::string_view kSignupReviewName = "signup.review.name";
inline constexpr std::string_view kSignupReviewPhone = "signup.review.phone";
inline constexpr std::string_view kSignupReviewPeople = "signup.review.people";
inline constexpr std::string_view kSignupSubmit = "signup.submit";
inline constexpr std::string_view kSignupErrorName = "signup.error.name";
inline constexpr std::string_view kSignupErrorPhone = "signup.error.phone";
inline constexpr std::string_view kSignupErrorSave = "signup.error.save";
inline constexpr std::string_view kSignupErrorClosed = "signup.error.closed";
// Receipt and status.
inline constexpr std::string_view kSignupReceiptTitle = "signup.receipt.title";
inline constexpr std::string_view kSignupReceiptHint = "signup.receipt.hint";
inline constexpr std::string_view kSignupReceiptQrCaption = "signup.receipt.qr_caption";
inline constexpr std::string_view kSignupLocalOnly = "signup.local_only";
inline constexpr std::string_view kSignupWaitlistPosition = "signup.state.waitlisted";  // {n}
inline constexpr std::string_view kSignupCancelButton = "signup.cancel";
inline constexpr std::string_view kSignupCancelOffline = "signup.cancel_offline";
inline constexpr std::string_view kSignupCancelling = "signup.cancelling";
inline constexpr std::string_view kSignupCancelFailed = "signup.cancel_failed";
inline constexpr std::string_view kSignupStatusTitle = "signup.status.title";
inline constexpr std::string_view kSignupStatusCode = "signup.status.code";

// "activity.weekday_short.<0..6>" (0 = Monday, as the grid runs), "signup.state.<code>" (pending, confirmed,
// cancelled, refused; waitlisted is kSignupWaitlistPosition), "signup.refusal.<code>".
std::string WeekdayShortKey(int monday_based);
std::string SignupStateKey(protocol::SignupState state);
std::string SignupRefusalKey(protocol::SignupRefusal refusal);

// Every key above, the generated ones included.
std::vector<std::string> AllActivityKeys();

}  // namespace ck::ui::keys
