// PrivateDisplay: a virtual X server (Xvfb) of our own, for screenshots on a machine without a display.
#pragma once

#include <sys/types.h>

#include <string>

namespace ck::platform {

class PrivateDisplay {
 public:
  // Starts Xvfb (if installed) on a free display number with a width×height×24 screen and waits for it.
  // On success sets DISPLAY for this process; started() tells whether it worked.
  PrivateDisplay(int width, int height);
  ~PrivateDisplay();  // stops the server it started
  PrivateDisplay(const PrivateDisplay&) = delete;
  PrivateDisplay& operator=(const PrivateDisplay&) = delete;

  bool started() const { return pid_ > 0; }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

}  // namespace ck::platform
