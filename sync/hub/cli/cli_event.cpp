// `community-hub event add|update|cancel|move|list|signups|attend|promote|import|export`: community activities over the same
// rules as the console (rules/activity_editor.h, activity_ical.h), for the party given by --as, each change
// audited as cli:<user>.
#include <fstream>
#include <memory>
#include <ostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_ical.h"
#include "sync/hub/rules/activity_signups.h"
#include "sync/hub/rules/party_policy.h"
#include "sync/hub/store/open_store.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/phone_mask.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

std::unique_ptr<ActivityRepository> OpenActivities(const std::string& db) {
  auto r = OpenActivityStore(db, StoreOpen::kExisting);
  if (!r) throw std::runtime_error(r.error());
  return std::move(r).value();
}

std::string ReadFileOrThrow(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidInput{std::string(what) + ": cannot read " + path};
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr const char* kParties = "street_office, property_company, residents_committee or owners_committee";

// --as: the party acting (each party manages its own activities; the street office all).
void AddParty(CLI::App* cmd, std::string& as) {
  cmd->add_option("--as", as, std::string("The party acting: ") + kParties + " (default street_office)")
      ->capture_default_str();
}

protocol::Publisher PartyOf(const std::string& text, const char* flag) {
  auto p = protocol::ParsePublisher(text);
  if (!p) throw InvalidInput{std::string(flag) + ": " + kParties};
  return *p;
}

std::vector<protocol::Publisher> PartiesOf(const std::string& text) {
  std::vector<protocol::Publisher> out;
  std::string_view rest = text;
  while (true) {
    std::size_t comma = rest.find(',');
    out.push_back(PartyOf(std::string(rest.substr(0, comma)), "--organisers"));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return out;
}

struct EventOptions {
  std::string title, place, description, description_file, eligibility, start, end, rrule, organisers;
  std::vector<std::string> exdates;
  long long duration_minutes = 0, capacity = 0, closes_minutes = 0;
  bool all_day = false, no_rrule = false;
  CLI::Option *title_opt{}, *place_opt{}, *description_opt{}, *description_file_opt{}, *eligibility_opt{},
      *start_opt{}, *end_opt{}, *duration_opt{}, *rrule_opt{}, *exdate_opt{}, *capacity_opt{}, *closes_opt{},
      *organisers_opt{}, *all_day_opt{};
};

void AddEventOptions(CLI::App& cmd, EventOptions& o, bool for_update) {
  o.title_opt = cmd.add_option("--title", o.title, "Title, 1-200 characters");
  o.place_opt = cmd.add_option("--place", o.place, "Where, e.g. 社区广场");
  o.description_opt = cmd.add_option("--description", o.description, "What residents should know");
  o.description_file_opt = cmd.add_option("--description-file", o.description_file, "Read it from a UTF-8 file");
  o.description_opt->excludes(o.description_file_opt);
  o.eligibility_opt = cmd.add_option("--eligibility", o.eligibility, "Who may join, e.g. 60岁以上; default all");
  o.start_opt = cmd.add_option("--start", o.start, "The first occurrence, RFC 3339 (e.g. 2026-12-03T07:00:00+08:00)");
  o.end_opt = cmd.add_option("--end", o.end, "When the first occurrence ends, RFC 3339");
  o.duration_opt = cmd.add_option("--duration-minutes", o.duration_minutes, "Length of each occurrence");
  o.end_opt->excludes(o.duration_opt);
  o.all_day_opt = cmd.add_flag("--all-day", o.all_day, "Whole days (--start at midnight Beijing time)");
  o.rrule_opt = cmd.add_option("--rrule", o.rrule, "RFC 5545 rule, e.g. FREQ=WEEKLY;BYDAY=TU,TH");
  if (for_update) cmd.add_flag("--no-rrule", o.no_rrule, "Make it a one-off");
  o.exdate_opt = cmd.add_option("--exdate", o.exdates, "An occurrence left out (its start, RFC 3339); repeatable");
  o.capacity_opt = cmd.add_option("--capacity", o.capacity, "People per occurrence; 0: no sign-up, just come");
  o.closes_opt = cmd.add_option("--signup-closes-minutes", o.closes_minutes,
                                "Sign-up closes this many minutes before each occurrence (default 0)");
  o.organisers_opt = cmd.add_option("--organisers", o.organisers,
                                    "Comma-separated parties for a joint activity; default the --as party");
}

ActivityEdit ToEdit(const EventOptions& o) {
  ActivityEdit e;
  if (o.title_opt->count()) e.title = o.title;
  if (o.place_opt->count()) e.place = o.place;
  if (o.description_opt->count()) e.description = o.description;
  if (o.description_file_opt->count()) e.description = ReadFileOrThrow(o.description_file, "--description-file");
  if (o.eligibility_opt->count()) e.eligibility = o.eligibility;
  if (o.start_opt->count()) e.start = ParseTimeOrThrow(o.start, "--start");
  if (o.end_opt->count()) {
    if (!e.start) throw InvalidInput{"--end: give --start too (or use --duration-minutes)"};
    e.duration = ParseTimeOrThrow(o.end, "--end") - *e.start;
  }
  if (o.duration_opt->count()) e.duration = o.duration_minutes * 60;
  if (o.all_day_opt->count()) e.all_day = o.all_day;
  if (o.rrule_opt->count() && o.no_rrule) throw InvalidInput{"--rrule and --no-rrule contradict each other"};
  if (o.rrule_opt->count()) e.rrule = o.rrule;
  if (o.no_rrule) e.rrule = "";
  if (o.exdate_opt->count()) {
    std::vector<protocol::UnixSeconds> x;
    for (const std::string& t : o.exdates) x.push_back(ParseTimeOrThrow(t, "--exdate"));
    e.exdates = x;
  }
  if (o.capacity_opt->count()) {
    if (o.capacity < 0 || o.capacity > protocol::kMaxActivityCapacity) throw InvalidInput{"--capacity: 0 to 10000"};
    e.capacity = static_cast<int>(o.capacity);
  }
  if (o.closes_opt->count()) {
    if (o.closes_minutes < 0) throw InvalidInput{"--signup-closes-minutes: must not be negative"};
    e.signup_closes_before = o.closes_minutes * 60;
  }
  if (o.organisers_opt->count()) e.organisers = PartiesOf(o.organisers);
  return e;
}

void Audit(const std::string& db, std::string_view action, const ActivityRecord& a, std::string detail) {
  // Entries by the first organiser's party, so every organiser's managers find them in the audit log.
  AuditCliChange(db, action, a.id, detail,
                 a.organisers.empty() ? std::nullopt : std::optional<protocol::Publisher>(a.organisers.front()));
}

void AddEventAdd(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("add", "Create an activity; prints its id");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto o = std::make_shared<EventOptions>();
  AddEventOptions(*cmd, *o, false);
  o->title_opt->required();
  o->place_opt->required();
  o->start_opt->required();
  actions.push_back({cmd, [&db, as, o](std::ostream& out) {
                       ActivityEdit edit = ToEdit(*o);
                       if (!edit.duration) {
                         if (!edit.all_day.value_or(false))
                           throw InvalidInput{"give --end or --duration-minutes (or --all-day)"};
                         edit.duration = 24 * 3600;
                       }
                       auto repo = OpenActivities(db);
                       ActivityRecord r = Check(CreateActivity(*repo, PartyOf(*as, "--as"), edit, CliActor(),
                                                               protocol::NowUtc()));
                       Audit(db, "activity.create", r, protocol::ClipCodepoints(r.title, 60));
                       out << r.id << "\n";
                       return 0;
                     }});
}

void AddEventUpdate(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("update", "Change an activity; prints its new revision");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto id = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Activity id")->required();
  auto revision = std::make_shared<std::optional<std::int64_t>>();
  cmd->add_option("--revision", *revision, "Only if the activity is still at this revision (else exit 2)");
  auto o = std::make_shared<EventOptions>();
  AddEventOptions(*cmd, *o, true);
  actions.push_back({cmd, [&db, as, id, revision, o](std::ostream& out) {
                       ActivityEdit edit = ToEdit(*o);
                       auto repo = OpenActivities(db);
                       ActivityRecord r = Check(EditActivity(*repo, PartyOf(*as, "--as"), *id, edit, *revision,
                                                             protocol::NowUtc()));
                       Audit(db, "activity.edit", r, "revision " + std::to_string(r.revision));
                       out << r.revision << "\n";
                       return 0;
                     }});
}

void AddEventCancel(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("cancel", "Cancel an activity, or one occurrence of it, with a reason "
                                                 "residents see; prints the new revision");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto id = std::make_shared<std::string>(), reason = std::make_shared<std::string>(),
       occurrence = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Activity id")->required();
  cmd->add_option("--reason", *reason, "Why (shown to residents)")->required();
  CLI::Option* occ = cmd->add_option("--occurrence", *occurrence, "Only this occurrence (its original start, RFC 3339)");
  actions.push_back({cmd, [&db, as, id, reason, occurrence, occ](std::ostream& out) {
                       const protocol::Publisher by = PartyOf(*as, "--as");
                       auto repo = OpenActivities(db);
                       ActivityRecord r;
                       if (occ->count()) {
                         OccurrenceEdit e{ParseTimeOrThrow(*occurrence, "--occurrence"), std::nullopt, true, *reason};
                         r = Check(ChangeOccurrence(*repo, by, *id, e, std::nullopt, protocol::NowUtc()));
                         Audit(db, "activity.occurrence_cancel", r, *occurrence + ": " + protocol::ClipCodepoints(*reason, 60));
                       } else {
                         r = Check(CancelActivity(*repo, by, *id, *reason, std::nullopt, protocol::NowUtc()));
                         Audit(db, "activity.cancel", r, protocol::ClipCodepoints(*reason, 60));
                       }
                       out << r.revision << "\n";
                       return 0;
                     }});
}

void AddEventMove(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("move", "Move one occurrence to another time; prints the new revision");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto id = std::make_shared<std::string>(), occurrence = std::make_shared<std::string>(),
       to = std::make_shared<std::string>(), reason = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Activity id")->required();
  cmd->add_option("--occurrence", *occurrence, "The occurrence (its original start, RFC 3339)")->required();
  cmd->add_option("--to", *to, "Its new start, RFC 3339")->required();
  cmd->add_option("--reason", *reason, "Why (optional)");
  actions.push_back({cmd, [&db, as, id, occurrence, to, reason](std::ostream& out) {
                       OccurrenceEdit e{ParseTimeOrThrow(*occurrence, "--occurrence"), ParseTimeOrThrow(*to, "--to"),
                                        false, *reason};
                       auto repo = OpenActivities(db);
                       ActivityRecord r =
                           Check(ChangeOccurrence(*repo, PartyOf(*as, "--as"), *id, e, std::nullopt, protocol::NowUtc()));
                       Audit(db, "activity.occurrence_move", r, *occurrence + " → " + *to);
                       out << r.revision << "\n";
                       return 0;
                     }});
}

void AddEventList(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("list", "List activities (not deleted), by first start");
  AddDbOption(cmd, db);
  auto organiser = std::make_shared<std::string>();
  CLI::Option* org = cmd->add_option("--organiser", *organiser, "Only this party's (alone or jointly)");
  auto as_json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "Print JSON (the body kiosks get, with seq)");
  actions.push_back({cmd, [&db, organiser, org, as_json](std::ostream& out) {
                       std::optional<protocol::Publisher> party;
                       if (org->count()) party = PartyOf(*organiser, "--organiser");
                       auto repo = OpenActivities(db);
                       auto list = repo->ListActivities(party);
                       if (!list) throw std::runtime_error(list.error());
                       if (*as_json) {
                         nlohmann::json arr = nlohmann::json::array();
                         for (const ActivityRecord& a : *list) {
                           nlohmann::json j = nlohmann::json::parse(a.feed_body, nullptr, false);
                           j["seq"] = a.seq;
                           j["rrule"] = a.rrule;
                           arr.push_back(std::move(j));
                         }
                         out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
                         return 0;
                       }
                       out << "ID\tREV\tSEQ\tSTATE\tORGANISERS\tSTART\tRRULE\tCAPACITY\tTITLE\n";
                       for (const ActivityRecord& a : *list) {
                         std::string parties;
                         for (protocol::Publisher p : a.organisers)
                           parties += (parties.empty() ? "" : ",") + std::string(protocol::PublisherCode(p));
                         out << a.id << "\t" << a.revision << "\t" << a.seq << "\t"
                             << (a.cancelled_at ? "cancelled" : "live") << "\t" << parties << "\t"
                             << protocol::FormatUtc(a.start) << "\t" << (a.rrule.empty() ? "-" : a.rrule) << "\t"
                             << a.capacity << "\t" << protocol::ClipCodepoints(a.title, 40) << "\n";
                       }
                       return 0;
                     }});
}

void AddEventSignups(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("signups", "An activity's sign-ups by occurrence and arrival (phones masked)");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto id = std::make_shared<std::string>(), occurrence = std::make_shared<std::string>();
  cmd->add_option("--id", *id, "Activity id")->required();
  CLI::Option* occ = cmd->add_option("--occurrence", *occurrence, "Only this occurrence (original start, RFC 3339)");
  auto show = std::make_shared<bool>(false);
  cmd->add_flag("--show-phones", *show, "Print phone numbers in full (audited)");
  actions.push_back({cmd, [&db, as, id, occurrence, occ, show](std::ostream& out) {
                       const protocol::Publisher by = PartyOf(*as, "--as");
                       auto repo = OpenActivities(db);
                       auto uuid = protocol::NormaliseUuid(*id);
                       if (!uuid) throw InvalidInput{"--id: must be a UUID"};
                       auto a = repo->FindActivity(*uuid);
                       if (!a) throw std::runtime_error(a.error());
                       if (!*a) throw InvalidInput{"no activity with id " + *uuid};
                       // The same rule as the console's sign-up list: the organisers and the street office.
                       if (!PartyMayEditActivity(by, (*a)->organisers))
                         throw InvalidInput{"--as " + *as + ": only the activity's organisers or the street office "
                                            "may see its sign-ups"};
                       std::optional<protocol::UnixSeconds> when;
                       if (occ->count()) when = ParseTimeOrThrow(*occurrence, "--occurrence");
                       auto list = repo->ListSignups(*uuid, when);
                       if (!list) throw std::runtime_error(list.error());
                       if (*show) Audit(db, "activity.signups_phones", **a, std::to_string(list->size()) + " sign-ups");
                       out << "OCCURRENCE\tCODE\tSTATE\tPOSITION\tPEOPLE\tNAME\tPHONE\tRECEIVED_AT\tATTENDED\n";
                       for (const SignupRecord& s : *list) {
                         std::string state(protocol::SignupStateCode(s.state));
                         if (s.state == protocol::SignupState::Refused)
                           state += ":" + std::string(protocol::SignupRefusalCode(s.refusal));
                         out << protocol::FormatUtc(s.original_start) << "\t" << s.code << "\t" << state << "\t"
                             << (s.waitlist_position ? std::to_string(s.waitlist_position) : "-") << "\t" << s.people
                             << "\t" << s.name << "\t" << (*show ? s.phone : protocol::MaskPhone(s.phone)) << "\t"
                             << protocol::FormatUtc(s.received_at) << "\t"
                             << (!s.attended ? "-" : *s.attended ? "yes" : "no") << "\n";
                       }
                       return 0;
                     }});
}

// The sign-up a --code names, for the audit line (the activity's organisers find it in their log).
void AuditSignup(const std::string& db, ActivityRepository& repo, std::string_view action, const SignupRecord& s,
                 std::string detail) {
  auto a = repo.FindActivity(s.activity_id);
  if (!a) throw std::runtime_error(a.error());
  if (!*a) throw std::runtime_error("activity " + s.activity_id + " vanished");
  Audit(db, action, **a, s.code + " · " + protocol::FormatUtc(s.original_start) + ": " + detail);
}

void AddEventAttend(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("attend", "签到: mark whether a confirmed sign-up came (after the start)");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto code = std::make_shared<std::string>();
  cmd->add_option("--code", *code, "The sign-up code")->required();
  auto absent = std::make_shared<bool>(false), clear = std::make_shared<bool>(false);
  CLI::Option* absent_opt = cmd->add_flag("--absent", *absent, "Mark as not come");
  cmd->add_flag("--clear", *clear, "Remove the mark")->excludes(absent_opt);
  actions.push_back({cmd, [&db, as, code, absent, clear](std::ostream& out) {
                       std::optional<bool> mark;
                       if (!*clear) mark = !*absent;
                       auto repo = OpenActivities(db);
                       SignupRecord s = Check(MarkAttendance(*repo, PartyOf(*as, "--as"), *code, mark, protocol::NowUtc()));
                       const char* word = !mark ? "cleared" : *mark ? "attended" : "absent";
                       AuditSignup(db, *repo, "activity.attendance", s, word);
                       out << s.code << "\t" << word << "\n";
                       return 0;
                     }});
}

void AddEventPromote(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("promote", "Let a waiting sign-up in by hand (even past the capacity), "
                                                  "with a reason");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto code = std::make_shared<std::string>(), reason = std::make_shared<std::string>();
  cmd->add_option("--code", *code, "The sign-up code")->required();
  cmd->add_option("--reason", *reason, "Why (kept with the sign-up and audited)")->required();
  actions.push_back({cmd, [&db, as, code, reason](std::ostream& out) {
                       auto repo = OpenActivities(db);
                       SignupRecord s = Check(PromoteSignupByHand(*repo, PartyOf(*as, "--as"), *code, *reason,
                                                                  protocol::NowUtc()));
                       AuditSignup(db, *repo, "activity.signup_promote", s, protocol::ClipCodepoints(*reason, 60));
                       out << s.code << "\tconfirmed\n";
                       return 0;
                     }});
}

void AddEventImport(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("import", "Import the activities of an iCalendar (.ics) file; prints their ids");
  AddDbOption(cmd, db);
  auto as = std::make_shared<std::string>("street_office");
  AddParty(cmd, *as);
  auto file = std::make_shared<std::string>();
  cmd->add_option("FILE", *file, "The .ics file")->required();
  actions.push_back({cmd, [&db, as, file](std::ostream& out) {
                       const std::string text = ReadFileOrThrow(*file, "FILE");
                       const protocol::Publisher by = PartyOf(*as, "--as");
                       auto repo = OpenActivities(db);
                       auto stored = Check(ImportICalendar(*repo, by, text, CliActor(), protocol::NowUtc()));
                       for (const ActivityRecord& a : stored) {
                         Audit(db, "activity.import", a, protocol::ClipCodepoints(a.title, 60));
                         out << a.id << "\n";
                       }
                       return 0;
                     }});
}

void AddEventExport(CLI::App& event, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = event.add_subcommand("export", "Print activities as iCalendar (all, one organiser's, or one)");
  AddDbOption(cmd, db);
  auto organiser = std::make_shared<std::string>(), id = std::make_shared<std::string>(),
       public_url = std::make_shared<std::string>();
  CLI::Option* org = cmd->add_option("--organiser", *organiser, "Only this party's");
  CLI::Option* one = cmd->add_option("--id", *id, "Only this activity");
  cmd->add_option("--public-url", *public_url, "The hub's public URL, for each event's URL");
  actions.push_back({cmd, [&db, organiser, org, id, one, public_url](std::ostream& out) {
                       std::optional<protocol::Publisher> party;
                       if (org->count()) party = PartyOf(*organiser, "--organiser");
                       auto repo = OpenActivities(db);
                       auto list = repo->ListActivities(party);
                       if (!list) throw std::runtime_error(list.error());
                       std::vector<ActivityWithChanges> items;
                       for (const ActivityRecord& a : *list) {
                         if (one->count() && a.id != protocol::NormaliseUuid(*id).value_or("")) continue;
                         auto changes = repo->ListOccurrenceChanges(a.id);
                         if (!changes) throw std::runtime_error(changes.error());
                         items.push_back({a, *changes});
                       }
                       if (one->count() && items.empty()) throw InvalidInput{"no activity with id " + *id};
                       std::string url = *public_url;
                       while (!url.empty() && url.back() == '/') url.pop_back();
                       out << ExportICalendar(items, url);
                       return 0;
                     }});
}

}  // namespace

void AddEventCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* event = app.add_subcommand("event", "Community activities: add, change, cancel, sign-ups, iCalendar");
  event->require_subcommand(1);
  AddEventAdd(*event, db, actions);
  AddEventUpdate(*event, db, actions);
  AddEventCancel(*event, db, actions);
  AddEventMove(*event, db, actions);
  AddEventList(*event, db, actions);
  AddEventSignups(*event, db, actions);
  AddEventAttend(*event, db, actions);
  AddEventPromote(*event, db, actions);
  AddEventImport(*event, db, actions);
  AddEventExport(*event, db, actions);
}

}  // namespace ck::hub::cli
