// Pieces the work-order pages share (who may do what is rules/party_policy.h): names of
// statuses, parties and channels in the page's language, the masked phone, and "overdue by" badges.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/hub/console/console_router.h"
#include "sync/hub/rules/party_policy.h"

namespace ck::hub::console {

const std::string& StatusName(Lang lang, protocol::RequestStatus s);
const std::string& AgencyName(Lang lang, protocol::Agency a);
const std::string& ChannelName(Lang lang, Channel c);
bool IsOverdue(const RequestRecord& r, protocol::UnixSeconds now);
// "超期 3 天 5 小时" / "overdue 3 d 5 h".
std::string LateBy(const ConsoleRequest& rq, protocol::UnixSeconds seconds);
// The status badge, plus 督办 / 超期 / 重新打开 badges as they apply, for {{>ticket_badges}} (`badges`).
View TicketBadgesView(const ConsoleRequest& rq, const RequestRecord& r);

// A timeline entry's note in `lang`: the stored note is the rules' Chinese (request_editor.cpp writes, by
// kind, "改派：A → B；理由：R", "→ 2026-12-08 18:00；理由：R", "督办：N", "responsible：note"); its
// system-written words are rendered from the kind in the page's language and the clerk's or resident's
// own text is kept as written. Parts in order: {text, free} (free: someone's own words, as typed).
struct NotePart {
  std::string text;
  bool free = false;
};
std::vector<NotePart> TimelineNote(Lang lang, const protocol::StatusEvent& e);

// Loads the ticket named in the URL (capture 1: id or ticket code) for `rq.me()`: the record, or an
// answer to send instead (404; 403 and an audit entry when another party's ticket is asked for).
struct TicketOrAnswer {
  std::optional<RequestRecord> ticket;
  std::optional<ConsoleAnswer> answer;
};
TicketOrAnswer LoadTicketFor(ConsoleRequest& rq);

std::string TicketHref(const RequestRecord& r);  // "/console/orders/<id>"
// The ticket's category in the page's language (the English name when the category has one).
std::string CategoryName(ConsoleRequest& rq, const RequestRecord& r);

}  // namespace ck::hub::console
