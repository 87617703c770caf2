// Tests src/aging/aging_study.cpp: the study in-process gives what the lower-level calls give
// (wear_of, project, the storage physics); traces from CSV or from memory; the core CSV reader
// refuses duplicate, unsorted, gapped and irregular traces at their line; fields from TOML and
// KEY=VALUE text; bad values.

#include "ballast/aging/aging_study.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/toml_reader.h"

namespace ballast::aging {
namespace {

namespace fs = std::filesystem;

constexpr std::int64_t k2024 = 1704067200;  // 2024-01-01T00:00:00Z

TimeSeries series(std::int64_t start_s, std::int64_t step_s, std::vector<double> values) {
  TimeSeries s;
  s.start_s = start_s;
  s.step_s = step_s;
  s.values = std::move(values);
  return s;
}

// A file in a folder of its own for this test (tests run in parallel processes).
std::string temp_file(const std::string& name, const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::temp_directory_path() / (std::string("ballast_astudy_") + info->name() +
                                                    "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p.string();
}

std::string hour(int h) { return fmt::format("2024-01-{:02d}T{:02d}:00:00", 1 + h / 24, h % 24); }

// Two weeks of hourly SOC: 0.2 -> 0.8 -> 0.2 each day, as values and as CSV.
std::vector<double> daily_soc() {
  std::vector<double> soc;
  for (int h = 0; h < 14 * 24; ++h) {
    const int x = h % 24 < 12 ? h % 24 : 24 - h % 24;
    soc.push_back(0.2 + 0.6 * x / 12.0);
  }
  return soc;
}

std::string csv_of(const std::string& column, const std::vector<double>& values) {
  std::string s = "time," + column + "\n";
  for (std::size_t i = 0; i < values.size(); ++i) {
    s += fmt::format("{},{}\n", hour(static_cast<int>(i)), values[i]);
  }
  return s;
}

AgingRequest soc_file_request(const std::string& text) {
  AgingRequest q;
  q.soc = temp_file("soc.csv", text);
  return q;
}

int error_line(const AgingRequest& q) {
  try {
    run(q);
  } catch (const InputError& e) {
    return e.where().line;
  }
  return -1;
}

// ---- what the study computes ---------------------------------------------------------------

TEST(AgingStudy, AnSocFileGivesTheLibrarysWearAndProjection) {
  const std::vector<double> soc = daily_soc();
  const AgingResult r = run(soc_file_request(csv_of("soc", soc)));
  const AgingModel m = xu2018();
  const Wear w = wear_of(m, soc, 3600, 25.0);
  const Projection p = project(m, w, 0.8, 50);
  EXPECT_EQ(r.step_s, 3600);
  EXPECT_EQ(r.soc.size(), soc.size());
  EXPECT_NEAR(r.report.wear.equivalent_full_cycles, w.equivalent_full_cycles, 1e-12);
  EXPECT_NEAR(r.report.projection.end_of_life_years, p.end_of_life_years, 1e-12);
  EXPECT_NEAR(r.report.projection.fade_year1, p.fade_year1, 1e-15);
}

// ballast's own per-step CSVs (`market run --out`) name the SOC column soc_frac beside others:
// without --column the study reads it (a power column of 30 MW read as SOC would be refused).
TEST(AgingStudy, AnSocFracColumnIsReadByDefault) {
  const std::vector<double> soc = daily_soc();
  std::string text = "time,power_mw,soc_frac\n";
  for (std::size_t i = 0; i < soc.size(); ++i) {
    text += fmt::format("{},30,{}\n", hour(static_cast<int>(i)), soc[i]);
  }
  const AgingResult r = run(soc_file_request(text));
  const Wear w = wear_of(xu2018(), soc, 3600, 25.0);
  ASSERT_EQ(r.soc.size(), soc.size());
  EXPECT_EQ(r.soc[5], soc[5]);
  EXPECT_NEAR(r.report.wear.equivalent_full_cycles, w.equivalent_full_cycles, 1e-12);
  // --column still picks any other column; here the 30 MW power is no SOC and is refused.
  AgingRequest power = soc_file_request(text);
  power.column = "power_mw";
  EXPECT_THROW(run(power), InputError);
}

TEST(AgingStudy, AnSocSeriesInMemoryIsTheSameAsItsFile) {
  const std::vector<double> soc = daily_soc();
  AgingRequest q;
  q.soc_series = series(k2024, 3600, soc);
  const AgingResult mem = run(q);
  const AgingResult file = run(soc_file_request(csv_of("soc", soc)));
  EXPECT_EQ(mem.report.wear.equivalent_full_cycles, file.report.wear.equivalent_full_cycles);
  EXPECT_EQ(mem.report.projection.end_of_life_years, file.report.projection.end_of_life_years);
  EXPECT_EQ(mem.trace, "SOC series in memory");
}

TEST(AgingStudy, SocThroughputIsTheSocTravelTimesTheEnergy) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.energy_mwh = 10;
  const AgingResult r = run(q);
  // 14 days up 0.6 and down 0.6, less the last hour's 0.05 down: 10 MWh each way per 0.1.
  EXPECT_NEAR(r.flows.charged_mwh, 14 * 6.0, 1e-9);
  EXPECT_NEAR(r.flows.discharged_mwh, 14 * 6.0 - 0.5, 1e-9);
}

// Power through the storage physics, by hand: 10 MWh, round trip 0.81 (0.9 each way), hourly.
TEST(AgingStudy, APowerTraceBecomesSocThroughTheStoragePhysics) {
  AgingRequest q;
  q.power_series = series(k2024, 3600, {-2, -2, 1.8, 0});
  q.power_mw = 5;
  q.energy_mwh = 10;
  q.efficiency = 0.81;
  q.initial_soc = 0.5;
  const AgingResult r = run(q);
  ASSERT_EQ(r.soc.size(), 5u);
  EXPECT_NEAR(r.soc[1], 0.5 + 2 * 0.9 / 10, 1e-12);  // 2 MWh drawn, 1.8 stored
  EXPECT_NEAR(r.soc[2], 0.5 + 3.6 / 10, 1e-12);
  EXPECT_NEAR(r.soc[3], 0.86 - 1.8 / 0.9 / 10, 1e-12);  // 1.8 MWh out takes 2 from the store
  EXPECT_NEAR(r.soc[4], r.soc[3], 1e-15);
  EXPECT_NEAR(r.flows.charged_mwh, 4, 1e-12);
  EXPECT_NEAR(r.flows.discharged_mwh, 1.8, 1e-12);
}

TEST(AgingStudy, APowerFileWithChargingBelowZeroIsRead) {
  AgingRequest q;
  q.power = temp_file("p.csv", csv_of("power_mw", {-2, -2, 1.8, 0}));
  q.power_mw = 5;
  q.energy_mwh = 10;
  q.efficiency = 0.81;
  const AgingResult r = run(q);
  EXPECT_NEAR(r.soc[2], 0.86, 1e-12);
  EXPECT_EQ(r.trace, q.power);
}

TEST(AgingStudy, ATemperatureTraceIsUsedSampleBySample) {
  const std::vector<double> soc = daily_soc();
  std::vector<double> temp;
  for (std::size_t i = 0; i < soc.size(); ++i) temp.push_back(i % 24 < 12 ? -5.0 : 35.0);
  AgingRequest q = soc_file_request(csv_of("soc", soc));
  q.temperature = temp_file("t.csv", csv_of("temperature_c", temp));
  const AgingResult r = run(q);
  const AgingModel m = xu2018();
  EXPECT_NEAR(r.report.wear.cycle_damage, wear_of(m, soc, 3600, temp).cycle_damage, 1e-15);
  EXPECT_NEAR(r.report.wear.mean_temp_c, 15, 1e-9);
}

TEST(AgingStudy, ATemperatureAtAnotherStepIsRefused) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.temperature_series = series(k2024, 900, {20, 21, 22});
  EXPECT_THROW(run(q), InputError);
}

TEST(AgingStudy, ATemperatureOfAnotherLengthIsRefused) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.temperature_series = series(k2024, 3600, {20, 21, 22});
  EXPECT_THROW(run(q), InputError);
}

