// KeyRects: where each key was drawn last frame, by stable name, so a headless test can tap by position.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace ck::input {

struct KeyRect {
  float min_x = 0, min_y = 0, max_x = 0, max_y = 0;
  float center_x() const { return (min_x + max_x) * 0.5f; }
  float center_y() const { return (min_y + max_y) * 0.5f; }
  float width() const { return max_x - min_x; }
  float height() const { return max_y - min_y; }
};

// Filled by the widgets each frame they draw (cleared by the caller when a screen changes).
class KeyRects {
 public:
  void Record(std::string_view name, KeyRect rect) { rects_.insert_or_assign(std::string(name), rect); }
  void Erase(std::string_view name) {
    if (auto it = rects_.find(name); it != rects_.end()) rects_.erase(it);
  }
  const KeyRect* Find(std::string_view name) const {
    auto it = rects_.find(name);
    return it == rects_.end() ? nullptr : &it->second;
  }
  const std::map<std::string, KeyRect, std::less<>>& All() const { return rects_; }
  void Clear() { rects_.clear(); }

 private:
  std::map<std::string, KeyRect, std::less<>> rects_;
};

}  // namespace ck::input
