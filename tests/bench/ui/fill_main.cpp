// ck_bench_ui_fill DATA_DIR COUNT: a kiosk database with COUNT demo-like notices, for the scripted
// benchmarks.
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "fill_notices.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s DATA_DIR COUNT\n", argv[0]);
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  auto db = ck::store::KioskDatabase::Open(dir / "kiosk.db");
  if (!db) {
    std::fprintf(stderr, "%s\n", db.error().c_str());
    return 1;
  }
  const int n =
      ck::bench::FillNotices(**db, std::filesystem::path(CK_SOURCE_ASSETS_DIR) / "demo" / "community.json",
                             std::atoi(argv[2]), ck::protocol::NowUtc());
  std::printf("%d notices in %s\n", n, (dir / "kiosk.db").c_str());
  return n > 0 ? 0 : 1;
}
