// Feedback figures for DESIGN.md's budgets: "submit" → receipt including the fsync (median of many), and
// an outbox flush of 10,000 queued reports to a real local community-hub. Prints; never asserts.
//
//   ck_feedback_bench [RUNS] [REPORTS]     defaults: 5 runs, 10,000 reports
//   CK_HUB_BINARY=/path/community-hub      measure against another hub build
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include "app/store/feed_applier.h"
#include "app/store/feedback_repository.h"
#include "app/store/outbox_repository.h"
#include "sync/client/sync_engine.h"
#include "sync/protocol/ids.h"
#include "tests/e2e/child_process.h"

namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ck::e2e::ChildProcess;
using ck::e2e::RunCommand;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

std::string Field(const std::string& out, const std::string& prefix) {
  auto at = out.find(prefix);
  if (at == std::string::npos) return "";
  auto end = out.find('\n', at);
  return out.substr(at + prefix.size(), end - at - prefix.size());
}

// Times the kiosk store's share of a flush (reading the queue, recording acks); the rest is HTTP and hub.
class TimedOutbox : public ck::sync::FeedSink, public ck::sync::OutboxSink {
 public:
  explicit TimedOutbox(ck::store::FeedApplier& inner) : inner_(inner), outbox_(*inner.Outbox()) {}
  double store_ms = 0;

  template <typename F>
  auto Timed(F f) {
    auto start = Clock::now();
    auto result = f();
    store_ms += Ms(Clock::now() - start);
    return result;
  }
  std::string Cursor() override { return inner_.Cursor(); }
  std::string ETag() override { return inner_.ETag(); }
  ck::Status Apply(const ck::protocol::FeedPage& p, const std::string& e) override {
    return inner_.Apply(p, e);
  }
  void RecordAttempt(ck::protocol::UnixSeconds at, const std::string& e) override {
    inner_.RecordAttempt(at, e);
  }
  ck::sync::OutboxSink* Outbox() override { return this; }
  std::vector<ck::sync::OutboxItem> PendingOutbox(int limit, ck::protocol::UnixSeconds due) override {
    return Timed([&] { return outbox_.PendingOutbox(limit, due); });
  }
  ck::Status MarkDelivered(std::int64_t id, const ck::protocol::SubmissionAck& ack) override {
    return Timed([&] { return outbox_.MarkDelivered(id, ack); });
  }
  ck::Status MarkRejected(std::int64_t id, int s, const std::string& d) override {
    return outbox_.MarkRejected(id, s, d);
  }
  ck::Status RecordRetry(std::int64_t id, const std::string& e, ck::protocol::UnixSeconds n) override {
    return outbox_.RecordRetry(id, e, n);
  }
  std::string ServicesETag() override { return outbox_.ServicesETag(); }
  std::optional<ck::protocol::UnixSeconds> ServicesFetchedAt() override {
    return outbox_.ServicesFetchedAt();
  }
  ck::Status ReplaceServices(const std::string& b, const std::string& e,
                             ck::protocol::UnixSeconds t) override {
    return outbox_.ReplaceServices(b, e, t);
  }
  ck::Status TouchServices(ck::protocol::UnixSeconds t) override { return outbox_.TouchServices(t); }
  std::vector<std::string> OpenServiceRequestIds() override { return outbox_.OpenServiceRequestIds(); }
  ck::Result<int> ApplyStatuses(const std::vector<ck::protocol::ServiceRequestStatus>& s) override {
    return outbox_.ApplyStatuses(s);
  }
  std::uint32_t KioskNumber() override { return outbox_.KioskNumber(); }
  ck::Status SetKioskNumber(std::uint32_t n) override { return outbox_.SetKioskNumber(n); }

 private:
  ck::store::FeedApplier& inner_;
  ck::sync::OutboxSink& outbox_;
};

ck::store::FeedbackDraft Draft(int i) {
  ck::store::FeedbackDraft d;
  d.service_code = i % 2 ? "sanitation" : "repairs";
  d.service_name = i % 2 ? "环境卫生" : "设施维修";
  d.address_string = std::to_string(i % 30 + 1) + "号楼" + std::to_string(i % 4 + 1) + "单元" +
                     std::to_string(i % 18 + 1) + "层";
  d.description = "楼道灯不亮；垃圾未及时清运。晚上回家看不见台阶，老人孩子容易摔倒，希望尽快处理。";
  d.phone = i % 3 == 0 ? "13812341234" : "";
  return d;
}

// Submit → receipt as the report screen does it: validate, one fsync'd transaction, receipt.
std::vector<double> SubmitTimes(const std::filesystem::path& db_file, int n, std::uint32_t kiosk_number) {
  auto db = ck::store::KioskDatabase::Open(db_file);
  if (!db) {
    std::fprintf(stderr, "feedback_bench: %s\n", db.error().c_str());
    std::exit(1);
  }
  ck::store::FeedbackRepository repo(**db);
  std::vector<double> times;
  times.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    auto start = Clock::now();
    auto receipt = repo.Submit(Draft(i), ck::protocol::NowUtc(), kiosk_number);
    times.push_back(Ms(Clock::now() - start));
    if (!receipt) {
      std::fprintf(stderr, "feedback_bench: submit failed: %s\n", receipt.error().c_str());
      std::exit(1);
    }
  }
  return times;
}

