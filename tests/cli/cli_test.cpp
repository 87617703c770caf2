// Runs the real `ballast` binary and checks what it prints, its exit codes and its files.

#include "support/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/sizing.h"

namespace {

namespace fs = std::filesystem;

using Result = ballast::testing::CliResult;
using ballast::testing::ballast;
using ballast::testing::slurp;

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p;
}

ballast::plan::Grid ercot(ballast::plan::Threshold threshold) {
  ballast::CsvReadOptions o;
  o.label = ballast::TimeLabel::kEnd;
  auto s = ballast::read_time_series_csv(
      std::string(BALLAST_DATA_DIR) + "/eia930/ERCO_2016-2024_hourly_utc.csv", o);
  // The built-in grid's calendar: Chicago's civil time (daylight saving), whole years only.
  return ballast::plan::make_grid(s.series,
                                  ballast::Calendar(ballast::TimeZone::named("America/Chicago")),
                                  threshold, ballast::plan::RateMethod::kYearlyMean);
}

TEST(Cli, HeadroomDefaultsToErcotWithTheDukeMethod) {
  const Result r = ballast("headroom --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["command"], "headroom");
  EXPECT_EQ(j["load"]["steps"], 78912);
  // The peak of the counted years 2016-2023 (2024, 7 h short in local time, is left out).
  EXPECT_EQ(j["load"]["peak_mw"], ercot({}).peak_mw);
  ASSERT_EQ(j["results"].size(), 4u);
  EXPECT_EQ(j["results"][1]["curtailment_limit_pct"], 0.5);
}

TEST(Cli, HeadroomPrintsWhatTheLibraryComputes) {
  const auto j = nlohmann::json::parse(ballast("headroom --json --curtailment 0.5,1").out);
  const auto g = ercot({ballast::plan::ThresholdKind::kSeasonal});
  EXPECT_DOUBLE_EQ(j["results"][0]["headroom_mw"].get<double>(),
                   ballast::plan::headroom_without_storage(g, 0.005));
}

// Golden value: ERCOT's whole local years 2016-2023 at 0.5 % (cross-checked independently in
// plan_real_data_test). Was 10,646 before partial years were dropped (issue 12).
TEST(Cli, ErcotHalfPercentHeadroomGolden) {
  const auto j = nlohmann::json::parse(ballast("headroom --json --curtailment 0.5").out);
  EXPECT_NEAR(j["results"][0]["headroom_mw"].get<double>(), 11700, 1);
}

TEST(Cli, HumanTableNamesTheThreshold) {
  const Result r = ballast("headroom --grid PJM --curtailment 1");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("seasonal (summer peak"), std::string::npos);
  EXPECT_NE(r.out.find("headroom MW"), std::string::npos);
}

TEST(Cli, StorageRaisesHeadroom) {
  const auto without = nlohmann::json::parse(ballast("headroom --json --curtailment 0").out);
  const auto with =
      nlohmann::json::parse(ballast("headroom --json --curtailment 0 --storage 2GW/8GWh@85%").out);
  EXPECT_GT(with["results"][0]["headroom_mw"].get<double>(),
            without["results"][0]["headroom_mw"].get<double>() + 1000);
  EXPECT_NEAR(with["storage"]["round_trip_efficiency_frac"].get<double>(), 0.85, 1e-12);
}

TEST(Cli, VerifyAgreesWithTheLp) {
  const Result r = ballast(
      "headroom --json --year 2023 --curtailment 0.5,2 --storage-mw 800 "
      "--storage-mwh 3000 --efficiency 0.9 --verify");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["verify"].size(), 2u);
  for (const auto& v : j["verify"]) EXPECT_LT(v["relative_difference_frac"].get<double>(), 1e-6);
}

