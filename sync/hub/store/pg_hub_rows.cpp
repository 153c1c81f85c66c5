// Notice and kiosk rows in PostgreSQL (pg_hub_rows.h).
#include "sync/hub/store/pg_hub_rows.h"

namespace ck::hub::pg_rows {

const char* const kNoticeSelect =
    "SELECT id, seq, revision, publisher, category, priority, pinned, title, body, published_at, expires_at, "
    "audience, withdrawn_at FROM notices ";

const char* const kFeedNoticesSql =
    "SELECT id, seq, revision, publisher, category, priority, pinned, title, body, published_at, expires_at, "
    "audience, withdrawn_at FROM notices WHERE seq > $1 ORDER BY seq LIMIT $2";
const char* const kFeedActivitiesSql =
    "SELECT id, seq, deleted_at IS NOT NULL, feed_body FROM activities WHERE seq > $1 ORDER BY seq LIMIT $2";

// Rows were validated before they were written; unknown codes fall back rather than fail a feed page.
NoticeRecord ReadNoticeRow(const pg::Rows& st, int i) {
  NoticeRecord r;
  protocol::Notice& n = r.notice;
  n.id = st.Text(i, 0);
  r.seq = st.Int(i, 1);
  n.revision = st.Int(i, 2);
  n.publisher = protocol::ParsePublisher(st.Text(i, 3)).value_or(protocol::Publisher::ResidentsCommittee);
  n.category = st.Text(i, 4);
  n.priority = protocol::ParsePriority(st.Text(i, 5)).value_or(protocol::Priority::Normal);
  n.pinned = st.Bool(i, 6);
  n.title = st.Text(i, 7);
  n.body = st.Text(i, 8);
  n.published_at = st.Int(i, 9);
  n.expires_at = st.OptInt(i, 10);
  n.audience = st.Text(i, 11);
  r.withdrawn_at = st.OptInt(i, 12);
  return r;
}

#define CK_PG_KIOSK_COLUMNS                                                                        \
  "device_id, name, token_hash, created_at, last_seen, app_version, sync_cursor, outbox_pending, " \
  "last_sync_error, kiosk_number, outbox_refused, disk_free_bytes, disk_full"
const char* const kKioskColumns = CK_PG_KIOSK_COLUMNS;
const char* const kKioskSelect = "SELECT " CK_PG_KIOSK_COLUMNS " FROM kiosks ";

KioskRecord ReadKioskRow(const pg::Rows& st, int i) {
  KioskRecord k;
  k.device_id = st.Text(i, 0);
  k.name = st.Text(i, 1);
  k.token_hash = st.Text(i, 2);
  k.created_at = st.Int(i, 3);
  k.last_seen = st.OptInt(i, 4);
  k.last_heartbeat.app_version = st.OptText(i, 5);
  k.last_heartbeat.cursor = st.OptText(i, 6);
  k.last_heartbeat.outbox_pending = st.OptInt(i, 7);
  k.last_heartbeat.last_sync_error = st.OptText(i, 8);
  k.kiosk_number = static_cast<int>(st.OptInt(i, 9).value_or(0));
  k.last_heartbeat.outbox_refused = st.OptInt(i, 10);
  k.last_heartbeat.disk_free_bytes = st.OptInt(i, 11);
  k.last_heartbeat.disk_full = st.OptBool(i, 12);
  return k;
}

}  // namespace ck::hub::pg_rows
