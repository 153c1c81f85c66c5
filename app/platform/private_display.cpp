// Spawning and stopping a private Xvfb.
#include "app/platform/private_display.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace ck::platform {

PrivateDisplay::PrivateDisplay(int width, int height) {
  namespace fs = std::filesystem;
  int number = -1;
  for (int n = 90; n < 140; ++n) {
    if (!fs::exists("/tmp/.X11-unix/X" + std::to_string(n)) &&
        !fs::exists("/tmp/.X" + std::to_string(n) + "-lock")) {
      number = n;
      break;
    }
  }
  if (number < 0) return;
  // Built by append: GCC 12 at -O3 gives a false -Wrestrict on ":" + std::string (GCC bug 105329).
  std::string display = ":";
  display += std::to_string(number);
  const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
  const pid_t pid = fork();
  if (pid < 0) return;
  if (pid == 0) {
    const int devnull = open("/dev/null", O_RDWR);
    if (devnull >= 0) {
      dup2(devnull, STDOUT_FILENO);
      dup2(devnull, STDERR_FILENO);
    }
    execlp("Xvfb", "Xvfb", display.c_str(), "-screen", "0", screen.c_str(), "-nolisten", "tcp",
           static_cast<char*>(nullptr));
    _exit(127);  // not installed
  }
  const std::string socket = "/tmp/.X11-unix/X" + std::to_string(number);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return;  // exited: not installed or failed
    if (fs::exists(socket)) {
      pid_ = pid;
      display_ = display;
      setenv("DISPLAY", display.c_str(), 1);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

PrivateDisplay::~PrivateDisplay() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace ck::platform
