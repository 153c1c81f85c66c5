// Notice: what a publisher tells residents, as it travels from the hub to every kiosk.
//
// Invariants (checked by ValidateNotice, on both sides of the wire):
//   id is a UUID; title 1..200 code points; body at most 20,000 code points; all text valid UTF-8;
//   category is a short lowercase code (see kNoticeCategories); expires_at, if set, is after published_at;
//   revision starts at 1 and grows with every edit on the hub.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "sync/protocol/result.h"
#include "sync/protocol/utc_time.h"

namespace ck::protocol {

// Who published it. Residents judge a notice by its source, so every notice names one.
enum class Publisher { StreetOffice, PropertyCompany, ResidentsCommittee, OwnersCommittee };
// Wire codes: "street_office", "property_company", "residents_committee", "owners_committee".
std::string_view PublisherCode(Publisher p);
std::optional<Publisher> ParsePublisher(std::string_view code);

enum class Priority { Normal, Important, Urgent };
// Wire codes: "normal", "important", "urgent".
std::string_view PriorityCode(Priority p);
std::optional<Priority> ParsePriority(std::string_view code);

// Categories the kiosk has names and icons for. Other lowercase codes are accepted and shown as "其他/Other".
inline constexpr std::array<std::string_view, 7> kNoticeCategories = {
    "water_power",  // 停水停电
    "safety",       // 安全检查
    "parking",      // 停车管理
    "sanitation",   // 环境卫生
    "meeting",      // 会议纪要 (e.g. the monthly joint meeting of 街道 and 物业)
    "policy",       // 政策通知
    "community",    // 社区生活
};

inline constexpr std::size_t kMaxTitleCodepoints = 200;
inline constexpr std::size_t kMaxBodyCodepoints = 20000;
inline constexpr std::size_t kMaxAudienceCodepoints = 100;

struct Notice {
  std::string id;  // UUID, made by the hub when the notice is first published
  Publisher publisher = Publisher::ResidentsCommittee;
  std::string category = "community";
  Priority priority = Priority::Normal;
  bool pinned = false;
  std::string title;
  std::string body;
  UnixSeconds published_at = 0;
  std::optional<UnixSeconds> expires_at;  // absent: never expires
  std::string audience = "all";  // "all", or who it is for in plain words ("3号楼", "地下车库车主")
  std::int64_t revision = 1;

  // Shown to residents at `now`? (Published, not yet expired. Withdrawn notices travel as tombstones.)
  bool IsLiveAt(UnixSeconds now) const { return published_at <= now && (!expires_at || *expires_at > now); }
  bool operator==(const Notice&) const = default;
};

Status ValidateNotice(const Notice& n);

// JSON object with the field names above; times as RFC 3339, enums as their wire codes,
// expires_at null when absent.
void to_json(nlohmann::json& j, const Notice& n);
// Validates as it parses; never throws.
Result<Notice> NoticeFromJson(const nlohmann::json& j);

}  // namespace ck::protocol
