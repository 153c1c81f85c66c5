// community-hub commands for the 12345 flow's settings and reports: `request queue`, `category
// deadline|response-window`, `template add|list|update|delete`, `operator revoke|list` and `rates` (the
// commands that change a request are cli_request_actions.cpp). Every change is audited.
#include <iomanip>
#include <memory>
#include <ostream>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/rates_report.h"
#include "sync/hub/rules/request_editor.h"
#include "sync/hub/rules/text_checks.h"
#include "sync/hub/api/hub_clock.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

struct WorkOrderOptions {
  std::string party, status, channel, service;
  bool overdue = false, reopened = false, supervised = false;
  int limit = 50, offset = 0;
  int hours = 0;
  std::int64_t template_id = 0;
  std::string title, body;
  std::string op;
  std::string month;
  int months = 12;
  bool csv = false;
};

using Options = std::shared_ptr<WorkOrderOptions>;

void PrintOne(std::ostream& out, const RequestRecord& r) {
  out << r.status.service_request_id << "\t" << r.status.ticket_code << "\t"
      << protocol::RequestStatusCode(r.status.status) << "\t"
      << (r.status.agency ? protocol::AgencyCode(*r.status.agency) : "-") << "\t"
      << r.status.agency_responsible << "\tdue " << protocol::FormatUtc(r.work.due_at)
      << (r.work.supervised_at ? "\t督办" : "") << "\n";
}

std::optional<protocol::RequestStatus> StatusOrThrow(const std::string& text) {
  if (text.empty()) return std::nullopt;
  auto s = protocol::ParseRequestStatus(text);
  if (!s) throw InvalidInput{"--status: unknown status " + text};
  return s;
}

// `request queue`: one page of a party's queue, 督办 first.
void AddQueueCommand(CLI::App& app, std::string& db, std::vector<Action>& actions, const Options& o) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* request = app.get_subcommand("request");
  CLI::App* queue = request->add_subcommand("queue", "A party's work-order queue (督办 first), one page");
  add_db(queue);
  queue->add_option("--party", o->party, "street_office|property_company|residents_committee (default: all)");
  queue->add_option("--status", o->status, "A detailed status");
  queue->add_option("--channel", o->channel, "kiosk|phone|front_desk|open311");
  queue->add_option("--service", o->service, "A service code");
  queue->add_flag("--overdue", o->overdue, "Only overdue open tickets");
  queue->add_flag("--reopened", o->reopened, "Only tickets a resident's rating re-opened");
  queue->add_flag("--supervised", o->supervised, "Only open 督办 tickets");
  queue->add_option("--limit", o->limit, "Page size (1-500)")->capture_default_str();
  queue->add_option("--offset", o->offset, "Rows to skip")->capture_default_str();
  actions.push_back({queue, [&db, o](std::ostream& out) {
                       WorkOrderQuery q;
                       if (!o->party.empty()) {
                         q.party = protocol::ParseAgency(o->party);
                         if (!q.party) throw InvalidInput{"--party: unknown party " + o->party};
                       }
                       q.status = StatusOrThrow(o->status);
                       if (!o->channel.empty()) {
                         q.channel = ParseChannel(o->channel);
                         if (!q.channel) throw InvalidInput{"--channel: kiosk, phone, front_desk or open311"};
                       }
                       if (!o->service.empty()) q.service_code = o->service;
                       q.overdue_only = o->overdue;
                       q.reopened_only = o->reopened;
                       q.supervised_only = o->supervised;
                       q.limit = o->limit;
                       q.offset = o->offset;
                       q.now = HubNow();
                       if (q.limit < 1 || q.limit > 500 || q.offset < 0)
                         throw InvalidInput{"--limit 1-500, --offset 0 or more"};
                       auto page = OpenRepo(db)->QueryWorkOrders(q);
                       if (!page) throw std::runtime_error(page.error());
                       out << "# " << page->total << " matching\n";
                       for (const auto& r : page->rows) PrintOne(out, r);
                       return 0;
                     }});
}

