// Shared fixtures for the hub tests: a throwaway directory and a notice that passes validation.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <string>

#include "sync/hub/notice_editor.h"

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

}  // namespace ck::hub::testing
