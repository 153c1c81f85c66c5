// Shared fixtures for the hub tests: a throwaway directory and a notice that passes validation.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "sync/hub/rules/request_intake.h"
#include "sync/hub/rules/notice_editor.h"
#include "sync/protocol/ids.h"

namespace ck::hub::testing {

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ck-hub-test-XXXXXX").string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string File(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

inline NoticeEdit SampleEdit(std::string title) {
  NoticeEdit e;
  e.title = std::move(title);
  e.body = "周六上午九点至十二点停水，请提前储水。";
  e.publisher = protocol::Publisher::PropertyCompany;
  e.category = "water_power";
  return e;
}

// A resident's report as a kiosk sends it (ticket code and uuid left for the caller or the hub).
inline protocol::ServiceRequestSubmission SampleSubmission(std::string service_code = "sanitation") {
  protocol::ServiceRequestSubmission s;
  s.service_code = std::move(service_code);
  s.address_string = "3号楼2单元5层";
  s.description = "垃圾未及时清运";
  s.phone = "13812341234";
  return s;
}

// Stores a submission through the same intake as POST /requests.json; returns the stored record.
inline RequestRecord FileRequest(HubRepository& repo, protocol::ServiceRequestSubmission s,
                                 protocol::UnixSeconds now = 1'795'651'200) {
  auto r = IntakeSubmission(repo, s, protocol::NewUuid(), "kiosk-device", now);
  if (!r.ok() || !r.value->record) throw std::runtime_error("FileRequest: " + r.message);
  return *r.value->record;
}

}  // namespace ck::hub::testing
