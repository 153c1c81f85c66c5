// What an operator can do to notices (publish, update, withdraw, import), checked against the protocol's
// rules before anything reaches the repository. The CLI is a thin shell over these.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sync/hub/store/hub_repository.h"

namespace ck::hub {

// The fields an operator gave; unset ones keep their value (update) or take the default (publish).
struct NoticeEdit {
  std::optional<std::string> title;
  std::optional<std::string> body;
  std::optional<protocol::Publisher> publisher;
  std::optional<std::string> category;
  std::optional<protocol::Priority> priority;
  std::optional<bool> pinned;
  std::optional<protocol::UnixSeconds> published_at;
  std::optional<protocol::UnixSeconds> expires_at;
  bool clear_expiry = false;  // wins over expires_at
  std::optional<std::string> audience;

  bool empty() const {
    return !title && !body && !publisher && !category && !priority && !pinned && !published_at &&
           !expires_at && !clear_expiry && !audience;
  }
};

// The hub's own check beside the protocol's ValidateNotice: no control characters in the title or the
// audience (one line each), none but line breaks and tabs in the body (a NUL would travel to every kiosk).
std::optional<std::string> CheckNoticeText(const protocol::Notice& n);

// A new notice: the hub makes its id; title and publisher are required; published_at defaults to now.
WriteResult<NoticeRecord> PublishNotice(HubRepository& repo, const NoticeEdit& edit,
                                        protocol::UnixSeconds now);
// Applies `edit` to the current version; retried if another writer got in between. An empty edit is
// refused (Invalid) rather than bumping the revision for nothing.
WriteResult<NoticeRecord> EditNotice(HubRepository& repo, std::string_view id, const NoticeEdit& edit);
WriteResult<NoticeRecord> WithdrawNotice(HubRepository& repo, std::string_view id, protocol::UnixSeconds now);
// A JSON array of notices in the protocol's shape; a missing id means a new notice, a missing
// published_at means now, revision is ignored (the hub owns it). All valid or nothing is written.
WriteResult<std::size_t> ImportNoticesJson(HubRepository& repo, std::string_view json_text,
                                           protocol::UnixSeconds now);

}  // namespace ck::hub
