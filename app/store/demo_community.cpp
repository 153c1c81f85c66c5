// Loads the bundled demo community (assets/demo/community.json) into an empty kiosk database.
#include "app/store/demo_community.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/store/notice_repository.h"
#include "app/store/transaction.h"

namespace ck::store {

namespace {

constexpr protocol::UnixSeconds kHour = 3600;

// The demo file gives times relative to the import; turn one entry into the wire form and parse it with
// the protocol's own validator, so the demo obeys exactly the rules a hub's notice does.
Result<protocol::Notice> DemoNoticeFromJson(const nlohmann::json& entry, protocol::UnixSeconds now) {
  if (!entry.is_object()) return Result<protocol::Notice>::Fail("a notice must be an object");
  nlohmann::json wire = entry;
  auto hours = [&](const char* key) -> std::optional<protocol::UnixSeconds> {
    auto it = entry.find(key);
    if (it == entry.end() || !it->is_number()) return std::nullopt;
    return static_cast<protocol::UnixSeconds>(it->get<double>() * kHour);
  };
  protocol::UnixSeconds published = now - hours("published_hours_ago").value_or(0);
  wire["published_at"] = protocol::FormatUtc(published);
  if (auto expires = hours("expires_in_hours"))
    wire["expires_at"] = protocol::FormatUtc(now + *expires);
  else
    wire["expires_at"] = nullptr;
  wire.erase("published_hours_ago");
  wire.erase("expires_in_hours");
  return protocol::NoticeFromJson(wire);
}

}  // namespace

Result<DemoCommunity> ImportDemoCommunity(KioskDatabase& db, const std::filesystem::path& demo_file,
                                          protocol::UnixSeconds now) {
  using R = Result<DemoCommunity>;
  std::ifstream in(demo_file);
  if (!in) return R::Fail("demo community: cannot open " + demo_file.string());
  std::stringstream text;
  text << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return R::Fail("demo community: " + demo_file.string() + " is not a JSON object");

  DemoCommunity demo;
  if (auto it = doc.find("community_name"); it != doc.end() && it->is_string()) demo.community_name = *it;

  NoticeRepository notices(db);
  if (notices.Count() > 0) return R::Ok(demo);  // a kiosk that already has data keeps it

  auto list = doc.find("notices");
  if (list == doc.end() || !list->is_array()) return R::Fail("demo community: \"notices\" must be an array");
  // All or nothing, and one fsync instead of one per notice.
  Transaction tx(db, Durability::Full);
  if (!tx.ok()) return R::Fail("demo community: " + tx.error());
  for (const auto& entry : *list) {
    auto notice = DemoNoticeFromJson(entry, now);
    if (!notice)
      return R::Fail("demo community: notice " + std::to_string(demo.notices_imported + 1) + ": " +
                     notice.error());
    if (auto s = notices.Upsert(*notice); !s) return R::Fail("demo community: " + s.error());
    ++demo.notices_imported;
  }
  if (auto s = tx.Commit(); !s) return R::Fail("demo community: " + s.error());
  return R::Ok(demo);
}

}  // namespace ck::store
