// community-hub commands for resident feedback: `service list|add|update`, `request list|show` and
// `operator add` (the commands that change a request are cli_request_actions.cpp).
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

// The outcome of a change: short and parseable, like the other commands.

}  // namespace

void AddFeedbackCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  // Option values live as long as the actions that read them (RunCli keeps both until it returns).
  struct State {
    bool service_json = false, flagged_only = false, as_json = false;
    ServiceOptions add_opts, update_opts;
    std::string id, ticket, status_text, agency_text, responsible, expected_at, note, text, op_name;
  };
  auto st = std::make_shared<State>();

  auto add_db = [&db, st](CLI::App* cmd) {
    AddDbOption(cmd, db);
  };

  // ---- service ----
  CLI::App* service = app.add_subcommand("service", "Feedback categories offered on the kiosks");
  service->require_subcommand(1);
  CLI::App* service_list = service->add_subcommand("list", "List services in kiosk order");
  add_db(service_list);
  service_list->add_flag("--json", st->service_json, "Print JSON (as GET /services.json)");
  actions.push_back({service_list, [&db, st](std::ostream& out) {
                       auto services = OpenRepo(db)->ListServices();
                       if (!services) throw std::runtime_error(services.error());
                       PrintServices(out, *services, st->service_json);
                       return 0;
                     }});
  CLI::App* service_add = service->add_subcommand("add", "Add a service; kiosks show it on their next sync");
  add_db(service_add);
  AddServiceOptions(*service_add, st->add_opts);
  st->add_opts.name_opt->required();
  actions.push_back({service_add, [&db, st](std::ostream& out) {
                       protocol::Service s;
                       s.service_code = st->add_opts.code;
                       Apply(st->add_opts, s);
                       ValidateService(s);
                       Check(OpenRepo(db)->AddService(s));
                       out << s.service_code << "\n";
                       return 0;
                     }});
  CLI::App* service_update = service->add_subcommand("update", "Change a service's names, icon or phrases");
  add_db(service_update);
  AddServiceOptions(*service_update, st->update_opts);
  actions.push_back({service_update, [&db, st](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto found = repo->FindService(st->update_opts.code);
                       if (!found) throw std::runtime_error(found.error());
                       if (!*found) throw InvalidInput{"--code: no service " + st->update_opts.code};
                       protocol::Service s = **found;
                       Apply(st->update_opts, s);
                       if (s == **found) throw InvalidInput{"nothing to change: give at least one field"};
                       ValidateService(s);
                       Check(repo->UpdateService(s));
                       out << s.service_code << "\n";
                       return 0;
                     }});

  // ---- request ----
  CLI::App* request = app.add_subcommand("request", "Residents' reports as work orders");
  request->require_subcommand(1);

  CLI::App* list = request->add_subcommand("list", "List requests; re-opened ones (flagged) first");
  add_db(list);
  list->add_option("--status", st->status_text,
                   "submitted|accepted|assigned|in_progress|resolved|closed|reopened");
  list->add_flag("--flagged", st->flagged_only, "Only requests a resident's rating re-opened");
  list->add_flag("--json", st->as_json, "Print JSON (as the operator API)");
  actions.push_back({list, [&db, st](std::ostream& out) {
                       RequestQuery q;
                       q.flagged_first = true;
                       q.flagged_only = st->flagged_only;
                       q.limit = 100000;
                       if (!st->status_text.empty()) {
                         q.status = protocol::ParseRequestStatus(st->status_text);
                         if (!q.status) throw InvalidInput{"--status: unknown status " + st->status_text};
                       }
                       auto records = OpenRepo(db)->QueryRequests(q);
                       if (!records) throw std::runtime_error(records.error());
                       if (st->as_json) {
                         json arr = json::array();
                         for (const auto& r : *records) arr.push_back(RequestToOperatorJson(r));
                         out << Dump(arr) << "\n";
                       } else {
                         PrintRequestList(out, *records);
                       }
                       return 0;
                     }});

  auto add_target = [st](CLI::App* cmd) { cli::AddRequestTarget(cmd, st->id, st->ticket); };
  auto target = [st] { return st->id.empty() ? st->ticket : st->id; };

  CLI::App* show = request->add_subcommand("show", "Show one request with its history (and phone)");
  add_db(show);
  add_target(show);
  show->add_flag("--json", st->as_json, "Print JSON (as the operator API)");
  actions.push_back({show, [&db, st, target](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto found = FindRequestByIdOrTicket(*repo, target());
                       if (!found) throw std::runtime_error(found.error());
                       if (!*found) throw InvalidInput{"no request " + target()};
                       if (st->as_json)
                         out << Dump(RequestToOperatorJson(**found)) << "\n";
                       else
                         PrintRequest(out, **found);
                       return 0;
                     }});

  // ---- operator ----
  CLI::App* op = app.add_subcommand("operator", "Tokens for the operator API");
  op->require_subcommand(1);
  CLI::App* op_add = op->add_subcommand("add", "Create an operator; prints its token once");
  add_db(op_add);
  op_add->add_option("--name", st->op_name, "Who uses it, e.g. 街道网格中心")->required();
  actions.push_back({op_add, [&db, st](std::ostream& out) {
                       RequireText("--name", st->op_name, 100, true);
                       OperatorRecord rec;
                       rec.id = protocol::NewUuid();
                       rec.name = st->op_name;
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

}  // namespace ck::hub::cli
