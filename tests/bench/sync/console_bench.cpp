// Staff console figures: server time per console page with 10,000 notices (and 10,000 audit entries, 12
// kiosks) in the hub, p50/p95 over many requests on loopback; and the sign-in cost (one Argon2id hash at
// the chosen parameters, and a whole sign-in POST). Prints; never asserts.
//
//   ck_console_bench [REQUESTS_PER_PAGE]     default 200
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <thread>

#include "sync/hub/store/secret_hash.h"
#include "sync/hub/console/console_router.h"
#include "sync/hub/console/html.h"
#include "sync/hub/console/password.h"
#include "sync/hub/api/http_server.h"
#include "sync/hub/store/sqlite_console_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/ids.h"

namespace {

using Clock = std::chrono::steady_clock;
using namespace ck;
using namespace ck::hub;

double Ms(Clock::duration d) {
  return std::chrono::duration<double, std::milli>(d).count();
}

struct Percentiles {
  double p50, p95, max;
};

Percentiles Measure(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  auto at = [&](double q) { return v[std::min(v.size() - 1, static_cast<std::size_t>(q * v.size()))]; };
  return {at(0.5), at(0.95), v.back()};
}

}  // namespace

int main(int argc, char** argv) {
  int requests = argc > 1 ? std::atoi(argv[1]) : 200;
  auto dir = std::filesystem::temp_directory_path() / ("ck-console-bench-" + protocol::NewUuid());
  std::filesystem::create_directories(dir);
  std::string db = (dir / "hub.db").string();
  auto hub = std::move(SqliteHubRepository::Open(db)).value();
  auto store = std::move(SqliteConsoleRepository::Open(db)).value();
  protocol::UnixSeconds now = protocol::NowUtc();

  // 10,000 notices over four parties, seven categories, all four states.
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
  if (!hub->ImportNotices(notices).ok()) return 1;
  for (int k = 0; k < 12; ++k) {
    KioskRecord kr;
    kr.device_id = protocol::NewUuid();
    kr.name = "大堂 " + std::to_string(k);
    kr.token_hash = HashSecret(NewBearerSecret());
    kr.created_at = now;
    hub->AddKiosk(kr);
    KioskHeartbeat hb;
    hb.cursor = std::to_string(k < 11 ? 10000 : 5000);
    hub->RecordHeartbeat(kr.device_id, hb, now);
  }
  for (int i = 0; i < 10000; ++i) {
    AuditEntry e;
    e.at = now - 10000 + i;
    e.actor = i % 3 ? "wang.li" : "zhao.jie";
    e.party = i % 3 ? protocol::Publisher::PropertyCompany : protocol::Publisher::StreetOffice;
    e.action = i % 5 ? "notice.edit" : "signin";
    e.target = notices[static_cast<std::size_t>(i)].id;
    store->AppendAudit(e);
  }
  StaffAccount manager;
  manager.name = "zhao.jie";
  manager.party = protocol::Publisher::StreetOffice;
  manager.role = StaffRole::Manager;
  manager.created_at = now;

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
  manager.password_hash = hash;
  store->AddStaff(manager);
  std::printf("argon2id (opslimit %llu, memlimit %zu MiB): hash p50 %.0f ms, verify p50 %.0f ms (5 runs)\n",
              console::PasswordCost{}.opslimit, console::PasswordCost{}.memlimit >> 20, Measure(hash_ms).p50,
              Measure(verify_ms).p50);

  console::ConsoleServices services(*hub, *store, {});
  HttpServerOptions so;
  so.extra_routes = [&services](httplib::Server& s) { console::RegisterConsole(s, services); };
  HubHttpServer server(*hub, so);
  int port = *server.Bind("127.0.0.1", 0);
  std::thread t([&] { server.Listen(); });
  while (!server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

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
  double signin_ms = Ms(Clock::now() - t0);
  std::string session = r->get_header_value("Set-Cookie");
  session = session.substr(0, session.find(';'));
  std::printf("sign-in POST (verify + session + audit): %.0f ms, status %d\n", signin_ms, r->status);
  httplib::Headers h{{"Cookie", session}};

  std::string some_id = notices[4242].id;
  const std::vector<std::string> paths = {
      "/console/notices",
      "/console/notices?offset=5000",
      "/console/notices?offset=9950",
      "/console/notices?state=live&publisher=property_company",
      "/console/notices?q=" + console::UrlEncode("停水"),
      "/console/notices?state=scheduled&category=parking",
      "/console/notices/" + some_id,
      "/console/kiosks",
      "/console/audit",
      "/console/audit?q=wang&action=notice.edit&offset=3000",
  };
  std::printf(
      "\nserver time per console page, 10,000 notices / 10,000 audit entries / 12 kiosks, %d requests "
      "each:\n",
      requests);
  std::printf("%-60s %8s %8s %8s %8s\n", "page", "p50 ms", "p95 ms", "max ms", "KiB");
  for (const auto& p : paths) {
    std::vector<double> ms;
    std::size_t bytes = 0;
    for (int i = 0; i < requests; ++i) {
      auto s0 = Clock::now();
      auto a = c.Get(p.c_str(), h);
      ms.push_back(Ms(Clock::now() - s0));
      if (!a || a->status != 200) {
        std::printf("%s: status %d\n", p.c_str(), a ? a->status : -1);
        break;
      }
      bytes = a->body.size();
    }
    auto pc = Measure(ms);
    std::printf("%-60s %8.2f %8.2f %8.2f %8.1f\n", p.c_str(), pc.p50, pc.p95, pc.max, bytes / 1024.0);
  }
  server.Stop();
  t.join();
  std::filesystem::remove_all(dir);
  return 0;
}
