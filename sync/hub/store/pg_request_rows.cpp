// Reading and appending request rows in PostgreSQL (pg_request_rows.h).
#include "sync/hub/store/pg_request_rows.h"

#include <map>

namespace ck::hub::pg_rows {

using protocol::RequestStatus;

const char* const kRequestSelect =
    "SELECT r.id, r.ticket_code, r.service_code, COALESCE(s.name, r.service_code), r.kind, r.address, "
    "r.description, r.phone, r.device_id, r.requested_at, r.updated_at, r.status, r.agency, "
    "r.agency_responsible, r.status_notes, r.expected_at, r.rating, r.flagged, r.revision, "
    "r.channel, r.responded_at, r.resolved_at, r.supervised_at, r.supervision_note, r.satisfied, "
    "r.due_at, r.returned_at, r.extension_until, r.extension_reason, r.deadline_missed "
    "FROM requests r LEFT JOIN services s ON s.code = r.service_code ";

namespace {

std::optional<protocol::Agency> OptAgency(const std::optional<std::string>& code) {
  return code ? protocol::ParseAgency(*code) : std::nullopt;
}

}  // namespace

std::optional<std::string> AgencyText(const std::optional<protocol::Agency>& a) {
  return a ? std::optional<std::string>(std::string(protocol::AgencyCode(*a))) : std::nullopt;
}

RequestRecord ReadRequestRow(const pg::Rows& st, int i) {
  RequestRecord r;
  protocol::ServiceRequestStatus& p = r.status;
  p.service_request_id = st.Text(i, 0);
  p.ticket_code = st.Text(i, 1);
  p.service_code = st.Text(i, 2);
  p.service_name = st.Text(i, 3);
  r.kind = protocol::ParseFeedbackKind(st.Text(i, 4)).value_or(protocol::FeedbackKind::Complaint);
  p.address_string = st.Text(i, 5);
  r.description = st.Text(i, 6);
  r.phone = st.Text(i, 7);
  r.device_id = st.Text(i, 8);
  p.requested_at = st.Int(i, 9);
  p.updated_at = st.Int(i, 10);
  p.status = protocol::ParseRequestStatus(st.Text(i, 11)).value_or(RequestStatus::Submitted);
  p.agency = OptAgency(st.OptText(i, 12));
  p.agency_responsible = st.Text(i, 13);
  p.status_notes = st.Text(i, 14);
  p.expected_at = st.OptInt(i, 15);
  if (auto rating = st.OptInt(i, 16)) p.rating = static_cast<int>(*rating);
  r.flagged = st.Bool(i, 17);
  r.revision = st.Int(i, 18);
  r.work.channel = ParseChannel(st.Text(i, 19)).value_or(Channel::Kiosk);
  r.work.responded_at = st.OptInt(i, 20);
  r.work.resolved_at = st.OptInt(i, 21);
  r.work.supervised_at = st.OptInt(i, 22);
  r.work.supervision_note = st.Text(i, 23);
  r.work.satisfied = st.OptBool(i, 24);
  r.work.due_at = st.Int(i, 25);
  r.work.returned_at = st.OptInt(i, 26);
  r.work.extension_until = st.OptInt(i, 27);
  r.work.extension_reason = st.Text(i, 28);
  r.work.deadline_missed = st.Bool(i, 29);
  return r;
}

Status LoadHistories(pg::Connection& db, std::vector<RequestRecord>& records) {
  if (records.empty()) return OkStatus();
  std::vector<std::string> ids;
  std::map<std::string, RequestRecord*> by_id;
  for (auto& r : records) {
    ids.push_back(r.status.service_request_id);
    by_id[r.status.service_request_id] = &r;
  }
  pg::Rows rows = db.Exec(
      "SELECT request_id, at, status, agency, note, kind FROM request_events "
      "WHERE request_id = ANY($1::text[]) ORDER BY request_id, n",
      pg::Params().Add(TextArray(ids)));
  if (!rows.ok()) return Status::Fail(rows.error());
  for (int i = 0; i < rows.size(); ++i) {
    auto it = by_id.find(rows.Text(i, 0));
    if (it == by_id.end()) continue;
    protocol::StatusEvent e;
    e.at = rows.Int(i, 1);
    e.status = protocol::ParseRequestStatus(rows.Text(i, 2)).value_or(RequestStatus::Submitted);
    e.agency = OptAgency(rows.OptText(i, 3));
    e.note = rows.Text(i, 4);
    e.kind = protocol::ParseEventKind(rows.Text(i, 5)).value_or(protocol::EventKind::Status);
    it->second->status.history.push_back(std::move(e));
  }
  return OkStatus();
}

Result<std::optional<RequestRecord>> FindRequest(pg::Connection& db, std::string_view column,
                                                 std::string_view value) {
  using R = Result<std::optional<RequestRecord>>;
  const char* where = column == "id" ? "WHERE r.id = $1" : "WHERE r.ticket_code = $1";
  pg::Rows rows = db.Exec(std::string(kRequestSelect) + where, pg::Params().Add(value));
  if (rows.matches_nothing()) return R::Ok(std::nullopt);
  if (!rows.ok()) return R::Fail(rows.error());
  if (rows.size() == 0) return R::Ok(std::nullopt);
  std::vector<RequestRecord> one{ReadRequestRow(rows, 0)};
  if (auto s = LoadHistories(db, one); !s) return R::Fail(s.error());
  return R::Ok(std::move(one[0]));
}

Status AppendEvent(pg::Connection& db, std::string_view request_id, const protocol::StatusEvent& e) {
  pg::Rows rows = db.Exec(
      "INSERT INTO request_events (request_id, n, at, status, agency, note, kind) "
      "SELECT $1::text, COALESCE(MAX(n), 0) + 1, $2::bigint, $3::text, $4::text, $5::text, $6::text FROM "
      "request_events WHERE request_id = $1::text",
      pg::Params()
          .Add(request_id)
          .Add(e.at)
          .Add(protocol::RequestStatusCode(e.status))
          .AddOpt(AgencyText(e.agency))
          .Add(e.note)
          .Add(protocol::EventKindCode(e.kind)));
  if (!rows.ok()) return Status::Fail(rows.error());
  return OkStatus();
}

Statement RequestQueryStatement(const RequestQuery& q) {
  // Only the filters given, each a fixed clause, so the planner picks the index each one needs (ids: the
  // primary key; a code: its unique index; otherwise the requested_at index in order).
  std::string where = "WHERE true";
  pg::Params p;
  int n = 0;
  auto param = [&] { return "$" + std::to_string(++n); };
  if (!q.ids.empty()) {
    where += " AND r.id = ANY(" + param() + "::text[])";
    p.Add(TextArray(q.ids));
  }
  if (q.ticket_code) {
    where += " AND r.ticket_code = " + param();
    p.Add(*q.ticket_code);
  }
  if (q.service_code) {
    where += " AND r.service_code = " + param();
    p.Add(*q.service_code);
  }
  if (q.requested_from) {
    where += " AND r.requested_at >= " + param() + "::bigint";
    p.Add(*q.requested_from);
  }
  if (q.requested_to) {
    where += " AND r.requested_at <= " + param() + "::bigint";
    p.Add(*q.requested_to);
  }
  if (q.open311_closed)
    where += *q.open311_closed ? " AND r.status IN ('resolved', 'closed')"
                               : " AND r.status NOT IN ('resolved', 'closed')";
  if (q.status) {
    where += " AND r.status = " + param();
    p.Add(protocol::RequestStatusCode(*q.status));
  }
  if (q.flagged_only) where += " AND r.flagged";
  std::string order = q.flagged_first ? " ORDER BY r.flagged DESC, r.requested_at DESC, r.id COLLATE \"C\""
                                      : " ORDER BY r.requested_at DESC, r.id COLLATE \"C\"";
  std::string sql = std::string(kRequestSelect) + where + order + " LIMIT " + param() + "::bigint";
  p.Add(q.limit);
  return {std::move(sql), std::move(p)};
}

Statement TicketLookupStatement(std::string_view canonical_code) {
  return {std::string(kRequestSelect) + "WHERE r.ticket_code = $1", pg::Params().Add(canonical_code)};
}

std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace ck::hub::pg_rows