TEST(AgingStudy, TheOutputsNameTheTrace) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  const AgingResult r = run(q);
  const auto j = to_json(r);
  EXPECT_EQ(j["command"], "aging");
  EXPECT_EQ(j["trace"], q.soc);
  EXPECT_EQ(j["samples"], 14 * 24);
  EXPECT_EQ(j["step_s"], 3600);
  EXPECT_EQ(to_text(r).rfind("trace: " + q.soc + ", 336 samples of 3600 s", 0), 0u) << to_text(r);
}

// ---- the stricter reader: refused at the right line ----------------------------------------

TEST(AgingReader, ADuplicateTimeIsRefusedAtItsLine) {
  const std::string text = "time,soc\n" + hour(0) + ",0.5\n" + hour(1) + ",0.6\n" + hour(1) +
                           ",0.7\n" + hour(2) + ",0.5\n";
  EXPECT_EQ(error_line(soc_file_request(text)), 4);
}

TEST(AgingReader, AnUnsortedTimeIsRefusedAtItsLine) {
  const std::string text = "time,soc\n" + hour(0) + ",0.5\n" + hour(2) + ",0.6\n" + hour(1) +
                           ",0.7\n" + hour(3) + ",0.5\n";
  EXPECT_EQ(error_line(soc_file_request(text)), 4);
}

