// ChildProcess: fork/exec with stdout to a file, PDEATHSIG, and kill-and-reap on every path.
#include "tests/e2e/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

namespace ck::e2e {

namespace {

std::string ReadAll(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::filesystem::path stdout_file)
    : stdout_file_(std::move(stdout_file)) {
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_ = ::fork();
  if (pid_ == 0) {
    // Child: only async-signal-safe calls from here to exec.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(127);  // the parent died before prctl took effect
    int fd = ::open(stdout_file_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) ::_exit(126);
    ::dup2(fd, STDOUT_FILENO);
    ::close(fd);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
}

ChildProcess::~ChildProcess() {
  Stop(SIGKILL);
}

std::optional<std::string> ChildProcess::WaitForLine(const std::string& prefix,
                                                     std::chrono::milliseconds timeout) {
  for (auto end = std::chrono::steady_clock::now() + timeout;;) {
    std::istringstream lines(ReadAll(stdout_file_));
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(prefix, 0) == 0) return line;
    }
    if (std::chrono::steady_clock::now() >= end) return std::nullopt;
    // Gave up early if the child already died.
    if (pid_ > 0 && ::waitpid(pid_, &status_, WNOHANG) == pid_) {
      pid_ = -1;
      continue;  // one more read: it may have written the line just before exiting
    }
    if (pid_ <= 0) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

std::string ChildProcess::Output() const {
  return ReadAll(stdout_file_);
}

int ChildProcess::Wait(std::chrono::milliseconds timeout) {
  for (auto end = std::chrono::steady_clock::now() + timeout; pid_ > 0;) {
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) {
      pid_ = -1;
      break;
    }
    if (std::chrono::steady_clock::now() >= end) return Stop(SIGKILL);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return status_;
}

int ChildProcess::Stop(int signal, std::chrono::milliseconds grace) {
  if (pid_ <= 0) return status_;
  ::kill(pid_, signal);
  for (auto end = std::chrono::steady_clock::now() + grace;;) {
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) break;
    if (std::chrono::steady_clock::now() >= end) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status_, 0);  // SIGKILL cannot be ignored: this returns
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  pid_ = -1;
  return status_;
}

CommandResult RunCommand(const std::vector<std::string>& argv, const std::filesystem::path& scratch_dir,
                         std::chrono::milliseconds timeout) {
  static std::atomic<int> counter{0};
  auto out_file = scratch_dir / ("command-" + std::to_string(++counter) + ".out");
  CommandResult result;
  {
    ChildProcess child(argv, out_file);
    int status = child.Wait(timeout);
    result.exit_code = status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = child.Output();
  }
  std::filesystem::remove(out_file);
  return result;
}

}  // namespace ck::e2e
