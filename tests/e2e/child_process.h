// ChildProcess: runs a program for an end-to-end test (fork/exec), with bounded waits and a sure kill.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace ck::e2e {

// The child's stdout goes to a file, not a pipe, so a chatty server can never block on a full pipe;
// stderr is inherited (it shows in the test log). The child dies with the test process (PDEATHSIG), and
// the destructor kills and reaps it: no test, passing or failing, leaves a process behind.
class ChildProcess {
 public:
  ChildProcess(std::vector<std::string> argv, std::filesystem::path stdout_file);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  // Waits (at most `timeout`) for a stdout line starting with `prefix`; returns the whole line.
  std::optional<std::string> WaitForLine(const std::string& prefix, std::chrono::milliseconds timeout);
  // Everything the child has written to stdout so far.
  std::string Output() const;
  // Sends `signal`, then reaps; SIGKILL follows if the child is still there after `grace`.
  // Returns the exit status as from waitpid, or -1.
  int Stop(int signal, std::chrono::milliseconds grace = std::chrono::seconds(5));
  // Waits for the child to exit by itself for at most `timeout`; kills it past that.
  int Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  std::filesystem::path stdout_file_;
  int status_ = -1;
};

struct CommandResult {
  int exit_code = -1;  // -1: did not exit normally (killed, timed out)
  std::string out;
};

// Runs a command to completion (killed after `timeout`) and returns its exit code and stdout.
CommandResult RunCommand(const std::vector<std::string>& argv, const std::filesystem::path& scratch_dir,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60));

}  // namespace ck::e2e
