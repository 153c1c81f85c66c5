// Work orders (the 12345 hotline's flow) as the hub stores them: channel, response and resolution times,
// 督办 marks, queue filters, the 三率 counts and reply templates. Plain data; HubRepository stores it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/notice.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/utc_time.h"

// The default deadline of a category that names none, in hours: the one home of "72 h". The store's SQL
// (the due date on every write, migration 6's column default and back-fill) pastes the text in; the
// rules and the console read kDefaultDeadlineHours. Changing it needs a new migration for the column
// default of databases made before.
#define CK_HUB_DEFAULT_DEADLINE_HOURS_SQL "72"

namespace ck::hub {

namespace detail {
constexpr int DecimalLiteral(const char* s) {
  int v = 0;
  for (; *s; ++s) v = v * 10 + (*s - '0');
  return v;
}
}  // namespace detail

inline constexpr int kDefaultDeadlineHours = detail::DecimalLiteral(CK_HUB_DEFAULT_DEADLINE_HOURS_SQL);
static_assert(kDefaultDeadlineHours == 72);

// How a report reached the hub. Kiosk: filed by a kiosk's sync engine (it carries the kiosk's ticket
// code); Open311: a plain Open311 client; Phone and FrontDesk: a clerk filed it for a resident (代录入).
enum class Channel { Kiosk, Phone, FrontDesk, Open311 };
std::string_view ChannelCode(Channel c);  // "kiosk" | "phone" | "front_desk" | "open311"
std::optional<Channel> ParseChannel(std::string_view code);

// Shown in the console's zone; months for the 三率 are Asia/Shanghai months (UTC+8, no DST).
inline constexpr protocol::UnixSeconds kShanghaiOffsetSeconds = 8 * 3600;

// What the work-order flow adds to a request. The times are kept by the store as the status changes, so
// every path (console, CLI, operator API, a resident's rating) keeps them the same way:
//   responded_at: the first change away from `submitted` (accepted or dispatched): the response time.
//   resolved_at:  when it was last resolved or closed; cleared when a rating re-opens it.
//   satisfied:    the last rating was 4–5 and did not re-open it (没解决 counts against); unset: unrated.
struct WorkOrderInfo {
  Channel channel = Channel::Kiosk;
  std::optional<protocol::UnixSeconds> responded_at;
  std::optional<protocol::UnixSeconds> resolved_at;
  std::optional<protocol::UnixSeconds> supervised_at;  // 督办: the street office marked it
  std::string supervision_note;
  std::optional<bool> satisfied;
  // Read only, kept by the store: the promised date, else filed + the category's deadline at filing (a
  // later change of a category's deadline applies to tickets filed or dispatched after it).
  protocol::UnixSeconds due_at = 0;
  // 退单: a party gave it back; it waits with the street office to be re-assigned (cleared by a dispatch).
  std::optional<protocol::UnixSeconds> returned_at;
  // A pending 延期申请: the date the owning party asks for, and why (cleared when decided or dispatched).
  std::optional<protocol::UnixSeconds> extension_until;
  std::string extension_reason;
  // Read only, kept by the store: a due date passed while the ticket was open. The on-time rate counts it
  // late even when an extension later moves the due date (the deadline in force when it passed).
  bool deadline_missed = false;
  bool operator==(const WorkOrderInfo&) const = default;
};

// A 督办 mark carried by a RequestChange (set: mark now with this note).
struct SupervisionMark {
  protocol::UnixSeconds at = 0;
  std::string note;
};

// One party's queue, or every party's (party unset). Unset filters do not filter. Order: open 督办
// tickets first, then re-opened (flagged) ones, then newest first.
struct WorkOrderQuery {
  std::optional<protocol::Agency> party;  // the owner; StreetOffice also holds the not-yet-dispatched
  std::optional<protocol::RequestStatus> status;
  std::optional<std::string> service_code;
  std::optional<std::string> device_id;  // the kiosk it came from
  std::optional<Channel> channel;
  std::optional<protocol::UnixSeconds> filed_from;  // inclusive
  std::optional<protocol::UnixSeconds> filed_to;    // exclusive
  bool overdue_only = false;                        // open and past its due date at `now`
  bool reopened_only = false;    // re-opened by a resident's rating and not yet resolved again
  bool supervised_only = false;  // marked 督办 and still open
  bool most_late_first = false;  // order by due date instead (the supervision list)
  // Finding a ticket (each from an index): its code (normalised), the last four digits of the resident's
  // phone (the caller restricts this to the queue whose phones it may see), or words in what the resident
  // or staff wrote (three characters or more use the trigram index; shorter text is matched within the
  // other filters).
  std::optional<std::string> ticket_code;
  std::optional<std::string> phone_tail;
  std::optional<std::string> text;
  protocol::UnixSeconds now = 0;
  int offset = 0;
  int limit = 50;
};

// 督办's summary of one party: its open tickets past their due date, and how many of those are 督办.
struct OverdueCount {
  protocol::Agency party = protocol::Agency::StreetOffice;
  std::int64_t overdue = 0;
  std::int64_t supervised = 0;
  bool operator==(const OverdueCount&) const = default;
};

// The 三率 counts of one party in one month (tickets filed that month, owned by that party now; a ticket
// nobody has taken yet is the street office's, which receives every report). Each rate is ok / due:
//   response:     due = answered, or its response window (hub setting) has passed; ok = answered within it
//   on time:      due = resolved, or past its due date;                             ok = resolved by it
//   satisfaction: due = rated;                                                      ok = satisfied
struct PartyMonthRates {
  protocol::Agency party = protocol::Agency::StreetOffice;
  std::string month;  // "2026-11"
  std::int64_t tickets = 0;
  std::int64_t response_due = 0, response_ok = 0;
  std::int64_t resolution_due = 0, resolution_ok = 0;
  std::int64_t rated = 0, satisfied = 0;
  // Counted beside the 三率 by the month they happened (not the month filed), for the party that acted:
  // 退单 it made, 延期申请 it asked, and of those answered that month, how many the street office granted.
  std::int64_t returns = 0, extensions_asked = 0, extensions_granted = 0, extensions_refused = 0;
  bool operator==(const PartyMonthRates&) const = default;
};

struct RatesQuery {
  protocol::UnixSeconds filed_from = 0;  // inclusive
  protocol::UnixSeconds filed_to = 0;    // exclusive
  protocol::UnixSeconds now = 0;
  std::optional<Channel> channel;
};

// 常用回复: a pre-written reply offered for a category and a status (unset: any). It belongs to the party
// that wrote it (the owner never changes); who may read or edit it is rules/party_policy.h.
struct ReplyTemplate {
  std::int64_t id = 0;  // assigned by the store
  protocol::Publisher party = protocol::Publisher::StreetOffice;
  std::optional<std::string> service_code;
  std::optional<protocol::RequestStatus> status;
  std::string title;
  std::string body;
  protocol::UnixSeconds updated_at = 0;
  bool operator==(const ReplyTemplate&) const = default;
};

}  // namespace ck::hub
