// FeedApplier: applies feed pages to the notices and activities together with the new cursor, atomically.
#include "app/store/feed_applier.h"

#include <cstdio>

#include "app/store/transaction.h"
#include "sync/protocol/journal_log.h"

namespace ck::store {

FeedApplier::FeedApplier(std::unique_ptr<KioskDatabase> db)
    : db_(std::move(db)), notices_(*db_), activities_(*db_), state_(*db_), outbox_(*db_) {}

std::string FeedApplier::Cursor() {
  return state_.FeedCursor();
}
std::string FeedApplier::ETag() {
  return state_.FeedETag();
}

Status FeedApplier::Apply(const protocol::FeedPage& page, const std::string& etag) {
  using Type = protocol::FeedChange::Type;
  Transaction tx(*db_, Durability::Relaxed);
  if (!tx.ok()) return Status::Fail("apply feed page: " + tx.error());
  for (const protocol::FeedChange& change : page.changes) {
    Status s = OkStatus();
    switch (change.type) {
      case Type::NoticeUpsert:
        if (!change.notice)
          return Status::Fail("apply feed page: upsert " + std::to_string(change.seq) + " has no notice");
        s = notices_.Upsert(*change.notice);
        break;
      case Type::NoticeTombstone:
        s = notices_.Remove(change.id);
        break;
      case Type::ActivityUpsert:
        if (!change.activity)
          return Status::Fail("apply feed page: upsert " + std::to_string(change.seq) + " has no activity");
        s = activities_.Upsert(*change.activity);
        break;
      case Type::ActivityTombstone:
        s = activities_.Remove(change.id);
        break;
      case Type::Unknown:
        continue;  // a newer hub's change type: skipped by contract (see feed.h)
    }
    // Returning rolls the whole page back (Transaction's destructor), cursor included.
    if (!s) return Status::Fail("apply feed change " + std::to_string(change.seq) + ": " + s.error());
  }
  if (auto s = state_.SetFeedPosition(page.next_cursor, etag); !s) return s;
  return tx.Commit();
}

void FeedApplier::RecordAttempt(protocol::UnixSeconds at, const std::string& error) {
  if (auto s = state_.RecordAttempt(at, error); !s) log::Error("store: %s", s.error().c_str());
}

Result<std::unique_ptr<sync::FeedSink>> OpenFeedSink(const std::filesystem::path& db_file) {
  using R = Result<std::unique_ptr<sync::FeedSink>>;
  auto db = KioskDatabase::Open(db_file);
  if (!db) return R::Fail(db.error());
  return R::Ok(std::make_unique<FeedApplier>(std::move(db).value()));
}

}  // namespace ck::store
