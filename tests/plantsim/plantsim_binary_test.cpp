// The real plantsim binary: started with free ports, driven over Modbus and HTTP, stopped with
// SIGTERM.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "live_plant.h"

namespace ballast::plantsim {
namespace {

namespace fs = std::filesystem;
using testing::wait_until;

// A scratch folder per test, removed at the end.
struct Scratch {
  fs::path dir =
      fs::temp_directory_path() / ("plantsim_binary_test_" + std::to_string(getpid()) + "_" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  Scratch() { fs::create_directories(dir); }
  ~Scratch() { fs::remove_all(dir); }
  std::string path(const char* name) const { return (dir / name).string(); }
};

// Starts plantsim with `args`; its stderr goes to `stderr_path`.
pid_t spawn(const std::vector<std::string>& args, const std::string& stderr_path) {
  // Everything is allocated before fork(): the child only calls async-signal-safe functions.
  std::vector<char*> argv{const_cast<char*>(PLANTSIM_EXE)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int fd = open(stderr_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fd, 2);
    execv(PLANTSIM_EXE, argv.data());
    _exit(127);
  }
  return pid;
}

// Waits for `pid` to exit (up to `deadline_ms`); its exit code, or -1 (killed if still running).
int wait_exit(pid_t pid, int deadline_ms = 10000) {
  int status = 0;
  const bool exited =
      wait_until([&] { return waitpid(pid, &status, WNOHANG) == pid; }, deadline_ms);
  if (!exited) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PlantsimBinary, ServesAndStopsCleanlyOnSigterm) {
  const Scratch scratch;
  const std::string ready = scratch.path("ready.json");
  const std::string trace = scratch.path("trace.csv");
  const pid_t pid = spawn({BALLAST_EXAMPLES_DIR "/plantsim-50mw-training.toml", "--port", "0",
                           "--control-port", "0", "--ready-file", ready, "--trace", trace},
                          scratch.path("stderr.txt"));
  ASSERT_GT(pid, 0);
  ASSERT_TRUE(wait_until([&] { return fs::exists(ready); }, 10000))
      << slurp(scratch.path("stderr.txt"));
  const auto info = nlohmann::json::parse(slurp(ready));
  EXPECT_EQ(info.at("pid").get<int>(), pid);

  const modbus::RegisterMap map = modbus::RegisterMap::defaults();
  modbus::Endpoint e = map.inverter_endpoint;
  e.port = info.at("modbus_port").get<int>();
  modbus::Client inverter(e, 1000);
  ASSERT_TRUE(inverter.connect()) << inverter.last_error();
  ASSERT_TRUE(testing::write_setpoint(inverter, map, 5).ok());

  httplib::Client http("127.0.0.1", info.at("control_port").get<int>());
  EXPECT_TRUE(wait_until([&] {
    const auto res = http.Get("/state");
    return res && nlohmann::json::parse(res->body).at("setpoint_mw").get<double>() == 5;
  }));
  const auto res = http.Get("/state");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body).at("clients").get<int>(), 1);

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  EXPECT_EQ(wait_exit(pid), 0);
  std::istringstream rows(slurp(trace));
  std::string line;
  ASSERT_TRUE(std::getline(rows, line));
  EXPECT_EQ(line, "time_s,site_mw,battery_mw,upstream_mw,soc,setpoint_mw,frequency_hz");
  int count = 0;
  std::string last;
  while (std::getline(rows, line)) {
    ++count;
    last = line;
  }
  EXPECT_GT(count, 1);
  EXPECT_EQ(std::count(last.begin(), last.end(), ','), 6) << last;  // the last row is whole
}

TEST(PlantsimBinary, BadConfigExitsWith2AndSaysWhere) {
  const Scratch scratch;
  const std::string config = scratch.path("bad.toml");
  std::ofstream(config) << "[battery]\npower_mw = 60\nenergy_mw = 5\n";
  const pid_t pid =
      spawn({config, "--port", "0", "--control-port", "0"}, scratch.path("stderr.txt"));
  EXPECT_EQ(wait_exit(pid), 2);
  EXPECT_NE(slurp(scratch.path("stderr.txt")).find("bad.toml:3:"), std::string::npos)
      << slurp(scratch.path("stderr.txt"));
}

TEST(PlantsimBinary, DurationEndsTheRun) {
  const Scratch scratch;
  const pid_t pid = spawn({"--port", "0", "--control-port", "0", "--duration", "0.3"},
                          scratch.path("stderr.txt"));
  EXPECT_EQ(wait_exit(pid), 0);
}

}  // namespace
}  // namespace ballast::plantsim
