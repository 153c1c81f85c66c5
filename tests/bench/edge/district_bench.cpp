// ck_district_bench: figures for a district's hub (issue 18) through the shipped nginx site, with one and
// with two `community-hub serve` processes, on SQLite (one file) and on PostgreSQL: reports per second
// through the batch API, the kiosk's conditional feed poll and its status poll (polls/s, p50/p99), and
// what a kiosk sees when one of two hub processes is SIGKILLed and restarted. Every request is made by the
// kiosk's own client code (sync/client: HubHttp, FeedClient, Open311Client), so it is the request a kiosk
// sends, keep-alive included. Prints numbers; asserts nothing.
//
//   ck_district_bench [SECONDS] [REPORTS]   defaults: 5 s per timed run, 5,000 reports per batch run
//   CK_BENCH_NO_PG=1                        skip PostgreSQL (skipped anyway, with the reason, without it)
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <latch>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sync/client/feed_client.h"
#include "sync/client/hub_http.h"
#include "sync/client/open311_client.h"
#include "sync/client/outbox_pusher.h"
#include "sync/protocol/feed.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/notice.h"
#include "sync/protocol/open311.h"
#include "sync/protocol/ticket_code.h"
#include "tests/e2e/child_process.h"
#include "tests/e2e/front_server.h"
#include "tests/sync/hub/pg_test_cluster.h"

using namespace ck::e2e;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kKiosks = 4;
constexpr int kNotices = 100;
constexpr int kFeedPageSize = 1000;  // SyncEngineOptions::page_size
constexpr std::size_t kStatusIds = 50;
constexpr int kStatusClients = 16;
constexpr int kInterruptionPollers = 16;
constexpr int kInterruptionReporters = 2;
constexpr std::size_t kInterruptionBatch = 20;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

std::string Field(const std::string& out, const std::string& prefix) {
  auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  auto end = out.find('\n', at);
  return out.substr(at + prefix.size(), end - at - prefix.size());
}

std::filesystem::path HubBinary() {
  return std::filesystem::path(CK_BINARY_DIR) / "sync" / "hub" / "community-hub";
}

struct Kiosk {
  std::string device_id, token;
  std::uint32_t number = 0;
  std::vector<std::string> request_ids;  // service_request_ids the hub acknowledged to this kiosk
};

// ---- What clients saw ---------------------------------------------------------------------------------

// One client's record of a run: every request's latency, failed ones too, and how its failures bunched.
struct ClientRecord {
  std::vector<double> ms;
  long failed = 0;
  int longest_run = 0;           // most consecutive failed requests
  double longest_outage_ms = 0;  // from sending the first failed request of a run to the next good answer
  std::map<std::string, int> errors;
  Clock::time_point origin;  // the run's start, for the timeline below
  std::vector<std::string>
      timeline;  // the first few failures: when, how long they took, when answers came back

  void Record(Clock::time_point sent, Clock::time_point answered, const std::optional<std::string>& error) {
    ms.push_back(Ms(answered - sent));
    if (error) {
      ++failed;
      ++errors[error->substr(0, 70)];
      if (run_++ == 0) run_start_ = sent;
      longest_run = std::max(longest_run, run_);
      if (timeline.size() < 8) {
        char line[160];
        std::snprintf(line, sizeof line, "sent at %.3f s, failed after %.0f ms: %s", Seconds(sent),
                      Ms(answered - sent), error->substr(0, 40).c_str());
        timeline.push_back(line);
      }
    } else if (run_ > 0) {
      longest_outage_ms = std::max(longest_outage_ms, Ms(answered - run_start_));
      if (timeline.size() < 8) {
        char line[160];
        std::snprintf(line, sizeof line, "next good answer: sent at %.3f s, answered at %.3f s",
                      Seconds(sent), Seconds(answered));
        timeline.push_back(line);
      }
      run_ = 0;
    }
  }
  // A run of failures still open at the end counts up to the end.
  void Finish(Clock::time_point end) {
    if (run_ > 0) longest_outage_ms = std::max(longest_outage_ms, Ms(end - run_start_));
  }

