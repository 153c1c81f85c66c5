// `community-hub notice publish|update|withdraw|list|import`: one function per subcommand (cli_support.h).
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/hub/store/console_repository.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

// Options shared by `notice publish` and `notice update`; strings are parsed after CLI11 is done so that
// every message is ours and every failure is exit code 2.
struct NoticeOptions {
  std::string title, body, body_file, publisher, category, priority, publish_at, expires_at, audience;
  CLI::Option *title_opt{}, *body_opt{}, *body_file_opt{}, *publisher_opt{}, *category_opt{}, *priority_opt{},
      *publish_at_opt{}, *expires_at_opt{}, *audience_opt{};
  bool pinned = false, no_pinned = false, no_expiry = false;
};

void AddNoticeOptions(CLI::App& cmd, NoticeOptions& o, bool for_update) {
  o.title_opt = cmd.add_option("--title", o.title, "Title, 1-200 characters");
  o.body_opt = cmd.add_option("--body", o.body, "Body text; a blank line starts a new paragraph");
  o.body_file_opt = cmd.add_option("--body-file", o.body_file, "Read the body from this UTF-8 file");
  o.body_opt->excludes(o.body_file_opt);
  o.publisher_opt = cmd.add_option("--publisher", o.publisher,
                                   "street_office|property_company|residents_committee|owners_committee");
  o.category_opt = cmd.add_option("--category", o.category, "Category code, e.g. water_power, safety, parking")
                       ->check(CLI::Validator(
                           [](std::string& code) -> std::string {
                             std::string known;
                             for (std::string_view c : protocol::kNoticeCategories) {
                               if (c == code) return "";
                               known += (known.empty() ? "" : ", ") + std::string(c);
                             }
                             return "unknown category " + code + " (one of: " + known + ")";
                           },
                           "CATEGORY"));
  o.priority_opt = cmd.add_option("--priority", o.priority, "normal|important|urgent");
  cmd.add_flag("--pinned", o.pinned, "Pin to the top of the board");
  o.publish_at_opt = cmd.add_option("--publish-at", o.publish_at, "RFC 3339 time; default now");
  o.expires_at_opt = cmd.add_option("--expires-at", o.expires_at, "RFC 3339 time; default never");
  o.audience_opt = cmd.add_option("--audience", o.audience, "Who it is for, e.g. 3号楼; default all");
  if (for_update) {
    cmd.add_flag("--no-pinned", o.no_pinned, "Unpin");
    cmd.add_flag("--no-expiry", o.no_expiry, "Remove the expiry time");
  }
}

