#pragma once
// Runs the real `ballast` binary (BALLAST_EXE) and captures its exit code, stdout and stderr.

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace ballast::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Runs a whole command line through the shell.
inline CliResult run(const std::string& command) {
  // CTest runs tests in parallel processes: one stderr file per process.
  const std::filesystem::path err = std::filesystem::temp_directory_path() /
                                    ("ballast_cli_stderr_" + std::to_string(getpid()) + ".txt");
  const std::string cmd = command + " 2>" + err.string();
  CliResult r;
  FILE* pipe = popen(cmd.c_str(), "r");
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) r.out.append(buf, n);
  const int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = slurp(err);
  std::filesystem::remove(err);
  return r;
}

#ifdef BALLAST_EXE
inline CliResult ballast(const std::string& args) {
  return run(std::string(BALLAST_EXE) + " " + args);
}
#endif

}  // namespace ballast::testing
