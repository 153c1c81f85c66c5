// Sync figures for DESIGN.md's budgets: first sync of 10,000 notices from a real local hub (median of 5),
// the bytes of an idle poll, and reading the board from the synced store. Prints; never asserts.
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "app/store/feed_applier.h"
#include "app/store/notice_repository.h"
#include "sync/client/feed_client.h"
#include "sync/client/sync_engine.h"
#include "sync/protocol/ids.h"
#include "tests/e2e/child_process.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ck::e2e::ChildProcess;
using ck::e2e::RunCommand;

constexpr int kNotices = 10'000;
constexpr int kRuns = 5;

// Times the store's share of a round (FeedApplier::Apply), the rest being network, hub and JSON.
class TimedSink : public ck::sync::FeedSink {
 public:
  explicit TimedSink(std::unique_ptr<ck::sync::FeedSink> inner) : inner_(std::move(inner)) {}
  std::string Cursor() override { return inner_->Cursor(); }
  std::string ETag() override { return inner_->ETag(); }
  ck::Status Apply(const ck::protocol::FeedPage& page, const std::string& etag) override {
    auto start = Clock::now();
    ck::Status s = inner_->Apply(page, etag);
    apply_ms += std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    return s;
  }
  void RecordAttempt(ck::protocol::UnixSeconds at, const std::string& error) override {
    inner_->RecordAttempt(at, error);
  }
  double apply_ms = 0;

 private:
  std::unique_ptr<ck::sync::FeedSink> inner_;
};

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

std::string Field(const std::string& out, const std::string& prefix) {
  auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  auto end = out.find('\n', at);
  return out.substr(at + prefix.size(), end - at - prefix.size());
}

// Realistic notice sizes: a short title, a body of a few hundred characters.
std::string ImportFile(const std::filesystem::path& dir) {
  nlohmann::json array = nlohmann::json::array();
  std::string paragraph =
      "因小区二次供水设施检修，届时将暂停供水，请居民提前做好储水准备，给您带来不便敬请谅解。";
  for (int i = 0; i < kNotices; ++i) {
    ck::protocol::Notice n;
    n.id = ck::protocol::NewUuid();
    n.publisher = static_cast<ck::protocol::Publisher>(i % 4);
    n.category = std::string(ck::protocol::kNoticeCategories[i % 7]);
    n.priority = i % 50 == 0 ? ck::protocol::Priority::Urgent : ck::protocol::Priority::Normal;
    n.pinned = i % 200 == 0;
    n.title = "第" + std::to_string(i) + "号通知：" + std::to_string(i % 30 + 1) + "号楼停水安排";
    n.body = paragraph + paragraph + paragraph;
    n.published_at = ck::protocol::NowUtc() - 86400 + i;
    array.push_back(n);
  }
  auto file = dir / "notices.json";
  std::ofstream(file) << array.dump();
  return file.string();
}

