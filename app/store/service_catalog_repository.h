// ServiceCatalogRepository: the feedback categories the report screen offers — the hub's /services.json as
// last fetched, or the bundled default (assets/demo/services.json) so a never-synced kiosk still takes
// reports.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/store/kiosk_database.h"
#include "sync/protocol/open311.h"

namespace ck::store {

struct ServiceCatalog {
  std::vector<protocol::Service> services;
  bool from_hub = false;                            // false: the bundled default
  std::optional<protocol::UnixSeconds> fetched_at;  // when the hub's list was last confirmed
};

class ServiceCatalogRepository {
 public:
  explicit ServiceCatalogRepository(KioskDatabase& db);

  // The cached hub list if it parses and is not empty, else the bundled default. Never empty.
  ServiceCatalog Current() const;
  Status Replace(const std::vector<protocol::Service>& services, const std::string& etag,
                 protocol::UnixSeconds fetched_at);
  // Stores the hub's body as received; refused (cache unchanged) unless it parses as a service list.
  Status ReplaceBody(const std::string& body, const std::string& etag, protocol::UnixSeconds fetched_at);
  // The hub said 304: the cache is confirmed as of `fetched_at`.
  Status Touch(protocol::UnixSeconds fetched_at);

  std::string ETag() const;
  std::optional<protocol::UnixSeconds> FetchedAt() const;

 private:
  KioskDatabase& db_;
};

// assets/demo/services.json, compiled in (see CMakeLists.txt).
std::string_view BundledServicesJson();
std::vector<protocol::Service> BundledServices();

}  // namespace ck::store
