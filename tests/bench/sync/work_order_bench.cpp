// Work-order figures for DESIGN.md's budgets, over 100,000 tickets spread across 12 months: the server
// time of console pages (queue per party, filtered queues, supervision, a ticket, the 三率 page) measured
// as the latency of GETs on loopback to the in-process hub with the console, and the 三率 report itself
// (BuildRatesReport, 12 months); on SQLite and, with the same data copied there, on PostgreSQL, side by
// side. Prints p50/p95; never asserts.
//
//   ck_work_order_bench [TICKETS] [RUNS]     defaults: 100,000 tickets, 200 GETs per page;
//                                            CK_BENCH_NO_PG=1 skips PostgreSQL
#include <httplib.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "sync/hub/rules/request_intake.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/console/password.h"
#include "sync/hub/rules/rates_report.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/store/open_store.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"
#include "tests/bench/sync/bench_backends.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ck;
using namespace ck::hub;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

// 100,000 tickets through the real intake (InsertRequests, 500 a transaction), then the work-order
// columns spread with one UPDATE: a third each to the three parties, most answered and resolved, some
// rated, re-opened, overdue and supervised (what a year of a busy district looks like).
void Fill(HubRepository& repo, const std::string& db_path, int tickets, protocol::UnixSeconds now) {
  const char* services[] = {"sanitation", "safety", "parking", "repairs", "noise", "greenery", "property", "other"};
  std::mt19937 rng(42);
  std::vector<RequestRecord> batch;
  for (int i = 0; i < tickets; ++i) {
    RequestRecord r;
    r.status.service_request_id = protocol::NewUuid();
    r.status.service_code = services[i % 8];
    r.status.service_name = r.status.service_code;
    r.status.address_string = std::to_string(i % 40 + 1) + "号楼";
    r.status.requested_at = now - static_cast<protocol::UnixSeconds>(rng() % (365u * 86400u));
    r.status.updated_at = r.status.requested_at;
    r.status.history.push_back(
        {r.status.requested_at, protocol::RequestStatus::Submitted, std::nullopt, "", protocol::EventKind::Filed});
    r.description = "楼道堆放杂物，影响通行（第 " + std::to_string(i) + " 件）";
    r.phone = "138" + std::to_string(10000000 + i);
    r.device_id = i % 3 ? "kiosk-" + std::to_string(i % 12) : "";
    r.work.channel = i % 3 ? Channel::Kiosk : Channel::Open311;
    batch.push_back(std::move(r));
    if (batch.size() == 500 || i + 1 == tickets) {
      auto stored = repo.InsertRequests(batch, [](const RequestRecord& rec) { return rec.status.ticket_code; });
      if (!stored) {
        std::fprintf(stderr, "insert: %s\n", stored.error().c_str());
        std::exit(1);
      }
      batch.clear();
    }
  }
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  const char* spread = R"sql(
UPDATE requests SET
  agency = CASE abs(random()) % 3 WHEN 0 THEN 'street_office' WHEN 1 THEN 'property_company' ELSE 'residents_committee' END,
  agency_responsible = '承办人', status_notes = '已处理',
  responded_at = requested_at + abs(random()) % 172800,
  expected_at = requested_at + 259200;
UPDATE requests SET status = 'resolved', resolved_at = requested_at + abs(random()) % 400000 WHERE abs(random()) % 10 < 8;
UPDATE requests SET status = 'assigned' WHERE status = 'submitted';
UPDATE requests SET status = 'closed', rating = 5, satisfied = 1 WHERE status = 'resolved' AND abs(random()) % 3 = 0;
UPDATE requests SET status = 'reopened', rating = 1, satisfied = 0, flagged = 1, resolved_at = NULL
  WHERE status = 'resolved' AND abs(random()) % 10 = 0;
UPDATE requests SET supervised_at = expected_at + 3600, supervision_note = '请尽快办理'
  WHERE status IN ('assigned', 'reopened') AND abs(random()) % 4 = 0;
ANALYZE;
)sql";
  char* err = nullptr;
  if (sqlite3_exec(db, spread, nullptr, nullptr, &err) != SQLITE_OK) {
    std::fprintf(stderr, "spread: %s\n", err);
    std::exit(1);
  }
  sqlite3_close(db);
}

std::string CookieOf(const httplib::Result& r, const std::string& name) {
  for (auto it = r->headers.find("Set-Cookie"); it != r->headers.end() && it->first == "Set-Cookie"; ++it)
    if (it->second.rfind(name + "=", 0) == 0) return it->second.substr(0, it->second.find(';'));
  return {};
}

// Signs in through the real form and returns the session cookie.
std::string SignIn(httplib::Client& c, const std::string& name, const std::string& password) {
  auto page = c.Get("/console/signin");
  std::string cookie = CookieOf(page, "ck_signin");
  auto at = page->body.find("name=\"csrf\" value=\"");
  std::string csrf = page->body.substr(at + 19, page->body.find('"', at + 19) - at - 19);
  httplib::Params form{{"name", name}, {"password", password}, {"csrf", csrf}};
  auto r = c.Post("/console/signin", {{"Cookie", cookie}}, form);
  std::string session = CookieOf(r, "ck_session");
  if (session.empty()) {
    std::fprintf(stderr, "sign-in failed: %d\n", r ? r->status : 0);
    std::exit(1);
  }
  return session;
}

bench::Figure Measure(httplib::Client& c, const std::string& cookie, const std::string& path, int runs) {
  std::vector<double> ms;
  bench::Figure f;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    auto r = c.Get(path, {{"Cookie", cookie}});
    ms.push_back(Ms(Clock::now() - t0));
    if (!r || r->status != 200) {
      std::fprintf(stderr, "%s: status %d\n", path.c_str(), r ? r->status : 0);
      std::exit(1);
    }
    f.bytes = r->body.size();
  }
  f.p50 = bench::Percentile(ms, 0.5);
  f.p95 = bench::Percentile(ms, 0.95);
  return f;
}

