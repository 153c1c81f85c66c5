// community-hub commands for resident feedback: `service list|add|update`, `request list|show` and
// `operator add` (the commands that change a request are cli_request_actions.cpp). One small function
// per subcommand over the shared option helpers of cli_support.h, as cli_request_actions.cpp.
#include <memory>
#include <ostream>

#include <nlohmann/json.hpp>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/api/operator_json.h"
#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxPhrases = 12;
constexpr std::size_t kMaxPhraseCodepoints = 30;

std::string Dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

// The rules' one text check (rules/text_checks.h), as an input error of the command line.
void RequireText(const char* flag, const std::string& text, std::size_t max_cp, bool required) {
  if (auto e = CheckText(flag, text, max_cp, required)) throw InvalidInput{*e};
}

// ---- service ------------------------------------------------------------------------------------------

struct ServiceOptions {
  std::string code, name, name_en, description, group, icon;
  std::vector<std::string> phrases, phrases_en;
  CLI::Option *name_opt{}, *name_en_opt{}, *description_opt{}, *group_opt{}, *icon_opt{}, *phrases_opt{},
      *phrases_en_opt{};
};

void AddServiceOptions(CLI::App& cmd, ServiceOptions& o) {
  cmd.add_option("--code", o.code, "Service code, e.g. sanitation ([a-z0-9_], 1-32)")->required();
  o.name_opt = cmd.add_option("--name", o.name, "Chinese name shown on the kiosk, e.g. 环境卫生");
  o.name_en_opt = cmd.add_option("--name-en", o.name_en, "English name");
  o.description_opt = cmd.add_option("--description", o.description, "What belongs here");
  o.group_opt = cmd.add_option("--group", o.group, "Open311 group, e.g. 环境");
  o.icon_opt = cmd.add_option("--icon", o.icon, "Icon key known to the kiosk, e.g. broom");
  o.phrases_opt = cmd.add_option("--phrase", o.phrases, "A one-tap quick phrase (repeat; replaces all)");
  o.phrases_en_opt = cmd.add_option("--phrase-en", o.phrases_en, "English quick phrase, same order (repeat)");
}

void Apply(const ServiceOptions& o, protocol::Service& s) {
  if (o.name_opt->count()) s.service_name = o.name;
  if (o.name_en_opt->count()) s.name_en = o.name_en;
  if (o.description_opt->count()) s.description = o.description;
  if (o.group_opt->count()) s.group = o.group;
  if (o.icon_opt->count()) s.icon = o.icon;
  if (o.phrases_opt->count()) s.quick_phrases = o.phrases;
  if (o.phrases_en_opt->count()) s.quick_phrases_en = o.phrases_en;
}

