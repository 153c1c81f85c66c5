// Notice operations: apply an operator's edit, validate with the protocol's rules, then store.
#include "sync/hub/rules/notice_editor.h"

#include <cctype>

#include <nlohmann/json.hpp>

#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/ids.h"

namespace ck::hub {

namespace {

void Apply(const NoticeEdit& e, protocol::Notice& n) {
  if (e.title) n.title = *e.title;
  if (e.body) n.body = *e.body;
  if (e.publisher) n.publisher = *e.publisher;
  if (e.category) n.category = *e.category;
  if (e.priority) n.priority = *e.priority;
  if (e.pinned) n.pinned = *e.pinned;
  if (e.published_at) n.published_at = *e.published_at;
  if (e.expires_at) n.expires_at = *e.expires_at;
  if (e.clear_expiry) n.expires_at.reset();
  if (e.audience) n.audience = *e.audience;
}

}  // namespace

std::optional<std::string> CheckNoticeText(const protocol::Notice& n) {
  // Lengths stay the protocol's (ValidateNotice); here only what the protocol lets through.
  constexpr std::size_t kAny = static_cast<std::size_t>(-1);
  if (auto e = CheckLine("title", n.title, kAny, false)) return e;
  if (auto e = CheckLine("audience", n.audience, kAny, false)) return e;
  return CheckText("body", n.body, kAny, false);
}

WriteResult<NoticeRecord> PublishNotice(HubRepository& repo, const NoticeEdit& edit,
                                        protocol::UnixSeconds now) {
  if (!edit.title) return WriteFail<NoticeRecord>(WriteError::Invalid, "title: required");
  if (!edit.publisher) return WriteFail<NoticeRecord>(WriteError::Invalid, "publisher: required");
  protocol::Notice n;
  n.id = protocol::NewUuid();
  n.published_at = now;
  Apply(edit, n);
  n.revision = 1;
  if (auto e = CheckNoticeText(n)) return WriteFail<NoticeRecord>(WriteError::Invalid, *e);
  if (auto s = protocol::ValidateNotice(n); !s) return WriteFail<NoticeRecord>(WriteError::Invalid, s.error());
  return repo.InsertNotice(n);
}

WriteResult<NoticeRecord> EditNotice(HubRepository& repo, std::string_view raw_id, const NoticeEdit& edit) {
  auto id = protocol::NormaliseUuid(raw_id);
  if (!id) return WriteFail<NoticeRecord>(WriteError::Invalid, "id: must be a UUID");
  if (edit.empty())
    return WriteFail<NoticeRecord>(WriteError::Invalid, "nothing to change: give at least one field");
  // A patch can be re-applied safely, so a concurrent edit just means: read again and retry.
  for (int attempt = 0;; ++attempt) {
    auto current = repo.FindNotice(*id);
    if (!current) return WriteFail<NoticeRecord>(WriteError::Storage, current.error());
    if (!*current) return WriteFail<NoticeRecord>(WriteError::NotFound, "no notice with id " + *id);
    if ((*current)->withdrawn())
      return WriteFail<NoticeRecord>(WriteError::Withdrawn, "notice " + *id + " has been withdrawn");
    protocol::Notice n = (*current)->notice;
    Apply(edit, n);
    if (auto e = CheckNoticeText(n)) return WriteFail<NoticeRecord>(WriteError::Invalid, *e);
    if (auto s = protocol::ValidateNotice(n); !s) return WriteFail<NoticeRecord>(WriteError::Invalid, s.error());
    auto r = repo.UpdateNotice(n, (*current)->notice.revision);
    if (r.error != WriteError::Conflict || attempt >= 5) return r;
  }
}

WriteResult<NoticeRecord> WithdrawNotice(HubRepository& repo, std::string_view raw_id,
                                         protocol::UnixSeconds now) {
  auto id = protocol::NormaliseUuid(raw_id);
  if (!id) return WriteFail<NoticeRecord>(WriteError::Invalid, "id: must be a UUID");
  return repo.WithdrawNotice(*id, now);
}

WriteResult<std::size_t> ImportNoticesJson(HubRepository& repo, std::string_view json_text,
                                           protocol::UnixSeconds now) {
  nlohmann::json j = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return WriteFail<std::size_t>(WriteError::Invalid, "not valid JSON");
  if (!j.is_array()) return WriteFail<std::size_t>(WriteError::Invalid, "must be a JSON array of notices");
  std::vector<protocol::Notice> notices;
  notices.reserve(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    nlohmann::json& item = j[i];
    std::string where = "[" + std::to_string(i) + "] ";
    if (!item.is_object()) return WriteFail<std::size_t>(WriteError::Invalid, where + "must be a JSON object");
    if (!item.contains("id") || item["id"].is_null()) item["id"] = protocol::NewUuid();
    if (!item.contains("published_at") || item["published_at"].is_null())
      item["published_at"] = protocol::FormatUtc(now);
    item["revision"] = 1;  // the hub owns revisions
    auto n = protocol::NoticeFromJson(item);
    if (!n) return WriteFail<std::size_t>(WriteError::Invalid, where + n.error());
    if (auto e = CheckNoticeText(*n)) return WriteFail<std::size_t>(WriteError::Invalid, where + *e);
    n->id = *protocol::NormaliseUuid(n->id);
    notices.push_back(std::move(n).value());
  }
  return repo.ImportNotices(notices);
}

}  // namespace ck::hub