struct Page {
  const char* label;
  bool street;  // signed in as 街道 (else 物业)
  std::string path;
  int runs;
};

// One store's figures: each page, then the 三率 report (20 runs).
std::vector<bench::Figure> MeasureWorkOrders(const bench::Backend& backend, const std::vector<Page>& pages,
                                             protocol::UnixSeconds now) {
  auto repo = OpenHubStore(backend.db, StoreOpen::kExisting);
  auto console_repo = OpenConsoleStore(backend.db, StoreOpen::kExisting);
  if (!repo || !console_repo) {
    std::fprintf(stderr, "%s: %s\n", backend.name.c_str(),
                 (repo ? console_repo.error() : repo.error()).c_str());
    std::exit(1);
  }
  console::ConsoleOptions options;
  options.sessions.idle_seconds = 3600;
  console::ConsoleServices services(**repo, **console_repo, options);
  HttpServerOptions http;
  http.extra_routes = [&services](httplib::Server& s) { console::RegisterConsole(s, services); };
  HubHttpServer server(**repo, http);
  int port = *server.Bind("127.0.0.1", 0);
  std::thread serving([&] { server.Listen(); });
  while (!server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  httplib::Client c("127.0.0.1", port);
  c.set_keep_alive(true);
  std::string street = SignIn(c, "street", "bench-password-123");
  std::string property = SignIn(c, "property", "bench-password-123");
  std::vector<bench::Figure> out;
  for (const auto& p : pages) out.push_back(Measure(c, p.street ? street : property, p.path, p.runs));
  server.Stop();
  serving.join();

  std::vector<double> ms;
  for (int i = 0; i < 20; ++i) {
    auto t = Clock::now();
    auto report = BuildRatesReport(**repo, "", 12, std::nullopt, now);
    ms.push_back(Ms(Clock::now() - t));
    if (!report) {
      std::fprintf(stderr, "%s: rates report: %s\n", backend.name.c_str(), report.error().c_str());
      std::exit(1);
    }
  }
  out.push_back({bench::Percentile(ms, 0.5), bench::Percentile(ms, 0.95), 0});
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int tickets = argc > 1 ? std::atoi(argv[1]) : 100000;
  int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  auto dir = std::filesystem::temp_directory_path() / ("ck-wo-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "hub.db").string();
  protocol::UnixSeconds now = protocol::NowUtc();
  std::string ticket;
  {
    auto repo = std::move(SqliteHubRepository::Open(path)).value();
    auto console_repo = std::move(SqliteConsoleRepository::Open(path)).value();
    auto t0 = Clock::now();
    Fill(*repo, path, tickets, now);
    std::printf("filled %d tickets in %.1f s\n", tickets, Ms(Clock::now() - t0) / 1000);
    for (auto [name, party] :
         {std::pair{"street", Party::StreetOffice}, std::pair{"property", Party::PropertyCompany}}) {
      StaffAccount a;
      a.name = name;
      a.party = party;
      a.role = StaffRole::Manager;
      a.password_hash = console::HashPassword("bench-password-123");
      a.created_at = now;
      if (!console_repo->AddStaff(a).ok()) return 1;
    }
    WorkOrderQuery first;
    first.party = protocol::Agency::PropertyCompany;
    first.now = now;
    first.limit = 1;
    auto any = repo->QueryWorkOrders(first);
    ticket = any->rows.at(0).status.service_request_id;
  }
  const auto backends = bench::BackendsFor(path);

  const std::vector<Page> pages = {
      {"queue, 物业 (page 1 of ~670)", false, "/console/orders", runs},
      {"queue, 物业, page 300", false, "/console/orders?offset=15000", runs},
      {"queue, 物业, overdue only", false, "/console/orders?overdue=1", runs},
      {"queue, 物业, re-opened + category", false, "/console/orders?reopened=1&category=repairs", runs},
      {"queue, 街道, every party", true, "/console/orders", runs},
      {"queue, 街道, filed in one week", true, "/console/orders?from=2026-06-01&to=2026-06-07", runs},
      {"supervision (街道)", true, "/console/supervision", runs},
      {"one ticket", false, "/console/orders/" + ticket, runs},
      {"三率 page (12 months)", true, "/console/rates", runs / 4},
      {"三率 CSV (12 months)", true, "/console/rates.csv", runs / 4},
  };
  std::vector<std::vector<bench::Figure>> figures;
  for (const auto& b : backends) figures.push_back(MeasureWorkOrders(b, pages, now));

  std::printf("\nconsole pages over %d tickets, %d GETs each (三率 %d); the 三率 report 20 runs:\n", tickets,
              runs, runs / 4);
  std::vector<bench::Row> rows;
  for (std::size_t i = 0; i <= pages.size(); ++i) {
    bench::Row row{i < pages.size() ? pages[i].label : "三率 report, 12 months (BuildRatesReport)", {}};
    for (const auto& f : figures) row.figures.push_back(f[i]);
    rows.push_back(row);
  }
  bench::PrintSideBySide(backends, rows);
  if (std::getenv("CK_BENCH_KEEP_DB")) {
    std::printf("kept %s\n", path.c_str());  // for EXPLAIN QUERY PLAN by hand
    for (const auto& b : backends)
      if (b.name != "SQLite")
        std::printf("kept %s (until the bench's server stops, when it exits)\n", b.db.c_str());
  } else {
    std::filesystem::remove_all(dir);
  }
  return 0;
}