// `category deadline | response-window`.
void AddCategoryCommands(CLI::App& app, std::string& db, std::vector<Action>& actions, const Options& o) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* category =
      app.add_subcommand("category", "Work-order deadlines per category and the response window");
  category->require_subcommand(1);
  CLI::App* deadline = category->add_subcommand("deadline", "Default time to resolve a category's tickets");
  add_db(deadline);
  deadline->add_option("--code", o->service, "Service code, e.g. repairs")->required();
  deadline->add_option("--hours", o->hours, "Hours (1-8760)")->required();
  actions.push_back({deadline, [&db, o](std::ostream& out) {
                       int hours = Check(OpenRepo(db)->SetServiceDeadlineHours(o->service, o->hours));
                       AuditCliChange(db, "category.deadline", o->service, std::to_string(hours) + " h");
                       out << o->service << "\t" << hours << " h\n";
                       return 0;
                     }});
  CLI::App* window =
      category->add_subcommand("response-window", "Hours within which a report must be answered");
  add_db(window);
  window->add_option("--hours", o->hours, "Hours (1-720)")->required();
  actions.push_back(
      {window, [&db, o](std::ostream& out) {
         if (o->hours < 1 || o->hours > 720) throw InvalidInput{"--hours: 1 to 720"};
         out << Check(OpenRepo(db)->SetResponseWindowSeconds(std::int64_t{o->hours} * 3600)) / 3600 << " h\n";
         return 0;
       }});
}

// `template add | list | update | delete` (常用回复).
void AddTemplateCommands(CLI::App& app, std::string& db, std::vector<Action>& actions, const Options& o) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* tmpl = app.add_subcommand("template", "常用回复: reply templates per category and status");
  tmpl->require_subcommand(1);
  auto add_fields = [o](CLI::App* cmd, bool required) {
    auto* t = cmd->add_option("--title", o->title, "Short name shown in the picker");
    auto* b = cmd->add_option("--body", o->body, "The reply text, edited before sending");
    if (required) {
      t->required();
      b->required();
    }
    cmd->add_option("--service", o->service, "Only for this service code (default: any)");
    cmd->add_option("--status", o->status, "Only for this status (default: any)");
  };
  auto build = [o](std::int64_t id) {
    ReplyTemplate t;
    t.id = id;
    if (auto e = CheckLine("--title", o->title, kMaxTemplateTitleCodepoints, true)) throw InvalidInput{*e};
    if (auto e = CheckText("--body", o->body, kMaxReplyCodepoints, true)) throw InvalidInput{*e};
    t.title = o->title;
    t.body = o->body;
    if (!o->service.empty()) t.service_code = o->service;
    t.status = StatusOrThrow(o->status);
    t.updated_at = HubNow();
    return t;
  };
  CLI::App* tadd = tmpl->add_subcommand("add", "Add a reply template; prints its id");
  add_db(tadd);
  add_fields(tadd, true);
  actions.push_back({tadd, [&db, build](std::ostream& out) {
                       auto t = Check(OpenRepo(db)->AddReplyTemplate(build(0)));
                       AuditCliChange(db, "template.add", std::to_string(t.id), t.title);
                       out << t.id << "\n";
                       return 0;
                     }});
  CLI::App* tupdate = tmpl->add_subcommand("update", "Replace a reply template");
  add_db(tupdate);
  tupdate->add_option("--id", o->template_id, "Template id")->required();
  add_fields(tupdate, true);
  actions.push_back({tupdate, [&db, o, build](std::ostream& out) {
                       out << Check(OpenRepo(db)->UpdateReplyTemplate(build(o->template_id))).id << "\n";
                       return 0;
                     }});
  CLI::App* tdelete = tmpl->add_subcommand("delete", "Delete a reply template");
  add_db(tdelete);
  tdelete->add_option("--id", o->template_id, "Template id")->required();
  actions.push_back({tdelete, [&db, o](std::ostream& out) {
                       out << Check(OpenRepo(db)->DeleteReplyTemplate(o->template_id)) << "\n";
                       return 0;
                     }});
  CLI::App* tlist = tmpl->add_subcommand("list", "List reply templates");
  add_db(tlist);
  actions.push_back({tlist, [&db](std::ostream& out) {
                       auto list = OpenRepo(db)->ListReplyTemplates(std::nullopt, std::nullopt);
                       if (!list) throw std::runtime_error(list.error());
                       out << "ID\tSERVICE\tSTATUS\tTITLE\tBODY\n";
                       for (const auto& t : *list)
                         out << t.id << "\t" << t.service_code.value_or("*") << "\t"
                             << (t.status ? protocol::RequestStatusCode(*t.status) : "*") << "\t" << t.title
                             << "\t" << protocol::ClipCodepoints(t.body, 40) << "\n";
                       return 0;
                     }});
}

