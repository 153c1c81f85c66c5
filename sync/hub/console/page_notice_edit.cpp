// Compose and edit a notice beside a kiosk-like preview; save (publish or update), preview, withdraw.
// Publishing goes through the notice editor's rules (rules/notice_editor); an edit is stored only if
// the notice is still at the revision the form was opened on, so two clerks cannot overwrite each other;
// when that happens the clerk's edits stay in the form, the stored version beside them. A refused form
// comes back as typed, the reason in the page's language.
#include <httplib.h>

#include <cstdio>

#include "sync/protocol/utf8.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/console/notice_preview.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ids.h"

namespace ck::hub::console {

namespace {

constexpr Party kParties[] = {Party::StreetOffice, Party::PropertyCompany, Party::ResidentsCommittee,
                              Party::OwnersCommittee};

// The form as the user filled it in, kept as text so a refused form comes back exactly as typed.
struct NoticeForm {
  std::string title, body, publisher, category = "community", priority = "normal", audience, publish_at,
                                      expires_at, revision;
  bool pinned = false;
};

NoticeForm FromNotice(const protocol::Notice& n) {
  NoticeForm f;
  f.title = n.title;
  f.body = n.body;
  f.publisher = std::string(protocol::PublisherCode(n.publisher));
  f.category = n.category;
  f.priority = std::string(protocol::PriorityCode(n.priority));
  f.pinned = n.pinned;
  f.audience = n.audience == "all" ? "" : n.audience;
  f.publish_at = DateTimeLocalValue(n.published_at);
  if (n.expires_at) f.expires_at = DateTimeLocalValue(*n.expires_at);
  f.revision = std::to_string(n.revision);
  return f;
}

NoticeForm FromRequest(const ConsoleRequest& rq) {
  NoticeForm f;
  f.title = rq.Form("title");
  f.body = rq.Form("body");
  f.publisher = rq.Form("publisher");
  f.category = rq.Form("category");
  f.priority = rq.Form("priority");
  f.pinned = rq.Form("pinned") == "1";
  f.audience = rq.Form("audience");
  f.publish_at = rq.Form("publish_at");
  f.expires_at = rq.Form("expires_at");
  f.revision = rq.Form("revision");
  return f;
}

// The form turned into a notice (for the preview and for saving); an error message if a field is wrong.
struct Parsed {
  protocol::Notice notice;
  std::string error;
};

Parsed ParseForm(const ConsoleRequest& rq, const NoticeForm& f) {
  Parsed p;
  protocol::Notice& n = p.notice;
  n.title = f.title;
  // Browsers send CRLF from a textarea; the kiosk splits on LF.
  for (char c : f.body)
    if (c != '\r') n.body += c;
  n.publisher = protocol::ParsePublisher(f.publisher).value_or(rq.me().party);
  n.category = f.category.empty() ? "community" : f.category;
  n.priority = protocol::ParsePriority(f.priority).value_or(protocol::Priority::Normal);
  n.pinned = f.pinned;
  n.audience = f.audience.empty() ? "all" : f.audience;
  n.published_at = rq.now;
  if (!f.publish_at.empty()) {
    if (auto t = ParseDateTimeLocal(f.publish_at))
      n.published_at = *t;
    else
      p.error = rq.T("compose.bad_time");
  }
  if (!f.expires_at.empty()) {
    if (auto t = ParseDateTimeLocal(f.expires_at))
      n.expires_at = *t;
    else
      p.error = rq.T("compose.bad_time");
  }
  return p;
}

// A refusal from the rules ("title: control characters") in the page's language: by the field it names.
std::string RefusalText(const ConsoleRequest& rq, std::string_view message) {
  static constexpr std::pair<const char*, const char*> kByField[] = {
      {"title:", "compose.error.title"},           {"body:", "compose.error.body"},
      {"audience:", "compose.error.audience"},     {"expires_at:", "compose.error.expires_at"},
      {"published_at:", "compose.error.published_at"}, {"category:", "compose.error.category"}};
  for (const auto& [prefix, key] : kByField)
    if (message.rfind(prefix, 0) == 0 || message.find(std::string("] ") + prefix) != std::string_view::npos)
      return rq.T(key);
  return std::string(message);
}

// The stored version beside the clerk's form after an edit conflict, so nothing typed is lost.
View StoredVersionView(const protocol::Notice& n) {
  View v;
  v["revision"] = Num(n.revision);
  v["title"] = n.title;
  v["body"] = n.body;
  v["published"] = FormatLocal(n.published_at);
  if (n.expires_at) v["expires"] = FormatLocal(*n.expires_at); else v["expires"] = false;
  return v;
}

View FormView(const NoticeForm& f) {
  View v;
  v["title"] = f.title;
  v["body"] = f.body;
  v["publish_at"] = f.publish_at;
  v["expires_at"] = f.expires_at;
  v["audience"] = f.audience;
  v["revision"] = f.revision;
  v["pinned"] = f.pinned;
  return v;
}

// The compose/edit page's view model.
ConsoleAnswer RenderCompose(ConsoleRequest& rq, const std::optional<NoticeRecord>& existing,
                            const NoticeForm& f, std::string_view error, int status,
                            const protocol::Notice* stored_after_conflict = nullptr) {
  bool editing = existing.has_value();
  std::string title = rq.T(editing ? "compose.title.edit" : "compose.title.new");
  View v;
  v["heading"] = title;
  v["editing"] = editing;
  v["action"] = editing ? "/console/notices/" + existing->notice.id : "/console/notices/new";
  if (error.empty()) v["error"] = false; else v["error"] = RefusalText(rq, error);
  v["scheduled"] = false;
  v["delivery"] = false;
  if (editing && StateOf(*existing, rq.now) == NoticeState::Scheduled) {
    // Not on any kiosk and no public page yet: say when, and link nowhere that answers 404.
    char buf[160];
    std::snprintf(buf, sizeof buf, rq.T("compose.scheduled").c_str(), FormatLocal(existing->notice.published_at).c_str());
    v["scheduled"] = std::string(buf);
  } else if (editing) {
    auto d = rq.store().NoticeDelivery(existing->seq);
    if (!d) throw std::runtime_error("notice delivery: " + d.error());
    char buf[96];
    std::snprintf(buf, sizeof buf, rq.T("notices.delivered").c_str(), d->first, d->second);
    View delivery;
    delivery["state"] = StateName(rq.lang, StateOf(*existing, rq.now));
    delivery["partial"] = d->first < d->second;
    delivery["text"] = std::string(buf);
    delivery["id"] = existing->notice.id;
    v["delivery"] = std::move(delivery);
  }
  v["form"] = FormView(f);

  // A party publishes as itself; the street office may publish for any party.
  std::vector<std::pair<std::string, std::string>> parties;
  for (Party p : kParties)
    if (MayEditNotice(rq.me(), p))
      parties.emplace_back(std::string(protocol::PublisherCode(p)), PartyName(rq.lang, p));
  std::string publisher =
      f.publisher.empty() ? std::string(protocol::PublisherCode(rq.me().party)) : f.publisher;
  std::vector<std::pair<std::string, std::string>> categories;
  for (std::string_view code : protocol::kNoticeCategories)
    categories.emplace_back(std::string(code), CategoryName(rq.lang, code));
  std::vector<std::pair<std::string, std::string>> priorities;
  for (auto p : {protocol::Priority::Normal, protocol::Priority::Important, protocol::Priority::Urgent})
    priorities.emplace_back(std::string(protocol::PriorityCode(p)), PriorityName(rq.lang, p));
  v["publishers"] = OptionsView(parties, publisher);
  v["categories"] = OptionsView(categories, f.category);
  v["priorities"] = OptionsView(priorities, f.priority);
  v["submit"] = rq.T(editing ? "compose.submit.save" : "compose.submit.publish");
  if (stored_after_conflict) {
    v["stored"] = StoredVersionView(*stored_after_conflict);
    v["preview"] = false;
  } else {
    v["stored"] = false;
    v["preview"] = KioskPreviewView(rq.lang, ParseForm(rq, f).notice);
  }
  return rq.Render("notice_edit", title, "nav.notices", std::move(v), status);
}

// The notice named by the route, or an answer (404, 403) to send instead.
struct Loaded {
  std::optional<NoticeRecord> record;
  std::optional<ConsoleAnswer> answer;
};

Loaded LoadEditable(ConsoleRequest& rq) {
  Loaded l;
  auto id = protocol::NormaliseUuid(rq.Match(1));
  if (!id) {
    l.answer = rq.NotFound();
    return l;
  }
  auto found = rq.hub().FindNotice(*id);
  if (!found) throw std::runtime_error("find notice: " + found.error());
  if (!*found) {
    l.answer = rq.NotFound();
    return l;
  }
  if (!MayEditNotice(rq.me(), (*found)->notice.publisher)) {
    l.answer = rq.Deny(*id, "notice of " + std::string(protocol::PublisherCode((*found)->notice.publisher)));
    return l;
  }
  l.record = std::move(*found);
  return l;
}

}  // namespace

ConsoleAnswer NoticeNewPage(ConsoleRequest& rq) {
  NoticeForm f;
  f.publisher = std::string(protocol::PublisherCode(rq.me().party));
  return RenderCompose(rq, std::nullopt, f, "", 200);
}

ConsoleAnswer NoticeEditPage(ConsoleRequest& rq) {
  Loaded l = LoadEditable(rq);
  if (l.answer) return *l.answer;
  if (l.record->withdrawn()) {
    View v;
    v["title"] = l.record->notice.title;
    return rq.Render("notice_withdrawn", rq.T("compose.title.edit"), "nav.notices", std::move(v));
  }
  return RenderCompose(rq, l.record, FromNotice(l.record->notice), "", 200);
}

ConsoleAnswer NoticePreviewFragment(ConsoleRequest& rq) {
  ConsoleAnswer a;
  a.body = KioskPreview(rq.lang, ParseForm(rq, FromRequest(rq)).notice);
  return a;
}

ConsoleAnswer NoticeSaveAction(ConsoleRequest& rq) {
  bool editing = !rq.Match(1).empty();
  std::optional<NoticeRecord> existing;
  if (editing) {
    Loaded l = LoadEditable(rq);
    if (l.answer) return *l.answer;
    existing = std::move(l.record);
    if (existing->withdrawn()) return rq.BadRequest(rq.T("compose.withdrawn"));
  }
  NoticeForm f = FromRequest(rq);
  if (rq.Form("do") == "preview") return RenderCompose(rq, existing, f, "", 200);
  Parsed p = ParseForm(rq, f);
  if (!p.error.empty()) return RenderCompose(rq, existing, f, p.error, 400);
  auto publisher = protocol::ParsePublisher(f.publisher);
  if (!publisher) return RenderCompose(rq, existing, f, "publisher?", 400);
  // The publisher chosen in the form is checked too: a clerk cannot publish in another party's name.
  if (!MayEditNotice(rq.me(), *publisher))
    return rq.Deny(editing ? existing->notice.id : "new notice", "publish as " + f.publisher);

  if (!editing) {
    NoticeEdit e;
    e.title = p.notice.title;
    e.body = p.notice.body;
    e.publisher = p.notice.publisher;
    e.category = p.notice.category;
    e.priority = p.notice.priority;
    e.pinned = p.notice.pinned;
    e.published_at = p.notice.published_at;
    if (p.notice.expires_at) e.expires_at = p.notice.expires_at;
    e.audience = p.notice.audience;
    auto r = PublishNotice(rq.hub(), e, rq.now);
    if (r.error == WriteError::Storage) throw std::runtime_error("publish: " + r.message);
    if (!r.ok()) return RenderCompose(rq, existing, f, r.message, 400);
    rq.Audit("notice.publish", r.value->notice.id,
             std::string(protocol::PublisherCode(r.value->notice.publisher)) + ": " +
                 protocol::ClipCodepoints(r.value->notice.title, 60));
    bool scheduled = r.value->notice.published_at > rq.now;
    return rq.Redirect("/console/notices/" + r.value->notice.id + (scheduled ? "?done=scheduled" : "?done=published"));
  }

  protocol::Notice n = p.notice;
  n.id = existing->notice.id;
  std::int64_t expected = 0;
  try {
    expected = std::stoll(f.revision);
  } catch (...) {
    return rq.BadRequest("revision?");
  }
  // Someone saved first: keep the clerk's edits in the form (now against the stored revision, so saving
  // again is a deliberate overwrite) and show the stored version beside them.
  auto conflict = [&]() {
    auto stored = rq.hub().FindNotice(n.id);
    if (!stored || !*stored) throw std::runtime_error("notice vanished during an edit");
    NoticeForm mine = f;
    mine.revision = std::to_string((*stored)->notice.revision);
    return RenderCompose(rq, *stored, mine, rq.T("compose.conflict"), 409, &(*stored)->notice);
  };
  if (expected != existing->notice.revision) return conflict();
  n.revision = expected + 1;
  if (auto e = CheckNoticeText(n)) return RenderCompose(rq, existing, f, *e, 400);
  if (auto s = protocol::ValidateNotice(n); !s) return RenderCompose(rq, existing, f, s.error(), 400);
  auto r = rq.hub().UpdateNotice(n, expected);
  if (r.error == WriteError::Conflict) return conflict();
  if (r.error == WriteError::Storage) throw std::runtime_error("update: " + r.message);
  if (!r.ok()) return RenderCompose(rq, existing, f, r.message, 400);
  rq.Audit("notice.edit", n.id, "revision " + std::to_string(r.value->notice.revision));
  return rq.Redirect("/console/notices/" + n.id + "?done=saved");
}

ConsoleAnswer NoticeWithdrawAction(ConsoleRequest& rq) {
  Loaded l = LoadEditable(rq);
  if (l.answer) return *l.answer;
  auto r = WithdrawNotice(rq.hub(), l.record->notice.id, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("withdraw: " + r.message);
  if (!r.ok()) return rq.BadRequest(r.message);
  rq.Audit("notice.withdraw", l.record->notice.id, protocol::ClipCodepoints(l.record->notice.title, 60));
  return rq.Redirect("/console/notices?done=withdrawn");
}

}  // namespace ck::hub::console
