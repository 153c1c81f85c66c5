// community-hub commands that change one request: `request assign|status|reply|close` and the 12345 flow's
// `request dispatch|redispatch|supervise|return|extension ask|grant|refuse`. One small function per
// subcommand over shared option helpers; every change goes through request_editor.h acting as the party
// given by --as (default: the street office, the dispatching party), and is audited as cli:<unix user>.
#include <memory>
#include <ostream>

#include "sync/hub/api/hub_clock.h"
#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/request_editor.h"

namespace ck::hub::cli {

namespace {

// What every request-changing command takes: the target, the acting party and the free texts.
struct RequestActionOptions {
  std::string id, ticket, as = "street_office";
  std::string agency, responsible, expected_at, until, note, reason, text, status;
};
using Options = std::shared_ptr<RequestActionOptions>;

std::string Target(const RequestActionOptions& o) {
  return o.id.empty() ? o.ticket : o.id;
}

// A new subcommand of `request` with --db, --id/--ticket and --as.
CLI::App* AddRequestAction(CLI::App* parent, const char* name, const char* help, std::string& db,
                           const Options& o) {
  CLI::App* cmd = parent->add_subcommand(name, help);
  AddDbOption(cmd, db);
  AddRequestTarget(cmd, o->id, o->ticket);
  AddActingParty(cmd, o->as);
  return cmd;
}

void AddOrderOptions(CLI::App* cmd, const Options& o, const char* expected_help) {
  cmd->add_option("--agency", o->agency, "street_office|property_company|residents_committee")->required();
  cmd->add_option("--responsible", o->responsible, "Who in it, e.g. \"物业服务中心 张经理\"")->required();
  cmd->add_option("--expected-at", o->expected_at, expected_help);
}

AssignOrder OrderFrom(const RequestActionOptions& o) {
  AssignOrder order;
  auto agency = protocol::ParseAgency(o.agency);
  if (!agency) throw InvalidInput{"--agency: street_office, property_company or residents_committee"};
  order.agency = *agency;
  order.responsible = o.responsible;
  order.note = o.note;
  if (!o.expected_at.empty()) order.expected_at = ParseTimeOrThrow(o.expected_at, "--expected-at");
  return order;
}

// Prints the request as changed and audits the change (README: every change is audited).
int Done(std::ostream& out, const std::string& db, const char* action, const RequestActionOptions& o,
         WriteResult<RequestRecord> result, std::string detail = {}) {
  RequestRecord r = Check(std::move(result));
  AuditCliChange(db, std::string("ticket.") + action, r.status.ticket_code,
                 "as " + o.as + (detail.empty() ? "" : "; " + detail), protocol::ParsePublisher(o.as));
  out << "ticket_code: " << r.status.ticket_code << "\nstatus: " << protocol::RequestStatusCode(r.status.status)
      << "\nowner: " << (r.status.agency ? protocol::AgencyCode(*r.status.agency) : "-")
      << "\ndue: " << protocol::FormatUtc(r.work.due_at) << (r.work.returned_at ? "\nreturned: yes" : "")
      << (r.work.extension_until ? "\nextension asked: " + protocol::FormatUtc(*r.work.extension_until) : "")
      << "\n";
  return 0;
}

void AddAssign(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd = AddRequestAction(request, "assign", "派单 with an exact promised date (street office)", db, o);
  AddOrderOptions(cmd, o, "Promised by (RFC 3339)");
  cmd->add_option("--note", o->note, "Shown in the timeline");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto order = OrderFrom(*o);
                       return Done(out, db, "assign", *o,
                                   AssignRequest(*repo, Target(*o), order, ActingParty(o->as), HubNow()),
                                   "to " + o->agency);
                     }});
}

void AddStatus(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd =
      AddRequestAction(request, "status", "Move a request along: accepted|in_progress|resolved|closed", db, o);
  cmd->add_option("--status", o->status, "accepted|in_progress|resolved|closed")->required();
  cmd->add_option("--note", o->note, "Shown in the timeline");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto s = protocol::ParseRequestStatus(o->status);
                       if (!s) throw InvalidInput{"--status: accepted, in_progress, resolved or closed"};
                       auto repo = OpenRepo(db);
                       return Done(out, db, "status", *o,
                                   SetRequestStatus(*repo, Target(*o), *s, o->note, ActingParty(o->as), HubNow()),
                                   o->status);
                     }});
}