void ValidateService(const protocol::Service& s) {
  if (s.service_code.empty() || s.service_code.size() > 32 ||
      s.service_code.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    throw InvalidInput{"--code: 1-32 of a-z, 0-9 and _"};
  RequireText("--name", s.service_name, 50, true);
  RequireText("--name-en", s.name_en, 80, false);
  RequireText("--description", s.description, 500, false);
  RequireText("--group", s.group, 50, false);
  if (s.icon.size() > 32 ||
      s.icon.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") != std::string::npos)
    throw InvalidInput{"--icon: at most 32 of a-z, 0-9, _ and -"};
  for (auto [flag, list] :
       {std::pair{"--phrase", &s.quick_phrases}, std::pair{"--phrase-en", &s.quick_phrases_en}}) {
    if (list->size() > kMaxPhrases) throw InvalidInput{std::string(flag) + ": at most 12"};
    for (const auto& p : *list) RequireText(flag, p, kMaxPhraseCodepoints, true);
  }
  if (s.quick_phrases_en.size() > s.quick_phrases.size())
    throw InvalidInput{"--phrase-en: more English phrases than Chinese ones"};
}

void PrintServices(std::ostream& out, const std::vector<protocol::Service>& services, bool as_json) {
  if (as_json) {
    out << Dump(json::parse(protocol::ServiceListToJson(services))) << "\n";
    return;
  }
  out << "CODE\tNAME\tNAME_EN\tICON\tQUICK_PHRASES\n";
  for (const auto& s : services) {
    std::string phrases;
    for (const auto& p : s.quick_phrases) phrases += (phrases.empty() ? "" : " / ") + p;
    out << s.service_code << "\t" << s.service_name << "\t" << s.name_en << "\t" << s.icon << "\t" << phrases
        << "\n";
  }
}

// ---- request --------------------------------------------------------------------------------------------

void PrintRequest(std::ostream& out, const RequestRecord& r) {
  const protocol::ServiceRequestStatus& s = r.status;
  out << "service_request_id: " << s.service_request_id << "\n"
      << "ticket_code: " << s.ticket_code << "\n"
      << "status: " << protocol::RequestStatusCode(s.status) << (r.flagged ? " (flagged)" : "") << "\n"
      << "service: " << s.service_code << " " << s.service_name << "\n"
      << "kind: " << protocol::FeedbackKindCode(r.kind) << "\n"
      << "address: " << s.address_string << "\n"
      << "description: " << r.description << "\n"
      << "phone: " << (r.phone.empty() ? "-" : r.phone) << "\n"
      << "agency: " << (s.agency ? protocol::AgencyCode(*s.agency) : "-") << "\n"
      << "responsible: " << (s.agency_responsible.empty() ? "-" : s.agency_responsible) << "\n"
      << "expected_at: " << FormatOptTime(s.expected_at) << "\n"
      << "reply: " << (s.status_notes.empty() ? "-" : s.status_notes) << "\n"
      << "rating: " << (s.rating ? std::to_string(*s.rating) : "-") << "\n"
      << "requested_at: " << protocol::FormatUtc(s.requested_at) << "\n"
      << "updated_at: " << protocol::FormatUtc(s.updated_at) << "\n"
      << "device_id: " << (r.device_id.empty() ? "-" : r.device_id) << "\n"
      << "history:\n";
  for (const auto& e : s.history)
    out << "  " << protocol::FormatUtc(e.at) << "\t" << protocol::RequestStatusCode(e.status) << "\t"
        << (e.agency ? protocol::AgencyCode(*e.agency) : "-") << "\t" << e.note << "\n";
}

void PrintRequestList(std::ostream& out, const std::vector<RequestRecord>& list) {
  out << "FLAG\tTICKET\tSTATUS\tSERVICE\tAGENCY\tRESPONSIBLE\tUPDATED_AT\tID\tDESCRIPTION\n";
  for (const auto& r : list) {
    const protocol::ServiceRequestStatus& s = r.status;
    out << (r.flagged ? "!" : "-") << "\t" << s.ticket_code << "\t" << protocol::RequestStatusCode(s.status)
        << "\t" << s.service_code << "\t" << (s.agency ? protocol::AgencyCode(*s.agency) : "-") << "\t"
        << (s.agency_responsible.empty() ? "-" : protocol::ClipCodepoints(s.agency_responsible, 20)) << "\t"
        << protocol::FormatUtc(s.updated_at) << "\t" << s.service_request_id << "\t"
        << protocol::ClipCodepoints(r.description, 30) << "\n";
  }
}

// ---- the subcommands, one function each -------------------------------------------------------------
// Each owns its option values (a shared_ptr the action keeps: RunCli runs the action after parsing).

void AddServiceList(CLI::App* service, std::string& db, std::vector<Action>& actions) {
  auto as_json = std::make_shared<bool>(false);
  CLI::App* cmd = service->add_subcommand("list", "List services in kiosk order");
  AddDbOption(cmd, db);
  cmd->add_flag("--json", *as_json, "Print JSON (as GET /services.json)");
  actions.push_back({cmd, [&db, as_json](std::ostream& out) {
                       auto services = OpenRepo(db)->ListServices();
                       if (!services) throw std::runtime_error(services.error());
                       PrintServices(out, *services, *as_json);
                       return 0;
                     }});
}

void AddServiceAdd(CLI::App* service, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<ServiceOptions>();
  CLI::App* cmd = service->add_subcommand("add", "Add a service; kiosks show it on their next sync");
  AddDbOption(cmd, db);
  AddServiceOptions(*cmd, *o);
  o->name_opt->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       protocol::Service s;
                       s.service_code = o->code;
                       Apply(*o, s);
                       ValidateService(s);
                       Check(OpenRepo(db)->AddService(s));
                       out << s.service_code << "\n";
                       return 0;
                     }});
}