 private:
  double Seconds(Clock::time_point t) const { return std::chrono::duration<double>(t - origin).count(); }
  int run_ = 0;
  Clock::time_point run_start_;
};

struct Figures {
  long requests = 0, failed = 0, over_1s = 0;
  double seconds = 0, p50_ms = 0, p99_ms = 0, max_ms = 0;
  int longest_run = 0;
  double longest_outage_ms = 0;
  std::map<std::string, int> errors;
  double per_second() const { return seconds > 0 ? static_cast<double>(requests - failed) / seconds : 0; }
};

Figures Merge(const std::vector<ClientRecord>& records, double seconds) {
  Figures f;
  f.seconds = seconds;
  std::vector<double> all;
  for (const ClientRecord& r : records) {
    all.insert(all.end(), r.ms.begin(), r.ms.end());
    f.failed += r.failed;
    f.longest_run = std::max(f.longest_run, r.longest_run);
    f.longest_outage_ms = std::max(f.longest_outage_ms, r.longest_outage_ms);
    for (const auto& [e, n] : r.errors) f.errors[e] += n;
  }
  f.requests = static_cast<long>(all.size());
  f.over_1s = std::count_if(all.begin(), all.end(), [](double ms) { return ms > 1000; });
  std::sort(all.begin(), all.end());
  if (!all.empty()) {
    f.p50_ms = all[all.size() / 2];
    f.p99_ms =
        all[std::min(all.size() - 1, static_cast<std::size_t>(static_cast<double>(all.size()) * 0.99))];
    f.max_ms = all.back();
  }
  return f;
}

void PrintErrors(const Figures& f) {
  for (const auto& [e, n] : f.errors) std::printf("      %5d x %s\n", n, e.c_str());
}

// A request as a client thread makes it: nullopt when it was answered as a kiosk expects, else what failed.
using Operation = std::function<std::optional<std::string>()>;

// Runs `clients` threads, each with the operation make(i) returns (made, and caught up, before the clock
// starts), until `duration` has passed: back to back, or client i pausing pause_of(i) after each request.
// `script` runs on the calling thread meanwhile, from the start (the faults of the interruption run).
std::vector<ClientRecord> RunClients(int clients, Clock::duration duration,
                                     const std::function<Operation(int)>& make,
                                     const std::function<Clock::duration(int)>& pause_of = {},
                                     const std::function<void(Clock::time_point)>& script = {}) {
  std::vector<ClientRecord> records(static_cast<std::size_t>(clients));
  std::latch ready(clients);
  std::promise<Clock::time_point> started;
  std::shared_future<Clock::time_point> start = started.get_future().share();
  std::vector<std::thread> threads;
  for (int i = 0; i < clients; ++i) {
    threads.emplace_back([&, i, start] {
      Operation op = make(i);
      const Clock::duration pause = pause_of ? pause_of(i) : Clock::duration{};
      ready.count_down();
      const Clock::time_point end = start.get() + duration;
      ClientRecord& rec = records[static_cast<std::size_t>(i)];
      rec.origin = start.get();
      while (Clock::now() < end) {
        auto sent = Clock::now();
        auto error = op();
        rec.Record(sent, Clock::now(), error);
        if (pause.count() > 0) std::this_thread::sleep_for(pause);
      }
      rec.Finish(Clock::now());
    });
  }
  ready.wait();
  auto t0 = Clock::now();
  started.set_value(t0);
  if (script) script(t0);
  for (auto& t : threads) t.join();
  return records;
}

// ---- The kiosk's requests -----------------------------------------------------------------------------

std::unique_ptr<ck::sync::HubHttp> KioskHttp(const std::string& url, const Kiosk& k) {
  ck::sync::HubHttpOptions o;
  o.hub_url = url;
  o.device_id = k.device_id;
  o.token = k.token;
  o.app_version = "district-bench";
  o.request_timeout = 20s;  // what `community-kiosk setup` configures
  return std::make_unique<ck::sync::HubHttp>(std::move(o));
}

