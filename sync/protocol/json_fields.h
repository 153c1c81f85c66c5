// FieldReader: reads one JSON object's fields into wire structs, naming the first wrong field in its error.
// Shared by the protocol's hand-written codecs (activity, sign-up); never throws.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "sync/protocol/utc_time.h"

namespace ck::protocol {

// Reads one field of an object into `out`; false (with `error` set) when present but of the wrong kind,
// or absent and required.
class FieldReader {
 public:
  FieldReader(const nlohmann::json& j, std::string where) : j_(j), where_(std::move(where)) {}
  const std::string& error() const { return error_; }

  bool Text(const char* key, std::string& out, bool required) {
    auto it = j_.find(key);
    if (it == j_.end()) return Missing(key, required);
    if (!it->is_string()) return Fail(key, "must be a string");
    out = it->get<std::string>();
    return true;
  }
  bool Flag(const char* key, bool& out) {
    auto it = j_.find(key);
    if (it == j_.end()) return true;
    if (!it->is_boolean()) return Fail(key, "must be true or false");
    out = it->get<bool>();
    return true;
  }
  template <typename Int>
  bool Integer(const char* key, Int& out, bool required) {
    auto it = j_.find(key);
    if (it == j_.end()) return Missing(key, required);
    if (!it->is_number_integer()) return Fail(key, "must be an integer");
    const auto v = it->get<std::int64_t>();
    if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max()) return Fail(key, "out of range");
    out = static_cast<Int>(v);
    return true;
  }
  bool Time(const char* key, UnixSeconds& out) {
    std::string text;
    if (!Text(key, text, true)) return false;
    auto t = ParseUtc(text);
    if (!t) return Fail(key, "not an RFC 3339 time");
    out = *t;
    return true;
  }

 private:
  bool Missing(const char* key, bool required) { return required ? Fail(key, "missing") : true; }
  bool Fail(const char* key, const char* why) {
    error_ = where_ + "." + key + ": " + why;
    return false;
  }
  const nlohmann::json& j_;
  std::string where_;
  std::string error_;
};


}  // namespace ck::protocol