// `operator revoke | list`.
void AddOperatorRevokeCommands(CLI::App& app, std::string& db, std::vector<Action>& actions, const Options& o) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* op = app.get_subcommand("operator");
  CLI::App* revoke = op->add_subcommand("revoke", "Revoke an operator's token (by id or name) at once");
  add_db(revoke);
  revoke->add_option("--id", o->op, "Operator id or name")->required();
  actions.push_back({revoke, [&db, o](std::ostream& out) {
                       auto rec = Check(OpenRepo(db)->RevokeOperator(o->op, HubNow()));
                       AuditCliChange(db, "operator.revoke", rec.id, rec.name);
                       out << "revoked " << rec.id << " (" << rec.name << ")\n";
                       return 0;
                     }});
  CLI::App* oplist = op->add_subcommand("list", "List live operators");
  add_db(oplist);
  actions.push_back({oplist, [&db](std::ostream& out) {
                       auto list = OpenRepo(db)->ListOperators();
                       if (!list) throw std::runtime_error(list.error());
                       out << "ID\tNAME\tCREATED\n";
                       for (const auto& r : *list)
                         out << r.id << "\t" << r.name << "\t" << protocol::FormatUtc(r.created_at) << "\n";
                       return 0;
                     }});
}

// `rates`: the 三率 per party and month.
void AddRatesCommand(CLI::App& app, std::string& db, std::vector<Action>& actions, const Options& o) {
  auto add_db = [&db](CLI::App* cmd) { AddDbOption(cmd, db); };
  CLI::App* rates = app.add_subcommand("rates", "三率 per party and month: response, on time, satisfaction");
  add_db(rates);
  rates->add_option("--until", o->month, "Last month, YYYY-MM (default: this month, Asia/Shanghai)");
  rates->add_option("--months", o->months, "How many months (1-24)")->capture_default_str();
  rates->add_option("--channel", o->channel, "Only reports that came by kiosk|phone|front_desk|open311");
  rates->add_flag("--csv", o->csv, "Print CSV (as the console's export)");
  actions.push_back({rates, [&db, o](std::ostream& out) {
                       std::optional<Channel> channel;
                       if (!o->channel.empty()) {
                         channel = ParseChannel(o->channel);
                         if (!channel) throw InvalidInput{"--channel: kiosk, phone, front_desk or open311"};
                       }
                       auto report = BuildRatesReport(*OpenRepo(db), o->month, o->months, channel, HubNow());
                       if (!report) throw InvalidInput{report.error()};
                       out << (o->csv ? RatesCsv(*report) : RatesTable(*report));
                       return 0;
                     }});
}

}  // namespace

void AddWorkOrderCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  // Option values live as long as the actions that read them (RunCli keeps both until it returns).
  auto o = std::make_shared<WorkOrderOptions>();
  AddQueueCommand(app, db, actions, o);
  AddCategoryCommands(app, db, actions, o);
  AddTemplateCommands(app, db, actions, o);
  AddOperatorRevokeCommands(app, db, actions, o);
  AddRatesCommand(app, db, actions, o);
}

}  // namespace ck::hub::cli