// Feed answers after catching up that were pages (200), not 304: nothing is published while the polls run,
// so any here would mean the polls measure something else than the idle kiosk's.
std::atomic<long> g_pages_after_catch_up{0};

// The idle kiosk's poll: GET /api/v1/feed?cursor=<head>&limit=1000 with the ETag of the last empty page, as
// SyncEngine::PullFeed sends it; 304 is the usual answer.
class FeedPoller {
 public:
  FeedPoller(const std::string& url, const Kiosk& k) : http_(KioskHttp(url, k)), client_(*http_) {
    // Catch up as the engine does: page by page, keeping an ETag only for the cursor it was given with.
    for (int round = 0; round < 20 && !last_not_modified_; ++round)
      if (Poll()) break;
    caught_up_ = true;
  }
  std::optional<std::string> Poll() {
    auto fetched = client_.FetchFeed(cursor_, etag_, kFeedPageSize);
    if (!fetched) return fetched.error();
    last_not_modified_ = fetched->not_modified;
    if (fetched->not_modified) return std::nullopt;
    if (caught_up_) ++g_pages_after_catch_up;
    const ck::protocol::FeedPage& page = fetched->page;
    bool etag_fits = !page.has_more && page.next_cursor == cursor_;
    cursor_ = page.next_cursor;
    etag_ = etag_fits ? fetched->etag : std::string();
    return std::nullopt;
  }

 private:
  std::unique_ptr<ck::sync::HubHttp> http_;
  ck::sync::FeedClient client_;
  std::string cursor_{ck::protocol::kInitialCursor};
  std::string etag_;
  bool last_not_modified_ = false;
  bool caught_up_ = false;
};

Operation FeedPollOperation(const std::string& url, const Kiosk& k) {
  auto poller = std::make_shared<FeedPoller>(url, k);
  return [poller] { return poller->Poll(); };
}

// The kiosk's status poll: GET /requests.json?service_request_id=<50 of its own tickets>.
Operation StatusPollOperation(const std::string& url, const Kiosk& k, std::size_t offset) {
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < kStatusIds && !k.request_ids.empty(); ++i)
    ids.push_back(k.request_ids[(offset + i) % k.request_ids.size()]);
  auto http = std::shared_ptr<ck::sync::HubHttp>(KioskHttp(url, k));
  return [http, ids]() -> std::optional<std::string> {
    ck::sync::Open311Client client(*http);
    auto statuses = client.FetchStatuses(ids);
    if (!statuses) return statuses.error();
    if (statuses->size() != ids.size())
      return "statuses for " + std::to_string(statuses->size()) + " of 50 ids";
    return std::nullopt;
  };
}

ck::protocol::ServiceRequestSubmission MakeReport(const Kiosk& k, int i) {
  static const char* kPhrases[] = {"垃圾未及时清运，楼道里有异味。", "楼道灯不亮，晚上看不清台阶。",
                                   "电动车在楼道里充电，存在安全隐患。", "车辆乱停乱放，堵住了消防通道。",
                                   "夜间装修噪音太大，影响休息。"};
  static const char* kServices[] = {"sanitation", "repairs", "safety", "parking", "noise"};
  ck::protocol::ServiceRequestSubmission s;
  s.request_uuid = ck::protocol::NewUuid();
  s.ticket_code = ck::protocol::DrawTicketCode(k.number).value_or("");
  s.service_code = kServices[i % 5];
  s.address_string = std::to_string(i % 12 + 1) + "号楼" + std::to_string(i % 4 + 1) + "单元";
  s.description = std::string(kPhrases[i % 5]) + "第" + std::to_string(i) + "次反映，请尽快处理。";
  if (i % 3 == 0) s.phone = "1380013" + std::to_string(1000 + i % 9000);
  s.device_id = k.device_id;
  s.submitted_at = ck::protocol::NowUtc() - 60;
  return s;
}

