// `community-kiosk set-pin`: the maintenance PIN, typed twice without echo, hashed into the kiosk database.
#include "app/set_pin_command.h"

#include <string>

#include "app/setup_command.h"
#include "app/store/kiosk_database.h"
#include "app/store/maintenance_pin_repository.h"

namespace ck::app {

int RunSetPin(const std::filesystem::path& data_dir, std::FILE* in, std::FILE* out) {
  const std::string pin = AskSecret(in, out, "New maintenance PIN (4 to 8 digits)");
  const std::string again = AskSecret(in, out, "The same PIN again");
  if (pin != again) {
    std::fprintf(out, "The two PINs differ; nothing changed.\n");
    return 2;
  }
  auto db = store::KioskDatabase::Open(data_dir / "kiosk.db");
  if (!db) {
    std::fprintf(out, "cannot open %s: %s\n", (data_dir / "kiosk.db").c_str(), db.error().c_str());
    return 1;
  }
  store::MaintenancePinRepository pins(**db);
  if (auto set = pins.SetPin(pin); !set) {
    std::fprintf(out, "%s; nothing changed.\n", set.error().c_str());
    return set.error().find("digits") != std::string::npos ? 2 : 1;
  }
  std::fprintf(out, "Maintenance PIN set. Hold the title of the kiosk's top bar for 5 seconds to open the panel.\n");
  return 0;
}

}  // namespace ck::app
