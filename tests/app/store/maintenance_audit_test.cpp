// The maintenance panel's audit trail (kiosk migration 5): every use is stored and survives a restart; an
// unknown event name is refused by the schema.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>

#include "app/store/kiosk_database.h"
#include "app/store/maintenance_audit_repository.h"

namespace ck::store {
namespace {

TEST(MaintenanceAuditTest, UsesAreKeptAcrossARestartNewestFirst) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "ck-audit-XXXXXX").string();
  ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
  const std::filesystem::path dir = tmpl;
  {
    auto db = KioskDatabase::Open(dir / "kiosk.db");
    ASSERT_TRUE(db.ok()) << db.error();
    EXPECT_GE((*db)->SchemaVersion(), 5);
    MaintenanceAuditRepository audit(**db);
    ASSERT_TRUE(audit.Record("wrong_pin", 100));
    ASSERT_TRUE(audit.Record("opened", 110));
    ASSERT_TRUE(audit.Record("restart", 120));
    EXPECT_FALSE(audit.Record("drop_tables", 130)) << "only the panel's own event names are stored";
  }
  {
    auto db = KioskDatabase::Open(dir / "kiosk.db");
    ASSERT_TRUE(db.ok()) << db.error();
    MaintenanceAuditRepository audit(**db);
    auto recent = audit.Recent(10);
    ASSERT_TRUE(recent.ok()) << recent.error();
    ASSERT_EQ(recent->size(), 3u);
    EXPECT_EQ((*recent)[0].event, "restart");
    EXPECT_EQ((*recent)[0].at, 120);
    EXPECT_EQ((*recent)[2].event, "wrong_pin");
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ck::store
