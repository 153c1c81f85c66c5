// Import many notices from a JSON file (the `community-hub notice import` format), all or nothing. A
// party may import only its own notices (new or existing); the street office any.
#include <httplib.h>

#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "sync/hub/console/layout.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/console/pages.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ids.h"

namespace ck::hub::console {

namespace {

// The importer's refusal ("not valid JSON", "[2] title: too long …") in the page's language: which
// entry, and the field it names (JSON field names are the file's own words).
std::string ImportRefusal(const ConsoleRequest& rq, const std::string& message) {
  if (message == "not valid JSON") return rq.T("import.error.json");
  if (message.rfind("must be a JSON array", 0) == 0) return rq.T("import.error.array");
  if (message.size() > 3 && message[0] == '[') {
    auto close = message.find("] ");
    auto colon = message.find(':', close == std::string::npos ? 0 : close);
    if (close != std::string::npos && colon != std::string::npos) {
      long long entry = std::atoll(message.substr(1, close - 1).c_str()) + 1;  // people count from 1
      std::string field = message.substr(close + 2, colon - close - 2);
      if (field.rfind("notice.", 0) == 0) field.erase(0, 7);
      char buf[256];
      std::snprintf(buf, sizeof buf, rq.T("import.error.entry").c_str(), entry, field.c_str());
      return buf;
    }
  }
  return message;
}

ConsoleAnswer ImportForm(ConsoleRequest& rq, std::string_view error, std::string_view text, int status) {
  View v;
  if (error.empty()) v["error"] = false; else v["error"] = std::string(error);
  v["text"] = std::string(text);
  return rq.Render("notice_import", rq.T("import.title"), "nav.notices", std::move(v), status);
}

}  // namespace

ConsoleAnswer NoticeImportPage(ConsoleRequest& rq) {
  return ImportForm(rq, "", "", 200);
}

ConsoleAnswer NoticeImportAction(ConsoleRequest& rq) {
  std::string text = rq.Form("file");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) text = rq.Form("text");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    return ImportForm(rq, rq.T("import.empty"), "", 400);

  // Party check before anything is written: every entry's publisher, and the stored publisher of every
  // entry that names an existing notice.
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_array()) {
    for (const auto& item : j) {
      if (!item.is_object()) continue;  // ImportNoticesJson says what is wrong with it
      auto pub = item.find("publisher");
      if (pub != item.end() && pub->is_string()) {
        auto p = protocol::ParsePublisher(pub->get<std::string>());
        if (p && !MayEditNotice(rq.me(), *p)) {
          rq.Audit("denied", "notice import", "entry published as " + pub->get<std::string>());
          return ImportForm(rq, rq.T("import.other_party"), text, 403);
        }
      }
      auto id = item.find("id");
      if (id != item.end() && id->is_string()) {
        if (auto nid = protocol::NormaliseUuid(id->get<std::string>())) {
          auto found = rq.hub().FindNotice(*nid);
          if (!found) throw std::runtime_error("import: " + found.error());
          if (*found && !MayEditNotice(rq.me(), (*found)->notice.publisher)) {
            rq.Audit("denied", *nid,
                     "import over a notice of " +
                         std::string(protocol::PublisherCode((*found)->notice.publisher)));
            return ImportForm(rq, rq.T("import.other_party"), text, 403);
          }
        }
      }
    }
  }
  auto r = ImportNoticesJson(rq.hub(), text, rq.now);
  if (r.error == WriteError::Storage) throw std::runtime_error("import: " + r.message);
  if (!r.ok()) return ImportForm(rq, ImportRefusal(rq, r.message), text, 400);  // the typed JSON stays
  rq.Audit("notice.import", std::to_string(*r.value) + " notices", "");
  // Post/redirect/get: reloading the result page must not import again.
  return rq.Redirect("/console/notices/import/done?count=" + std::to_string(*r.value));
}

ConsoleAnswer NoticeImportResultPage(ConsoleRequest& rq) {
  char buf[128];
  std::snprintf(buf, sizeof buf, rq.T("import.result").c_str(),
                static_cast<long long>(ParsePageOffset(rq.Query("count"))));
  View v;
  v["result"] = std::string(buf);
  return rq.Render("notice_import_done", rq.T("import.title"), "nav.notices", std::move(v));
}

}  // namespace ck::hub::console
