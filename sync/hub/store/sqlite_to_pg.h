// Moving a community's hub from its SQLite file to PostgreSQL (`community-hub migrate`): every table both
// schemas have, row for row with the same ids, seqs and times, in one PostgreSQL transaction that checks
// each table's count before it commits. A target that already holds a hub's data is refused, never merged.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sync/protocol/result.h"

namespace ck::hub {

struct CopiedTable {
  std::string table;
  std::int64_t rows = 0;  // in the file, and (checked) in PostgreSQL
};

// `from`: an existing hub file (brought to the current schema first); `to`: a PostgreSQL connection string
// whose database is empty or holds only the hub's empty schema. Nothing is written unless all of it is.
Result<std::vector<CopiedTable>> CopySqliteHubToPostgres(const std::string& from, const std::string& to);

}  // namespace ck::hub
