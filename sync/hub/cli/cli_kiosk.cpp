// `community-hub kiosk add|list|revoke`: one function per subcommand (cli_support.h).
#include <memory>
#include <ostream>

#include <nlohmann/json.hpp>

#include "sync/hub/api/operator_json.h"
#include "sync/hub/cli/cli_support.h"
#include "sync/hub/rules/kiosk_registration.h"
#include "sync/protocol/utf8.h"

namespace ck::hub::cli {

namespace {

void AddKioskAdd(CLI::App& kiosk, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = kiosk.add_subcommand("add", "Register a kiosk; prints its device id and token once");
  AddDbOption(cmd, db);
  auto name = std::make_shared<std::string>();
  cmd->add_option("--name", *name, "A name people recognise, e.g. 3号楼大堂")->required();
  actions.push_back({cmd, [&db, name](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto registered = Check(RegisterKiosk(*repo, *name, protocol::NowUtc()));
                       const KioskRecord& k = registered.kiosk;
                       out << "device_id: " << k.device_id << "\ntoken: " << registered.token << "\n";
                       out << "# the token is shown only now; the hub keeps only its hash\n";
                       // Packed into the kiosk's ticket codes; the kiosk also learns it from each heartbeat.
                       out << "kiosk_number: " << k.kiosk_number << "\n" << std::flush;
                       // After the token is out.
                       AuditCliChange(db, "kiosk.register", k.device_id, protocol::ClipCodepoints(k.name, 60));
                       return 0;
                     }});
}

void PrintKiosks(std::ostream& out, const std::vector<KioskRecord>& kiosks, bool as_json) {
  if (as_json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& k : kiosks) arr.push_back(KioskToJson(k));
    out << arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return;
  }
  out << "NAME\tDEVICE_ID\tLAST_SEEN\tAPP_VERSION\tCURSOR\tOUTBOX_PENDING\tLAST_SYNC_ERROR\tKIOSK_"
         "NUMBER\tOUTBOX_REFUSED\n";
  for (const auto& k : kiosks) {
    const KioskHeartbeat& hb = k.last_heartbeat;
    out << k.name << "\t" << k.device_id << "\t" << FormatOptTime(k.last_seen) << "\t"
        << hb.app_version.value_or("-") << "\t" << hb.cursor.value_or("-") << "\t"
        << (hb.outbox_pending ? std::to_string(*hb.outbox_pending) : "-") << "\t"
        << (hb.last_sync_error ? protocol::ClipCodepoints(*hb.last_sync_error, 60) : "-") << "\t"
        << k.kiosk_number << "\t"
        // Refused reports never reached the platform although a resident holds a receipt: say so loudly.
        << (!hb.outbox_refused       ? "-"
            : *hb.outbox_refused > 0 ? std::to_string(*hb.outbox_refused) + " REFUSED, see the kiosk"
                                     : "0")
        << "\n";
  }
}

void AddKioskList(CLI::App& kiosk, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = kiosk.add_subcommand("list", "List kiosks and their last heartbeat");
  AddDbOption(cmd, db);
  auto as_json = std::make_shared<bool>(false);
  cmd->add_flag("--json", *as_json, "Print JSON");
  actions.push_back({cmd, [&db, as_json](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       auto kiosks = repo->ListKiosks();
                       if (!kiosks) throw std::runtime_error(kiosks.error());
                       PrintKiosks(out, *kiosks, *as_json);
                       return 0;
                     }});
}

void AddKioskRevoke(CLI::App& kiosk, std::string& db, std::vector<Action>& actions) {
  CLI::App* cmd = kiosk.add_subcommand("revoke", "Revoke a kiosk: its token stops working at once");
  AddDbOption(cmd, db);
  auto device_id = std::make_shared<std::string>();
  cmd->add_option("--device-id", *device_id, "The kiosk's device_id (see `kiosk list`)")->required();
  actions.push_back({cmd, [&db, device_id](std::ostream& out) {
                       auto repo = OpenRepo(db);
                       KioskRecord k = Check(RevokeKiosk(*repo, *device_id, protocol::NowUtc()));
                       out << "revoked: " << k.device_id << " (" << k.name << ")\n" << std::flush;
                       AuditCliChange(db, "kiosk.revoke", k.device_id, protocol::ClipCodepoints(k.name, 60));
                       return 0;
                     }});
}

}  // namespace

void AddKioskCommands(CLI::App& app, std::string& db, std::vector<Action>& actions) {
  CLI::App* kiosk = app.add_subcommand("kiosk", "Register and inspect kiosks");
  kiosk->require_subcommand(1);
  AddKioskAdd(*kiosk, db, actions);
  AddKioskList(*kiosk, db, actions);
  AddKioskRevoke(*kiosk, db, actions);
}

}  // namespace ck::hub::cli