TEST(AgingReader, AGapIsRefusedAtTheRowAfterIt) {
  const std::string text = "time,soc\n" + hour(0) + ",0.5\n" + hour(1) + ",0.6\n" + hour(2) +
                           ",0.7\n" + hour(5) + ",0.5\n" + hour(6) + ",0.5\n";
  EXPECT_EQ(error_line(soc_file_request(text)), 5);
}

// The old reader took the step from the first two rows and never looked again.
TEST(AgingReader, AnIrregularStepIsRefusedAtItsLine) {
  const std::string text = "time,soc\n" + hour(0) + ",0.5\n" + hour(1) + ",0.6\n" + hour(2) +
                           ",0.7\n2024-01-01T03:30:00,0.5\n" + hour(4) + ",0.5\n";
  EXPECT_EQ(error_line(soc_file_request(text)), 5);
}

// Issue 13: each trace held to its quantity's physical range at its cell.
TEST(AgingReader, ValuesBeyondTheirPhysicalRangeAreRefusedAtTheirLine) {
  EXPECT_EQ(error_line(soc_file_request("time,soc\n" + hour(0) + ",0.5\n" + hour(1) + ",1.5\n" +
                                        hour(2) + ",0.5\n")),
            3);  // an SOC above 1
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  std::vector<double> temp(daily_soc().size(), 25.0);
  temp[6] = 1e300;
  q.temperature = temp_file("hot.csv", csv_of("temperature_c", temp));
  try {
    run(q);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, q.temperature);
    EXPECT_EQ(e.where().line, 8);  // header, then rows 0..6
  }
}

TEST(AgingReader, ABadNumberIsRefusedAtItsColumn) {
  const std::string text = "time,soc\n" + hour(0) + ",0.5\n" + hour(1) + ",half\n";
  try {
    run(soc_file_request(text));
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 21);
  }
}

TEST(AgingReader, AMissingColumnIsRefused) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.column = "power";
  EXPECT_THROW(run(q), InputError);
}

TEST(AgingReader, AMissingFileNamesThePath) {
  AgingRequest q;
  q.soc = "/nonexistent/soc.csv";
  try {
    run(q);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, q.soc);
    EXPECT_NE(std::string(e.what()).find("--soc"), std::string::npos) << e.what();
  }
}

TEST(AgingReader, AnSocAboveOneIsRefused) {
  EXPECT_THROW(run(soc_file_request(csv_of("soc", {0.5, 1.2}))), InputError);
}

