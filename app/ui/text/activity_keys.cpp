// The activity screens' generated keys and the full list for the translation test.
#include "app/ui/text/activity_keys.h"

namespace ck::ui::keys {

std::string WeekdayShortKey(int monday_based) {
  return "activity.weekday_short." + std::to_string(monday_based);
}

std::string SignupStateKey(protocol::SignupState state) {
  if (state == protocol::SignupState::Waitlisted) return std::string(kSignupWaitlistPosition);
  return "signup.state." + std::string(protocol::SignupStateCode(state));
}

std::string SignupRefusalKey(protocol::SignupRefusal refusal) {
  if (refusal == protocol::SignupRefusal::None) return "signup.refusal.other";
  return "signup.refusal." + std::string(protocol::SignupRefusalCode(refusal));
}

std::vector<std::string> AllActivityKeys() {
  std::vector<std::string> all;
  for (std::string_view k :
       {kActivityMonthTitle, kActivityPrevMonth, kActivityNextMonth, kActivityToday, kActivityDayHeading,
        kActivityDayEmpty, kActivityUpcoming, kActivityUpcomingEmpty, kActivityOpenDay, kActivityAllDay,
        kActivityCount, kActivityCancelled, kActivityFull, kActivityPlacesLeft, kActivityNoSignup,
        kActivitySynced, kActivityNeverSynced, kActivityLocalOnly, kActivityAgeMinutes, kActivityAgeHours,
        kActivityAgeDays, kActivityAgeNow, kActivityLunarUnavailable, kActivityGone, kActivityTimeRange,
        kActivityMultiDay, kActivityJoint, kActivityHomeToday, kActivityHomeTomorrow, kActivityWhen,
        kActivityWhere, kActivityOrganiser, kActivityWho, kActivityEveryone, kActivityPlaces,
        kActivityPlacesValue, kActivityWaitlistValue, kActivityDeadline, kActivityJustCome,
        kActivityCancelledReason, kActivitySignupButton, kActivityWaitlistButton, kActivitySignupClosed,
        kActivityQrCaption, kSignupStep, kSignupNameQuestion, kSignupNameHint, kSignupPhoneQuestion,
        kSignupPhoneHint, kSignupPeopleQuestion, kSignupPeopleValue, kSignupReviewQuestion,
        kSignupReviewActivity, kSignupReviewName, kSignupReviewPhone, kSignupReviewPeople, kSignupSubmit,
        kSignupErrorName, kSignupErrorPhone, kSignupErrorSave, kSignupErrorClosed, kSignupReceiptTitle,
        kSignupReceiptHint, kSignupReceiptQrCaption, kSignupLocalOnly, kSignupCancelButton,
        kSignupCancelOffline, kSignupCancelling, kSignupCancelFailed, kSignupStatusTitle, kSignupStatusCode})
    all.emplace_back(k);
  for (int d = 0; d < 7; ++d) all.push_back(WeekdayShortKey(d));
  for (auto s : {protocol::SignupState::Pending, protocol::SignupState::Confirmed,
                 protocol::SignupState::Waitlisted, protocol::SignupState::Cancelled,
                 protocol::SignupState::Refused})
    all.push_back(SignupStateKey(s));
  for (auto r : {protocol::SignupRefusal::None, protocol::SignupRefusal::SignupClosed,
                 protocol::SignupRefusal::OccurrenceCancelled, protocol::SignupRefusal::NoSuchOccurrence,
                 protocol::SignupRefusal::TooManyPeople, protocol::SignupRefusal::NoSignupNeeded})
    all.push_back(SignupRefusalKey(r));
  return all;
}

}  // namespace ck::ui::keys
