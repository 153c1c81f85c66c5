// Notice codec and validation; the hub calls the same validator before it stores, the kiosk before it
// applies.
#include "sync/protocol/notice.h"

#include <nlohmann/json.hpp>

#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::protocol {

namespace {

constexpr std::array<std::pair<Publisher, std::string_view>, 4> kPublisherCodes = {{
    {Publisher::StreetOffice, "street_office"},
    {Publisher::PropertyCompany, "property_company"},
    {Publisher::ResidentsCommittee, "residents_committee"},
    {Publisher::OwnersCommittee, "owners_committee"},
}};

constexpr std::array<std::pair<Priority, std::string_view>, 3> kPriorityCodes = {{
    {Priority::Normal, "normal"},
    {Priority::Important, "important"},
    {Priority::Urgent, "urgent"},
}};

bool IsCategoryCode(std::string_view c) {
  if (c.empty() || c.size() > 32) return false;
  for (char ch : c)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
  return true;
}

}  // namespace

std::string_view PublisherCode(Publisher p) {
  for (auto& [v, code] : kPublisherCodes)
    if (v == p) return code;
  return "residents_committee";
}

std::optional<Publisher> ParsePublisher(std::string_view code) {
  for (auto& [v, c] : kPublisherCodes)
    if (c == code) return v;
  return std::nullopt;
}

std::string_view PriorityCode(Priority p) {
  for (auto& [v, code] : kPriorityCodes)
    if (v == p) return code;
  return "normal";
}

std::optional<Priority> ParsePriority(std::string_view code) {
  for (auto& [v, c] : kPriorityCodes)
    if (c == code) return v;
  return std::nullopt;
}

Status ValidateNotice(const Notice& n) {
  if (!IsUuid(n.id)) return Status::Fail("id: must be a UUID");
  if (!IsCategoryCode(n.category)) return Status::Fail("category: must be a lowercase code like \"safety\"");
  if (auto s = CheckTextField("title", n.title, 1, kMaxTitleCodepoints); !s) return s;
  if (auto s = CheckTextField("body", n.body, 0, kMaxBodyCodepoints); !s) return s;
  if (auto s = CheckTextField("audience", n.audience, 1, kMaxAudienceCodepoints); !s) return s;
  if (n.expires_at && *n.expires_at <= n.published_at)
    return Status::Fail("expires_at: must be after published_at");
  if (n.revision < 1) return Status::Fail("revision: must be at least 1");
  return OkStatus();
}

void to_json(nlohmann::json& j, const Notice& n) {
  j = nlohmann::json{
      {"id", n.id},
      {"publisher", PublisherCode(n.publisher)},
      {"category", n.category},
      {"priority", PriorityCode(n.priority)},
      {"pinned", n.pinned},
      {"title", n.title},
      {"body", n.body},
      {"published_at", FormatUtc(n.published_at)},
      {"expires_at", n.expires_at ? nlohmann::json(FormatUtc(*n.expires_at)) : nlohmann::json(nullptr)},
      {"audience", n.audience},
      {"revision", n.revision},
  };
}

Result<Notice> NoticeFromJson(const nlohmann::json& j) {
  using R = Result<Notice>;
  if (!j.is_object()) return R::Fail("notice: must be a JSON object");
  auto str = [&](const char* key) -> const std::string* {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get_ptr<const std::string*>() : nullptr;
  };
  Notice n;
  const std::string* id = str("id");
  const std::string* publisher = str("publisher");
  const std::string* category = str("category");
  const std::string* priority = str("priority");
  const std::string* title = str("title");
  const std::string* body = str("body");
  const std::string* published_at = str("published_at");
  const std::string* audience = str("audience");
  if (!id) return R::Fail("notice.id: missing or not a string");
  if (!publisher) return R::Fail("notice.publisher: missing or not a string");
  if (!title) return R::Fail("notice.title: missing or not a string");
  if (!published_at) return R::Fail("notice.published_at: missing or not a string");
  n.id = *id;
  auto pub = ParsePublisher(*publisher);
  if (!pub) return R::Fail("notice.publisher: unknown code \"" + *publisher + "\"");
  n.publisher = *pub;
  if (category) n.category = *category;
  if (priority) {
    auto pr = ParsePriority(*priority);
    if (!pr) return R::Fail("notice.priority: unknown code \"" + *priority + "\"");
    n.priority = *pr;
  }
  if (auto it = j.find("pinned"); it != j.end()) {
    if (!it->is_boolean()) return R::Fail("notice.pinned: must be true or false");
    n.pinned = it->get<bool>();
  }
  n.title = *title;
  if (body) n.body = *body;
  if (audience) n.audience = *audience;
  auto published = ParseUtc(*published_at);
  if (!published) return R::Fail("notice.published_at: not an RFC 3339 time");
  n.published_at = *published;
  if (auto it = j.find("expires_at"); it != j.end() && !it->is_null()) {
    if (!it->is_string()) return R::Fail("notice.expires_at: must be an RFC 3339 time or null");
    auto expires = ParseUtc(it->get_ref<const std::string&>());
    if (!expires) return R::Fail("notice.expires_at: not an RFC 3339 time");
    n.expires_at = *expires;
  }
  if (auto it = j.find("revision"); it != j.end()) {
    if (!it->is_number_integer()) return R::Fail("notice.revision: must be an integer");
    n.revision = it->get<std::int64_t>();
  }
  if (auto s = ValidateNotice(n); !s) return R::Fail("notice." + s.error());
  return R::Ok(std::move(n));
}

}  // namespace ck::protocol
