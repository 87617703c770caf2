// Tests the market studies (src/market/*_study.cpp, market_spec.cpp): each study in-process
// gives what the lower-level library calls give; fields from TOML and from KEY=VALUE text; bad
// values; the scenario's [battery] through the shared storage table.

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ballast/aging/assess.h"
#include "ballast/control/regulation_curve.h"
#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/toml_reader.h"
#include "ballast/market/curve_study.h"
#include "ballast/market/frequency_study.h"
#include "ballast/market/run_study.h"
#include "ballast/market/size_study.h"
#include "ballast/storage/spec.h"

namespace ballast::market {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(BALLAST_TEST_DIR) + "/../../examples/taiwan-edreg.toml";

TimeSeries series(std::int64_t start_s, std::int64_t step_s, std::vector<double> values) {
  TimeSeries s;
  s.start_s = start_s;
  s.step_s = step_s;
  s.values = std::move(values);
  return s;
}

// A file in a folder of its own for this test (tests run in parallel processes).
std::string temp_file(const std::string& name, const std::string& text = "") {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const fs::path dir = fs::temp_directory_path() / (std::string("ballast_mstudy_") + info->name() +
                                                    "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path p = dir / name;
  if (!text.empty()) std::ofstream(p) << text;
  return p.string();
}

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The example's config, frequency and schedule, built with the lower-level calls.
struct Example {
  MarketScenario scenario;
  std::vector<double> f;
};

Example example(double hours) {
  Example e{read_market_scenario(kExample), {}};
  e.scenario.frequency.duration_h = hours;
  e.f = load_frequency(e.scenario);
  prepare_schedule(e.scenario, static_cast<std::int64_t>(e.f.size()));
  return e;
}

MarketRunRequest example_run(double hours) {
  MarketRunRequest q;
  q.scenario.scenario = kExample;
  q.scenario.duration_s = hours * 3600;
  return q;
}

// ---- market run ---------------------------------------------------------------------------

TEST(MarketRunStudy, TheRunIsTheSimulatorsRun) {
  const Example e = example(3);
  const MarketResult want = simulate(e.scenario.config, e.f);
  const MarketRunResult got = run(example_run(3));
  ASSERT_EQ(got.runs.size(), 1u);
  EXPECT_EQ(got.seconds, 3 * 3600);
  EXPECT_EQ(got.runs[0].net_ntd(), want.net_ntd());
  EXPECT_EQ(got.runs[0].min_execution_rate_pct, want.min_execution_rate_pct);
  EXPECT_EQ(got.runs[0].soc_end, want.soc_end);
  EXPECT_EQ(got.runs[0].violation_count, want.violation_count);
}

TEST(MarketRunStudy, BothRunsManagedThenNaive) {
  MarketRunRequest q = example_run(14);
  q.controller = "both";
  const MarketRunResult got = run(q);
  ASSERT_EQ(got.runs.size(), 2u);
  EXPECT_EQ(got.runs[0].config.controller, ControllerKind::kManaged);
  EXPECT_EQ(got.runs[1].config.controller, ControllerKind::kNaive);
  Example e = example(14);
  e.scenario.config.controller = ControllerKind::kNaive;
  EXPECT_EQ(got.runs[1].net_ntd(), simulate(e.scenario.config, e.f).net_ntd());
}

TEST(MarketRunStudy, TheTextListsBothControllers) {
  MarketRunRequest q = example_run(2);
  q.controller = "both";
  const std::string text = to_text(run(q));
  EXPECT_NE(text.find("managed controller: "), std::string::npos) << text;
  EXPECT_NE(text.find("naive controller: "), std::string::npos) << text;
  EXPECT_NE(text.find("naive exec %"), std::string::npos) << text;
}

TEST(MarketRunStudy, TheJsonHasOneRunPerController) {
  MarketRunRequest q = example_run(1);
  q.controller = "both";
  const auto j = to_json(run(q));
  EXPECT_EQ(j["command"], "market run");
  ASSERT_EQ(j["runs"].size(), 2u);
  EXPECT_EQ(j["runs"][1]["controller"], "naive");
}

TEST(MarketRunStudy, AFrequencySeriesInMemoryIsRunAsGiven) {
  SyntheticFrequencyParams p;
  p.seed = 11;
  TimeSeries s;
  s.start_s = 1751299200;  // 2025-06-30T16:00:00Z, midnight in Taipei
  s.step_s = 1;
  s.values = synthetic_frequency(p, 7200);
  MarketRunRequest q = example_run(24);  // hours apply to the synthetic trace only
  q.scenario.frequency_series = s;
  const MarketRunResult got = run(q);
  EXPECT_EQ(got.seconds, 7200);
  EXPECT_EQ(got.runs[0].hours.front().start_s, s.start_s);
  MarketScenario sc = read_market_scenario(kExample);
  sc.config.start_s = s.start_s;
  prepare_schedule(sc, 7200);
  EXPECT_EQ(got.runs[0].net_ntd(), simulate(sc.config, s.values).net_ntd());
}

TEST(MarketRunStudy, ABorrowedFrequencySeriesIsReadInPlace) {
  const std::vector<double> memory(600, 60.01);
  MarketScenarioSpec spec = example_run(1).scenario;
  spec.frequency_series = TimeSeries{1751299200, 1, {}, "f", "Hz"};
  spec.frequency_series->values = SeriesValues::borrowed(memory);
  const PreparedMarket p = prepare_market(spec);
  EXPECT_EQ(p.frequency_hz.data(), memory.data());
  EXPECT_EQ(p.frequency_hz.size(), 600u);
}

// keep_steps keeps one row a second of the first controller, from the trace's start at the
// scenario's offset: the rows of the per-second CSV.
TEST(MarketRunStudy, KeptStepsAreOneRowASecond) {
  MarketRunRequest q = example_run(0.5);
  q.keep_steps = true;
  q.controller = "both";
  const MarketRunResult r = run(q);
  ASSERT_TRUE(r.steps.has_value());
  EXPECT_EQ(r.steps->rows(), 1800u);
  EXPECT_EQ(r.steps->names().front(), "frequency_hz");
  EXPECT_EQ(r.steps->names().back(), "soc_frac");
  EXPECT_EQ(r.steps->time_us(0), r.scenario.config.start_s * 1'000'000);
  EXPECT_EQ(r.steps->step_us(), 1'000'000);
  EXPECT_EQ(r.steps->zone(), r.scenario.config.calendar.zone());
  // the first controller's run ends at the SOC it reports
  EXPECT_NEAR(r.steps->column(7).back(), r.runs[0].soc_end, 1e-12);
  const std::vector<double>& soc = r.steps->column(7);
  EXPECT_NEAR(std::min(r.runs[0].config.initial_soc, *std::min_element(soc.begin(), soc.end())),
              r.runs[0].soc_min, 1e-12);
}

TEST(MarketRunStudy, AFrequencySeriesOutside55To65HzIsRefused) {
  MarketRunRequest q = example_run(1);
  q.scenario.frequency_series = series(0, 1, {60, 600});
  EXPECT_THROW(run(q), InputError);
}

TEST(MarketRunStudy, AFrequencySeriesNotAtOneSecondIsRefused) {
  MarketRunRequest q = example_run(1);
  q.scenario.frequency_series = series(0, 2, {60, 60});
  EXPECT_THROW(run(q), InputError);
}

TEST(MarketRunStudy, ThePerSecondCsvHasAHeaderAndOneRowASecond) {
  MarketRunRequest q = example_run(0.5);
  q.out = temp_file("seconds.csv");
  const MarketRunResult r = run(q);
  const std::vector<std::string> lines = lines_of(q.out);
  ASSERT_EQ(lines.size(), 1u + 1800u);
  EXPECT_EQ(lines[0] + "\n", seconds_csv_header());
  EXPECT_EQ(lines[1].substr(0, 25), "2025-07-01T00:00:00+08:00");
  // The last column of the last row is the SOC the run ends with, to 5 decimals.
  const double soc = std::stod(lines.back().substr(lines.back().rfind(',') + 1));
  EXPECT_NEAR(soc, r.runs[0].soc_end, 5e-6);
}

// The economics file is read after the simulation, while the CSV is still being written.
TEST(MarketRunStudy, AFailedRunLeavesNoCsv) {
  MarketRunRequest q = example_run(0.5);
  q.out = temp_file("seconds.csv");
  q.aging.aging = "xu2018";
  q.aging.economics.economics = temp_file("missing.toml");
  EXPECT_THROW(run(q), InputError);
  EXPECT_TRUE(fs::is_empty(fs::path(q.out).parent_path()));
}

TEST(MarketRunStudy, TheWearIsTheWearOfTheSimulatedSoc) {
  const Example e = example(6);
  std::vector<double> soc;
  MarketSimulator sim(e.scenario.config, static_cast<std::int64_t>(e.f.size()));
  sim.on_second([&soc](const SecondRecord& s) { soc.push_back(s.soc); });
  for (double hz : e.f) sim.step(hz);
  sim.finish();
  const aging::AgingModel m = aging::xu2018();
  const aging::Wear want = aging::wear_of(m, soc, 1.0, 25.0);
  MarketRunRequest q = example_run(6);
  q.aging.aging = "xu2018";
  const MarketRunResult got = run(q);
  ASSERT_EQ(got.wear.size(), 1u);
  EXPECT_NEAR(got.wear[0].wear.equivalent_full_cycles, want.equivalent_full_cycles, 1e-12);
  EXPECT_FALSE(got.wear[0].economics.has_value());  // no costs given
}

// ---- the battery: the shared storage table ------------------------------------------------

TEST(MarketScenarioBattery, TheExampleKeepsItsStatedRoundTrip) {
  EXPECT_DOUBLE_EQ(read_market_scenario(kExample).config.storage.round_trip_efficiency(), 0.88);
}

TEST(MarketScenarioBattery, AnOmittedRoundTripIsTheSharedDefault) {
  const std::string p = temp_file("s.toml", "[battery]\nenergy_mwh = 25\n");
  EXPECT_DOUBLE_EQ(read_market_scenario(p).config.storage.round_trip_efficiency(),
                   kDefaultRoundTrip);
}

TEST(MarketScenarioBattery, PowerDefaultsToTheBid) {
  const std::string p = temp_file("s.toml", "[market]\nbid_mw = 7\n[battery]\nenergy_mwh = 25\n");
  EXPECT_EQ(read_market_scenario(p).config.storage.discharge_power_mw, 7);
}

TEST(MarketScenarioBattery, StartsHalfFullUnlessStated) {
  const std::string p = temp_file("s.toml", "[battery]\nenergy_mwh = 25\n");
  EXPECT_EQ(read_market_scenario(p).config.initial_soc, 0.5);
}

TEST(MarketScenarioBattery, SeparateChargeAndDischargePowerAreRead) {
  const std::string p =
      temp_file("s.toml", "[battery]\nenergy_mwh = 25\npower_mw = 10\ncharge_power_mw = 6\n");
  const StorageParams s = read_market_scenario(p).config.storage;
  EXPECT_EQ(s.charge_power_mw, 6);
  EXPECT_EQ(s.discharge_power_mw, 10);
}

TEST(MarketScenarioBattery, TheMarketsOwnKeysStay) {
  const std::string p = temp_file(
      "s.toml", "[battery]\nenergy_mwh = 25\ninverter_lag_ms = 50\nfull_correction_mwh = 2\n");
  const MarketScenario sc = read_market_scenario(p);
  EXPECT_DOUBLE_EQ(sc.config.inverter_lag_s, 0.05);
  EXPECT_EQ(sc.config.steering.full_correction_mwh, 2);
}

TEST(MarketScenarioBattery, AnSocOutOfRangeIsReportedAtItsValue) {
  const std::string p = temp_file("s.toml", "[battery]\nenergy_mwh = 25\nsoc_min = 1.5\n");
  try {
    read_market_scenario(p);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 11);
  }
}

TEST(MarketScenarioBattery, AMissingEnergyNamesTheTable) {
  const std::string p = temp_file("s.toml", "[battery]\npower_mw = 5\n");
  try {
    read_market_scenario(p);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 1);
    EXPECT_NE(std::string(e.what()).find("energy_mwh"), std::string::npos) << e.what();
  }
}

