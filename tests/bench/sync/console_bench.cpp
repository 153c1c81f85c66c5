// Staff console figures: server time per console page with 10,000 notices (and 10,000 audit entries, 12
// kiosks) in the hub, p50/p95 over many requests on loopback, on SQLite and, with the same data copied there,
// on PostgreSQL, side by side; and the sign-in cost (one Argon2id hash at the chosen parameters, and a whole
// sign-in POST on each store). Prints; never asserts.
//
//   ck_console_bench [REQUESTS_PER_PAGE]     default 200; CK_BENCH_NO_PG=1 skips PostgreSQL
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include "sync/hub/api/http_server.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/password.h"
#include "sync/hub/store/open_store.h"
#include "sync/hub/store/secret_hash.h"
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

// 10,000 notices over four parties, seven categories, all four states; 12 kiosks, one behind; 10,000 audit
// entries; the manager zhao.jie with `password_hash`. Returns the notices' ids.
std::vector<std::string> Fill(HubRepository& hub, ConsoleRepository& store, const std::string& password_hash,
                              protocol::UnixSeconds now) {
  std::vector<protocol::Notice> notices;
  const protocol::Publisher parties[] = {
      protocol::Publisher::StreetOffice, protocol::Publisher::PropertyCompany,
      protocol::Publisher::ResidentsCommittee, protocol::Publisher::OwnersCommittee};
  for (int i = 0; i < 10000; ++i) {
    protocol::Notice n;
    n.id = protocol::NewUuid();
    n.publisher = parties[i % 4];
    n.category = std::string(protocol::kNoticeCategories[i % 7]);
    n.title = (i % 50 == 0 ? "3号楼停水通知 " : "社区通知 ") + std::to_string(i);
    n.body = std::string(40, 'x') + " 请各位居民相互转告。第" + std::to_string(i) + "号。";
    n.published_at = i % 10 == 0 ? now + 86400 : now - 86400 * (i % 30) - 60;
    if (i % 7 == 0) n.expires_at = n.published_at + 3600;
    notices.push_back(n);
  }
  if (!hub.ImportNotices(notices).ok()) std::exit(1);
  for (int k = 0; k < 12; ++k) {
    KioskRecord kr;
    kr.device_id = protocol::NewUuid();
    kr.name = "大堂 " + std::to_string(k);
    kr.token_hash = HashSecret(NewBearerSecret());
    kr.created_at = now;
    hub.AddKiosk(kr);
    KioskHeartbeat hb;
    hb.cursor = std::to_string(k < 11 ? 10000 : 5000);
    hub.RecordHeartbeat(kr.device_id, hb, now);
  }
  for (int i = 0; i < 10000; ++i) {
    AuditEntry e;
    e.at = now - 10000 + i;
    e.actor = i % 3 ? "wang.li" : "zhao.jie";
    e.party = i % 3 ? protocol::Publisher::PropertyCompany : protocol::Publisher::StreetOffice;
    e.action = i % 5 ? "notice.edit" : "signin";
    e.target = notices[static_cast<std::size_t>(i)].id;
    store.AppendAudit(e);
  }
  StaffAccount manager;
  manager.name = "zhao.jie";
  manager.party = protocol::Publisher::StreetOffice;
  manager.role = StaffRole::Manager;
  manager.created_at = now;
  manager.password_hash = password_hash;
  if (!store.AddStaff(manager).ok()) std::exit(1);
  std::vector<std::string> ids;
  for (const auto& n : notices) ids.push_back(n.id);
  return ids;
}

// One store's figures: the sign-in POST, then `requests` GETs of each page.
struct StoreFigures {
  double signin_ms = 0;
  int signin_status = 0;
  std::vector<bench::Figure> pages;
};