// The reports split into batches as OutboxPusher makes them: at most kMaxBatchItems, within its byte budget.
std::vector<std::vector<ck::protocol::ServiceRequestSubmission>> Batches(
    const std::vector<ck::protocol::ServiceRequestSubmission>& reports, std::size_t max_items) {
  std::vector<std::vector<ck::protocol::ServiceRequestSubmission>> out;
  std::size_t bytes = 0;
  for (const auto& r : reports) {
    std::size_t size = ck::protocol::SubmissionBatchToJson({r}).size();
    if (out.empty() || out.back().size() >= max_items ||
        bytes + size > ck::sync::OutboxPusher::kMaxBatchBytes) {
      out.emplace_back();
      bytes = 0;
    }
    out.back().push_back(r);
    bytes += size;
  }
  return out;
}

// One batch POST as the outbox sends it; nullopt when every report was delivered. Acks go to `ids`.
std::optional<std::string> SendBatch(ck::sync::Open311Client& client,
                                     const std::vector<ck::protocol::ServiceRequestSubmission>& batch,
                                     std::vector<std::string>* ids) {
  auto sent = client.PostRequestBatch(batch);
  if (sent.kind != ck::sync::BatchDeliveryOutcome::Kind::Answered)
    return sent.error.empty() ? "HTTP " + std::to_string(sent.http_status) : sent.error;
  for (const auto& o : sent.outcomes)
    if (o.kind != ck::sync::DeliveryOutcome::Kind::Delivered) return "a report not delivered: " + o.error;
  if (ids)
    for (const auto& o : sent.outcomes) ids->push_back(o.ack.service_request_id);
  return std::nullopt;
}

// ---- One district: a database, two hub processes, nginx in front of one and of both -------------------

class District {
 public:
  explicit District(std::string db) : db_(std::move(db)) {
    dir_ = std::filesystem::temp_directory_path() / ("ck-district-bench-" + ck::protocol::NewUuid());
    std::filesystem::create_directories(dir_);
  }
  ~District() {
    fronts_[0].reset();
    fronts_[1].reset();
    for (auto& h : hubs_) h.reset();
    std::filesystem::remove_all(dir_);
  }

  // init, kiosks, notices, both hub processes and both fronts; "" or what failed.
  std::string Prepare() {
    if (auto r = Hub({"init", "--db", db_}); r.exit_code != 0) return "init: " + r.out;
    for (int i = 0; i < kKiosks; ++i) {
      auto r = Hub({"kiosk", "add", "--db", db_, "--name", "大堂 " + std::to_string(i + 1)});
      Kiosk k;
      k.device_id = Field(r.out, "device_id: ");
      k.token = Field(r.out, "token: ");
      std::string number = Field(r.out, "kiosk_number: ");
      if (r.exit_code != 0 || k.token.empty() || number.empty()) return "kiosk add: " + r.out;
      k.number = static_cast<std::uint32_t>(std::stoul(number));
      kiosks_.push_back(std::move(k));
    }
    nlohmann::json notices = nlohmann::json::array();
    for (int i = 0; i < kNotices; ++i) {
      ck::protocol::Notice n;
      n.id = ck::protocol::NewUuid();
      n.publisher =
          i % 3 ? ck::protocol::Publisher::ResidentsCommittee : ck::protocol::Publisher::StreetOffice;
      n.category = i % 4 == 0 ? "water_power" : i % 4 == 1 ? "safety" : "community";
      n.title = "社区通知第" + std::to_string(i + 1) + "号：" + (i % 2 ? "周六上午停水检修" : "电梯年检安排");
      n.body.clear();
      for (int p = 0; p < 6; ++p)
        n.body += "因管道检修，本周六上午八时至十二时停水，请居民提前储水，给您带来不便敬请谅解。";
      n.published_at = ck::protocol::NowUtc() - 3600 * (kNotices - i);
      notices.push_back(n);
    }
    std::ofstream(dir_ / "notices.json") << notices.dump();
    if (auto r = Hub({"notice", "import", "--db", db_, "--file", (dir_ / "notices.json").string()});
        r.exit_code != 0)
      return "notice import: " + r.out;
    ports_[0] = FreePort();
    ports_[1] = FreePort();
    for (int i : {0, 1})
      if (!StartHub(i)) return "hub " + std::to_string(i) + " did not start";
    fronts_[0] = std::make_unique<FrontServer>(dir_ / "nginx-1", std::vector<int>{ports_[0]});
    fronts_[1] = std::make_unique<FrontServer>(dir_ / "nginx-2", std::vector<int>{ports_[0], ports_[1]});
    for (auto& f : fronts_)
      if (!f->started()) return "nginx: " + f->error();
    return "";
  }