TEST(MarketScenarioBattery, ABatteryFromOptionsAloneUsesTheSharedDefault) {
  MarketScenarioSpec s;
  s.energy_mwh = 25;
  s.bid_mw = 5;
  const MarketScenario sc = build_scenario(s);
  EXPECT_DOUBLE_EQ(sc.config.storage.round_trip_efficiency(), kDefaultRoundTrip);
  EXPECT_EQ(sc.config.storage.discharge_power_mw, 5);  // sized to the bid
  EXPECT_EQ(sc.config.storage.energy_mwh, 25);
}

TEST(MarketScenarioBattery, OptionsOverrideTheFile) {
  MarketScenarioSpec s;
  s.scenario = kExample;
  s.efficiency = 0.81;
  s.power_mw = 12;
  s.soc_max = 0.9;
  const StorageParams p = build_scenario(s).config.storage;
  EXPECT_DOUBLE_EQ(p.charge_efficiency, 0.9);
  EXPECT_DOUBLE_EQ(p.discharge_efficiency, 0.9);
  EXPECT_EQ(p.charge_power_mw, 12);
  EXPECT_EQ(p.soc_max, 0.9);
  EXPECT_EQ(p.soc_min, 0.02);  // the file's
}

TEST(MarketScenarioBattery, NoFileAndNoEnergyIsAnError) {
  EXPECT_THROW(build_scenario(MarketScenarioSpec{}), InputError);
}