StoreFigures MeasureConsole(const bench::Backend& backend, const std::vector<std::string>& paths,
                            int requests) {
  auto hub = OpenHubStore(backend.db, StoreOpen::kExisting);
  auto store = OpenConsoleStore(backend.db, StoreOpen::kExisting);
  if (!hub || !store) {
    std::fprintf(stderr, "%s: %s\n", backend.name.c_str(), (hub ? store.error() : hub.error()).c_str());
    std::exit(1);
  }
  console::ConsoleServices services(**hub, **store, {});
  HttpServerOptions so;
  so.extra_routes = [&services](httplib::Server& s) { console::RegisterConsole(s, services); };
  HubHttpServer server(**hub, so);
  int port = *server.Bind("127.0.0.1", 0);
  std::thread t([&] { server.Listen(); });
  while (!server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  StoreFigures out;
  httplib::Client c("127.0.0.1", port);
  c.set_keep_alive(true);
  auto page = c.Get("/console/signin");
  std::string signin_cookie = page->get_header_value("Set-Cookie");
  signin_cookie = signin_cookie.substr(0, signin_cookie.find(';'));
  std::smatch m;
  std::regex_search(page->body, m, std::regex(R"re(name="csrf" value="([^"]+)")re"));
  std::string csrf = m[1];
  auto t0 = Clock::now();
  auto r =
      c.Post("/console/signin", {{"Cookie", signin_cookie}},
             "name=zhao.jie&password=zhao-jie-password&csrf=" + csrf, "application/x-www-form-urlencoded");
  out.signin_ms = Ms(Clock::now() - t0);
  std::string session = r->get_header_value("Set-Cookie");
  session = session.substr(0, session.find(';'));
  out.signin_status = r->status;
  httplib::Headers h{{"Cookie", session}};

  for (const auto& p : paths) {
    std::vector<double> ms;
    bench::Figure f;
    for (int i = 0; i < requests; ++i) {
      auto s0 = Clock::now();
      auto a = c.Get(p.c_str(), h);
      ms.push_back(Ms(Clock::now() - s0));
      if (!a || a->status != 200) {
        std::printf("%s %s: status %d\n", backend.name.c_str(), p.c_str(), a ? a->status : -1);
        break;
      }
      f.bytes = a->body.size();
    }
    f.p50 = bench::Percentile(ms, 0.5);
    f.p95 = bench::Percentile(ms, 0.95);
    out.pages.push_back(f);
  }
  server.Stop();
  t.join();
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int requests = argc > 1 ? std::atoi(argv[1]) : 200;
  auto dir = std::filesystem::temp_directory_path() / ("ck-console-bench-" + protocol::NewUuid());
  std::filesystem::create_directories(dir);
  std::string db = (dir / "hub.db").string();
  protocol::UnixSeconds now = protocol::NowUtc();

  // Sign-in cost at the parameters the console uses.
  std::vector<double> hash_ms, verify_ms;
  std::string hash;
  for (int i = 0; i < 5; ++i) {
    auto t0 = Clock::now();
    hash = console::HashPassword("zhao-jie-password");
    hash_ms.push_back(Ms(Clock::now() - t0));
    t0 = Clock::now();
    console::VerifyPassword(hash, "zhao-jie-password");
    verify_ms.push_back(Ms(Clock::now() - t0));
  }
  std::printf("argon2id (opslimit %llu, memlimit %zu MiB): hash p50 %.0f ms, verify p50 %.0f ms (5 runs)\n",
              console::PasswordCost{}.opslimit, console::PasswordCost{}.memlimit >> 20,
              bench::Percentile(hash_ms, 0.5), bench::Percentile(verify_ms, 0.5));

  std::vector<std::string> ids;
  {
    auto hub = std::move(SqliteHubRepository::Open(db)).value();
    auto store = std::move(SqliteConsoleRepository::Open(db)).value();
    ids = Fill(*hub, *store, hash, now);
  }
  const auto backends = bench::BackendsFor(db);

  const std::vector<std::string> paths = {
      "/console/notices",
      "/console/notices?offset=5000",
      "/console/notices?offset=9950",
      "/console/notices?state=live&publisher=property_company",
      "/console/notices?q=" + console::UrlEncode("停水"),
      "/console/notices?state=scheduled&category=parking",
      "/console/notices/" + ids[4242],
      "/console/kiosks",
      "/console/audit",
      "/console/audit?q=wang&action=notice.edit&offset=3000",
  };
  std::vector<StoreFigures> figures;
  for (const auto& b : backends) figures.push_back(MeasureConsole(b, paths, requests));

  for (std::size_t k = 0; k < backends.size(); ++k)
    std::printf("sign-in POST on %s (verify + session + audit): %.0f ms, status %d\n",
                backends[k].name.c_str(), figures[k].signin_ms, figures[k].signin_status);
  std::printf(
      "\nserver time per console page, 10,000 notices / 10,000 audit entries / 12 kiosks, %d requests "
      "each:\n",
      requests);
  std::vector<bench::Row> rows;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    bench::Row row{paths[i] == "/console/notices/" + ids[4242] ? "/console/notices/<id>" : paths[i], {}};
    for (const auto& f : figures) row.figures.push_back(f.pages[i]);
    rows.push_back(row);
  }
  bench::PrintSideBySide(backends, rows);
  std::filesystem::remove_all(dir);
  return 0;
}
