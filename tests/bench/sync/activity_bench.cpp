// Activities: expanding a year of 200 recurring activities (goal < 50 ms), and 100 concurrent sign-ups for
// the last 10 places through the real HTTP server (sign-ups per second, and how many were over-booked: 0).
// Prints figures; asserts nothing about time.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "sync/hub/api/http_server.h"
#include "sync/hub/rules/activity_editor.h"
#include "sync/hub/rules/activity_schedule.h"
#include "sync/hub/store/secret_hash.h"
#include "sync/hub/store/sqlite_activity_repository.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/protocol/activity_signup.h"
#include "sync/protocol/ids.h"
#include "sync/protocol/ticket_code.h"

using namespace ck;
using Clock = std::chrono::steady_clock;

namespace {

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void ExpandAYear() {
  const char* rules[] = {"FREQ=WEEKLY;BYDAY=TU,TH", "FREQ=MONTHLY;BYDAY=1MO", "FREQ=DAILY", "FREQ=WEEKLY;BYDAY=MO,WE,FR",
                         "FREQ=MONTHLY;BYMONTHDAY=15"};
  const protocol::UnixSeconds start = 1'796'083'200;  // 2026-12-01 00:00 UTC
  std::vector<hub::ActivitySchedule> schedules;
  for (int i = 0; i < 200; ++i)
    schedules.push_back({start + (i % 24) * 3600, 3600, false, rules[i % 5], {start + 7 * 86400}});
  std::size_t occurrences = 0;
  double best = 1e9;
  for (int round = 0; round < 5; ++round) {
    auto t0 = Clock::now();
    occurrences = 0;
    for (const auto& s : schedules) {
      auto r = hub::ExpandOccurrences(s, {}, start, start + 365 * 86400, 100000);
      if (r) occurrences += r->size();
    }
    best = std::min(best, Ms(Clock::now() - t0));
  }
  std::printf("expand: 200 recurring activities over a year = %zu occurrences in %.2f ms (best of 5; goal < 50 ms)\n",
              occurrences, best);
}

void ConcurrentSignups() {
  auto dir = std::filesystem::temp_directory_path() / ("ck-activity-bench-" + protocol::NewUuid());
  std::filesystem::create_directories(dir);
  const std::string db = (dir / "hub.db").string();
  auto repo = std::move(hub::SqliteHubRepository::Open(db)).value();
  auto activities = std::move(hub::SqliteActivityRepository::Open(db)).value();
  const std::string token = hub::NewBearerSecret();
  hub::KioskRecord k;
  k.device_id = protocol::NewUuid();
  k.name = "bench";
  k.token_hash = hub::HashSecret(token);
  const int number = repo->AddKiosk(k).value->kiosk_number;
  hub::ActivityEdit e;
  e.title = "健康义诊";
  e.place = "社区卫生站";
  e.start = (protocol::NowUtc() / 3600 + 30) * 3600;
  e.duration = 3600;
  e.capacity = 10;
  auto a = *hub::CreateActivity(*activities, protocol::Publisher::StreetOffice, e, "bench", protocol::NowUtc()).value;
  hub::HubHttpServer server(*repo, {}, activities.get());
  const int port = *server.Bind("127.0.0.1", 0);
  std::thread serving([&] { server.Listen(); });
  while (!server.IsRunning()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  std::atomic<int> confirmed{0}, waiting{0}, failed{0};
  std::vector<std::thread> threads;
  auto t0 = Clock::now();
  for (int t = 0; t < 100; ++t) {
    threads.emplace_back([&] {
      protocol::SignupSubmission s;
      s.signup_uuid = protocol::NewUuid();
      s.code = *protocol::DrawTicketCode(static_cast<std::uint32_t>(number));
      s.activity_id = a.id;
      s.occurrence = a.start;
      s.name = "居民";
      s.phone = "13800000000";
      s.people = 1;
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(30, 0);
      auto r = c.Post("/api/v1/signups", {{"Authorization", "Bearer " + token}}, nlohmann::json(s).dump(),
                      "application/json");
      if (!r || r->status != 201) return void(++failed);
      const std::string state = nlohmann::json::parse(r->body)["state"];
      ++(state == "confirmed" ? confirmed : waiting);
    });
  }
  for (auto& th : threads) th.join();
  const double ms = Ms(Clock::now() - t0);
  const int stored = activities->CountSignups(a.id)->at(a.start).confirmed;
  std::printf("signups: 100 concurrent for 10 places over HTTP in %.1f ms = %.0f sign-ups/s; confirmed %d, "
              "waitlisted %d, failed %d, over-booked %d\n",
              ms, 100 * 1000.0 / ms, confirmed.load(), waiting.load(), failed.load(), std::max(0, stored - 10));
  server.Stop();
  serving.join();
  std::filesystem::remove_all(dir);
}

}  // namespace

int main() {
  ExpandAYear();
  ConcurrentSignups();
  return 0;
}
