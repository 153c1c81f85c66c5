// Result<T>: an expected failure (bad input, network, disk) as a value the caller must look at.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ck {

template <typename T>
class Result {
 public:
  static Result Ok(T value) { return Result(std::move(value), {}); }
  static Result Fail(std::string error) { return Result(std::nullopt, std::move(error)); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const T& operator*() const { return *value_; }
  // Empty when ok().
  const std::string& error() const { return error_; }

 private:
  Result(std::optional<T> value, std::string error) : value_(std::move(value)), error_(std::move(error)) {}
  std::optional<T> value_;
  std::string error_;
};

// For operations that return nothing but can fail.
struct Unit {};
using Status = Result<Unit>;
inline Status OkStatus() {
  return Status::Ok(Unit{});
}

}  // namespace ck