// ---- what must be given --------------------------------------------------------------------

TEST(AgingStudy, ExactlyOneTraceIsNeeded) {
  EXPECT_THROW(run(AgingRequest{}), InputError);
  AgingRequest both = soc_file_request(csv_of("soc", daily_soc()));
  both.power_series = series(k2024, 3600, {1, 2});
  both.power_mw = 1;
  both.energy_mwh = 1;
  EXPECT_THROW(run(both), InputError);
}

TEST(AgingStudy, APowerTraceNeedsTheBattery) {
  AgingRequest q;
  q.power_series = series(k2024, 3600, {1, 2});
  q.power_mw = 1;
  EXPECT_THROW(run(q), InputError);
}

TEST(AgingStudy, EconomicsNeedTheEnergy) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.aging.economics.capex_per_kwh = 250;
  EXPECT_THROW(run(q), InputError);
  q.energy_mwh = 25;
  EXPECT_NEAR(run(q).report.economics->capex, 25000 * 250.0, 1e-6);
}

TEST(AgingStudy, AnUnknownModelIsRefused) {
  AgingRequest q = soc_file_request(csv_of("soc", daily_soc()));
  q.aging.aging = "nrel";
  EXPECT_THROW(run(q), InputError);
}

// ---- fields --------------------------------------------------------------------------------

TEST(AgingFields, DefaultsAndText) {
  AgingRequest q;
  EXPECT_EQ(q.aging.aging, "xu2018");
  EXPECT_EQ(q.efficiency, 0.85);  // the one round-trip default of every command (issue 14)
  const auto& f = AgingRequest::fields();
  f.set_text(q, "round_trip_efficiency=80%");
  EXPECT_DOUBLE_EQ(q.efficiency, 0.8);
  f.set_text(q, "efficiency=85%");  // the old name, kept one release
  f.set_text(q, "energy_mwh=25MWh");
  f.set_text(q, "power_mw=10MW");
  f.set_text(q, "temperature_c=30");
  EXPECT_DOUBLE_EQ(q.efficiency, 0.85);
  EXPECT_EQ(q.energy_mwh, 25);
  EXPECT_EQ(q.power_mw, 10);
  EXPECT_EQ(q.aging.temperature_c, 30);
}

TEST(AgingFields, BadValuesAreRefused) {
  AgingRequest q;
  const auto& f = AgingRequest::fields();
  EXPECT_THROW(f.set_text(q, "efficiency=0"), InputError);
  EXPECT_THROW(f.set_text(q, "initial_soc=1.5"), InputError);
  EXPECT_THROW(f.set_text(q, "energy_mwh=-1"), InputError);
  EXPECT_THROW(f.set_text(q, "eol_pct=100"), InputError);
  EXPECT_THROW(f.set_text(q, "sco=a.csv"), InputError);
}

TEST(AgingFields, FromTomlWithPathsBesideTheFile) {
  const std::string p = temp_file("aging.toml",
                                  "[aging]\nsoc = \"soc.csv\"\nenergy_mwh = 25\n"
                                  "aging = \"xu2018\"\ncapex_per_kwh = 250\n");
  const TomlReader rd(p);
  AgingRequest q;
  apply_toml(AgingRequest::fields(), q, *rd.table(rd.root(), "aging"), rd);
  EXPECT_EQ(fs::path(q.soc), fs::path(p).parent_path() / "soc.csv");
  EXPECT_EQ(q.energy_mwh, 25);
  EXPECT_EQ(q.aging.economics.capex_per_kwh, 250);
}

TEST(AgingFields, ABadTomlValueIsAtItsLine) {
  const std::string p = temp_file("aging.toml", "[aging]\nenergy_mwh = 25\nefficiency = 2\n");
  const TomlReader rd(p);
  AgingRequest q;
  try {
    apply_toml(AgingRequest::fields(), q, *rd.table(rd.root(), "aging"), rd);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
}

}  // namespace
}  // namespace ballast::aging
