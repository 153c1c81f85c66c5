// Every read a kiosk, a resident or a clerk makes through QueryRequests is answered from an index: the
// query plan of each statement BuildRequestList makes (status poll by ids, lookup by code, the operator's
// list with each filter, Open311 lists) searches requests by an index, or walks one in the list's own
// order so the LIMIT ends it; never a scan of every request nor a sort of every match. Checked as served
// (no statistics) and after ANALYZE. And the new statements answer exactly what the old one did.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sync/hub/api/request_query.h"
#include "sync/hub/store/sqlite_hub_repository.h"
#include "sync/hub/store/sqlite_request_list.h"
#include "sync/hub/store/sqlite_request_rows.h"
#include "tests/sync/hub/hub_test_support.h"

namespace ck::hub {
namespace {

using sqlite_rows::BuildRequestList;
using sqlite_rows::SqlValue;
using testing::TempDir;

constexpr protocol::UnixSeconds kNow = 1'795'651'200;
constexpr int kTickets = 3000;

// The statement QueryRequests ran before migration 12: one for every filter combination. Kept here to
// show that the plan check can fail, and to compare answers.
const std::string kOldWhere =
    "WHERE (?1 IS NULL OR r.id IN (SELECT value FROM json_each(?1))) "
    "AND (?2 IS NULL OR r.ticket_code = ?2) AND (?3 IS NULL OR r.service_code = ?3) "
    "AND (?4 IS NULL OR r.requested_at >= ?4) AND (?5 IS NULL OR r.requested_at <= ?5) "
    "AND (?6 IS NULL OR (r.status IN ('resolved', 'closed')) = ?6) AND (?7 IS NULL OR r.status = ?7) "
    "AND (?8 = 0 OR r.flagged = 1) "
    "ORDER BY CASE WHEN ?9 THEN r.flagged ELSE 0 END DESC, r.requested_at DESC, r.id LIMIT ?10";

// A statement and its values; nullopt binds NULL (which only the old statement needs).
struct Bound {
  std::string sql;
  std::vector<std::optional<SqlValue>> values;
};

Bound New(const RequestQuery& q) {
  sqlite_rows::RequestListStatement s = BuildRequestList(q);
  return {s.sql, std::vector<std::optional<SqlValue>>(s.values.begin(), s.values.end())};
}

Bound Old(const RequestQuery& q) {
  auto opt = [](const auto& v) { return v ? std::optional<SqlValue>(*v) : std::nullopt; };
  Bound b{std::string(sqlite_rows::kRequestSelect) + kOldWhere, {}};
  b.values = {
      q.ids.empty() ? std::nullopt : std::optional<SqlValue>(nlohmann::json(q.ids).dump()),
      opt(q.ticket_code),
      opt(q.service_code),
      opt(q.requested_from),
      opt(q.requested_to),
      q.open311_closed ? std::optional<SqlValue>(std::int64_t{*q.open311_closed}) : std::nullopt,
      q.status ? std::optional<SqlValue>(std::string(protocol::RequestStatusCode(*q.status))) : std::nullopt,
      SqlValue(std::int64_t{q.flagged_only}),
      SqlValue(std::int64_t{q.flagged_first}),
      SqlValue(std::int64_t{q.limit})};
  return b;
}

class RequestPlansTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("hub.db");
    auto r = SqliteHubRepository::Open(path_);
    ASSERT_TRUE(r.ok()) << r.error();
    repo_ = std::move(r).value();
    Fill();
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db_), SQLITE_OK);
  }
  void TearDown() override { sqlite3_close(db_); }

  // Tickets over a year, some filed in the same second (the id breaks ties), then spread over the
  // statuses the way a busy hub has them: most resolved or closed, some re-opened (flagged).
  void Fill() {
    const char* services[] = {"sanitation", "safety",   "parking",  "repairs",
                              "noise",      "greenery", "property", "other"};
    std::vector<RequestRecord> batch;
    for (int i = 0; i < kTickets; ++i) {
      RequestRecord r;
      r.status.service_request_id = protocol::NewUuid();
      r.status.service_code = services[i % 8];
      r.status.requested_at = kNow - (i / 2) * 9000;  // pairs share a second
      r.status.updated_at = r.status.requested_at;
      r.status.history.push_back({r.status.requested_at, protocol::RequestStatus::Submitted, std::nullopt, "",
                                  protocol::EventKind::Filed});
      r.status.history.push_back({r.status.requested_at + 60, protocol::RequestStatus::Accepted, std::nullopt,
                                  "收到", protocol::EventKind::Status});
      r.description = "楼道堆放杂物";
      batch.push_back(std::move(r));
    }
    auto stored =
        repo_->InsertRequests(batch, [](const RequestRecord& rec) { return rec.status.ticket_code; });
    ASSERT_TRUE(stored.ok()) << stored.error();
    for (const auto& s : *stored) {
      ids_.push_back(s.value->record->status.service_request_id);
      codes_.push_back(s.value->record->status.ticket_code);
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const char* spread =
        "UPDATE requests SET status = CASE rowid % 10 WHEN 0 THEN 'submitted' WHEN 1 THEN 'assigned' "
        "WHEN 2 THEN 'in_progress' WHEN 3 THEN 'reopened' WHEN 4 THEN 'closed' ELSE 'resolved' END;"
        "UPDATE requests SET flagged = 1 WHERE status = 'reopened';";
    ASSERT_EQ(sqlite3_exec(db, spread, nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  sqlite3_stmt* Prepare(const Bound& s) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, s.sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << s.sql;
      return nullptr;
    }
    for (std::size_t i = 0; i < s.values.size(); ++i) {
      const int n = static_cast<int>(i + 1);
      if (!s.values[i]) continue;  // NULL
      if (const auto* v = std::get_if<std::int64_t>(&*s.values[i]))
        sqlite3_bind_int64(st, n, *v);
      else
        sqlite3_bind_text(st, n, std::get<std::string>(*s.values[i]).c_str(), -1, SQLITE_TRANSIENT);
    }
    return st;
  }

  // The plan's lines ("SEARCH r USING INDEX …"), as EXPLAIN QUERY PLAN prints them.
  std::vector<std::string> Plan(const Bound& s) {
    Bound explain = s;
    explain.sql = "EXPLAIN QUERY PLAN " + s.sql;
    std::vector<std::string> lines;
    sqlite3_stmt* st = Prepare(explain);
    if (!st) return lines;
    while (sqlite3_step(st) == SQLITE_ROW)
      lines.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 3)));
    sqlite3_finalize(st);
    return lines;
  }

  // Empty when the plan answers from an index; else why not. A SEARCH through an index is always fine; a
  // SCAN only through an index that yields the list's order (no sort follows, so the LIMIT ends the walk).
  // A read by ids or ticket code (a few rows) may sort what it found.
  std::string WhyNotIndexed(const Bound& s, bool keyed) {
    std::vector<std::string> plan = Plan(s);
    std::string all;
    for (const auto& l : plan) all += l + "\n";
    bool requests_found = false, walked = false;
    for (const auto& l : plan) {
      if (l.rfind("SEARCH r ", 0) == 0) {
        requests_found = true;
        if (l.find(" USING ") == std::string::npos) return "requests searched without an index:\n" + all;
      } else if (l.rfind("SCAN r", 0) == 0) {
        if (l.find(" USING ") == std::string::npos) return "a full scan of requests:\n" + all;
        requests_found = walked = true;
      } else if (l.find("TEMP B-TREE") != std::string::npos && !keyed) {
        return "every match sorted:\n" + all;
      }
    }
    if (!requests_found) return "requests not in the plan:\n" + all;
    if (walked && keyed) return "a keyed read walks an index:\n" + all;
    return "";
  }

  // Open311's GET /requests.json as the API parses it.
  static RequestQuery Open311(std::multimap<std::string, std::string> params) {
    auto q = ParseRequestQuery(params, kNow);
    EXPECT_TRUE(q.ok()) << q.error();
    return q.ok() ? *q : RequestQuery{};
  }

  // Every read a kiosk, a resident or a clerk makes through QueryRequests, by name.
  std::vector<std::pair<std::string, RequestQuery>> Reads() {
    std::vector<std::pair<std::string, RequestQuery>> reads;
    std::string fifty;
    for (int i = 0; i < 50; ++i) fifty += (i ? "," : "") + ids_[static_cast<std::size_t>(i * 37)];
    reads.emplace_back("kiosk status poll of 50 ids", Open311({{"service_request_id", fifty}}));
    reads.emplace_back("kiosk status poll, open only",
                       Open311({{"service_request_id", fifty}, {"status", "open"}}));
    reads.emplace_back("lookup by ticket code", Open311({{"ticket_code", codes_[1234]}}));
    reads.emplace_back(
        "lookup by code, open only",
        Open311({{"ticket_code", codes_[1234]}, {"status", "open"}, {"service_code", "noise"}}));
    reads.emplace_back("Open311 list, last 90 days", Open311({}));
    reads.emplace_back("Open311 open list", Open311({{"status", "open"}}));
    reads.emplace_back("Open311 closed list", Open311({{"status", "closed"}}));
    reads.emplace_back("Open311 list of one service", Open311({{"service_code", "noise"}}));
    reads.emplace_back("Open311 open list of one service",
                       Open311({{"service_code", "noise"}, {"status", "open"}}));
    reads.emplace_back("Open311 list between dates", Open311({{"start_date", "2026-01-01T00:00:00Z"},
                                                              {"end_date", "2026-03-01T00:00:00Z"}}));
    reads.emplace_back("Open311 open list between dates", Open311({{"start_date", "2026-01-01T00:00:00Z"},
                                                                   {"end_date", "2026-03-01T00:00:00Z"},
                                                                   {"status", "open"}}));
    // The operator API and `community-hub request list`: re-opened first, by status and/or flagged.
    RequestQuery op;
    op.flagged_first = true;
    reads.emplace_back("operator list", op);
    RequestQuery flagged = op;
    flagged.flagged_only = true;
    reads.emplace_back("operator list, flagged", flagged);
    for (int s = 0; s <= static_cast<int>(protocol::RequestStatus::Reopened); ++s) {
      RequestQuery by_status = op;
      by_status.status = static_cast<protocol::RequestStatus>(s);
      reads.emplace_back(
          "operator list, status " + std::string(protocol::RequestStatusCode(*by_status.status)), by_status);
      by_status.flagged_only = true;
      reads.emplace_back(
          "operator list, flagged, status " + std::string(protocol::RequestStatusCode(*by_status.status)),
          by_status);
    }
    return reads;
  }

  void ExpectEveryReadIndexed() {
    for (const auto& [name, q] : Reads()) {
      const bool keyed = !q.ids.empty() || q.ticket_code;
      EXPECT_EQ(WhyNotIndexed(New(q), keyed), "") << name;
    }
    // The histories of a page of requests, in one statement, by request_events' key.
    Bound histories{sqlite_rows::kHistoriesSelect, {SqlValue(nlohmann::json(ids_).dump())}};
    std::string plan;
    for (const auto& l : Plan(histories)) plan += l + "\n";
    EXPECT_NE(plan.find("SEARCH request_events USING"), std::string::npos) << plan;
    EXPECT_NE(plan.find("(request_id=?)"), std::string::npos) << plan;
  }

  std::vector<std::string> Answer(const Bound& s) {
    std::vector<std::string> out;
    sqlite3_stmt* st = Prepare(s);
    if (!st) return out;
    while (sqlite3_step(st) == SQLITE_ROW)
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    return out;
  }

  TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteHubRepository> repo_;
  sqlite3* db_ = nullptr;
  std::vector<std::string> ids_, codes_;
};

