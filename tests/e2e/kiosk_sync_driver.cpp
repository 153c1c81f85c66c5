// ck_kiosk_sync_driver: the kiosk's sync as a separate process, so an e2e test can SIGKILL it mid-request.
// Runs sync rounds on a kiosk database until its outbox is empty (at most --rounds), like the kiosk's
// background thread would; prints "pushed N" after each round and "outbox empty" at the end.
//
//   ck_kiosk_sync_driver DB_FILE HUB_URL DEVICE_ID TOKEN [ROUNDS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "app/store/feed_applier.h"
#include "app/store/outbox_repository.h"
#include "sync/client/sync_engine.h"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: %s DB_FILE HUB_URL DEVICE_ID TOKEN [ROUNDS]\n", argv[0]);
    return 2;
  }
  int rounds = argc > 5 ? std::atoi(argv[5]) : 20;
  auto db = ck::store::KioskDatabase::Open(argv[1]);
  if (!db) {
    std::fprintf(stderr, "driver: %s\n", db.error().c_str());
    return 1;
  }
  ck::store::FeedApplier sink(std::move(db).value());
  ck::sync::SyncEngineOptions options;
  options.hub_url = argv[2];
  options.device_id = argv[3];
  options.token = argv[4];
  options.app_version = "e2e-driver";
  options.connect_timeout = std::chrono::seconds(5);
  options.request_timeout = std::chrono::seconds(20);
  ck::sync::SyncEngine engine(options, nullptr, nullptr);
  ck::store::OutboxRepository outbox(sink.database());
  for (int i = 0; i < rounds; ++i) {
    auto report = engine.RunOnce(sink);
    std::printf("pushed %d\n", report.pushed);
    std::fflush(stdout);
    if (outbox.PendingCount() == 0) {
      std::printf("outbox empty\n");
      return 0;
    }
    // After a failed round a kiosk waits before the next (the real one for its poll interval): back to
    // back, 400 rounds would all fall into the few seconds nginx passes over a hub process it saw fail.
    if (!report.ok) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::printf("outbox not empty: %lld\n", static_cast<long long>(outbox.PendingCount()));
  return 1;
}
