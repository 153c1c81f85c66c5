// Work-order view pieces: access rules, names and badges, all through the console's one escaper.
#include "sync/hub/console/work_order_view.h"

#include <cstdio>

#include "sync/hub/console/html.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::console {

// Keys made from wire codes; work_order_view_test checks every one exists.
const std::string& StatusName(Lang lang, protocol::RequestStatus s) {
  std::string key = "orders.status.";
  return Tr(lang, key + std::string(protocol::RequestStatusCode(s)));
}

const std::string& AgencyName(Lang lang, protocol::Agency a) {
  return Tr(lang, "party." + std::string(protocol::AgencyCode(a)));
}

const std::string& ChannelName(Lang lang, Channel c) {
  std::string key = "orders.channel.";
  return Tr(lang, key + std::string(ChannelCode(c)));
}

bool IsOverdue(const RequestRecord& r, protocol::UnixSeconds now) {
  return !protocol::IsOpen311Closed(r.status.status) && r.work.due_at < now;
}

std::string LateBy(const ConsoleRequest& rq, protocol::UnixSeconds seconds) {
  long long days = seconds / 86400, hours = (seconds % 86400) / 3600;
  char buf[96];
  std::snprintf(buf, sizeof buf, rq.T("orders.late_by").c_str(), days, hours);
  return buf;
}

View TicketBadgesView(const ConsoleRequest& rq, const RequestRecord& r) {
  View list = ViewList();
  auto badge = [&](std::string cls, const std::string& text) {
    View b;
    b["first"] = list.is_empty_list();
    b["class"] = std::move(cls);
    b["text"] = text;
    list << b;
  };
  badge("status-" + std::string(protocol::RequestStatusCode(r.status.status)), StatusName(rq.lang, r.status.status));
  bool open = !protocol::IsOpen311Closed(r.status.status);
  if (r.work.supervised_at && open) badge("supervised", rq.T("orders.supervised"));
  // The flag outlives the re-opened status (a re-dispatch keeps it until resolved): show it when it adds
  // news.
  if (r.flagged && r.status.status != protocol::RequestStatus::Reopened) badge("red", rq.T("orders.reopened"));
  if (r.work.returned_at && open) badge("returned", rq.T("orders.returned"));
  if (r.work.extension_until && open) badge("extension", rq.T("orders.extension_pending"));
  if (IsOverdue(r, rq.work_now)) badge("overdue", LateBy(rq, rq.work_now - r.work.due_at));
  return list;
}

namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::vector<NotePart> TimelineNote(Lang lang, const protocol::StatusEvent& e) {
  using protocol::EventKind;
  std::string_view note = e.note;
  std::vector<NotePart> parts;
  auto sys = [&](std::string_view t) { parts.push_back({std::string(t), false}); };
  auto free = [&](std::string_view t) {
    if (!t.empty()) parts.push_back({std::string(t), true});
  };
  // The separators request_editor.cpp writes (Chinese, for kiosks that read notes).
  constexpr std::string_view kReason = "；理由：", kArrow = "→ ", kColon = "：", kSemicolon = "；";
  switch (e.kind) {
    case EventKind::Dispatch: {
      // "responsible" or "responsible：note"; the front desk's own note is the console's words (file.*).
      std::size_t colon = note.find(kColon);
      std::string_view who = note.substr(0, colon), rest;
      if (colon != std::string_view::npos) rest = note.substr(colon + kColon.size());
      free(who);
      if (!rest.empty()) {
        sys(Tr(lang, "timeline.colon"));
        if (rest == Tr(Lang::Zh, "file.taken_by_desk") || rest == Tr(Lang::En, "file.taken_by_desk"))
          sys(Tr(lang, "file.taken_by_desk"));
        else
          free(rest);
      }
      return parts;
    }
    case EventKind::Redispatch: {
      // "改派：from → to；理由：reason" (from may be empty).
      if (StartsWith(note, "改派：")) note.remove_prefix(std::string_view("改派：").size());
      std::size_t arrow = note.find(kArrow);
      std::size_t reason = arrow == std::string_view::npos ? arrow : note.find(kReason, arrow);
      if (reason == std::string_view::npos) break;
      std::string_view from = note.substr(0, arrow);
      while (!from.empty() && from.back() == ' ') from.remove_suffix(1);
      if (!from.empty()) {
        free(from);
        sys(" ");
      }
      sys(kArrow);
      free(note.substr(arrow + kArrow.size(), reason - arrow - kArrow.size()));
      sys(Tr(lang, "timeline.reason"));
      free(note.substr(reason + kReason.size()));
      return parts;
    }
    case EventKind::ExtensionAsked: {
      // "→ 2026-12-08 18:00；理由：reason".
      std::size_t reason = note.find(kReason);
      if (!StartsWith(note, kArrow) || reason == std::string_view::npos) break;
      sys(Tr(lang, "timeline.until"));
      sys(note.substr(kArrow.size(), reason - kArrow.size()));
      sys(Tr(lang, "timeline.reason"));
      free(note.substr(reason + kReason.size()));
      return parts;
    }
    case EventKind::ExtensionGranted: {
      // "→ 2026-12-08 18:00" and "；note" when the street office wrote one.
      if (!StartsWith(note, kArrow)) break;
      std::size_t semi = note.find(kSemicolon);
      sys(Tr(lang, "timeline.until"));
      sys(note.substr(kArrow.size(), semi == std::string_view::npos ? semi : semi - kArrow.size()));
      if (semi != std::string_view::npos) {
        sys(Tr(lang, "timeline.separator"));
        free(note.substr(semi + kSemicolon.size()));
      }
      return parts;
    }
    case EventKind::Supervise:
      if (StartsWith(note, "督办：")) note.remove_prefix(std::string_view("督办：").size());
      break;
    default:
      break;
  }
  free(note);  // someone's own words (a reply, a reason, a comment, a status note), as written
  return parts;
}

std::string CategoryName(ConsoleRequest& rq, const RequestRecord& r) {
  if (rq.lang != Lang::En) return r.status.service_name;
  auto s = rq.hub().FindService(r.status.service_code);
  if (!s) throw std::runtime_error("service: " + s.error());
  return *s && !(*s)->name_en.empty() ? (*s)->name_en : r.status.service_name;
}

TicketOrAnswer LoadTicketFor(ConsoleRequest& rq) {
  TicketOrAnswer out;
  std::string id = rq.Match(1);
  auto found = FindRequestByIdOrTicket(rq.hub(), id);
  if (!found) throw std::runtime_error("ticket: " + found.error());
  if (!*found) {
    out.answer = rq.NotFound();
    return out;
  }
  if (!MayHandleTicket(rq.me(), **found)) {
    std::string owner = (*found)->status.agency ? std::string(protocol::AgencyCode(*(*found)->status.agency))
                                                : std::string("not dispatched");
    out.answer = rq.Deny((*found)->status.ticket_code, "ticket of " + owner);
    return out;
  }
  out.ticket = std::move(*found);
  return out;
}

std::string TicketHref(const RequestRecord& r) {
  return "/console/orders/" + r.status.service_request_id;
}

}  // namespace ck::hub::console
