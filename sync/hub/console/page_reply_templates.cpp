// 常用回复: the reply templates staff pick from on a ticket, per category and status (or any); add, edit
// and delete. Each belongs to a party: a party edits its own, reads the street office's (shared) and
// never another's (rules/party_policy.h); a refused edit is 403 and audited. Every change is audited.
#include <httplib.h>

#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::console {

namespace {

using protocol::RequestStatus;

std::vector<std::pair<std::string, std::string>> StatusChoices(const ConsoleRequest& rq) {
  std::vector<std::pair<std::string, std::string>> v{{"", rq.T("templates.any")}};
  for (auto s : {RequestStatus::Submitted, RequestStatus::Accepted, RequestStatus::Assigned,
                 RequestStatus::InProgress, RequestStatus::Resolved, RequestStatus::Reopened})
    v.emplace_back(std::string(protocol::RequestStatusCode(s)), StatusName(rq.lang, s));
  return v;
}

std::vector<std::pair<std::string, std::string>> CategoryChoices(ConsoleRequest& rq) {
  auto services = rq.hub().ListServices();
  if (!services) throw std::runtime_error("services: " + services.error());
  std::vector<std::pair<std::string, std::string>> v{{"", rq.T("templates.any")}};
  for (const auto& s : *services)
    v.emplace_back(s.service_code, rq.lang == Lang::En && !s.name_en.empty() ? s.name_en : s.service_name);
  return v;
}

// A refused form, shown again with what was typed: which template (0: the new one), the text, the reason.
struct TypedTemplate {
  std::int64_t id = -1;
  ReplyTemplate typed;
  std::string error;
};

// A template's form fields (templates/reply_template_fields.mustache): as stored, or as typed and refused.
View TemplateFields(const ConsoleRequest& rq, const std::vector<std::pair<std::string, std::string>>& categories,
                    const ReplyTemplate& t, const std::string& error = {}) {
  View f;
  f["title"] = t.title;
  f["field_error"] = FieldErrorView(error);
  f["categories"] = OptionsView(categories, t.service_code.value_or(""));
  f["statuses"] = OptionsView(StatusChoices(rq), t.status ? protocol::RequestStatusCode(*t.status) : "");
  f["body"] = t.body;
  return f;
}

}  // namespace

namespace {

// The templates this staff member may read, or a storage failure (thrown).
std::vector<ReplyTemplate> ReadableTemplates(ConsoleRequest& rq) {
  auto list = rq.hub().ListReplyTemplates(std::nullopt, std::nullopt);
  if (!list) throw std::runtime_error("templates: " + list.error());
  std::vector<ReplyTemplate> out;
  for (const ReplyTemplate& t : *list)
    if (MayReadReplyTemplate(rq.me(), t)) out.push_back(t);
  return out;
}

ConsoleAnswer TemplatesView(ConsoleRequest& rq, const TypedTemplate& typed, int status) {
  auto list = ReadableTemplates(rq);
  auto categories = CategoryChoices(rq);
  auto category_name = [&](const std::optional<std::string>& code) {
    if (!code) return rq.T("templates.any");
    for (auto& [value, label] : categories)
      if (value == *code) return label;
    return *code;
  };
  View v;
  View templates = ViewList();
  for (const ReplyTemplate& t : list) {
    bool mine = MayEditReplyTemplate(rq.me(), t);
    bool refused_here = typed.id == t.id;
    View row;
    row["open"] = refused_here;
    row["id"] = Num(t.id);
    row["title"] = t.title;
    row["category"] = category_name(t.service_code);
    row["status"] = t.status ? StatusName(rq.lang, *t.status) : rq.T("templates.any");
    row["party"] = PartyName(rq.lang, t.party);
    row["mine"] = mine;
    row["excerpt"] = protocol::ClipCodepoints(t.body, 60);
    row["body"] = t.body;
    if (mine)
      row["form"] = TemplateFields(rq, categories, refused_here ? typed.typed : t, refused_here ? typed.error : "");
    else
      row["form"] = false;
    templates << row;
  }
  v["templates"] = std::move(templates);
  bool new_refused = typed.id == 0;
  v["new"] = TemplateFields(rq, categories, new_refused ? typed.typed : ReplyTemplate{}, new_refused ? typed.error : "");
  return rq.Render("reply_templates", rq.T("templates.title"), "nav.templates", std::move(v), status);
}

// The stored template `id` if this staff member may edit it; else the answer to give (404 or 403).
std::optional<ConsoleAnswer> RefuseEdit(ConsoleRequest& rq, std::int64_t id, ReplyTemplate* found) {
  auto list = rq.hub().ListReplyTemplates(std::nullopt, std::nullopt);
  if (!list) throw std::runtime_error("templates: " + list.error());
  for (const ReplyTemplate& t : *list) {
    if (t.id != id) continue;
    if (!MayReadReplyTemplate(rq.me(), t)) return rq.NotFound();  // another party's: not even there
    if (!MayEditReplyTemplate(rq.me(), t))
      return rq.Deny(std::to_string(id), "reply template of " + std::string(protocol::PublisherCode(t.party)));
    *found = t;
    return std::nullopt;
  }
  return rq.NotFound();
}

}  // namespace

