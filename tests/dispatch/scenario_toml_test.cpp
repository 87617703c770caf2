#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/dispatch/scenario.h"

namespace ballast::dispatch {
namespace {

namespace fs = std::filesystem;

// Writes demand.csv and scenario.toml into a fresh folder; returns the TOML path.
std::string write_case(const std::string& toml) {
  const fs::path dir = fs::path(::testing::TempDir()) /
                       ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::create_directories(dir);
  std::ofstream(dir / "demand.csv") << "time,demand_mw,solar_mw\n"
                                       "2021-07-01T00:00+08:00,100,0\n"
                                       "2021-07-01T01:00+08:00,120,0.5\n"
                                       "2021-07-01T02:00+08:00,110,1\n";
  std::ofstream(dir / "scenario.toml") << toml;
  return (dir / "scenario.toml").string();
}

constexpr const char* kGood = R"(name = "small"
[grid]
demand = "demand.csv"

[[generator]]
name = "coal"
capacity_mw = 200
ramp_mw_per_min = 2
cost_per_mwh = 40

[[renewable]]
name = "solar"
profile = "demand.csv"
column = "solar_mw"
unit = "per_unit"
capacity_mw = 50

[[storage]]
name = "battery"
power_mw = 10
energy_mwh = 40
round_trip_efficiency = 0.81

[[storage]]
name = "pumped hydro"
kind = "pumped_hydro"
charge_mw = 20
discharge_mw = 25
energy_mwh = 100
initial_soc = 0.5

[[new_load]]
name = "campus"
mw = 30
curtailment_allowance = 0.01
)";

TEST(ScenarioToml, ReadsEveryAsset) {
  const Scenario s = load_scenario(write_case(kGood));
  EXPECT_EQ(s.periods(), 3u);
  EXPECT_EQ(s.calendar.utc_offset_min(), 480);  // from the timestamps
  ASSERT_EQ(s.generators.size(), 1u);
  EXPECT_EQ(*s.generators[0].ramp_up_mw_per_min, 2);
  EXPECT_DOUBLE_EQ(s.renewables[0].available_mw[2], 50);
  EXPECT_NEAR(s.storage[0].params.charge_efficiency, 0.9, 1e-12);
  EXPECT_FALSE(s.storage[0].initial_soc.has_value());  // cyclic
  EXPECT_EQ(s.storage[1].params.charge_power_mw, 20);
  EXPECT_EQ(s.storage[1].params.discharge_power_mw, 25);
  EXPECT_EQ(s.new_loads[0].mw.size(), 3u);
}

TEST(ScenarioToml, UnknownKeyIsAnErrorAtItsPlace) {
  std::string toml = kGood;
  toml.replace(toml.find("ramp_mw_per_min"), 15, "ramp_mw_per_mni");
  try {
    load_scenario(write_case(toml));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 8);
    EXPECT_NE(std::string(e.what()).find("unknown key 'ramp_mw_per_mni'"), std::string::npos);
  }
}

TEST(ScenarioToml, ReadsWearCosts) {
  std::string toml = kGood;
  const std::size_t at = toml.find("[[storage]]") + 11;
  toml.insert(at, "\nwear_cost_per_mwh = 7\ncycle_cost_per_mwh = [1, 2.5, 9]");
  const Scenario s = load_scenario(write_case(toml));
  EXPECT_EQ(s.storage[0].wear_cost_per_mwh, 7);
  EXPECT_EQ(s.storage[0].cycle_cost_per_mwh, (std::vector<double>{1, 2.5, 9}));
  EXPECT_TRUE(s.storage[1].cycle_cost_per_mwh.empty());
  toml.replace(toml.find("[1, 2.5, 9]"), 11, "[1, -2, 9]");
  EXPECT_THROW(load_scenario(write_case(toml)), InputError);
}

