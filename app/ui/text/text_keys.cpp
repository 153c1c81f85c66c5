// Generated translation keys and the full list the translation tests check.
#include "app/ui/text/text_keys.h"

#include "app/ui/text/feedback_keys.h"

namespace ck::ui::keys {

std::string CategoryKey(std::string_view code) {
  for (std::string_view known : protocol::kNoticeCategories) {
    if (known == code) return "category." + std::string(code);
  }
  return std::string(kCategoryOther);
}
std::string PublisherKey(protocol::Publisher publisher) {
  return "publisher." + std::string(protocol::PublisherCode(publisher));
}
std::string PriorityKey(protocol::Priority priority) {
  return "priority." + std::string(protocol::PriorityCode(priority));
}
std::string WeekdayKey(int weekday_since_sunday) {
  return "weekday." + std::to_string(weekday_since_sunday);
}
std::string MonthKey(int month_1_to_12) {
  return "month." + std::to_string(month_1_to_12);
}

std::vector<std::string> AllKeys() {
  std::vector<std::string> all;
  for (std::string_view k : {kMaintenanceHoldPrompt,
                             kMaintenancePinTitle,
                             kMaintenancePinWrong,
                             kMaintenancePinChecking,
                             kMaintenancePinLocked,
                             kMaintenancePinUnset,
                             kMaintenanceAutoClose,
                             kMaintenanceTitle,
                             kMaintenanceHub,
                             kMaintenanceHubNone,
                             kMaintenanceDevice,
                             kMaintenanceVersion,
                             kMaintenanceLastSync,
                             kMaintenanceNever,
                             kMaintenanceAge,
                             kMaintenanceOutbox,
                             kMaintenanceRefused,
                             kMaintenanceError,
                             kMaintenanceErrorNone,
                             kMaintenanceErrorTls,
                             kMaintenanceErrorToken,
                             kMaintenanceErrorNetwork,
                             kMaintenanceErrorDisk,
                             kMaintenanceErrorOther,
                             kMaintenanceDisk,
                             kMaintenanceDiskValue,
                             kMaintenanceUnknown,
                             kMaintenanceSyncNow,
                             kMaintenanceSyncStarted,
                             kMaintenanceScreenTest,
                             kMaintenanceScreenTestHint,
                             kMaintenanceRestart,
                             kMaintenanceClose,
                             kMaintenanceBack,
                             kCommunityDefaultName,
                             kNavHome,
                             kNavBack,
                             kToggleLanguage,
                             kToggleLargeText,
                             kToggleNormalText,
                             kSyncLast,
                             kSyncOffline,
                             kSyncNever,
                             kSyncLocalOnly,
                             kHomeTileNotices,
                             kHomeTileActivities,
                             kHomeTileFeedback,
                             kHomeTileTrack,
                             kHomeTileNoticesHint,
                             kHomeTileActivitiesHint,
                             kHomeTileFeedbackHint,
                             kHomeTileTrackHint,
                             kHomeUrgentLabel,
                             kHomeUrgentMore,
                             kComingSoonTitle,
                             kComingSoonBody,
                             kBoardTitle,
                             kBoardAll,
                             kBoardEmpty,
                             kBoardCount,
                             kPinned,
                             kDetailTitle,
                             kDetailPublisher,
                             kDetailCategory,
                             kDetailPublished,
                             kDetailExpires,
                             kDetailNeverExpires,
                             kDetailAudience,
                             kAudienceAll,
                             kDetailQrCaption,
                             kDetailGone,
                             kFormatHomeDate,
                             kFormatDate,
                             kFormatDateTime,
                             kFormatTime,
                             kCategoryOther,
                             kListSeparator})
    all.emplace_back(k);
  for (std::string_view code : protocol::kNoticeCategories) all.push_back(CategoryKey(code));
  for (auto p : {protocol::Publisher::StreetOffice, protocol::Publisher::PropertyCompany,
                 protocol::Publisher::ResidentsCommittee, protocol::Publisher::OwnersCommittee})
    all.push_back(PublisherKey(p));
  for (auto p : {protocol::Priority::Normal, protocol::Priority::Important, protocol::Priority::Urgent})
    all.push_back(PriorityKey(p));
  for (int d = 0; d < 7; ++d) all.push_back(WeekdayKey(d));
  for (int m = 1; m <= 12; ++m) all.push_back(MonthKey(m));
  for (std::string& k : FeedbackKeys()) all.push_back(std::move(k));
  return all;
}

}  // namespace ck::ui::keys
