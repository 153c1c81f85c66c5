// NoticeRepository: notices in SQLite, the board's queries and substring search (FTS5 trigram + short scan).
#include "app/store/notice_repository.h"

#include <sqlite3.h>

#include <algorithm>

#include "sync/protocol/utf8.h"

namespace ck::store {

namespace {

using protocol::Notice;
using protocol::Priority;
using protocol::Publisher;
using protocol::UnixSeconds;

// The stored priority is its board rank, so "ORDER BY priority DESC" puts urgent first.
std::int64_t PriorityRank(Priority p) {
  switch (p) {
    case Priority::Normal:
      return 0;
    case Priority::Important:
      return 1;
    case Priority::Urgent:
      return 2;
  }
  return 0;
}

Priority PriorityFromRank(std::int64_t rank) {
  return rank >= 2 ? Priority::Urgent : rank == 1 ? Priority::Important : Priority::Normal;
}

// The CHECK on notices.publisher guarantees a known code; the fallback only guards a hand-edited file.
Publisher PublisherFromCode(const std::string& code) {
  return protocol::ParsePublisher(code).value_or(Publisher::ResidentsCommittee);
}

// Every summary query selects these columns in this order.
#define CK_SUMMARY_COLUMNS \
  "n.id, n.publisher, n.category, n.priority, n.pinned, n.title, n.published_at, n.expires_at"
// Live at ?1: published and not yet expired (the same rule as protocol::Notice::IsLiveAt).
#define CK_LIVE "n.published_at <= ?1 AND (n.expires_at IS NULL OR n.expires_at > ?1)"
#define CK_BOARD_ORDER "ORDER BY n.pinned DESC, n.priority DESC, n.published_at DESC, n.id"

NoticeSummary ReadSummary(const Statement& st) {
  NoticeSummary s;
  s.id = st.Text(0);
  s.publisher = PublisherFromCode(st.Text(1));
  s.category = st.Text(2);
  s.priority = PriorityFromRank(st.Int(3));
  s.pinned = st.Int(4) != 0;
  s.title = st.Text(5);
  s.published_at = st.Int(6);
  s.expires_at = st.OptionalInt(7);
  return s;
}

std::vector<NoticeSummary> ReadSummaries(Statement& st) {
  std::vector<NoticeSummary> out;
  while (st.Step() == SQLITE_ROW) out.push_back(ReadSummary(st));
  return out;
}

// An FTS5 query that matches `text` as one literal phrase (no operators, no column filters).
std::string FtsPhrase(const std::string& text) {
  std::string q = "\"";
  for (char c : text) {
    if (c == '"') q += '"';
    q += c;
  }
  q += '"';
  return q;
}

std::string Trim(const std::string& s) {
  auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

}  // namespace

NoticeRepository::NoticeRepository(KioskDatabase& db) : db_(db) {}

Status NoticeRepository::Upsert(const Notice& n) {
  // An equal or lower revision is a replay or a reordering: the stored notice is at least as new, so the
  // WHERE leaves it untouched (which also keeps re-applied feed pages from churning the FTS index).
  Statement st = db_.Cached(
      "INSERT INTO notices(id, publisher, category, priority, pinned, title, body, published_at, expires_at,"
      " audience, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
      " ON CONFLICT(id) DO UPDATE SET publisher = excluded.publisher, category = excluded.category,"
      " priority = excluded.priority, pinned = excluded.pinned, title = excluded.title, body = excluded.body,"
      " published_at = excluded.published_at, expires_at = excluded.expires_at, audience = excluded.audience,"
      " revision = excluded.revision WHERE excluded.revision > notices.revision");
  st.Bind(1, n.id)
      .Bind(2, protocol::PublisherCode(n.publisher))
      .Bind(3, n.category)
      .Bind(4, PriorityRank(n.priority))
      .Bind(5, std::int64_t{n.pinned ? 1 : 0})
      .Bind(6, n.title)
      .Bind(7, n.body)
      .Bind(8, n.published_at)
      .Bind(9, n.expires_at)
      .Bind(10, n.audience)
      .Bind(11, n.revision);
  if (!st.Run()) return Status::Fail("store notice " + n.id + ": " + db_.LastError());
  return OkStatus();
}

Status NoticeRepository::Remove(const std::string& id) {
  Statement st = db_.Cached("DELETE FROM notices WHERE id = ?1");
  st.Bind(1, id);
  if (!st.Run()) return Status::Fail("remove notice " + id + ": " + db_.LastError());
  return OkStatus();
}

std::optional<Notice> NoticeRepository::Get(const std::string& id) const {
  Statement st = db_.Cached(
      "SELECT id, publisher, category, priority, pinned, title, body, published_at, expires_at, audience,"
      " revision FROM notices WHERE id = ?1");
  st.Bind(1, id);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  Notice n;
  n.id = st.Text(0);
  n.publisher = PublisherFromCode(st.Text(1));
  n.category = st.Text(2);
  n.priority = PriorityFromRank(st.Int(3));
  n.pinned = st.Int(4) != 0;
  n.title = st.Text(5);
  n.body = st.Text(6);
  n.published_at = st.Int(7);
  n.expires_at = st.OptionalInt(8);
  n.audience = st.Text(9);
  n.revision = st.Int(10);
  return n;
}

std::vector<NoticeSummary> NoticeRepository::ListLive(UnixSeconds now,
                                                      const std::optional<std::string>& category) const {
  if (category) {
    Statement st = db_.Cached("SELECT " CK_SUMMARY_COLUMNS
                              " FROM notices n WHERE n.category = ?2 AND " CK_LIVE " " CK_BOARD_ORDER);
    st.Bind(1, now).Bind(2, *category);
    return ReadSummaries(st);
  }
  Statement st = db_.Cached("SELECT " CK_SUMMARY_COLUMNS " FROM notices n WHERE " CK_LIVE " " CK_BOARD_ORDER);
  st.Bind(1, now);
  return ReadSummaries(st);
}

std::vector<std::string> NoticeRepository::CategoriesInUse(UnixSeconds now) const {
  Statement st = db_.Cached("SELECT DISTINCT n.category FROM notices n WHERE " CK_LIVE);
  st.Bind(1, now);
  std::vector<std::string> out;
  while (st.Step() == SQLITE_ROW) out.push_back(st.Text(0));
  auto rank = [](const std::string& c) {
    auto it = std::find(protocol::kNoticeCategories.begin(), protocol::kNoticeCategories.end(), c);
    return static_cast<std::size_t>(it - protocol::kNoticeCategories.begin());  // unknown: size(), i.e. last
  };
  std::sort(out.begin(), out.end(), [&](const std::string& a, const std::string& b) {
    auto ra = rank(a), rb = rank(b);
    return ra != rb ? ra < rb : a < b;
  });
  return out;
}

std::vector<NoticeSummary> NoticeRepository::ListUrgent(UnixSeconds now) const {
  Statement st = db_.Cached("SELECT " CK_SUMMARY_COLUMNS " FROM notices n WHERE n.priority = 2 AND " CK_LIVE
                            " ORDER BY n.published_at DESC, n.id");
  st.Bind(1, now);
  return ReadSummaries(st);
}

std::vector<NoticeSummary> NoticeRepository::Search(const std::string& raw_query, UnixSeconds now,
                                                    int limit) const {
  std::string query = Trim(raw_query);
  if (query.empty() || limit <= 0 || !protocol::IsValidUtf8(query)) return {};
  if (protocol::CountCodepoints(query) >= 3) {
    // The trigram index needs at least three characters; it is case-insensitive for ASCII.
    Statement st = db_.Cached("SELECT " CK_SUMMARY_COLUMNS
                              " FROM notices_fts f JOIN notices n ON n.row = f.rowid"
                              " WHERE notices_fts MATCH ?2 AND " CK_LIVE " " CK_BOARD_ORDER " LIMIT ?3");
    st.Bind(1, now).Bind(2, FtsPhrase(query)).Bind(3, std::int64_t{limit});
    return ReadSummaries(st);
  }
  // One or two characters (停水, 水): no trigram exists, so scan the live set. A kiosk holds at most a few
  // thousand live notices, and short queries are typed one character at a time, so this stays fast.
  // Like the trigram index, ASCII letters match regardless of case ("wi" finds "WiFi"); lower() only
  // folds ASCII, and is skipped for queries without letters so CJK queries do not copy every body.
  bool has_letter = std::any_of(query.begin(), query.end(),
                                [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
  Statement st =
      has_letter
          ? db_.Cached("SELECT " CK_SUMMARY_COLUMNS
                       " FROM notices n WHERE (instr(lower(n.title), lower(?2)) > 0 OR"
                       " instr(lower(n.body), lower(?2)) > 0) AND " CK_LIVE " " CK_BOARD_ORDER " LIMIT ?3")
          : db_.Cached("SELECT " CK_SUMMARY_COLUMNS
                       " FROM notices n WHERE (instr(n.title, ?2) > 0 OR instr(n.body, ?2) > 0) AND " CK_LIVE
                       " " CK_BOARD_ORDER " LIMIT ?3");
  st.Bind(1, now).Bind(2, query).Bind(3, std::int64_t{limit});
  return ReadSummaries(st);
}

std::optional<UnixSeconds> NoticeRepository::NextTimeBoundary(UnixSeconds now) const {
  // Each subquery is one index seek (notices_published_at, notices_expires_at).
  Statement st = db_.Cached(
      "SELECT min(t) FROM (SELECT min(published_at) AS t FROM notices WHERE published_at > ?1"
      " UNION ALL SELECT min(expires_at) FROM notices WHERE expires_at > ?1)");
  st.Bind(1, now);
  if (st.Step() != SQLITE_ROW) return std::nullopt;
  return st.OptionalInt(0);
}

std::int64_t NoticeRepository::Count() const {
  Statement st = db_.Cached("SELECT count(*) FROM notices");
  return st.Step() == SQLITE_ROW ? st.Int(0) : 0;
}

}  // namespace ck::store