int Run() {
  auto hub_binary = std::filesystem::path(CK_BINARY_DIR) / "sync" / "hub" / "community-hub";
  if (!std::filesystem::exists(hub_binary)) {
    std::fprintf(stderr, "sync_bench: %s not built\n", hub_binary.c_str());
    return 1;
  }
  auto dir = std::filesystem::temp_directory_path() / ("ck-sync-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string hub_db = (dir / "hub.db").string();
  RunCommand({hub_binary.string(), "init", "--db", hub_db}, dir);
  auto added = RunCommand({hub_binary.string(), "kiosk", "add", "--db", hub_db, "--name", "bench"}, dir);
  auto imported =
      RunCommand({hub_binary.string(), "notice", "import", "--db", hub_db, "--file", ImportFile(dir)}, dir,
                 std::chrono::minutes(5));
  if (added.exit_code != 0 || imported.exit_code != 0) {
    std::fprintf(stderr, "sync_bench: hub setup failed\n%s%s", added.out.c_str(), imported.out.c_str());
    return 1;
  }
  ChildProcess hub({hub_binary.string(), "serve", "--db", hub_db, "--listen", "127.0.0.1:0"},
                   dir / "hub.out");
  auto line = hub.WaitForLine("listening on ", 20s);
  if (!line) {
    std::fprintf(stderr, "sync_bench: hub did not start\n");
    return 1;
  }
  ck::sync::SyncEngineOptions options;
  options.hub_url = line->substr(std::string("listening on ").size());
  options.device_id = Field(added.out, "device_id: ");
  options.token = Field(added.out, "token: ");
  options.app_version = "bench";
  options.send_heartbeat = false;  // measure the feed alone

  std::vector<double> first_sync_ms, apply_ms;
  int pages = 0;
  for (int run = 0; run < kRuns; ++run) {
    auto db_file = dir / ("kiosk-" + std::to_string(run)) / "kiosk.db";
    auto start = Clock::now();
    auto opened = ck::store::OpenFeedSink(db_file);
    TimedSink sink(std::move(opened).value());
    ck::sync::SyncEngine engine(options, nullptr, nullptr);
    auto report = engine.RunOnce(sink);
    first_sync_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    apply_ms.push_back(sink.apply_ms);
    if (!report.ok || report.upserts != kNotices) {
      std::fprintf(stderr, "sync_bench: sync failed: %s (%d upserts)\n", report.error.c_str(),
                   report.upserts);
      return 1;
    }
    pages = report.pages;
  }
  std::printf(
      "first sync of %d notices (open db + all pages, page size %d, %d pages): median %.0f ms of %d runs "
      "(min %.0f, max %.0f)\n",
      kNotices, options.page_size, pages, Median(first_sync_ms), kRuns,
      *std::min_element(first_sync_ms.begin(), first_sync_ms.end()),
      *std::max_element(first_sync_ms.begin(), first_sync_ms.end()));
  std::printf("  of which applying pages to the kiosk store (SQLite + FTS5 trigram): median %.0f ms\n",
              Median(apply_ms));

  // Idle poll: the kiosk's stored position; the first poll after a sync learns the ETag of the new cursor.
  auto sink = ck::store::OpenFeedSink(dir / "kiosk-0" / "kiosk.db");
  {
    ck::sync::SyncEngine engine(options, nullptr, nullptr);
    engine.RunOnce(**sink);
  }
  ck::sync::FeedClientOptions client_options;
  client_options.hub_url = options.hub_url;
  client_options.device_id = options.device_id;
  client_options.token = options.token;
  client_options.app_version = options.app_version;
  ck::sync::FeedClient client(client_options);
  auto idle = client.FetchFeed((*sink)->Cursor(), (*sink)->ETag(), options.page_size);
  const auto& t = client.last_transfer();
  std::printf(
      "idle poll: 1 request, HTTP %ld%s, %lld bytes sent + %lld header + %lld body bytes received = "
      "%lld bytes on the wire (HTTP level)\n",
      t.http_status, idle && idle->not_modified ? " (not modified)" : "", (long long)t.request_bytes,
      (long long)t.response_header_bytes, (long long)t.response_body_bytes,
      (long long)(t.request_bytes + t.response_header_bytes + t.response_body_bytes));

  // The board at start-up, from the synced store.
  auto db = ck::store::KioskDatabase::Open(dir / "kiosk-0" / "kiosk.db");
  ck::store::NoticeRepository notices(**db);
  std::vector<double> list_ms, search_ms, search_short_ms;
  std::size_t listed = 0, found = 0;
  for (int run = 0; run < kRuns; ++run) {
    auto start = Clock::now();
    listed = notices.ListLive(ck::protocol::NowUtc()).size();
    list_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    start = Clock::now();
    found = notices.Search("号楼停水", ck::protocol::NowUtc()).size();
    search_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
    start = Clock::now();
    notices.Search("停水", ck::protocol::NowUtc());
    search_short_ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::printf(
      "ListLive over %zu notices: median %.2f ms; Search 4 chars (FTS5 trigram, %zu hits, limit 200): "
      "median %.2f ms; Search 2 chars (scan): median %.2f ms\n",
      listed, Median(list_ms), found, Median(search_ms), Median(search_short_ms));

  hub.Stop(SIGTERM);
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main() {
  return Run();
}