void AddServiceUpdate(CLI::App* service, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<ServiceOptions>();
  CLI::App* cmd = service->add_subcommand("update", "Change a service's names, icon or phrases");
  AddDbOption(cmd, db);
  AddServiceOptions(*cmd, *o);
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto found = repo->FindService(o->code);
                       if (!found) throw std::runtime_error(found.error());
                       if (!*found) throw InvalidInput{"--code: no service " + o->code};
                       protocol::Service s = **found;
                       Apply(*o, s);
                       if (s == **found) throw InvalidInput{"nothing to change: give at least one field"};
                       ValidateService(s);
                       Check(repo->UpdateService(s));
                       out << s.service_code << "\n";
                       return 0;
                     }});
}

void AddRequestList(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  struct ListOptions {
    std::string status;
    bool flagged_only = false, as_json = false;
  };
  auto o = std::make_shared<ListOptions>();
  CLI::App* cmd = request->add_subcommand("list", "List requests; re-opened ones (flagged) first");
  AddDbOption(cmd, db);
  cmd->add_option("--status", o->status, "submitted|accepted|assigned|in_progress|resolved|closed|reopened");
  cmd->add_flag("--flagged", o->flagged_only, "Only requests a resident's rating re-opened");
  cmd->add_flag("--json", o->as_json, "Print JSON (as the operator API)");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       RequestQuery q;
                       q.flagged_first = true;
                       q.flagged_only = o->flagged_only;
                       q.limit = 100000;
                       if (!o->status.empty()) {
                         q.status = protocol::ParseRequestStatus(o->status);
                         if (!q.status) throw InvalidInput{"--status: unknown status " + o->status};
                       }
                       auto records = OpenRepo(db)->QueryRequests(q);
                       if (!records) throw std::runtime_error(records.error());
                       if (o->as_json) {
                         json arr = json::array();
                         for (const auto& r : *records) arr.push_back(RequestToOperatorJson(r));
                         out << Dump(arr) << "\n";
                       } else {
                         PrintRequestList(out, *records);
                       }
                       return 0;
                     }});
}

void AddRequestShow(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  struct ShowOptions {
    std::string id, ticket;
    bool as_json = false;
  };
  auto o = std::make_shared<ShowOptions>();
  CLI::App* cmd = request->add_subcommand("show", "Show one request with its history (and phone)");
  AddDbOption(cmd, db);
  AddRequestTarget(cmd, o->id, o->ticket);
  cmd->add_flag("--json", o->as_json, "Print JSON (as the operator API)");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       const std::string target = o->id.empty() ? o->ticket : o->id;
                       auto repo = OpenRepo(db);
                       auto found = FindRequestByIdOrTicket(*repo, target);
                       if (!found) throw std::runtime_error(found.error());
                       if (!*found) throw InvalidInput{"no request " + target};
                       if (o->as_json)
                         out << Dump(RequestToOperatorJson(**found)) << "\n";
                       else
                         PrintRequest(out, **found);
                       return 0;
                     }});
}

void AddOperatorAdd(CLI::App* op, std::string& db, std::vector<Action>& actions) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = op->add_subcommand("add", "Create an operator; prints its token once");
  AddDbOption(cmd, db);
  cmd->add_option("--name", *name, "Who uses it, e.g. 街道网格中心")->required();
  actions.push_back({cmd, [&db, name](std::ostream& out) {
                       RequireText("--name", *name, 100, true);
                       OperatorRecord rec;
                       rec.id = protocol::NewUuid();
                       rec.name = *name;
                       std::string token = NewBearerSecret();
                       rec.token_hash = HashSecret(token);
                       rec.created_at = HubNow();
                       Check(OpenRepo(db)->AddOperator(rec));
                       AuditCliChange(db, "operator.add", rec.id, rec.name);
                       out << "operator_id: " << rec.id << "\ntoken: " << token << "\n";
                       out << "# the token is shown only now; the hub keeps only its hash\n";
                       return 0;
                     }});
}

}  // namespace

void AddFeedbackCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* service = app.add_subcommand("service", "Feedback categories offered on the kiosks");
  service->require_subcommand(1);
  AddServiceList(service, db, actions);
  AddServiceAdd(service, db, actions);
  AddServiceUpdate(service, db, actions);

  // `request` is extended by cli_request_actions.cpp and cli_work_orders.cpp.
  CLI::App* request = app.add_subcommand("request", "Residents' reports as work orders");
  request->require_subcommand(1);
  AddRequestList(request, db, actions);
  AddRequestShow(request, db, actions);

  CLI::App* op = app.add_subcommand("operator", "Tokens for the operator API");
  op->require_subcommand(1);
  AddOperatorAdd(op, db, actions);
}

}  // namespace ck::hub::cli
