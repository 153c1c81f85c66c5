// The console's stylesheet and script, served from the copies compiled into the hub.
#include "sync/hub/console/console_assets.h"
#include "sync/hub/console/pages.h"

namespace ck::hub::console {

namespace {

ConsoleAnswer Asset(std::string_view body, const char* type) {
  ConsoleAnswer a;
  a.body = std::string(body);
  a.content_type = type;
  // The router says no-store for pages; assets may be kept a little while.
  a.headers.emplace_back("Cache-Control", "max-age=300");
  return a;
}

}  // namespace

ConsoleAnswer StylesheetAsset(ConsoleRequest&) {
  return Asset(kConsoleCss, "text/css; charset=utf-8");
}

ConsoleAnswer ScriptAsset(ConsoleRequest&) {
  return Asset(kConsoleJs, "text/javascript; charset=utf-8");
}

}  // namespace ck::hub::console
