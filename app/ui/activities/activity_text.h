// The words the activity screens build from facts: when an occurrence is, who organises it, how many places
// are left, how old the calendar is, what became of a sign-up. Shared by the month, detail, sign-up and home
// screens so each says it the same way.
#pragma once

#include <string>

#include "app/ui/controller/view_model.h"
#include "app/ui/text/translations.h"

namespace ck::ui {

// "09:00–10:30", "全天", "12月5日 至 12月7日"; with the date in front when `with_date`.
std::string OccurrenceWhen(const ActivityRowView& row, const Translations& tr, bool with_date);
// "街道办事处 + 物业服务中心".
std::string OrganisersText(const ActivityRowView& row, const Translations& tr);
// "剩3个名额", "已满，可候补", "无需报名", "已取消".
std::string PlacesText(const ActivityRowView& row, const Translations& tr);
// "活动信息更新于3小时前", or why it may be out of date.
std::string CalendarFreshness(const SyncIndicatorView& sync, protocol::UnixSeconds now, const Translations& tr);
// What became of a sign-up, in plain words ("待确认…", "候补第2位…", "报名未成功：送达时报名已截止").
std::string SignupStateText(const SignupView& signup, bool hub_configured, const Translations& tr);

}  // namespace ck::ui
