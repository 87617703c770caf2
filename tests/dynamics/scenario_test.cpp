#include "ballast/dynamics/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

std::string write(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p.string();
}

TEST(TransientScenario, ReadsEveryExample) {
  for (const char* name : {"datacenter-50mw-grid.toml", "datacenter-50mw-grid-battery.toml",
                           "datacenter-50mw-island.toml", "datacenter-50mw-island-battery.toml",
                           "datacenter-150mw-h100.toml"}) {
    const TransientScenario s =
        read_transient_scenario(std::string(BALLAST_EXAMPLES_DIR) + "/" + name);
    EXPECT_FALSE(s.name.empty()) << name;
  }
}

TEST(TransientScenario, ReadsTablesAndDefaults) {
  const TransientScenario s = read_transient_scenario(
      write("t1.toml",
            "name = \"t\"\nstep_ms = 5\nduration_s = 30\n[workload]\ntraining_gpus = 1000\n"
            "[battery]\npower_mw = 10\nenergy_mwh = 2\n[control]\nramp_mw_per_min = 6\n"
            "[island]\nturbines = 2\nturbine_mw = 10\n"));
  EXPECT_EQ(s.params.step_us, 5000);
  EXPECT_EQ(std::get<workload::SyntheticParams>(s.workload).step_ms, 5);
  EXPECT_DOUBLE_EQ(s.params.control.ramp_mw_per_s, 0.1);
  EXPECT_EQ(s.params.upstream, UpstreamKind::kIsland);
  EXPECT_DOUBLE_EQ(s.params.battery->initial_soc, 0.5);
  EXPECT_NEAR(s.params.battery->storage.round_trip_efficiency(), 0.85, 1e-12);
}

TEST(TransientScenario, OutOfRangeValueHasLineAndColumn) {
  try {
    read_transient_scenario(write("t2.toml",
                                  "step_ms = 10\n[workload]\ntraining_gpus = 10\n"
                                  "[grid]\ninertia_s = -1\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().column, 13);
  }
}

TEST(TransientScenario, GridAndIslandTogetherIsAnError) {
  EXPECT_THROW(read_transient_scenario(write("t3.toml",
                                             "[workload]\ntraining_gpus = 10\n"
                                             "[grid]\n[island]\n")),
               InputError);
}

TEST(TransientScenario, StepAbove100MsIsAnError) {
  EXPECT_THROW(read_transient_scenario(write("t4.toml",
                                             "step_ms = 200\n[workload]\n"
                                             "training_gpus = 10\n")),
               InputError);
}

}  // namespace
}  // namespace ballast::dynamics
