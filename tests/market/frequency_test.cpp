// Synthetic frequency (deterministic, seeded) and reading measured traces.

#include "ballast/market/frequency.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>

#include "ballast/core/error.h"

namespace {

using namespace ballast::market;

TEST(SyntheticFrequency, TheSameSeedGivesTheSameTrace) {
  SyntheticFrequencyParams p;
  p.seed = 42;
  EXPECT_EQ(synthetic_frequency(p, 1000), synthetic_frequency(p, 1000));
}
TEST(SyntheticFrequency, ADifferentSeedGivesADifferentTrace) {
  SyntheticFrequencyParams a, b;
  a.seed = 1;
  b.seed = 2;
  EXPECT_NE(synthetic_frequency(a, 100), synthetic_frequency(b, 100));
}
TEST(SyntheticFrequency, TheDeviationIsTheStandardDeviation) {
  SyntheticFrequencyParams p;
  p.deviation_hz = 0.03;
  p.reversion_s = 10;
  const std::vector<double> f = synthetic_frequency(p, 400000);
  const auto n = static_cast<double>(f.size());
  const double mean = std::accumulate(f.begin(), f.end(), 0.0) / n;
  double ss = 0;
  for (double x : f) ss += (x - mean) * (x - mean);
  EXPECT_NEAR(std::sqrt(ss / n), 0.03, 0.0015);
}
TEST(SyntheticFrequency, A2GwTripOn35GwDipsBelow598Hz) {
  SyntheticFrequencyParams p;
  p.deviation_hz = 0;
  p.trips = {{60, 2000}};
  const std::vector<double> f = synthetic_frequency(p, 600);
  EXPECT_LT(*std::min_element(f.begin(), f.end()), 59.8);
}
TEST(SyntheticFrequency, TheInitialRocofIsDeltaPF0Over2H) {
  // df/dt = -dP f0 / (2 H) at the instant of the trip: 2/35 x 60 / 8 = 0.4286 Hz/s.
  SyntheticFrequencyParams p;
  p.deviation_hz = 0;
  p.step_s = 0.05;
  p.trips = {{0, 2000}};
  const std::vector<double> f = synthetic_frequency(p, 2);
  EXPECT_NEAR((f[1] - f[0]) / 0.05, -2000.0 / 35000 * 60 / 8, 1e-9);
}
TEST(SyntheticFrequency, SecondaryControlRestoresFrequencyWithin30Minutes) {
  SyntheticFrequencyParams p;
  p.deviation_hz = 0;
  p.trips = {{0, 2000}};
  EXPECT_NEAR(synthetic_frequency(p, 1800).back(), 60.0, 0.005);
}

std::string write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(FrequencyCsv, TenthSecondRowsKeepTheFirstSampleOfEachSecond) {
  const std::string p = write("mkt_f01.csv",
                              "time,frequency_hz\n2025-07-01T00:00:00.0+08:00,60.01\n"
                              "2025-07-01T00:00:00.1+08:00,60.02\n"
                              "2025-07-01T00:00:00.2+08:00,60.03\n"
                              "2025-07-01T00:00:00.3+08:00,60.03\n"
                              "2025-07-01T00:00:00.4+08:00,60.03\n"
                              "2025-07-01T00:00:00.5+08:00,60.03\n"
                              "2025-07-01T00:00:00.6+08:00,60.03\n"
                              "2025-07-01T00:00:00.7+08:00,60.03\n"
                              "2025-07-01T00:00:00.8+08:00,60.03\n"
                              "2025-07-01T00:00:00.9+08:00,60.03\n"
                              "2025-07-01T00:00:01.0+08:00,59.99\n");
  const auto tr = read_frequency_csv(p);
  EXPECT_EQ(tr.hz, (std::vector<double>{60.01, 59.99}));
  EXPECT_DOUBLE_EQ(tr.source_step_s, 0.1);
}

// Issue 13: the reader held to the rules of the core reader.
int error_line(const std::string& name, const std::string& text) {
  try {
    read_frequency_csv(write(name, text));
  } catch (const ballast::InputError& e) {
    return e.where().line;
  }
  return 0;
}

TEST(FrequencyCsv, AFileWithoutAHeaderIsRefusedOnItsFirstLine) {
  EXPECT_EQ(error_line("mkt_f05.csv",
                       "2025-07-01T00:00:00Z,60\n2025-07-01T00:00:01Z,60\n"
                       "2025-07-01T00:00:02Z,60\n"),
            1);
}
TEST(FrequencyCsv, QuarterSecondRowsKeepTheWholeSeconds) {
  std::string text = "time,frequency_hz\n";
  for (int k = 0; k <= 8; ++k) {  // 0, 0.25, ... 2.0 s; the value 60 + k / 100
    text += fmt::format("2025-07-01T00:00:0{}.{:02d}Z,{}\n", k / 4, 25 * (k % 4), 60 + k / 100.0);
  }
  const auto tr = read_frequency_csv(write("mkt_f06.csv", text));
  EXPECT_EQ(tr.hz, (std::vector<double>{60.0, 60 + 4 / 100.0, 60 + 8 / 100.0}));
  EXPECT_DOUBLE_EQ(tr.source_step_s, 0.25);
}
TEST(FrequencyCsv, IrregularDuplicateAndUnsortedRowsNameTheirLine) {
  const std::string head = "time,frequency_hz\n2025-07-01T00:00:00Z,60\n2025-07-01T00:00:01Z,60\n";
  EXPECT_EQ(error_line("mkt_f07.csv", head + "2025-07-01T00:00:01.5Z,60\n"), 4);  // irregular
  EXPECT_EQ(error_line("mkt_f08.csv", head + "2025-07-01T00:00:01Z,60\n"), 4);    // duplicate
  EXPECT_EQ(error_line("mkt_f09.csv", head + "2025-07-01T00:00:00Z,60\n"), 4);    // unsorted
  EXPECT_EQ(error_line("mkt_f10.csv",
                       "time,frequency_hz\n2025-07-01T00:00:00Z,60\n"
                       "2025-07-01T00:00:00.3Z,60\n"),
            3);  // 0.3 s does not divide a second
}
TEST(FrequencyCsv, ItKeepsTheOffsetOfTheFirstTimestamp) {
  const std::string p = write("mkt_f02.csv", "time,frequency_hz\n2025-07-01T00:00:00+08:00,60\n");
  EXPECT_EQ(read_frequency_csv(p).utc_offset_min, 480);
}
TEST(FrequencyCsv, AGapIsAnErrorOnItsLine) {
  const std::string p = write("mkt_f03.csv",
                              "time,frequency_hz\n2025-07-01T00:00:00Z,60\n"
                              "2025-07-01T00:00:03Z,60\n");
  try {
    read_frequency_csv(p);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
}
TEST(FrequencyCsv, ANonNumberIsAnErrorAtItsColumn) {
  const std::string p = write("mkt_f04.csv", "time,frequency_hz\n2025-07-01T00:00:00Z,sixty\n");
  try {
    read_frequency_csv(p);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().column, 22);
  }
}

}  // namespace
