// The translation keys the screens use. Every key here must exist in every assets/i18n/*.json (tested).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/notice.h"

namespace ck::ui::keys {

inline constexpr std::string_view kCommunityDefaultName = "community.default_name";
inline constexpr std::string_view kNavHome = "nav.home";
inline constexpr std::string_view kNavBack = "nav.back";
inline constexpr std::string_view kToggleLanguage = "toggle.language";  // names the *other* language
inline constexpr std::string_view kToggleLargeText = "toggle.large_text";
inline constexpr std::string_view kToggleNormalText = "toggle.normal_text";
inline constexpr std::string_view kSyncLast = "sync.last";
inline constexpr std::string_view kSyncOffline = "sync.offline";
inline constexpr std::string_view kSyncNever = "sync.never";
inline constexpr std::string_view kSyncLocalOnly = "sync.local_only";
inline constexpr std::string_view kHomeTileNotices = "home.tile.notices";
inline constexpr std::string_view kHomeTileActivities = "home.tile.activities";
inline constexpr std::string_view kHomeTileFeedback = "home.tile.feedback";
inline constexpr std::string_view kHomeTileTrack = "home.tile.track";
inline constexpr std::string_view kHomeTileNoticesHint = "home.tile.notices.hint";
inline constexpr std::string_view kHomeTileActivitiesHint = "home.tile.activities.hint";
inline constexpr std::string_view kHomeTileFeedbackHint = "home.tile.feedback.hint";
inline constexpr std::string_view kHomeTileTrackHint = "home.tile.track.hint";
inline constexpr std::string_view kHomeUrgentLabel = "home.urgent.label";
inline constexpr std::string_view kHomeUrgentMore = "home.urgent.more";  // {count}
inline constexpr std::string_view kComingSoonTitle = "coming_soon.title";
inline constexpr std::string_view kComingSoonBody = "coming_soon.body";
inline constexpr std::string_view kBoardTitle = "board.title";
inline constexpr std::string_view kBoardAll = "board.tab.all";
inline constexpr std::string_view kBoardEmpty = "board.empty";
inline constexpr std::string_view kBoardCount = "board.count";  // {count}
inline constexpr std::string_view kPinned = "notice.pinned";
inline constexpr std::string_view kDetailTitle = "detail.title";
inline constexpr std::string_view kDetailPublisher = "detail.publisher";
inline constexpr std::string_view kDetailCategory = "detail.category";
inline constexpr std::string_view kDetailPublished = "detail.published";
inline constexpr std::string_view kDetailExpires = "detail.expires";
inline constexpr std::string_view kDetailNeverExpires = "detail.never_expires";
inline constexpr std::string_view kDetailAudience = "detail.audience";
inline constexpr std::string_view kAudienceAll = "audience.all";
inline constexpr std::string_view kDetailQrCaption = "detail.qr_caption";
inline constexpr std::string_view kDetailGone = "detail.gone";
inline constexpr std::string_view kFormatHomeDate = "format.home_date";  // {M} {D} {W} {MON} {Y}
inline constexpr std::string_view kFormatDate = "format.date";
inline constexpr std::string_view kFormatDateTime = "format.datetime";  // + {h} {m}
inline constexpr std::string_view kFormatTime = "format.time";
inline constexpr std::string_view kCategoryOther = "category.other";
inline constexpr std::string_view kListSeparator = "list.separator";  // between publisher, category, date

// "category.<code>", "publisher.<code>", "priority.<code>", "weekday.<0..6>", "month.<1..12>".
std::string CategoryKey(std::string_view code);  // unknown codes map to kCategoryOther
std::string PublisherKey(protocol::Publisher publisher);
std::string PriorityKey(protocol::Priority priority);
std::string WeekdayKey(int weekday_since_sunday);
std::string MonthKey(int month_1_to_12);

// The maintenance panel (app/ui/maintenance).
inline constexpr std::string_view kMaintenanceHoldPrompt = "maintenance.hold_prompt";
inline constexpr std::string_view kMaintenancePinTitle = "maintenance.pin_title";
inline constexpr std::string_view kMaintenancePinWrong = "maintenance.pin_wrong";
inline constexpr std::string_view kMaintenancePinChecking = "maintenance.pin_checking";
inline constexpr std::string_view kMaintenancePinLocked = "maintenance.pin_locked";
inline constexpr std::string_view kMaintenancePinUnset = "maintenance.pin_unset";
inline constexpr std::string_view kMaintenanceAutoClose = "maintenance.auto_close";
inline constexpr std::string_view kMaintenanceTitle = "maintenance.title";
inline constexpr std::string_view kMaintenanceHub = "maintenance.hub";
inline constexpr std::string_view kMaintenanceHubNone = "maintenance.hub_none";
inline constexpr std::string_view kMaintenanceDevice = "maintenance.device";
inline constexpr std::string_view kMaintenanceVersion = "maintenance.version";
inline constexpr std::string_view kMaintenanceLastSync = "maintenance.last_sync";
inline constexpr std::string_view kMaintenanceNever = "maintenance.never";
inline constexpr std::string_view kMaintenanceAge = "maintenance.age";
inline constexpr std::string_view kMaintenanceOutbox = "maintenance.outbox";
inline constexpr std::string_view kMaintenanceRefused = "maintenance.refused";
inline constexpr std::string_view kMaintenanceError = "maintenance.error";
inline constexpr std::string_view kMaintenanceErrorNone = "maintenance.error.none";
inline constexpr std::string_view kMaintenanceErrorTls = "maintenance.error.tls";
inline constexpr std::string_view kMaintenanceErrorToken = "maintenance.error.token";
inline constexpr std::string_view kMaintenanceErrorNetwork = "maintenance.error.network";
inline constexpr std::string_view kMaintenanceErrorDisk = "maintenance.error.disk";
inline constexpr std::string_view kMaintenanceErrorOther = "maintenance.error.other";
inline constexpr std::string_view kMaintenanceDisk = "maintenance.disk";
inline constexpr std::string_view kMaintenanceDiskValue = "maintenance.disk_value";
inline constexpr std::string_view kMaintenanceUnknown = "maintenance.unknown";
inline constexpr std::string_view kMaintenanceSyncNow = "maintenance.sync_now";
inline constexpr std::string_view kMaintenanceSyncStarted = "maintenance.sync_started";
inline constexpr std::string_view kMaintenanceScreenTest = "maintenance.screen_test";
inline constexpr std::string_view kMaintenanceScreenTestHint = "maintenance.screen_test_hint";
inline constexpr std::string_view kMaintenanceRestart = "maintenance.restart";
inline constexpr std::string_view kMaintenanceClose = "maintenance.close";
inline constexpr std::string_view kMaintenanceBack = "maintenance.back";

// Every key above, the generated ones included.
std::vector<std::string> AllKeys();

}  // namespace ck::ui::keys
