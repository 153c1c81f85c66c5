// 常用回复: the reply templates staff pick from on a ticket, per category and status (or any); add, edit
// and delete. Each belongs to a party: a party edits its own, reads the street office's (shared) and
// never another's (rules/party_policy.h); a refused edit is 403 and audited. Every change is audited.
#include <httplib.h>

#include "sync/hub/console/html.h"
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

std::string TemplateFields(ConsoleRequest& rq, const ReplyTemplate& t, std::string_view error = {}) {
  std::string f = "<label>" + Esc(rq.T("templates.f.title")) +
                  "<input name=\"title\" required maxlength=\"50\" value=\"" + Esc(t.title) + "\">" +
                  (error.empty() ? "" : "<span class=\"field-error\" role=\"alert\">" + Esc(error) + "</span>") +
                  "</label>";
  f += "<label>" + Esc(rq.T("templates.f.category")) + "<select name=\"service\">" +
       Options(CategoryChoices(rq), t.service_code.value_or("")) + "</select></label>";
  f += "<label>" + Esc(rq.T("templates.f.status")) + "<select name=\"status\">" +
       Options(StatusChoices(rq), t.status ? protocol::RequestStatusCode(*t.status) : "") +
       "</select></label>";
  f += "<label>" + Esc(rq.T("templates.f.body")) +
       "<textarea name=\"body\" rows=\"3\" maxlength=\"2000\" required>" + Esc(t.body) +
       "</textarea></label>";
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
  std::string c = Flash(rq) + "<h1>" + Esc(rq.T("templates.title")) + "</h1>\n<p class=\"hint\">" +
                  Esc(rq.T("templates.hint")) + "</p>\n";
  if (list.empty()) c += "<p>" + Esc(rq.T("templates.empty")) + "</p>\n";
  for (const ReplyTemplate& t : list) {
    bool mine = MayEditReplyTemplate(rq.me(), t);
    bool refused_here = typed.id == t.id;
    c += std::string("<details class=\"template\"") + (refused_here ? " open" : "") + " data-template-id=\"" +
         std::to_string(t.id) + "\"><summary><strong>" + Esc(t.title) + "</strong> <span class=\"meta\">" +
         Esc(category_name(t.service_code)) + " · " +
         Esc(t.status ? StatusName(rq.lang, *t.status) : rq.T("templates.any")) + " · " +
         Esc(PartyName(rq.lang, t.party)) + (mine ? "" : " · " + Esc(rq.T("templates.read_only"))) +
         "</span><br>" + Esc(protocol::ClipCodepoints(t.body, 60)) + "</summary>";
    if (mine) {
      std::string href = "/console/templates/" + std::to_string(t.id);
      c += "<form method=\"post\" enctype=\"multipart/form-data\" action=\"" + Esc(href) + "\" data-unsaved>" +
           rq.CsrfField() + TemplateFields(rq, refused_here ? typed.typed : t, refused_here ? typed.error : "") +
           "<button type=\"submit\" class=\"primary\">" + Esc(rq.T("templates.save")) + "</button></form>";
      c += "<form method=\"post\" enctype=\"multipart/form-data\" class=\"inline\" action=\"" +
           Esc(href + "/delete") + "\">" + rq.CsrfField() + "<button type=\"submit\" class=\"danger\" data-confirm=\"" +
           Esc(rq.T("templates.confirm_delete")) + "\">" + Esc(rq.T("templates.delete")) + "</button></form>";
    } else {
      c += "<p class=\"template-body\">" + Esc(t.body) + "</p>";
    }
    c += "</details>\n";
  }
  bool new_refused = typed.id == 0;
  c += "<h2>" + Esc(rq.T("templates.new")) +
       "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" class=\"template-new\" action=\"/console/templates\" "
       "data-unsaved>" +
       rq.CsrfField() + TemplateFields(rq, new_refused ? typed.typed : ReplyTemplate{}, new_refused ? typed.error : "") +
       "<p class=\"hint\">" + Esc(rq.T("templates.owner_hint")) + "</p><button type=\"submit\" class=\"primary\">" +
       Esc(rq.T("templates.add")) + "</button></form>\n";
  return rq.Page(rq.T("templates.title"), "nav.templates", c, status);
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
