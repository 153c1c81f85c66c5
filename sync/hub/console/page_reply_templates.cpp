// 常用回复: the reply templates staff pick from on a ticket, per category and status (or any); add, edit
// and delete. Every change is audited.
#include <httplib.h>

#include "sync/hub/console/html.h"
#include "sync/hub/console/layout.h"
#include "sync/hub/console/work_order_pages.h"
#include "sync/hub/console/work_order_view.h"
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

std::string TemplateFields(ConsoleRequest& rq, const ReplyTemplate& t) {
  std::string f = "<label>" + Esc(rq.T("templates.f.title")) +
                  "<input name=\"title\" required maxlength=\"50\" value=\"" + Esc(t.title) + "\"></label>";
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

ConsoleAnswer ReplyTemplatesPage(ConsoleRequest& rq) {
  auto list = rq.hub().ListReplyTemplates(std::nullopt, std::nullopt);
  if (!list) throw std::runtime_error("templates: " + list.error());
  auto categories = CategoryChoices(rq);
  auto category_name = [&](const std::optional<std::string>& code) {
    if (!code) return rq.T("templates.any");
    for (auto& [value, label] : categories)
      if (value == *code) return label;
    return *code;
  };
  std::string c = Flash(rq) + "<h1>" + Esc(rq.T("templates.title")) + "</h1>\n<p class=\"hint\">" +
                  Esc(rq.T("templates.hint")) + "</p>\n";
  if (list->empty()) c += "<p>" + Esc(rq.T("templates.empty")) + "</p>\n";
  for (const ReplyTemplate& t : *list) {
    c += "<details class=\"template\"><summary><strong>" + Esc(t.title) + "</strong> <span class=\"meta\">" +
         Esc(category_name(t.service_code)) + " · " +
         Esc(t.status ? StatusName(rq.lang, *t.status) : rq.T("templates.any")) + "</span><br>" +
         Esc(protocol::ClipCodepoints(t.body, 60)) + "</summary>";
    std::string href = "/console/templates/" + std::to_string(t.id);
    c += "<form method=\"post\" enctype=\"multipart/form-data\" action=\"" + Esc(href) + "\">" + rq.CsrfField() + TemplateFields(rq, t) +
         "<button type=\"submit\" class=\"primary\">" + Esc(rq.T("templates.save")) + "</button></form>";
    c += "<form method=\"post\" enctype=\"multipart/form-data\" class=\"inline\" action=\"" + Esc(href + "/delete") + "\">" + rq.CsrfField() +
         "<button type=\"submit\" class=\"danger\">" + Esc(rq.T("templates.delete")) +
         "</button></form></details>\n";
  }
  c += "<h2>" + Esc(rq.T("templates.new")) +
       "</h2>\n<form method=\"post\" enctype=\"multipart/form-data\" class=\"template-new\" action=\"/console/templates\">" + rq.CsrfField() +
       TemplateFields(rq, ReplyTemplate{}) + "<button type=\"submit\" class=\"primary\">" +
       Esc(rq.T("templates.add")) + "</button></form>\n";
  return rq.Page(rq.T("templates.title"), "nav.templates", c);
}

ConsoleAnswer ReplyTemplateSaveAction(ConsoleRequest& rq) {
  ReplyTemplate t;
  std::string id = rq.Match(1);
  if (!id.empty()) {
    if (id.size() > 12) return rq.NotFound();
    t.id = std::stoll(id);
  }
  t.title = rq.Form("title");
  t.body = rq.Form("body");
  if (CheckText("title", t.title, kMaxTemplateTitleCodepoints, true) ||
      CheckText("body", t.body, kMaxReplyCodepoints, true))
    return rq.BadRequest(rq.T("templates.error.fields"));
  if (std::string s = rq.Form("service"); !s.empty()) t.service_code = s.substr(0, 64);
  if (std::string s = rq.Form("status"); !s.empty()) {
    t.status = protocol::ParseRequestStatus(s);
    if (!t.status) return rq.BadRequest(rq.T("templates.error.fields"));
  }
  t.updated_at = rq.now;
  auto saved = t.id ? rq.hub().UpdateReplyTemplate(t) : rq.hub().AddReplyTemplate(t);
  if (saved.error == WriteError::Storage) throw std::runtime_error("template: " + saved.message);
  if (saved.error == WriteError::NotFound) return rq.NotFound();
  if (!saved.ok()) return rq.BadRequest(saved.message);
  rq.Audit(t.id ? "template.update" : "template.add", std::to_string(saved.value->id), t.title);
  return rq.Redirect("/console/templates?done=template_saved");
}

ConsoleAnswer ReplyTemplateDeleteAction(ConsoleRequest& rq) {
  std::string id = rq.Match(1);
  if (id.empty() || id.size() > 12) return rq.NotFound();
  auto deleted = rq.hub().DeleteReplyTemplate(std::stoll(id));
  if (deleted.error == WriteError::Storage) throw std::runtime_error("template: " + deleted.message);
  if (!deleted.ok()) return rq.NotFound();
  rq.Audit("template.delete", id);
  return rq.Redirect("/console/templates?done=template_deleted");
}

}  // namespace ck::hub::console