TEST_F(RequestPlansTest, EveryReadIsAnsweredFromAnIndexAsServed) {
  ExpectEveryReadIndexed();
}

TEST_F(RequestPlansTest, EveryReadIsAnsweredFromAnIndexAfterAnalyze) {
  ASSERT_EQ(sqlite3_exec(db_, "ANALYZE", nullptr, nullptr, nullptr), SQLITE_OK);
  ExpectEveryReadIndexed();
}

TEST_F(RequestPlansTest, TheCheckRefusesTheOldOneStatementForEveryFilter) {
  for (const auto& [name, q] : Reads()) {
    const bool keyed = !q.ids.empty() || q.ticket_code;
    EXPECT_NE(WhyNotIndexed(Old(q), keyed), "") << name;
  }
}

// The statements differ; the answers may not: every combination of filters, both orders, a small limit.
TEST_F(RequestPlansTest, AnswersAreTheOldStatementsAnswers) {
  int compared = 0, nonempty = 0;
  for (int mask = 0; mask < 256; ++mask) {
    RequestQuery q;
    if (mask & 1) q.ids = {ids_[10], ids_[11], ids_[500], ids_[2999], ids_[7], ids_[8]};
    if (mask & 2) q.ticket_code = codes_[(mask & 1) ? 11 : 40];
    if (mask & 4) q.service_code = "parking";
    if (mask & 8) q.requested_from = kNow - 200 * 9000;
    if (mask & 16) q.requested_to = kNow - 20 * 9000;
    if (mask & 32)
      q.open311_closed = (mask & 64) != 0;
    else if (mask & 64)
      q.status = protocol::RequestStatus::Reopened;
    q.flagged_only = (mask & 128) != 0;
    for (bool first : {false, true}) {
      q.flagged_first = first;
      for (int limit : {1000, 7}) {
        q.limit = limit;
        auto now_answer = Answer(New(q));
        EXPECT_EQ(now_answer, Answer(Old(q))) << "filters " << mask << ", flagged first " << first;
        ++compared;
        nonempty += !now_answer.empty();
      }
    }
  }
  EXPECT_GT(nonempty, compared / 4);  // the comparison is not of empty lists
}

// What the repository answers is what the statement finds, histories included (read in one batch).
TEST_F(RequestPlansTest, QueryRequestsReadsEachHistoryInOneBatch) {
  RequestQuery q;
  q.ids = {ids_[3], ids_[4], ids_[2000]};
  auto rows = repo_->QueryRequests(q);
  ASSERT_TRUE(rows.ok()) << rows.error();
  ASSERT_EQ(rows->size(), 3u);
  for (const auto& r : *rows) {
    ASSERT_EQ(r.status.history.size(), 2u) << r.status.service_request_id;
    EXPECT_EQ(r.status.history[0].kind, protocol::EventKind::Filed);
    EXPECT_EQ(r.status.history[1].note, "收到");
  }
  // Newest first.
  EXPECT_EQ((*rows)[0].status.service_request_id, ids_[3]);
  EXPECT_EQ((*rows)[1].status.service_request_id, ids_[4]);
  EXPECT_EQ((*rows)[2].status.service_request_id, ids_[2000]);
}

}  // namespace
}  // namespace ck::hub