  // The front with `hubs` (1 or 2) hub processes behind it.
  std::string Url(int hubs) const { return fronts_[hubs - 1]->url(); }

  // Restarts hub i on its port; how long until it listened, or a negative time when it did not.
  double RestartHub(int i) {
    auto t0 = Clock::now();
    return StartHub(i) ? Ms(Clock::now() - t0) : -1;
  }
  void KillHub(int i) { hubs_[i]->Stop(SIGKILL); }

  void MeasureReports(int reports) {
    std::printf(
        "\nreports through POST /api/v1/requests/batch: %d kiosks flushing at once, batches as the outbox "
        "makes them\n",
        kKiosks);
    std::printf("%5s %8s %8s %8s %10s %13s %13s %8s\n", "hubs", "reports", "batches", "secs", "reports/s",
                "batch_p50_ms", "batch_p99_ms", "failed");
    for (int hubs : {1, 2}) {
      std::vector<ClientRecord> records(kKiosks);
      std::vector<std::vector<std::vector<ck::protocol::ServiceRequestSubmission>>> batches(kKiosks);
      for (int k = 0; k < kKiosks; ++k) {
        std::vector<ck::protocol::ServiceRequestSubmission> mine;
        for (int i = k; i < reports; i += kKiosks) mine.push_back(MakeReport(kiosks_[k], i));
        batches[k] = Batches(mine, ck::protocol::kMaxBatchItems);
      }
      auto t0 = Clock::now();
      std::vector<std::thread> threads;
      for (int k = 0; k < kKiosks; ++k) {
        threads.emplace_back([&, k] {
          auto http = KioskHttp(Url(hubs), kiosks_[k]);
          ck::sync::Open311Client client(*http);
          for (const auto& batch : batches[k]) {
            for (int attempt = 0; attempt < 5;
                 ++attempt) {  // the kiosk sends a failed batch again, same keys
              auto sent = Clock::now();
              auto error = SendBatch(client, batch, &kiosks_[k].request_ids);
              records[k].Record(sent, Clock::now(), error);
              if (!error) break;
            }
          }
          records[k].Finish(Clock::now());
        });
      }
      for (auto& t : threads) t.join();
      double secs = std::chrono::duration<double>(Clock::now() - t0).count();
      Figures f = Merge(records, secs);
      std::printf("%5d %8d %8ld %8.2f %10.0f %13.1f %13.1f %8ld\n", hubs, reports, f.requests, secs,
                  static_cast<double>(reports) / secs, f.p50_ms, f.p99_ms, f.failed);
      PrintErrors(f);
      std::fflush(stdout);
    }
  }

  static void PrintPollHeader(const char* what, Clock::duration duration) {
    std::printf("\n%s, keep-alive, back to back, %.0f s each\n", what,
                std::chrono::duration<double>(duration).count());
    std::printf("%5s %8s %9s %10s %9s %9s %9s %8s %8s\n", "hubs", "clients", "polls", "polls/s", "p50_ms",
                "p99_ms", "max_ms", "over_1s", "failed");
  }

