#include "plantsim/load_profile.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "ballast/core/error.h"

namespace ballast::plantsim {
namespace {

// The training site of examples/plantsim-50mw-training.toml.
StepProfile training() {
  return {.levels = {{0, 50}, {10000, 20}, {30000, 50}}, .transition_ms = 100, .repeat_ms = 60000};
}

double at_s(const StepProfile& p, double s) { return step_profile_mw(p, std::llround(s * 1e6)); }

TEST(StepProfile, HoldsEachLevel) {
  EXPECT_EQ(at_s(training(), 0), 50);
  EXPECT_EQ(at_s(training(), 9.999), 50);
  EXPECT_EQ(at_s(training(), 10.1), 20);
  EXPECT_EQ(at_s(training(), 29.999), 20);
  EXPECT_EQ(at_s(training(), 45), 50);
}

TEST(StepProfile, MovesLinearlyWithinTheTransition) {
  EXPECT_DOUBLE_EQ(at_s(training(), 10.025), 42.5);
  EXPECT_DOUBLE_EQ(at_s(training(), 10.05), 35);
  EXPECT_DOUBLE_EQ(at_s(training(), 30.05), 35);
}

TEST(StepProfile, Repeats) {
  EXPECT_EQ(at_s(training(), 65), 50);
  EXPECT_DOUBLE_EQ(at_s(training(), 70.05), 35);
  EXPECT_EQ(at_s(training(), 130.1), 20);
}

TEST(StepProfile, WithoutRepeatHoldsTheLastLevel) {
  StepProfile p = training();
  p.repeat_ms = 0;
  EXPECT_EQ(at_s(p, 1000), 50);
}

TEST(StepProfile, RepeatStartsFromTheLastLevel) {
  const StepProfile p{.levels = {{0, 10}, {1000, 30}}, .transition_ms = 100, .repeat_ms = 2000};
  EXPECT_EQ(at_s(p, 0), 10);            // the first period starts at its level
  EXPECT_DOUBLE_EQ(at_s(p, 2.05), 20);  // later ones move from the last level
}

TEST(StepProfile, RejectsUnsortedOrCrowdedLevels) {
  EXPECT_THROW((StepProfile{.levels = {{1000, 1}, {0, 2}}}.validate()), InputError);
  EXPECT_THROW((StepProfile{.levels = {{0, 1}, {50, 2}}, .transition_ms = 100}.validate()),
               InputError);
  EXPECT_THROW((StepProfile{.levels = {}}.validate()), InputError);
}

TEST(StepProfile, RejectsARepeatShorterThanTheProfile) {
  StepProfile p = training();
  p.repeat_ms = 30050;
  EXPECT_THROW(p.validate(), InputError);
}

TEST(CsvLoad, InterpolatesAndRepeats) {
  const std::string path =
      (std::filesystem::temp_directory_path() / "plantsim_csv_load_test.csv").string();
  std::ofstream(path) << "time,demand_mw\n2025-01-01T00:00:00Z,10\n2025-01-01T00:00:01Z,20\n"
                         "2025-01-01T00:00:02Z,30\n";
  auto load = make_site_load(CsvLoad{path, ""});
  EXPECT_DOUBLE_EQ(load->power_mw(0), 10);
  EXPECT_DOUBLE_EQ(load->power_mw(500000), 15);
  EXPECT_DOUBLE_EQ(load->power_mw(2500000), 20);  // from the last value back to the first
  EXPECT_DOUBLE_EQ(load->power_mw(3000000), 10);
  std::filesystem::remove(path);
}

TEST(CsvLoad, MissingFileIsAnInputError) {
  EXPECT_THROW(make_site_load(CsvLoad{"/nonexistent/plantsim.csv", ""}), InputError);
}

TEST(WorkloadLoad, PlaysTheScenariosSite) {
  auto load = make_site_load(WorkloadLoad{BALLAST_EXAMPLES_DIR "/datacenter-50mw-grid.toml"});
  double lo = 1e9;
  double hi = 0;
  for (std::int64_t t_us = 0; t_us < 4'000'000; t_us += 1000) {
    const double mw = load->power_mw(t_us);
    lo = std::min(lo, mw);
    hi = std::max(hi, mw);
  }
  // The example swings between about 20 and 50 MW every 2 s iteration.
  EXPECT_GT(hi, 45);
  EXPECT_LT(hi, 55);
  EXPECT_LT(lo, 25);
  EXPECT_GT(lo, 15);
}

TEST(StepProfile, NonFiniteLevelsAreRefused) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (const double mw : {nan, inf, -inf}) {
    const StepProfile p{.levels = {{0, 50}, {1000, mw}}};
    EXPECT_THROW(p.validate(), InputError) << mw;
  }
  EXPECT_THROW(make_site_load(ConstantLoad{nan}), InputError);
  EXPECT_THROW(make_site_load(ConstantLoad{inf}), InputError);
}

}  // namespace
}  // namespace ballast::plantsim
