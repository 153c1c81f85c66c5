// A kiosk's row in the hub's SQLite file: its columns and their reader, shared by the stores that list
// kiosks (the hub's own and the console's), so a new column is read everywhere at once.
#pragma once

#include "sync/hub/store/hub_repository.h"
#include "sync/hub/store/sqlite_connection.h"

namespace ck::hub::sqlite {

// Columns 0..12, read by ReadKioskRow; a query may select more after them.
#define KIOSK_COLUMNS                                                                              \
  "device_id, name, token_hash, created_at, last_seen, app_version, sync_cursor, outbox_pending, " \
  "last_sync_error, kiosk_number, outbox_refused, disk_free_bytes, disk_full"
inline constexpr int kKioskColumnCount = 13;

inline KioskRecord ReadKioskRow(const Statement& st) {
  KioskRecord k;
  k.device_id = st.Text(0);
  k.name = st.Text(1);
  k.token_hash = st.Text(2);
  k.created_at = st.Int(3);
  k.last_seen = st.OptInt(4);
  k.last_heartbeat.app_version = st.OptText(5);
  k.last_heartbeat.cursor = st.OptText(6);
  k.last_heartbeat.outbox_pending = st.OptInt(7);
  k.last_heartbeat.last_sync_error = st.OptText(8);
  k.kiosk_number = static_cast<int>(st.OptInt(9).value_or(0));
  k.last_heartbeat.outbox_refused = st.OptInt(10);
  k.last_heartbeat.disk_free_bytes = st.OptInt(11);
  if (auto full = st.OptInt(12)) k.last_heartbeat.disk_full = *full != 0;
  return k;
}

}  // namespace ck::hub::sqlite
