#include "ballast/dynamics/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"
#include "ballast/storage/spec.h"

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

// [battery] has the keys, defaults and bounds of every scenario's storage table (StorageTable).
TEST(TransientScenario, BatteryStorageDefaultsAreTheSharedOnes) {
  const TransientScenario s = read_transient_scenario(write(
      "t5.toml", "[workload]\ntraining_gpus = 10\n[battery]\npower_mw = 8\nenergy_mwh = 3\n"));
  const StorageParams& st = s.params.battery->storage;
  EXPECT_NEAR(st.round_trip_efficiency(), kDefaultRoundTrip, 1e-15);
  EXPECT_EQ(st.soc_min, StorageTable{}.soc_min);
  EXPECT_EQ(st.soc_max, StorageTable{}.soc_max);
  EXPECT_EQ(st.standing_loss_per_h, 0);
  EXPECT_EQ(st.charge_power_mw, 8);
  EXPECT_EQ(st.discharge_power_mw, 8);
  EXPECT_EQ(s.params.battery->inverter_lag_ms, BatteryParams{}.inverter_lag_ms);
}

TEST(TransientScenario, BatteryPowersEachWayAndEfficiencies) {
  const TransientScenario s = read_transient_scenario(
      write("t6.toml",
            "[workload]\ntraining_gpus = 10\n[battery]\ncharge_power_mw = 5\n"
            "discharge_power_mw = 8\nenergy_mwh = 3\nround_trip_efficiency = 0.81\n"
            "discharge_efficiency = 0.95\ninverter_lag_ms = 50\ninitial_soc = 0.3\n"));
  const StorageParams& st = s.params.battery->storage;
  EXPECT_EQ(st.charge_power_mw, 5);
  EXPECT_EQ(st.discharge_power_mw, 8);
  EXPECT_DOUBLE_EQ(st.charge_efficiency, 0.9);  // sqrt(0.81); the other side given
  EXPECT_DOUBLE_EQ(st.discharge_efficiency, 0.95);
  EXPECT_EQ(s.params.battery->inverter_lag_ms, 50);
  EXPECT_EQ(s.params.battery->initial_soc, 0.3);
}

TEST(TransientScenario, BatteryWithoutEnergyIsAnErrorAtTheTable) {
  try {
    read_transient_scenario(
        write("t7.toml", "[workload]\ntraining_gpus = 10\n\n[battery]\npower_mw = 8\n"));
    FAIL() << "a battery without energy was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 4);  // the [battery] header
    EXPECT_NE(std::string(e.what()).find("energy_mwh"), std::string::npos);
  }
}

TEST(TransientScenario, BatteryValueOutOfRangeHasLineAndColumn) {
  try {
    read_transient_scenario(write(
        "t8.toml", "[workload]\ntraining_gpus = 10\n[battery]\npower_mw = 8\nsoc_min = 1.5\n"));
    FAIL() << "soc_min 1.5 was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 5);
    EXPECT_EQ(e.where().column, 11);
  }
}

TEST(TransientScenario, BatteryUnknownKeyNamesTheKnownOnes) {
  try {
    read_transient_scenario(write("t9.toml",
                                  "[workload]\ntraining_gpus = 10\n[battery]\npower_mw = 8\n"
                                  "energy_mwh = 1\ninverter_lag = 20\n"));
    FAIL() << "a misspelt key was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 6);
    EXPECT_NE(std::string(e.what()).find("inverter_lag_ms"), std::string::npos);
  }
}

TEST(TransientScenario, BatteryStartOutsideItsWindowIsAnError) {
  EXPECT_THROW(read_transient_scenario(write("t10.toml",
                                             "[workload]\ntraining_gpus = 10\n[battery]\n"
                                             "power_mw = 8\nenergy_mwh = 1\nsoc_min = 0.2\n"
                                             "initial_soc = 0.1\n")),
               InputError);
}

// plantsim reads its [battery] through the same reader, with its own extra keys and defaults
// for the inverter lag and the start.
TEST(TransientScenario, BatteryReaderLeavesExtraKeysAndUsesLagAndStartDefaults) {
  const TomlReader r(
      write("t11.toml", "[battery]\npower_mw = 60\nenergy_mwh = 5\nupdate_ms = 10\n"));
  BatteryParams defaults;
  defaults.inverter_lag_ms = 35;
  defaults.initial_soc = 0.4;
  const BatteryParams b =
      read_battery_params(r, *r.table(r.root(), "battery"), defaults, {"update_ms"});
  EXPECT_EQ(b.inverter_lag_ms, 35);
  EXPECT_EQ(b.initial_soc, 0.4);
  EXPECT_EQ(b.storage.energy_mwh, 5);
}

}  // namespace
}  // namespace ballast::dynamics
