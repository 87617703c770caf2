// The real plantsim binary: started with free ports, driven over Modbus and HTTP, stopped with
// SIGTERM.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "live_plant.h"

namespace ballast::plantsim {
namespace {

namespace fs = std::filesystem;
using ballast::testing::eventually;
using ballast::testing::Process;
using ballast::testing::read_text;

// A scratch folder named after the test.
fs::path scratch() {
  return ballast::testing::scratch_dir(
      std::string("plantsim_binary_test_") +
      ::testing::UnitTest::GetInstance()->current_test_info()->name());
}

TEST(PlantsimBinary, ServesAndStopsCleanlyOnSigterm) {
  const fs::path dir = scratch();
  const std::string ready = (dir / "ready.json").string();
  const std::string trace = (dir / "trace.csv").string();
  Process plantsim(PLANTSIM_EXE,
                   {BALLAST_EXAMPLES_DIR "/plantsim-50mw-training.toml", "--port", "0",
                    "--control-port", "0", "--ready-file", ready, "--trace", trace},
                   dir / "stderr.txt");
  ASSERT_TRUE(eventually([&] { return fs::exists(ready); })) << read_text(dir / "stderr.txt");
  const auto info = nlohmann::json::parse(read_text(ready));
  EXPECT_EQ(info.at("pid").get<int>(), plantsim.pid());

  const modbus::RegisterMap map = modbus::RegisterMap::defaults();
  modbus::Endpoint e = map.inverter_endpoint;
  e.port = info.at("modbus_port").get<int>();
  modbus::Client inverter(e, 1000);
  ASSERT_TRUE(inverter.connect()) << inverter.last_error();
  ASSERT_TRUE(testing::write_setpoint(inverter, map, 5).ok());

  httplib::Client http("127.0.0.1", info.at("control_port").get<int>());
  EXPECT_TRUE(eventually([&] {
    const auto res = http.Get("/state");
    return res && nlohmann::json::parse(res->body).at("setpoint_mw").get<double>() == 5;
  }));
  const auto res = http.Get("/state");
  ASSERT_TRUE(res);
  EXPECT_EQ(nlohmann::json::parse(res->body).at("clients").get<int>(), 1);

  plantsim.signal(SIGTERM);
  EXPECT_EQ(plantsim.wait(), 0);
  std::istringstream rows(read_text(trace));
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
  const fs::path dir = scratch();
  const std::string config = (dir / "bad.toml").string();
  std::ofstream(config) << "[battery]\npower_mw = 60\nenergy_mw = 5\n";
  Process plantsim(PLANTSIM_EXE, {config, "--port", "0", "--control-port", "0"},
                   dir / "stderr.txt");
  EXPECT_EQ(plantsim.wait(), 2);
  EXPECT_NE(read_text(dir / "stderr.txt").find("bad.toml:3:"), std::string::npos)
      << read_text(dir / "stderr.txt");
}

TEST(PlantsimBinary, DurationEndsTheRun) {
  const fs::path dir = scratch();
  Process plantsim(PLANTSIM_EXE, {"--port", "0", "--control-port", "0", "--duration", "0.3"},
                   dir / "stderr.txt");
  EXPECT_EQ(plantsim.wait(), 0);
}

}  // namespace
}  // namespace ballast::plantsim
