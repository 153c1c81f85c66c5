// 10,000 notices from the demo's 28: same vocabulary (so the same glyphs), different ids, times and titles.
#include "fill_notices.h"

#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/store/notice_repository.h"
#include "app/store/transaction.h"
#include "sync/protocol/ids.h"

namespace ck::bench {

int FillNotices(store::KioskDatabase& db, const std::filesystem::path& demo_file, int count,
                protocol::UnixSeconds now) {
  std::ifstream in(demo_file);
  const auto doc = nlohmann::json::parse(in, nullptr, false);
  if (!doc.is_object() || !doc.contains("notices")) return 0;
  std::vector<protocol::Notice> templates;
  for (const auto& j : doc["notices"]) {
    protocol::Notice n;
    n.publisher =
        protocol::ParsePublisher(j.value("publisher", "")).value_or(protocol::Publisher::ResidentsCommittee);
    n.category = j.value("category", "community");
    n.priority = protocol::ParsePriority(j.value("priority", "")).value_or(protocol::Priority::Normal);
    n.pinned = j.value("pinned", false);
    n.title = j.value("title", "");
    n.body = j.value("body", "");
    n.audience = j.value("audience", "all");
    templates.push_back(n);
  }
  if (templates.empty()) return 0;
  store::NoticeRepository repo(db);
  store::Transaction tx(db, store::Durability::Relaxed);  // one commit, not 10,000 fsyncs
  int written = 0;
  for (int i = 0; i < count; ++i) {
    protocol::Notice n = templates[static_cast<std::size_t>(i) % templates.size()];
    n.id = protocol::NewUuid();
    n.title += "（" + std::to_string(i + 1) + "）";
    n.pinned = n.pinned && i < static_cast<int>(templates.size());
    n.published_at = now - 600 - i * 37;
    n.expires_at = now + 86400 * 30 + i;
    if (repo.Upsert(n).ok()) ++written;
  }
  return tx.Commit().ok() ? written : 0;
}

}  // namespace ck::bench