void AddReply(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd = AddRequestAction(request, "reply", "Set the reply residents read (status_notes)", db, o);
  cmd->add_option("--text", o->text, "The reply")->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "reply", *o,
                                   ReplyToRequest(*repo, Target(*o), o->text, ActingParty(o->as), HubNow()));
                     }});
}

void AddClose(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd = AddRequestAction(request, "close", "Close a request (it needs a reply first)", db, o);
  cmd->add_option("--note", o->note, "Shown in the timeline");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "close", *o,
                                   CloseRequest(*repo, Target(*o), o->note, ActingParty(o->as), HubNow()));
                     }});
}

void AddDispatch(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd =
      AddRequestAction(request, "dispatch", "派单 (street office): name a party, a person and a date", db, o);
  AddOrderOptions(cmd, o, "Promised by (RFC 3339); default: the category's deadline");
  cmd->add_option("--note", o->note, "Shown in the timeline");
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "dispatch", *o,
                                   DispatchRequest(*repo, Target(*o), OrderFrom(*o), ActingParty(o->as), HubNow()),
                                   "to " + o->agency);
                     }});
}

void AddRedispatch(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd = AddRequestAction(request, "redispatch",
                                   "改派 (street office): to another party, with a reason", db, o);
  AddOrderOptions(cmd, o, "Promised by (RFC 3339); default: the category's deadline");
  cmd->add_option("--reason", o->reason, "Why it moves (kept in the timeline)")->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "redispatch", *o,
                                   RedispatchRequest(*repo, Target(*o), OrderFrom(*o), o->reason,
                                                     ActingParty(o->as), HubNow()),
                                   "to " + o->agency);
                     }});
}

void AddSupervise(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd =
      AddRequestAction(request, "supervise", "督办 (street office): mark an overdue ticket with a note", db, o);
  cmd->add_option("--note", o->note, "What the street office asks for")->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "supervise", *o,
                                   SuperviseRequest(*repo, Target(*o), o->note, ActingParty(o->as), HubNow()));
                     }});
}

void AddReturn(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  auto o = std::make_shared<RequestActionOptions>();
  CLI::App* cmd = AddRequestAction(
      request, "return", "退单: the party holding it gives it back to the street office, with a reason", db, o);
  cmd->add_option("--reason", o->reason, "Why it is not this party's (kept in the timeline)")->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       return Done(out, db, "return", *o,
                                   ReturnRequest(*repo, Target(*o), o->reason, ActingParty(o->as), HubNow()));
                     }});
}

void AddExtension(CLI::App* request, std::string& db, std::vector<Action>& actions) {
  CLI::App* extension = request->add_subcommand("extension", "延期申请: ask for more time; the street office decides");
  extension->require_subcommand(1);
  auto ask_o = std::make_shared<RequestActionOptions>();
  CLI::App* ask = AddRequestAction(extension, "ask", "The party holding it asks for a later deadline", db, ask_o);
  ask->add_option("--until", ask_o->until, "The date asked for (RFC 3339)")->required();
  ask->add_option("--reason", ask_o->reason, "Why (kept in the timeline)")->required();
  actions.push_back({ask, [&db, o = ask_o](std::ostream& out) {
                       auto until = ParseTimeOrThrow(o->until, "--until");
                       auto repo = OpenRepo(db);
                       return Done(out, db, "extension.ask", *o,
                                   AskExtension(*repo, Target(*o), until, o->reason, ActingParty(o->as), HubNow()),
                                   "until " + o->until);
                     }});
  for (bool grant : {true, false}) {
    auto o = std::make_shared<RequestActionOptions>();
    CLI::App* cmd = AddRequestAction(extension, grant ? "grant" : "refuse",
                                     grant ? "Grant the pending extension (street office)"
                                           : "Refuse the pending extension (street office)",
                                     db, o);
    cmd->add_option("--note", o->note, "Shown in the timeline");
    actions.push_back({cmd, [&db, o, grant](std::ostream& out) {
                         auto repo = OpenRepo(db);
                         return Done(out, db, grant ? "extension.grant" : "extension.refuse", *o,
                                     DecideExtension(*repo, Target(*o), grant, o->note, ActingParty(o->as), HubNow()));
                       }});
  }
}

}  // namespace

void AddRequestActionCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* request = app.get_subcommand("request");
  AddAssign(request, db, actions);
  AddStatus(request, db, actions);
  AddReply(request, db, actions);
  AddClose(request, db, actions);
  AddDispatch(request, db, actions);
  AddRedispatch(request, db, actions);
  AddSupervise(request, db, actions);
  AddReturn(request, db, actions);
  AddExtension(request, db, actions);
}

}  // namespace ck::hub::cli
