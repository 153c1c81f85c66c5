// Shared by the feedback store tests: a draft, a hub answer, a status, and row counts.
#pragma once

#include <sqlite3.h>

#include <string>

#include "app/store/feedback_repository.h"
#include "tests/app/store/store_fixture.h"

namespace ck::store::testing {

inline FeedbackDraft MakeDraft(const std::string& phone = "") {
  FeedbackDraft d;
  d.kind = protocol::FeedbackKind::Complaint;
  d.service_code = "sanitation";
  d.service_name = "环境卫生";
  d.address_string = "3号楼2单元5层";
  d.description = "垃圾未及时清运；楼道有杂物堆放";
  d.phone = phone;
  return d;
}

inline protocol::ServiceRequestStatus MakeStatus(const std::string& id, const std::string& code,
                                                 protocol::RequestStatus status,
                                                 protocol::UnixSeconds updated_at) {
  protocol::ServiceRequestStatus s;
  s.service_request_id = id;
  s.ticket_code = code;
  s.service_code = "sanitation";
  s.service_name = "环境卫生";
  s.status = status;
  s.address_string = "3号楼2单元5层";
  s.requested_at = kNow;
  s.updated_at = updated_at;
  s.history.push_back({kNow, protocol::RequestStatus::Submitted, std::nullopt, "", protocol::EventKind::Filed});
  return s;
}

inline std::int64_t CountRows(KioskDatabase& db, const std::string& table) {
  Statement st = db.Cached("SELECT count(*) FROM " + table);
  return st.Step() == SQLITE_ROW ? st.Int(0) : -1;
}

}  // namespace ck::store::testing