// ---- fields -------------------------------------------------------------------------------

TEST(MarketRunFields, TextWithUnits) {
  MarketRunRequest q;
  const auto& f = MarketRunRequest::fields();
  f.set_text(q, "bid_mw=5MW");
  f.set_text(q, "efficiency=88%");
  f.set_text(q, "controller=BOTH");
  f.set_text(q, "aging=xu2018");
  EXPECT_EQ(q.scenario.bid_mw, 5);
  EXPECT_DOUBLE_EQ(*q.scenario.efficiency, 0.88);
  EXPECT_EQ(q.controller, "both");
  EXPECT_EQ(q.aging.aging, "xu2018");
  EXPECT_EQ(q.aging.economics.currency, "NTD");  // the settlement's currency by default
}

TEST(MarketRunFields, BadValuesAreRefused) {
  MarketRunRequest q;
  const auto& f = MarketRunRequest::fields();
  EXPECT_THROW(f.set_text(q, "capacity_price=700"), InputError);  // the rulebook's cap is 600
  EXPECT_THROW(f.set_text(q, "line_loss=0.5"), InputError);
  EXPECT_THROW(f.set_text(q, "controller=lazy"), InputError);
  EXPECT_THROW(f.set_text(q, "bid_mw=0"), InputError);
  EXPECT_THROW(f.set_text(q, "seed=1.5"), InputError);
  EXPECT_THROW(f.set_text(q, "bid_mv=5"), InputError);
}