TEST(Cli, SizeForACapMatchesTheLibrary) {
  const Result r = ballast("size --cap-mw 80000 --efficiency 0.85 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto g = ercot({ballast::plan::ThresholdKind::kConstant, 80000});
  const auto expected = ballast::plan::min_storage_energy(
      g, g.threshold_mw, 0, ballast::StorageParams::with_round_trip(ballast::kUnlimited, 0, 0.85),
      ballast::SocStart::kCyclic);
  EXPECT_NEAR(j["energy_mwh"].get<double>(), expected.energy_mwh, 1e-6);
  EXPECT_EQ(j["days_with_drawdown"], expected.days_with_drawdown);
  EXPECT_NEAR(j["power_mw"].get<double>(), 85559 - 80000, 1e-9);
}

TEST(Cli, SizeSweepGivesEveryCell) {
  const Result r = ballast("size --power-mw 1000:3000:1000 --hours 1,4 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["sweep"].size(), 6u);
}

TEST(Cli, SteadyCeilingIsOneOverLoadFactorAtThePeak) {
  const Result r = ballast("steady --hours 0,4 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["ceiling"].get<double>(), 1 / j["load"]["load_factor_frac"].get<double>(), 1e-9);
  EXPECT_EQ(j["points"].size(), 2u);
  EXPECT_TRUE(j["at_target"].is_null());  // ERCOT's ceiling is below 2x
}

TEST(Cli, ReportIsOneSelfContainedHtmlFile) {
  const fs::path out = fs::temp_directory_path() / "ballast_cli_report.html";
  fs::remove(out);
  const Result r = ballast("headroom --year 2024 --storage 1GW/4GWh --report " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = slurp(out);
  EXPECT_NE(html.find("<html"), std::string::npos);
  EXPECT_EQ(html.find("<script src="), std::string::npos);
  fs::remove(out);
}

TEST(Cli, NanValueExitsTwoWithFileLineColumnAndWritesNoReport) {
  const fs::path csv =
      write_temp("ballast_nan.csv", "time,demand_mw\n2024-01-01 00:00,5\n2024-01-01 01:00,NaN\n");
  const fs::path out = fs::temp_directory_path() / "ballast_nan_report.html";
  fs::remove(out);
  const Result r =
      ballast("headroom --threshold peak --load " + csv.string() + " --report " + out.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(csv.string() + ":3:18"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Cli, GapIsReportedAndFilledOnRequest) {
  const fs::path csv =
      write_temp("ballast_gap.csv",
                 "time,demand_mw\n2024-01-01T00:00Z,5\n2024-01-01T01:00Z,6\n2024-01-01T03:00Z,8\n");
  const Result bad = ballast("headroom --threshold peak --load " + csv.string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("2024-01-01T02:00:00Z"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("--fill linear"), std::string::npos);
  const Result good = ballast("headroom --threshold peak --fill linear --load " + csv.string());
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

TEST(Cli, MissingFileExitsTwo) {
  const Result r = ballast("headroom --load /nonexistent/load.csv");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/nonexistent/load.csv"), std::string::npos);
}

TEST(Cli, BadCurtailmentListExitsTwo) {
  const Result r = ballast("headroom --curtailment 0.5,abc");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--curtailment"), std::string::npos);
}

TEST(Cli, ShorthandAndExplicitStorageConflict) {
  EXPECT_EQ(ballast("headroom --storage 1GW/4GWh --storage-mw 5 --storage-mwh 5").exit_code, 2);
}

TEST(Cli, MalformedShorthandExitsTwoWithTheExpectedForm) {
  const Result r = ballast("headroom --storage 10GW");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("10GW/40GWh@85%"), std::string::npos);
}

TEST(Cli, UnknownOptionExitsTwo) { EXPECT_EQ(ballast("headroom --frobnicate").exit_code, 2); }

TEST(Cli, HelpListsTheOptionsAndExitsZero) {
  const Result r = ballast("headroom --help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--curtailment"), std::string::npos);
  EXPECT_NE(r.out.find("--soc-start"), std::string::npos);
}

TEST(Cli, SizeWithoutATaskExplainsWhatToGive) {
  const Result r = ballast("size");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--cap-mw"), std::string::npos);
}

TEST(Cli, TooLittlePowerIsExplained) {
  const Result r = ballast("size --cap-mw 80000 --power-mw 1000");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("raise the storage power"), std::string::npos) << r.err;
}

}  // namespace

namespace {

const std::string kArbitrage = std::string(BALLAST_TEST_DIR) + "/data/arbitrage.toml";

TEST(CliDispatch, ArbitrageCostsTwenty) {
  const Result r = ballast("dispatch " + kArbitrage + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["cost"].get<double>(), 20, 1e-6);
  EXPECT_EQ(j["storage"][0]["name"], "store");
  EXPECT_NEAR(j["storage"][0]["energy_out_mwh"].get<double>(), 20, 1e-6);
}

TEST(CliDispatch, WritesEveryVariablePerPeriod) {
  const fs::path dir = fs::temp_directory_path() / "ballast_dispatch_out";
  fs::remove_all(dir);
  const Result r = ballast("dispatch " + kArbitrage + " --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string csv = slurp(dir / "dispatch.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "time,demand_mw,thermal_mw,gen_grid_mw,charge_store_mw,discharge_store_mw,"
            "energy_store_mwh,unserved_mw,spill_mw,marginal_price_per_mwh");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  fs::remove_all(dir);
}

TEST(CliDispatch, WritesMpsThatClpSolvesToTheSameObjective) {
  const fs::path mps = fs::temp_directory_path() / "ballast_arbitrage.mps";
  ASSERT_EQ(ballast("dispatch " + kArbitrage + " --write-mps " + mps.string()).exit_code, 0);
  EXPECT_NE(slurp(mps).find("balance[2]"), std::string::npos);
  // CLP's standalone solver (Debian coinor-clp, installed by scripts/setup.sh).
  std::string log;
  FILE* pipe = popen(("clp " + mps.string() + " -dualsimplex 2>&1").c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) log.append(buf, n);
  pclose(pipe);
  EXPECT_NE(log.find("Optimal objective 20 "), std::string::npos) << log;
  fs::remove(mps);
}

TEST(CliDispatch, PeakObjectiveAndReport) {
  const fs::path html = fs::temp_directory_path() / "ballast_dispatch.html";
  const Result r =
      ballast("dispatch " + kArbitrage + " --objective peak --json --report " + html.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(nlohmann::json::parse(r.out)["objective_value"].get<double>(), 20.0 / 3, 1e-6);
  EXPECT_NE(slurp(html).find("Generation by fuel (stacked) and demand"), std::string::npos);
  fs::remove(html);
}

TEST(CliDispatch, BadScenarioExitsTwoWithLineAndColumn) {
  const fs::path toml = write_temp("ballast_bad.toml", "name = \"x\"\n[grid\n");
  const Result r = ballast("dispatch " + toml.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(toml.string() + ":2:"), std::string::npos) << r.err;
}

TEST(CliDispatch, UnknownDropIsAnError) {
  const Result r = ballast("dispatch " + kArbitrage + " --drop nothing");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no asset"), std::string::npos);
}

TEST(CliDispatch, WindowMustBeWholeSteps) {
  const Result r = ballast("dispatch " + kArbitrage + " --window 90min");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("whole number"), std::string::npos);
}

}  // namespace

namespace {

const std::string kExamples = std::string(BALLAST_TEST_DIR) + "/../../examples/";

// Published: xAI's Colossus, 100,000 H100, about 150 MW; ballast's synthetic site at PUE 1.2
// peaks at 153 MW (1.275 kW per GPU, DGX H100) and averages within 5 % of 150 MW.
TEST(CliDatacenter, HundredThousandH100AverageAboutOneHundredFiftyMw) {
  const Result r = ballast(
      "workload --training-gpus 100000 --pue 1.2 --step-ms 10 --duration-s 60 "
      "--json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto s = nlohmann::json::parse(r.out)["summary"];
  EXPECT_NEAR(s["mean_mw"].get<double>(), 150, 7.5);
  EXPECT_NEAR(s["peak_mw"].get<double>(), 100000 * 10.2 / 8 * 1.2 / 1000, 1e-6);
}

TEST(CliDatacenter, BatteryKeepsTheUpstreamRampWithinItsLimit) {
  const Result r = ballast("transient --scenario " + kExamples +
                           "datacenter-50mw-grid-battery.toml --duration-s 60 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const double limit = j["with_battery"]["ramp_limit_mw_per_s"].get<double>();
  EXPECT_NEAR(limit, 10.0 / 60, 1e-12);  // 10 MW/min
  // 50 -> 20 MW within 100 ms: at least 300 MW/s upstream without a battery.
  EXPECT_GT(j["without_battery"]["upstream_max_ramp_mw_per_s"].get<double>(), 300);
  EXPECT_LE(j["with_battery"]["upstream_max_ramp_mw_per_s"].get<double>(), limit * (1 + 1e-9));
  EXPECT_LT(std::abs(j["with_battery"]["energy_balance_residual_frac"].get<double>()), 1e-9);
}

TEST(CliDatacenter, BadScenarioExitsTwoWithLineAndColumn) {
  const fs::path toml = write_temp("ballast_bad_transient.toml", "[site]\nmw = \n");
  const Result r = ballast("transient --scenario " + toml.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(toml.string() + ":2:"), std::string::npos) << r.err;
}

}  // namespace

namespace {

// --aging puts the battery's wear (and, with costs, the economics) into every HTML report.
TEST(CliAgingReports, HeadroomAndDispatchReportsCarryTheWearSection) {
  const fs::path headroom = fs::temp_directory_path() / "ballast_aging_headroom.html";
  Result r = ballast(
      "headroom --year 2024 --curtailment 1 --storage 1GW/4GWh --aging xu2018 "
      "--aging-years 1 --capex-per-kwh 250 --report " +
      headroom.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(headroom).find("Battery wear (xu2018"), std::string::npos);
  EXPECT_NE(slurp(headroom).find("Economics (USD)"), std::string::npos);
  fs::remove(headroom);

  const fs::path dispatch = fs::temp_directory_path() / "ballast_aging_dispatch.html";
  r = ballast("dispatch " + std::string(BALLAST_TEST_DIR) +
              "/data/arbitrage.toml --aging xu2018 "
              "--report " +
              dispatch.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(slurp(dispatch).find("Battery wear (store"), std::string::npos);
  fs::remove(dispatch);
}

}  // namespace