int Run(int runs, int reports) {
  std::filesystem::path hub_binary = std::filesystem::path(CK_BINARY_DIR) / "sync" / "hub" / "community-hub";
  if (const char* other = std::getenv("CK_HUB_BINARY"); other && other[0]) hub_binary = other;
  if (!std::filesystem::exists(hub_binary)) {
    std::fprintf(stderr, "feedback_bench: %s not built\n", hub_binary.c_str());
    return 1;
  }
  auto dir = std::filesystem::temp_directory_path() / ("ck-feedback-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);

  // The queued outbox, made once through Submit (also the submit figure), then copied for every run.
  auto template_db = dir / "template" / "kiosk.db";
  auto submit_start = Clock::now();
  std::vector<double> submit_ms = SubmitTimes(template_db, reports, 1);
  double submit_total_s = Ms(Clock::now() - submit_start) / 1000;
  {
    // Fold the WAL into the main file so one file copy carries everything.
    auto db = ck::store::KioskDatabase::Open(template_db);
    if (db) (*db)->Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  std::printf(
      "submit → receipt (validate + 1 fsync'd transaction: feedback + outbox + sequence), %d submits "
      "into a growing database: median %.2f ms, p90 %.2f ms, max %.2f ms (budget < 50 ms)\n",
      reports, Percentile(submit_ms, 0.5), Percentile(submit_ms, 0.9), Percentile(submit_ms, 1.0));
  std::printf("  (%d reports queued in %.1f s)\n", reports, submit_total_s);

  std::vector<double> flush_ms, record_ms;
  for (int run = 0; run < runs; ++run) {
    auto run_dir = dir / ("run-" + std::to_string(run));
    std::filesystem::create_directories(run_dir / "kiosk");
    std::string hub_db = (run_dir / "hub.db").string();
    RunCommand({hub_binary.string(), "init", "--db", hub_db}, run_dir);
    auto added =
        RunCommand({hub_binary.string(), "kiosk", "add", "--db", hub_db, "--name", "bench"}, run_dir);
    if (added.exit_code != 0) {
      std::fprintf(stderr, "feedback_bench: kiosk add failed\n%s", added.out.c_str());
      return 1;
    }
    auto kiosk_db = run_dir / "kiosk" / "kiosk.db";
    std::filesystem::copy_file(template_db, kiosk_db);
    ChildProcess hub({hub_binary.string(), "serve", "--db", hub_db, "--listen", "127.0.0.1:0"},
                     run_dir / "hub.out");
    auto line = hub.WaitForLine("listening on ", 20s);
    if (!line) {
      std::fprintf(stderr, "feedback_bench: hub did not start\n");
      return 1;
    }
    ck::sync::SyncEngineOptions options;
    options.hub_url = line->substr(std::string("listening on ").size());
    while (!options.hub_url.empty() && (options.hub_url.back() == '\n' || options.hub_url.back() == '\r'))
      options.hub_url.pop_back();
    options.device_id = Field(added.out, "device_id: ");
    options.token = Field(added.out, "token: ");
    options.app_version = "bench";
    options.send_heartbeat = false;

    auto opened = ck::store::KioskDatabase::Open(kiosk_db);
    if (!opened) return 1;
    ck::store::FeedApplier store(std::move(opened).value());
    TimedOutbox sink(store);
    ck::sync::SyncEngine engine(options, nullptr, nullptr);
    auto start = Clock::now();
    auto report = engine.RunOnce(sink);
    flush_ms.push_back(Ms(Clock::now() - start));
    record_ms.push_back(sink.store_ms);
    auto pending = ck::store::OutboxRepository(store.database()).PendingCount();
    if (!report.ok || report.pushed != reports || pending != 0) {
      std::fprintf(stderr, "feedback_bench: flush failed: %s (%d pushed, %lld left)\n", report.error.c_str(),
                   report.pushed, static_cast<long long>(pending));
      return 1;
    }
    std::printf("  run %d: %d reports delivered in %.0f ms (%.2f ms each; the kiosk store's share %.0f ms)\n",
                run + 1, reports, flush_ms.back(), flush_ms.back() / reports, record_ms.back());
    std::fflush(stdout);
    hub.Stop(SIGTERM);
  }
  std::printf(
      "outbox flush of %d queued reports to a local community-hub (one keep-alive connection, "
      "batches of up to 100 reports, one hub commit each, a delivery record per report; then the status "
      "pull of all %d): median of %d: %.0f ms "
      "(budget < 10 s)\n",
      reports, reports, runs, Percentile(flush_ms, 0.5));
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
  int reports = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10'000;
  return Run(runs, reports);
}