TEST(MarketRunFields, FromTomlWithPathsBesideTheFile) {
  const std::string p = temp_file("run.toml",
                                  "[run]\nscenario = \"edreg.toml\"\nbid_mw = 8\n"
                                  "controller = \"naive\"\nhours = 2\n");
  const TomlReader rd(p);
  MarketRunRequest q;
  apply_toml(MarketRunRequest::fields(), q, *rd.table(rd.root(), "run"), rd);
  EXPECT_EQ(fs::path(q.scenario.scenario), fs::path(p).parent_path() / "edreg.toml");
  EXPECT_EQ(q.scenario.bid_mw, 8);
  EXPECT_EQ(q.controller, "naive");
  EXPECT_EQ(q.scenario.duration_s, 7200);  // the old key "hours", read in hours
}

TEST(MarketRunFields, ABadTomlValueIsAtItsLine) {
  const std::string p = temp_file("run.toml", "[run]\nbid_mw = 8\nline_loss = 0.5\n");
  const TomlReader rd(p);
  MarketRunRequest q;
  try {
    apply_toml(MarketRunRequest::fields(), q, *rd.table(rd.root(), "run"), rd);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
}

// ---- market size --------------------------------------------------------------------------

TEST(MarketSizeStudy, TheRowsAreSizeBids) {
  MarketSizeRequest q;
  q.scenario.scenario = kExample;
  q.scenario.duration_s = 14400;
  q.step_mw = 2;
  const MarketSizeResult got = run(q);
  const Example e = example(4);
  const SizingResult want = size_bid(e.scenario.config, e.f, 2, true);
  ASSERT_EQ(got.sizing.rows.size(), want.rows.size());
  for (std::size_t i = 0; i < want.rows.size(); ++i) {
    EXPECT_EQ(got.sizing.rows[i].bid_mw, want.rows[i].bid_mw);
    EXPECT_EQ(got.sizing.rows[i].net_ntd, want.rows[i].net_ntd);
  }
  EXPECT_EQ(got.sizing.best, want.best);
  EXPECT_NO_THROW(require_best_bid(got));
}

// A 50 kWh battery cannot follow even a 1 MW dReg bid through two hours of regulation.
TEST(MarketSizeStudy, NoFeasibleBidIsNoAnswer) {
  MarketSizeRequest q;
  q.scenario.scenario = kExample;
  q.scenario.product = "dreg";
  q.scenario.duration_s = 7200;
  q.scenario.energy_mwh = 0.05;
  q.step_mw = 1;
  const MarketSizeResult r = run(q);
  ASSERT_FALSE(r.sizing.rows.empty());
  EXPECT_FALSE(r.sizing.best);
  EXPECT_THROW(require_best_bid(r), InfeasibleError);
  EXPECT_TRUE(to_json(r)["best_bid_mw"].is_null());
}

TEST(MarketSizeStudy, AnEdregBatteryBelow25MwhIsAnError) {
  MarketSizeRequest q;
  q.scenario.scenario = kExample;
  q.scenario.duration_s = 3600;
  q.scenario.energy_mwh = 2;  // E-dReg needs 2.5 MWh
  EXPECT_THROW(run(q), InputError);
}

TEST(MarketSizeFields, StepMustBePositive) {
  MarketSizeRequest q;
  EXPECT_THROW(MarketSizeRequest::fields().set_text(q, "step_mw=0"), InputError);
  EXPECT_THROW(MarketSizeRequest::fields().set_text(q, "controller=both"), InputError);
  MarketSizeRequest::fields().set_text(q, "step_mw=500kW");
  EXPECT_DOUBLE_EQ(q.step_mw, 0.5);
}

// ---- market curve and bid -----------------------------------------------------------------

TEST(MarketCurveStudy, DregAt5986IsPlus52Percent) {
  MarketCurveRequest q;
  q.frequency = 59.86;  // rulebook v5: 59.86 Hz -> +52 % (docs/market.md)
  q.bid_mw = 10;
  const MarketCurveResult r = run(q);
  EXPECT_NEAR(r.band.lo, 0.52, 1e-12);
  EXPECT_NEAR(r.band.hi, 0.52, 1e-12);
  EXPECT_NEAR(to_json(r)["low_mw"].get<double>(), 5.2, 1e-9);
  EXPECT_EQ(to_text(r),
            "dreg at 59.86 Hz (base 60 Hz): +52.0 % (+5.200 MW) of bid (+ discharge)\n");
}

TEST(MarketCurveStudy, TheBandIsTheCurves) {
  MarketCurveRequest q;
  MarketCurveRequest::fields().set_text(q, "product=edreg");
  MarketCurveRequest::fields().set_text(q, "frequency=60.01");
  MarketCurveRequest::fields().set_text(q, "base_hz=60.1");
  const control::Band want =
      control::RegulationCurve(taipower::Product::kEdreg, 60.1).band_pu(60.01);
  const control::Band got = run(q).band;
  EXPECT_EQ(got.lo, want.lo);
  EXPECT_EQ(got.hi, want.hi);
}

TEST(MarketCurveStudy, NoFrequencyIsAnError) {
  EXPECT_THROW(run(MarketCurveRequest{}), InputError);
}

TEST(MarketCurveFields, OutOfRangeIsRefused) {
  MarketCurveRequest q;
  EXPECT_THROW(MarketCurveRequest::fields().set_text(q, "frequency=50"), InputError);
  EXPECT_THROW(MarketCurveRequest::fields().set_text(q, "base_hz=62"), InputError);
  EXPECT_THROW(MarketCurveRequest::fields().set_text(q, "product=sreg"), InputError);
}

TEST(MarketBidStudy, TheVerdictIsTheBidChecks) {
  MarketBidRequest q;
  q.bid_mw = 10;
  q.energy_mwh = 25;
  q.min_soc_mwh = 2;
  q.max_soc_mwh = 22.5;
  const MarketBidResult r = run(q);
  const BidCheck want = check_edreg_bid({10, 25, 2, 22.5, 0});
  EXPECT_EQ(r.check.problems.size(), want.problems.size());
  EXPECT_EQ(r.check.largest_bid_mw, want.largest_bid_mw);
  EXPECT_THROW(require_accepted(r), InputError);
  EXPECT_EQ(to_json(r)["accepted"], false);
}

TEST(MarketBidStudy, AnAcceptedBidPasses) {
  MarketBidRequest q;
  const auto& f = MarketBidRequest::fields();
  for (const char* kv : {"bid_mw=10", "energy_mwh=25MWh", "min_soc_mwh=2.5", "max_soc_mwh=22.5"}) {
    f.set_text(q, kv);
  }
  const MarketBidResult r = run(q);
  EXPECT_TRUE(r.check.accepted());
  EXPECT_NO_THROW(require_accepted(r));
}

TEST(MarketBidStudy, AMissingValueIsAnError) {
  MarketBidRequest q;
  q.bid_mw = 10;
  q.energy_mwh = 25;
  q.min_soc_mwh = 2.5;  // no max
  EXPECT_THROW(run(q), InputError);
  EXPECT_THROW(MarketBidRequest::fields().set_text(q, "min_soc_mwh=-1"), InputError);
}

// ---- frequency ----------------------------------------------------------------------------

TEST(FrequencyStudy, TheSummaryIsOfTheGeneratorsTrace) {
  FrequencyRequest q;
  q.duration_s = 3600;
  q.seed = 3;
  const FrequencyResult r = run(q);
  SyntheticFrequencyParams p;
  p.seed = 3;
  const std::vector<double> f = synthetic_frequency(p, 3600);
  double sum = 0, lo = 1e9, hi = -1e9;
  for (double x : f) sum += x, lo = std::min(lo, x), hi = std::max(hi, x);
  EXPECT_EQ(r.samples, 3600);
  EXPECT_NEAR(r.mean_hz, sum / 3600, 1e-12);
  EXPECT_EQ(r.min_hz, lo);
  EXPECT_EQ(r.max_hz, hi);
}

TEST(FrequencyStudy, TheCsvAtTenthsOfASecond) {
  FrequencyRequest q;
  q.duration_s = 36;
  q.step_s = 0.1;
  q.out = temp_file("f.csv");
  const FrequencyResult r = run(q);
  const std::vector<std::string> lines = lines_of(q.out);
  ASSERT_EQ(lines.size(), 1u + 360u);
  EXPECT_EQ(r.samples, 360);
  EXPECT_EQ(lines[0], "time,frequency_hz");
  EXPECT_EQ(lines[1].substr(0, 27), "2025-07-01T00:00:00.0+08:00");
  EXPECT_EQ(lines[12].substr(0, 27), "2025-07-01T00:00:01.1+08:00");
  // The file reads back as market run's frequency, one value a second.
  EXPECT_EQ(read_frequency_csv(q.out).hz.size(), 36u);
}

TEST(FrequencyStudy, TripsFromText) {
  const std::vector<TripEvent> t = parse_trips("19:20,2000; 00:10:05,5");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].time_s, 19 * 3600 + 20 * 60);
  EXPECT_EQ(t[0].lost_mw, 2000);
  EXPECT_EQ(t[1].time_s, 605);
  EXPECT_TRUE(parse_trips("").empty());
}

TEST(FrequencyStudy, ABadTripNamesIt) {
  try {
    parse_trips("19:20,2000;25");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'25'"), std::string::npos) << e.what();
  }
}

TEST(FrequencyStudy, ATripLowersTheMinimum) {
  FrequencyRequest q;
  q.duration_s = 1800;
  const double calm = run(q).min_hz;
  FrequencyRequest::fields().set_text(q, "trip=00:10,2000");
  EXPECT_LT(run(q).min_hz, calm - 0.3);  // 2 GW on 35 GW falls to about 59.4 Hz
}

TEST(FrequencyStudy, BadStepAndStartAreErrors) {
  FrequencyRequest q;
  q.duration_s = 36;
  q.step_s = 0.5;
  EXPECT_THROW(run(q), InputError);
  q.step_s = 1;
  q.start = "yesterday";
  EXPECT_THROW(run(q), InputError);
  EXPECT_THROW(FrequencyRequest::fields().set_text(q, "deviation_hz=1"), InputError);
}

}  // namespace
}  // namespace ballast::market
