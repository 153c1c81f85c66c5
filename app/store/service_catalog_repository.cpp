// ServiceCatalogRepository: the services_cache row, with the bundled list as the fallback.
#include "app/store/service_catalog_repository.h"

#include <sqlite3.h>

namespace ck::store {

std::vector<protocol::Service> BundledServices() {
  // Checked by a test; an unparsable bundle would be a build defect, so an empty list is all we can do.
  auto parsed = protocol::ParseServiceList(BundledServicesJson());
  return parsed ? std::move(parsed).value() : std::vector<protocol::Service>{};
}

ServiceCatalogRepository::ServiceCatalogRepository(KioskDatabase& db) : db_(db) {}

ServiceCatalog ServiceCatalogRepository::Current() const {
  ServiceCatalog catalog;
  {
    Statement st = db_.Cached("SELECT body, fetched_at FROM services_cache WHERE only_row = 1");
    if (st.Step() == SQLITE_ROW) {
      catalog.fetched_at = st.Int(1);
      if (auto list = protocol::ParseServiceList(st.Text(0)); list && !list->empty()) {
        catalog.services = std::move(list).value();
        catalog.from_hub = true;
      }
    }
  }
  if (!catalog.from_hub) catalog.services = BundledServices();
  return catalog;
}

Status ServiceCatalogRepository::Replace(const std::vector<protocol::Service>& services,
                                         const std::string& etag, protocol::UnixSeconds fetched_at) {
  return ReplaceBody(protocol::ServiceListToJson(services), etag, fetched_at);
}

Status ServiceCatalogRepository::ReplaceBody(const std::string& body, const std::string& etag,
                                             protocol::UnixSeconds fetched_at) {
  if (auto list = protocol::ParseServiceList(body); !list) return Status::Fail(list.error());
  Statement st = db_.Cached(
      "INSERT INTO services_cache(only_row, body, etag, fetched_at) VALUES (1, ?1, ?2, ?3) "
      "ON CONFLICT(only_row) DO UPDATE SET body = excluded.body, etag = excluded.etag, "
      "fetched_at = excluded.fetched_at");
  st.Bind(1, body).Bind(2, etag).Bind(3, fetched_at);
  if (!st.Run()) return Status::Fail("store services: " + db_.LastError());
  return OkStatus();
}

Status ServiceCatalogRepository::Touch(protocol::UnixSeconds fetched_at) {
  Statement st = db_.Cached("UPDATE services_cache SET fetched_at = ?1 WHERE only_row = 1");
  st.Bind(1, fetched_at);
  if (!st.Run()) return Status::Fail("store services: " + db_.LastError());
  return OkStatus();
}

std::string ServiceCatalogRepository::ETag() const {
  Statement st = db_.Cached("SELECT etag FROM services_cache WHERE only_row = 1");
  return st.Step() == SQLITE_ROW ? st.Text(0) : std::string();
}

std::optional<protocol::UnixSeconds> ServiceCatalogRepository::FetchedAt() const {
  Statement st = db_.Cached("SELECT fetched_at FROM services_cache WHERE only_row = 1");
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return st.Int(0);
}

}  // namespace ck::store