ConsoleAnswer ReplyTemplatesPage(ConsoleRequest& rq) {
  return TemplatesView(rq, {}, 200);
}

ConsoleAnswer ReplyTemplateSaveAction(ConsoleRequest& rq) {
  ReplyTemplate t;
  t.party = rq.me().party;
  std::string id = rq.Match(1);
  if (!id.empty()) {
    if (id.size() > 12) return rq.NotFound();
    ReplyTemplate stored;
    if (auto refused = RefuseEdit(rq, std::stoll(id), &stored)) return std::move(*refused);
    t.id = stored.id;
    t.party = stored.party;  // the owner never changes
  }
  t.title = rq.Form("title");
  t.body = rq.Form("body");
  if (std::string s = rq.Form("service"); !s.empty()) t.service_code = s.substr(0, 64);
  if (std::string s = rq.Form("status"); !s.empty()) t.status = protocol::ParseRequestStatus(s);
  if (CheckLine("title", t.title, kMaxTemplateTitleCodepoints, true) ||
      CheckText("body", t.body, kMaxReplyCodepoints, true) || (!rq.Form("status").empty() && !t.status))
    return TemplatesView(rq, {t.id, t, rq.T("templates.error.fields")}, 400);
  t.updated_at = rq.now;
  auto saved = t.id ? rq.hub().UpdateReplyTemplate(t) : rq.hub().AddReplyTemplate(t);
  if (saved.error == WriteError::Storage) throw std::runtime_error("template: " + saved.message);
  if (saved.error == WriteError::NotFound) return rq.NotFound();
  if (!saved.ok()) return TemplatesView(rq, {t.id, t, rq.T("templates.error.fields")}, 400);
  rq.Audit(t.id ? "template.update" : "template.add", std::to_string(saved.value->id), t.title);
  return rq.Redirect("/console/templates?done=template_saved");
}

ConsoleAnswer ReplyTemplateDeleteAction(ConsoleRequest& rq) {
  std::string id = rq.Match(1);
  if (id.empty() || id.size() > 12) return rq.NotFound();
  ReplyTemplate stored;
  if (auto refused = RefuseEdit(rq, std::stoll(id), &stored)) return std::move(*refused);
  auto deleted = rq.hub().DeleteReplyTemplate(stored.id);
  if (deleted.error == WriteError::Storage) throw std::runtime_error("template: " + deleted.message);
  if (!deleted.ok()) return rq.NotFound();
  rq.Audit("template.delete", id, stored.title);
  return rq.Redirect("/console/templates?done=template_deleted");
}

}  // namespace ck::hub::console