TEST(ScenarioToml, SyntaxErrorGivesLineAndColumn) {
  try {
    load_scenario(write_case("name = \"x\"\n[grid\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_GT(e.where().column, 0);
  }
}

TEST(ScenarioToml, MissingGridSaysWhatToAdd) {
  try {
    load_scenario(write_case("name = \"x\"\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("[grid]"), std::string::npos);
  }
}

TEST(ScenarioToml, WrongTypeNamesTheKey) {
  std::string toml = kGood;
  toml.replace(toml.find("capacity_mw = 200"), 17, "capacity_mw = \"big\"");
  try {
    load_scenario(write_case(toml));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'capacity_mw' must be a number"), std::string::npos);
    EXPECT_EQ(e.where().line, 7);
  }
}

TEST(ScenarioToml, StorageNeedsPower) {
  std::string toml = kGood;
  toml.replace(toml.find("power_mw = 10"), 13, "");
  EXPECT_THROW(load_scenario(write_case(toml)), InputError);
}

// [[storage]] reads the storage table every scenario shares (StorageTable): the power keys
// with their unit, units as text, and the default round trip of 85 % split sqrt() each way.
TEST(ScenarioToml, StorageUsesTheSharedStorageTable) {
  std::string toml = kGood;
  toml.replace(toml.find("charge_mw = 20"), 14, "charge_power_mw = 20");
  toml.replace(toml.find("discharge_mw = 25"), 17, "discharge_power_mw = \"25MW\"");
  toml.replace(toml.find("energy_mwh = 100"), 16, "energy_mwh = \"0.1GWh\"");
  const Scenario s = load_scenario(write_case(toml));
  const StorageParams& p = s.storage[1].params;
  EXPECT_EQ(p.charge_power_mw, 20);
  EXPECT_EQ(p.discharge_power_mw, 25);
  EXPECT_DOUBLE_EQ(p.energy_mwh, 100);
  EXPECT_NEAR(p.charge_efficiency, std::sqrt(0.85), 1e-12);
  EXPECT_NEAR(p.discharge_efficiency, std::sqrt(0.85), 1e-12);
  EXPECT_EQ(s.storage[1].initial_soc, 0.5);
}

TEST(ScenarioToml, UnknownStorageKeyNamesTheTableAndTheNearestKey) {
  std::string toml = kGood;
  toml.replace(toml.find("power_mw = 10"), 13, "power_mv = 10");
  try {
    load_scenario(write_case(toml));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 20);
    const std::string what = e.what();
    EXPECT_NE(what.find("unknown key 'power_mv' in [[storage]] #1"), std::string::npos) << what;
    EXPECT_NE(what.find("did you mean 'power_mw'"), std::string::npos) << what;
  }
}

TEST(ScenarioToml, StorageValueOutOfBoundsIsAnErrorAtItsPlace) {
  std::string toml = kGood;
  toml.replace(toml.find("round_trip_efficiency = 0.81"), 28, "round_trip_efficiency = 1.2");
  try {
    load_scenario(write_case(toml));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 22);
    EXPECT_NE(std::string(e.what()).find("round_trip_efficiency"), std::string::npos);
  }
}

// Issue 13: every number finite and in its physical range, refused at its file:line:column.
int line_of(const std::string& toml, const std::string& text) {
  const std::size_t at = toml.find(text);
  return 1 + static_cast<int>(std::count(toml.begin(), toml.begin() + static_cast<long>(at), '\n'));
}

SourceLocation refusal(const std::string& path) {
  try {
    load_scenario(path);
  } catch (const InputError& e) {
    return e.where();
  }
  return {};
}

TEST(ScenarioToml, NewLoadNanInfAndHugeAreRefusedAtTheirPlace) {
  for (const std::string bad : {"nan", "inf", "-inf", "1e308", "-1"}) {
    std::string toml = kGood;
    toml.replace(toml.find("mw = 30"), 7, "mw = " + bad);
    const SourceLocation at = refusal(write_case(toml));
    EXPECT_EQ(at.line, line_of(kGood, "mw = 30")) << bad;
    EXPECT_EQ(at.column, 6) << bad;
  }
}

TEST(ScenarioToml, YearOffsetAndCostsOutOfRangeAreRefusedAtTheirPlace) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"demand = \"demand.csv\"", "demand = \"demand.csv\"\nyear = 1e300"},
      {"demand = \"demand.csv\"", "demand = \"demand.csv\"\nutc_offset_h = 1e300"},
      {"demand = \"demand.csv\"", "demand = \"demand.csv\"\nutc_offset_h = 15"},
      {"cost_per_mwh = 40", "cost_per_mwh = -inf"},
      {"capacity_mw = 200", "capacity_mw = 1e300"},
      {"capacity_mw = 50", "capacity_mw = nan"},  // the renewable's
  };
  for (const auto& [from, to] : cases) {
    std::string toml = kGood;
    toml.replace(toml.find(from), from.size(), to);
    const std::string key = to.substr(to.rfind('\n') + 1);
    EXPECT_EQ(refusal(write_case(toml)).line, line_of(toml, key)) << to;
  }
}

TEST(ScenarioToml, AProfileBeyondThePhysicalRangeNamesItsCell) {
  std::string toml = kGood;
  toml.replace(toml.find("mw = 30"), 7, "mw = { file = \"huge.csv\" }");
  const std::string path = write_case(toml);
  std::ofstream(fs::path(path).parent_path() / "huge.csv")
      << "time,mw\n2021-07-01T00:00+08:00,1\n2021-07-01T01:00+08:00,1e300\n"
         "2021-07-01T02:00+08:00,1\n";
  const SourceLocation at = refusal(path);
  EXPECT_EQ(fs::path(at.file).filename(), "huge.csv");
  EXPECT_EQ(at.line, 3);
  EXPECT_EQ(at.column, 24);
}

TEST(ScenarioToml, GridTimezoneSetsTheCalendar) {
  std::string toml = kGood;
  toml.replace(toml.find("demand = \"demand.csv\""), 21,
               "demand = \"demand.csv\"\ntimezone = \"America/Chicago\"");
  const Scenario s = load_scenario(write_case(toml));
  EXPECT_EQ(s.calendar.utc_offset_min(), -360);  // Central Standard Time
  std::string both = toml;
  both.replace(both.find("timezone"), 0, "utc_offset_h = 8\n");
  EXPECT_EQ(refusal(write_case(both)).line, 4);
  std::string unknown = toml;
  unknown.replace(unknown.find("Chicago"), 7, "Chicag");
  EXPECT_EQ(refusal(write_case(unknown)).line, 4);
}

TEST(ScenarioToml, MissingFileIsAnInputError) {
  EXPECT_THROW(load_scenario("/nonexistent/scenario.toml"), InputError);
}

}  // namespace
}  // namespace ballast::dispatch