std::string ReadFileOrThrow(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput{std::string(what) + ": cannot read " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

NoticeEdit ToEdit(const NoticeOptions& o) {
  NoticeEdit e;
  if (o.title_opt->count()) e.title = o.title;
  if (o.body_opt->count()) e.body = o.body;
  if (o.body_file_opt->count()) e.body = ReadFileOrThrow(o.body_file, "--body-file");
  if (o.publisher_opt->count()) {
    e.publisher = protocol::ParsePublisher(o.publisher);
    if (!e.publisher)
      throw InvalidInput{
          "--publisher: must be street_office, property_company, residents_committee or "
          "owners_committee"};
  }
  if (o.category_opt->count()) e.category = o.category;
  if (o.priority_opt->count()) {
    e.priority = protocol::ParsePriority(o.priority);
    if (!e.priority) throw InvalidInput{"--priority: must be normal, important or urgent"};
  }
  if (o.pinned && o.no_pinned) throw InvalidInput{"--pinned and --no-pinned contradict each other"};
  if (o.pinned) e.pinned = true;
  if (o.no_pinned) e.pinned = false;
  if (o.publish_at_opt->count()) e.published_at = ParseTimeOrThrow(o.publish_at, "--publish-at");
  if (o.expires_at_opt->count()) e.expires_at = ParseTimeOrThrow(o.expires_at, "--expires-at");
  if (o.no_expiry && o.expires_at_opt->count()) throw InvalidInput{"--expires-at and --no-expiry contradict"};
  e.clear_expiry = o.no_expiry;
  if (o.audience_opt->count()) e.audience = o.audience;
  return e;
}

void AddNoticePublish(CLI::App& notice, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = notice.add_subcommand("publish", "Publish a new notice; prints its id");
  AddDbOption(cmd, db);
  auto o = std::make_shared<NoticeOptions>();
  AddNoticeOptions(*cmd, *o, false);
  o->title_opt->required();
  o->publisher_opt->required();
  actions.push_back({cmd, [&db, o](std::ostream& out) {
                       NoticeEdit edit = ToEdit(*o);
                       auto repo = OpenRepo(db);
                       NoticeRecord r = Check(PublishNotice(*repo, edit, protocol::NowUtc()));
                       AuditCliChange(db, "notice.publish", r.notice.id,
                                      protocol::ClipCodepoints(r.notice.title, 60), r.notice.publisher);
                       out << r.notice.id << "\n";
                       return 0;
                     }});
}

void AddNoticeUpdate(CLI::App& notice, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = notice.add_subcommand("update", "Change a notice; prints its new revision");
  AddDbOption(cmd, db);
  auto id = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Notice id")->required();
  auto o = std::make_shared<NoticeOptions>();
  AddNoticeOptions(*cmd, *o, true);
  actions.push_back({cmd, [&db, id, o](std::ostream& out) {
                       NoticeEdit edit = ToEdit(*o);
                       auto repo = OpenRepo(db);
                       NoticeRecord r = Check(EditNotice(*repo, *id, edit));
                       AuditCliChange(db, "notice.edit", r.notice.id, "revision " + std::to_string(r.notice.revision),
                                      r.notice.publisher);
                       out << r.notice.revision << "\n";
                       return 0;
                     }});
}

void AddNoticeWithdraw(CLI::App& notice, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = notice.add_subcommand("withdraw", "Withdraw a notice; kiosks remove it");
  AddDbOption(cmd, db);
  auto id = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Notice id")->required();
  actions.push_back({cmd, [&db, id](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       NoticeRecord r = Check(WithdrawNotice(*repo, *id, protocol::NowUtc()));
                       AuditCliChange(db, "notice.withdraw", r.notice.id,
                                      protocol::ClipCodepoints(r.notice.title, 60), r.notice.publisher);
                       out << r.notice.id << "\n";
                       return 0;
                     }});
}

void PrintNotices(std::ostream& out, const std::vector<NoticeRecord>& notices, bool as_json,
                  protocol::UnixSeconds now) {
  if (as_json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& r : notices) {
      nlohmann::json j = r.notice;
      j["seq"] = r.seq;
      j["state"] = NoticeStateCode(StateOf(r, now));
      j["withdrawn_at"] = r.withdrawn_at ? nlohmann::json(protocol::FormatUtc(*r.withdrawn_at)) : nullptr;
      arr.push_back(std::move(j));
    }
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  out << "ID\tREV\tSEQ\tSTATE\tPUBLISHER\tPRIORITY\tPINNED\tPUBLISHED_AT\tEXPIRES_AT\tTITLE\n";
  for (const auto& r : notices) {
    const protocol::Notice& n = r.notice;
    out << n.id << "\t" << n.revision << "\t" << r.seq << "\t" << NoticeStateCode(StateOf(r, now)) << "\t"
        << protocol::PublisherCode(n.publisher) << "\t" << protocol::PriorityCode(n.priority) << "\t"
        << (n.pinned ? "yes" : "no") << "\t" << protocol::FormatUtc(n.published_at) << "\t"
        << FormatOptTime(n.expires_at) << "\t" << protocol::ClipCodepoints(n.title, 40) << "\n";
  }
}

void AddNoticeList(CLI::App& notice, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = notice.add_subcommand("list", "List notices, withdrawn ones included");
  AddDbOption(cmd, db);
  auto as_json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "Print JSON");
  actions.push_back({cmd, [&db, as_json](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto notices = repo->ListNotices();
                       if (!notices) throw std::runtime_error(notices.error());
                       PrintNotices(out, *notices, *as_json, protocol::NowUtc());
                       return 0;
                     }});
}

void AddNoticeImport(CLI::App& notice, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = notice.add_subcommand("import", "Import a JSON array of notices in one transaction");
  AddDbOption(cmd, db);
  auto file = std::make_shared<std::string>();
  cmd->add_option("--file", *file, "JSON file")->required();
  actions.push_back({cmd, [&db, file](std::ostream& out) {
                       std::string text = ReadFileOrThrow(*file, "--file");
                       auto repo = OpenRepo(db);
                       std::size_t n = Check(ImportNoticesJson(*repo, text, protocol::NowUtc()));
                       AuditCliChange(db, "notice.import", std::to_string(n) + " notices", *file);
                       out << "imported " << n << " notices\n";
                       return 0;
                     }});
}

}  // namespace

void AddNoticeCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* notice = app.add_subcommand("notice", "Publish and manage notices");
  notice->require_subcommand(1);
  AddNoticePublish(*notice, db, actions);
  AddNoticeUpdate(*notice, db, actions);
  AddNoticeWithdraw(*notice, db, actions);
  AddNoticeList(*notice, db, actions);
  AddNoticeImport(*notice, db, actions);
}

}  // namespace ck::hub::cli