  void MeasureFeedPolls(Clock::duration duration) {
    PrintPollHeader("conditional feed poll (GET /api/v1/feed?cursor=<head>&limit=1000, If-None-Match: 304)",
                    duration);
    g_pages_after_catch_up = 0;
    for (int hubs : {1, 2})
      for (int clients : {16, 64}) {
        auto records = RunClients(clients, duration,
                                  [&](int i) { return FeedPollOperation(Url(hubs), kiosks_[i % kKiosks]); });
        PrintRow(hubs, clients, Merge(records, std::chrono::duration<double>(duration).count()));
      }
    if (g_pages_after_catch_up > 0)
      std::printf("  (%ld answers were pages, not 304)\n", g_pages_after_catch_up.load());
  }

  void MeasureStatusPolls(Clock::duration duration) {
    PrintPollHeader("status poll (GET /requests.json?service_request_id=<50 of the kiosk's tickets>)", duration);
    for (int hubs : {1, 2}) {
      auto records = RunClients(kStatusClients, duration, [&](int i) {
        return StatusPollOperation(Url(hubs), kiosks_[i % kKiosks],
                                   static_cast<std::size_t>(i / kKiosks) * kStatusIds);
      });
      PrintRow(hubs, kStatusClients, Merge(records, std::chrono::duration<double>(duration).count()));
    }
  }

  // Pollers and reporting kiosks through nginx to both hubs; hub 0 is SIGKILLed at 2 s and started again
  // 1 s later, then hub 1 the same at 7 s (after nginx's fail_timeout of 3 s has let hub 0 back in).
  void MeasureInterruption() {
    std::printf(
        "\ninterruption: %d feed pollers and %d kiosks sending batches of %zu (every 100 ms) through nginx "
        "to 2 hubs;\nhub 0 SIGKILLed at 2 s and restarted 1 s later, hub 1 likewise at 7 s; 11 s in all\n",
        kInterruptionPollers, kInterruptionReporters, kInterruptionBatch);
    const int clients = kInterruptionPollers + kInterruptionReporters;
    std::vector<double> restarts;
    auto script = [&](Clock::time_point t0) {
      for (int victim : {0, 1}) {
        std::this_thread::sleep_until(t0 + std::chrono::seconds(2 + 5 * victim));
        KillHub(victim);
        std::this_thread::sleep_for(1s);
        restarts.push_back(RestartHub(victim));
      }
    };
    auto records = RunClients(
        clients, 11s,
        [&](int i) -> Operation {
          const Kiosk& k = kiosks_[i % kKiosks];
          if (i < kInterruptionPollers) return FeedPollOperation(Url(2), k);
          auto http = std::shared_ptr<ck::sync::HubHttp>(KioskHttp(Url(2), k));
          auto pending = std::make_shared<std::vector<ck::protocol::ServiceRequestSubmission>>();
          auto n = std::make_shared<int>(1000000 * (i + 1));
          // A failed batch is sent again with the same keys, as the outbox does; a delivered one is replaced.
          return [http, pending, n, &k]() -> std::optional<std::string> {
            if (pending->empty())
              for (std::size_t j = 0; j < kInterruptionBatch; ++j) pending->push_back(MakeReport(k, (*n)++));
            ck::sync::Open311Client client(*http);
            auto error = SendBatch(client, *pending, nullptr);
            if (!error) pending->clear();
            return error;
          };
        },
        [](int i) { return i < kInterruptionPollers ? Clock::duration{} : Clock::duration{100ms}; }, script);
    std::vector<ClientRecord> polls(records.begin(), records.begin() + kInterruptionPollers);
    std::vector<ClientRecord> batches(records.begin() + kInterruptionPollers, records.end());
    for (auto [what, part] : {std::pair{"feed polls", &polls}, std::pair{"report batches", &batches}}) {
      Figures f = Merge(*part, 11);
      std::printf(
          "  %-15s %7ld sent, %4ld failed; longest a client saw failures: %7.0f ms; most consecutive "
          "failures for one client: %d\n",
          what, f.requests, f.failed, f.longest_outage_ms, f.longest_run);
      PrintErrors(f);
      for (std::size_t c = 0; c < part->size(); ++c)
        for (const std::string& line : (*part)[c].timeline)
          std::printf("      client %zu: %s\n", c, line.c_str());
    }
    std::printf("  restarts: hub 0 listening after %.0f ms, hub 1 after %.0f ms\n",
                restarts.size() > 0 ? restarts[0] : -1, restarts.size() > 1 ? restarts[1] : -1);
    std::fflush(stdout);
  }

