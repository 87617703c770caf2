#include "plantsim/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace ballast::plantsim {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsWhenTablesAreEmpty) {
  const Config c = read_config(write_temp("plantsim_config_empty.toml", "[server]\n"));
  EXPECT_EQ(c.port, 1502);
  EXPECT_EQ(c.power_scale_factor, 1);
  EXPECT_EQ(c.plant.battery.storage.discharge_power_mw, 60);
  EXPECT_EQ(c.plant.battery.storage.energy_mwh, 5);
  EXPECT_EQ(c.plant.comm_timeout_ms, 2000);
  EXPECT_EQ(std::get<ConstantLoad>(c.load).power_mw, 50);
}

// nan and inf are numbers in TOML; a load of NaN MW would be served as the register's saturated
// value (-21,474.8 MW), so they are refused where they are written.
TEST(Config, NonFiniteProfileEntriesAreRefused) {
  for (const char* profile : {"[[0, 50], [10, nan]]", "[[0, inf]]", "[[nan, 50]]",
                              "[[0, 50], [inf, 20]]", "[[0, -inf]]"}) {
    SCOPED_TRACE(profile);
    const std::string path =
        write_temp("plantsim_config_nan.toml", std::string("[load]\nprofile = ") + profile + "\n");
    try {
      read_config(path);
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where().line, 2) << e.what();  // at the profile, not somewhere else
    }
  }
}

TEST(Config, ReadsTheTrainingExample) {
  const Config c = read_config(BALLAST_EXAMPLES_DIR "/plantsim-50mw-training.toml");
  const auto& p = std::get<StepProfile>(c.load);
  ASSERT_EQ(p.levels.size(), 3u);
  EXPECT_EQ(p.levels[1], (std::pair<std::int64_t, double>{10000, 20}));
  EXPECT_EQ(p.transition_ms, 100);
  EXPECT_EQ(p.repeat_ms, 60000);
  EXPECT_EQ(c.plant.battery.inverter_lag_ms, 20);
}

TEST(Config, SyntheticFrequency) {
  const Config c = read_config(
      write_temp("plantsim_config_freq.toml", "[meter]\nfrequency_hz = \"synthetic\"\n"));
  EXPECT_FALSE(c.plant.meter.frequency_hz.has_value());
}

TEST(Config, UnknownKeyNamesItsPlace) {
  const std::string path =
      write_temp("plantsim_config_typo.toml", "[battery]\npower_mw = 60\nenergy_mw = 5\n");
  try {
    read_config(path);
    FAIL() << "a misspelt key was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_NE(std::string(e.what()).find("energy_mw"), std::string::npos);
  }
}

TEST(Config, BadProfileEntryNamesItsPlace) {
  const std::string path =
      write_temp("plantsim_config_profile.toml", "[load]\nprofile = [[0, 50], [10]]\n");
  try {
    read_config(path);
    FAIL() << "a malformed profile was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
  }
}

TEST(Config, OneLoadSourceOnly) {
  EXPECT_THROW(read_config(write_temp("plantsim_config_two.toml",
                                      "[load]\npower_mw = 5\ncsv = \"x.csv\"\n")),
               InputError);
}

}  // namespace
}  // namespace ballast::plantsim