 private:
  static void PrintRow(int hubs, int clients, const Figures& f) {
    std::printf("%5d %8d %9ld %10.0f %9.2f %9.2f %9.2f %8ld %8ld\n", hubs, clients, f.requests,
                f.per_second(), f.p50_ms, f.p99_ms, f.max_ms, f.over_1s, f.failed);
    PrintErrors(f);
    std::fflush(stdout);
  }
  CommandResult Hub(std::vector<std::string> args) {
    args.insert(args.begin(), HubBinary().string());
    return RunCommand(args, dir_);
  }
  bool StartHub(int i) {
    static int generation = 0;
    hubs_[i] = std::make_unique<ChildProcess>(
        std::vector<std::string>{HubBinary().string(), "serve", "--db", db_, "--listen",
                                 "127.0.0.1:" + std::to_string(ports_[i])},
        dir_ / ("hub-" + std::to_string(i) + "-" + std::to_string(++generation) + ".out"));
    return hubs_[i]->WaitForLine("listening on ", 20s).has_value();
  }

  std::string db_;
  std::filesystem::path dir_;
  std::vector<Kiosk> kiosks_;
  int ports_[2] = {0, 0};
  std::unique_ptr<ChildProcess> hubs_[2];
  std::unique_ptr<FrontServer> fronts_[2];
};

void RunDistrict(const std::string& name, const std::string& db, Clock::duration duration, int reports) {
  std::printf("\n==== %s ====\n", name.c_str());
  District district(db);
  auto t0 = Clock::now();
  if (std::string why = district.Prepare(); !why.empty()) {
    std::printf("%s: not measured: %s\n", name.c_str(), why.c_str());
    return;
  }
  std::printf(
      "setup: %d kiosks, %d notices imported, 2 hub processes, nginx in front of 1 and of 2: %.1f s\n",
      kKiosks, kNotices, std::chrono::duration<double>(Clock::now() - t0).count());
  std::fflush(stdout);
  district.MeasureReports(reports);  // also makes the tickets the status polls ask about
  district.MeasureFeedPolls(duration);
  district.MeasureStatusPolls(duration);
  district.MeasureInterruption();
}

}  // namespace

int main(int argc, char** argv) {
  signal(SIGPIPE, SIG_IGN);
  const auto duration = std::chrono::seconds(argc > 1 ? std::atoi(argv[1]) : 5);
  const int reports = argc > 2 ? std::atoi(argv[2]) : 5000;
  if (!std::filesystem::exists(HubBinary())) {
    std::fprintf(stderr, "district_bench: %s not built\n", HubBinary().c_str());
    return 1;
  }
  auto sqlite_dir =
      std::filesystem::temp_directory_path() / ("ck-district-bench-db-" + ck::protocol::NewUuid());
  std::filesystem::create_directories(sqlite_dir);
  RunDistrict("SQLite (one file)", (sqlite_dir / "hub.db").string(), duration, reports);
  std::filesystem::remove_all(sqlite_dir);

  if (const char* no = std::getenv("CK_BENCH_NO_PG"); no && std::string(no) == "1") {
    std::printf("\n==== PostgreSQL ====\nskipped (CK_BENCH_NO_PG=1)\n");
    return 0;
  }
  std::string why;
  auto* cluster = ck::hub::testing::PgTestCluster::Get(&why);
  if (!cluster) {
    std::printf("\n==== PostgreSQL ====\nskipped (%s)\n", why.c_str());
    return 0;
  }
  auto uri = cluster->CreateDatabaseUri();
  if (!uri) {
    std::printf("\n==== PostgreSQL ====\nskipped (%s)\n", uri.error().c_str());
    return 0;
  }
  RunDistrict("PostgreSQL 15 (one server, throwaway)", *uri, duration, reports);
  return 0;
}
