// Tests src/dynamics/transient_study.cpp: the study equals the lower-level calls (scenario
// reader, run_transient, size_battery, the wear meter) on the same inputs; its fields read from
// TOML and from --set text; bad values are InputErrors.

#include "ballast/dynamics/transient_study.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/toml_reader.h"
#include "ballast/dynamics/step_csv.h"
#include "ballast/storage/spec.h"

namespace ballast::dynamics {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = BALLAST_EXAMPLES_DIR;
const std::string kGridBattery = kExamples + "/datacenter-50mw-grid-battery.toml";
const std::string kGrid = kExamples + "/datacenter-50mw-grid.toml";

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ballast_transient_study_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The example scenario cut to `duration_s`, as the lower-level calls see it.
TransientScenario example(const std::string& path, double duration_s) {
  TransientScenario sc = read_transient_scenario(path);
  std::get<workload::SyntheticParams>(sc.workload).duration_s = duration_s;
  return sc;
}

TransientParams without_battery(TransientParams p) {
  p.battery.reset();
  return p;
}

// The lower-level result of one run, as JSON (every KPI, exactly).
nlohmann::ordered_json kpis_of(const TransientScenario& sc, const TransientParams& p,
                               const RunOptions& options = {}) {
  auto source = workload::make_source(sc.workload);
  return kpi_json(run_transient(*source, p, options).kpis);
}

TEST(TransientStudy, WithAndWithoutBatteryAreTheLibraryRuns) {
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 20;
  const TransientStudyResult r = run(q);
  const TransientScenario sc = example(kGridBattery, 20);
  EXPECT_EQ(r.scenario, sc.name);
  EXPECT_EQ(kpi_json(r.without.kpis), kpis_of(sc, without_battery(sc.params)));
  ASSERT_TRUE(r.with.has_value());
  EXPECT_EQ(kpi_json(r.with->kpis), kpis_of(sc, sc.params));
  EXPECT_FALSE(r.sized.has_value());
  EXPECT_FALSE(r.wear.has_value());
  EXPECT_EQ(r.with->kpis.steps, 4000u);  // 20 s at 5 ms
}

TEST(TransientStudy, JsonHasThe33KpisOfEachRunAndTheBattery) {
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 10;
  const nlohmann::ordered_json j = to_json(run(q));
  EXPECT_EQ(j["command"], "transient");
  // The example's [grid] table: 60 Hz, 5000 MVA, H 5 s, D 1, R 0.05 (values, not prose).
  EXPECT_EQ(j["upstream"], nlohmann::ordered_json({{"model", "grid"},
                                                   {"frequency_hz", 60.0},
                                                   {"base_mva", 5000.0},
                                                   {"inertia_s", 5.0},
                                                   {"damping", 1.0},
                                                   {"droop", 0.05}}));
  EXPECT_EQ(j["without_battery"].size(), 33u);
  EXPECT_EQ(j["with_battery"].size(), 33u);
  // The RMS swing is the square root of the swing energy in the band.
  EXPECT_DOUBLE_EQ(j["with_battery"]["upstream_swing_rms_0_1_to_20_hz_mw"].get<double>(),
                   std::sqrt(j["with_battery"]["upstream_swing_0_1_to_20_hz_mw2"].get<double>()));
  EXPECT_EQ(j["battery"]["power_mw"], 56);
  EXPECT_EQ(j["battery"]["energy_mwh"], 2);
  EXPECT_NEAR(j["battery"]["round_trip_efficiency_frac"].get<double>(), 0.85, 1e-12);
  EXPECT_EQ(j["battery"]["sized"], false);
  EXPECT_TRUE(j["without_battery"]["soc_min_frac"].is_null());
}

TEST(TransientStudy, OverridesReachTheSimulation) {
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 10;
  q.ramp_mw_per_min = 30;
  const TransientStudyResult r = run(q);
  TransientScenario sc = example(kGridBattery, 10);
  sc.params.control.ramp_mw_per_s = 0.5;
  EXPECT_EQ(kpi_json(r.with->kpis), kpis_of(sc, sc.params));
  EXPECT_DOUBLE_EQ(*r.with->kpis.ramp_limit_mw_per_s, 0.5);
  q.no_battery = true;
  const TransientStudyResult bare = run(q);
  EXPECT_FALSE(bare.with.has_value());
  EXPECT_FALSE(bare.params.battery.has_value());
  EXPECT_EQ(to_json(bare).count("battery"), 0u);
}

// --size on a scenario without a battery: the default sizing battery (85 % round trip, SOC
// 0.1-0.9, starting at the keeper's target), sized by size_battery and then run.
TEST(TransientStudy, SizeIsTheLibrarySizingOfTheDefaultBattery) {
  TransientRequest q;
  q.scenario = kGrid;
  q.duration_s = 20;
  q.size = true;
  const TransientStudyResult r = run(q);
  TransientScenario sc = example(kGrid, 20);
  BatteryParams b;
  b.storage = StorageParams::with_round_trip(0, 0, 0.85);
  b.storage.soc_min = 0.1;
  b.storage.soc_max = 0.9;
  b.initial_soc = sc.params.control.soc.target_soc;
  sc.params.battery = b;
  auto source = workload::make_source(sc.workload);
  const BatterySize sized = size_battery(*source, sc.params);
  ASSERT_TRUE(r.sized.has_value());
  EXPECT_EQ(r.sized->power_mw, sized.power_mw);
  EXPECT_EQ(r.sized->energy_mwh, sized.energy_mwh);
  EXPECT_EQ(r.params.battery->storage.discharge_power_mw, sized.power_mw);
  EXPECT_EQ(r.params.battery->storage.charge_power_mw, sized.power_mw);
  EXPECT_EQ(r.params.battery->storage.energy_mwh, sized.energy_mwh);
  sc.params.battery->storage.discharge_power_mw = sized.power_mw;
  sc.params.battery->storage.charge_power_mw = sized.power_mw;
  sc.params.battery->storage.energy_mwh = sized.energy_mwh;
  EXPECT_EQ(kpi_json(r.with->kpis), kpis_of(sc, sc.params));
  EXPECT_EQ(r.with->kpis.ramp_violations, 0u);
  EXPECT_EQ(r.with->kpis.battery_short_steps, 0);
  EXPECT_NE(to_text(r).find("battery (sized): "), std::string::npos);
  EXPECT_EQ(to_json(r)["battery"]["sized"], true);
}

TEST(TransientStudy, DefaultSizingBatteryUsesTheSharedStorageDefaults) {
  control::SmoothingParams c;
  c.soc.target_soc = 0.6;
  const BatteryParams b = default_sizing_battery(c);
  EXPECT_NEAR(b.storage.round_trip_efficiency(), kDefaultRoundTrip, 1e-15);
  EXPECT_DOUBLE_EQ(b.storage.charge_efficiency, b.storage.discharge_efficiency);
  EXPECT_EQ(b.storage.soc_min, 0.1);
  EXPECT_EQ(b.storage.soc_max, 0.9);
  EXPECT_EQ(b.initial_soc, 0.6);
  EXPECT_EQ(b.inverter_lag_ms, BatteryParams{}.inverter_lag_ms);
}

// 50 MW falling to 20 MW for one second in three, at 10 ms: a series in memory with no scenario
// runs alone (nothing upstream, no battery) and equals run_transient on the same values.
std::vector<double> steps_50_20(std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t k = 0; k < n; ++k) v[k] = (k / 100) % 3 == 2 ? 20.0 : 50.0;
  return v;
}

TEST(TransientStudy, SeriesWithoutScenarioRunsTheBareSite) {
  TransientRequest q;
  q.series = workload::SeriesSpec{steps_50_20(3000), 10'000, "steps"};
  const TransientStudyResult r = run(q);
  EXPECT_EQ(r.scenario, "steps");
  EXPECT_EQ(r.params.upstream, UpstreamKind::kNone);
  EXPECT_FALSE(r.with.has_value());
  TransientParams p;
  p.step_us = 10'000;
  p.upstream = UpstreamKind::kNone;
  workload::VectorSource src(steps_50_20(3000), 10'000);
  EXPECT_EQ(kpi_json(r.without.kpis), kpi_json(run_transient(src, p).kpis));
  EXPECT_DOUBLE_EQ(r.without.kpis.upstream_max_ramp_mw_per_s, 30 / 0.01);
  EXPECT_NEAR(r.without.kpis.site_mean_mw, 40, 1e-9);
}

TEST(TransientStudy, SeriesReplacesTheScenarioLoad) {
  TransientRequest q;
  q.scenario = kGridBattery;  // step_ms = 5
  q.series = workload::SeriesSpec{steps_50_20(6000), 5'000, "steps"};
  const TransientStudyResult r = run(q);
  TransientScenario sc = read_transient_scenario(kGridBattery);
  workload::VectorSource src(steps_50_20(6000), 5'000);
  EXPECT_EQ(kpi_json(r.with->kpis), kpi_json(run_transient(src, sc.params).kpis));
  // The scenario states 5 ms; a 10 ms series would silently change its dynamics.
  q.series->step_us = 10'000;
  EXPECT_THROW(run(q), InputError);
}

TEST(TransientStudy, OutIsEveryStepOfTheBatteryRun) {
  const fs::path dir = scratch("out");
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 5;
  q.out = (dir / "steps.csv").string();
  const TransientStudyResult r = run(q);
  EXPECT_EQ(r.out, q.out);
  const TransientScenario sc = example(kGridBattery, 5);
  std::string expected = kStepCsvHeader;
  kpis_of(sc, sc.params, {.each = [&](std::int64_t t_us, const StepState& s) {
            expected += step_csv_row(t_us, s);
          }});
  EXPECT_EQ(slurp(dir / "steps.csv"), expected);
  EXPECT_EQ(std::count(expected.begin(), expected.end(), '\n'), 1 + 1000);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
}

TEST(TransientStudy, OutWithoutBatteryIsTheBareRun) {
  const fs::path dir = scratch("out_bare");
  TransientRequest q;
  q.scenario = kGrid;
  q.duration_s = 2;
  q.out = (dir / "steps.csv").string();
  run(q);
  const TransientScenario sc = example(kGrid, 2);
  std::string expected = kStepCsvHeader;
  kpis_of(sc, sc.params, {.each = [&](std::int64_t t_us, const StepState& s) {
            expected += step_csv_row(t_us, s, {.battery = false});
          }});
  EXPECT_EQ(slurp(dir / "steps.csv"), expected);
  // No battery: its power and SOC are empty cells, not 0; the grid's frequency is there.
  const std::string csv = slurp(dir / "steps.csv");
  std::istringstream rows(csv.substr(csv.find('\n') + 1));
  std::string row;
  ASSERT_TRUE(std::getline(rows, row));
  std::vector<std::string> cells;
  std::istringstream fields(row);
  for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
  ASSERT_EQ(cells.size(), 6u)
      << row;  // time_s,site_mw,upstream_mw,battery_mw,soc_frac,frequency_hz
  EXPECT_EQ(cells[3], "") << row;
  EXPECT_EQ(cells[4], "") << row;
  EXPECT_NEAR(std::stod(cells[5]), 60, 1);
}

TEST(TransientStudy, StepRowIsExactTimeAndRoundTripNumbers) {
  StepState s;
  s.site_mw = 50;
  s.upstream_mw = 49.5;
  s.battery_mw = 0.5;
  s.soc = 0.25;
  s.frequency_hz = 60;
  EXPECT_EQ(step_csv_row(1'005'000, s), "1.005000,50,49.5,0.5,0.25,60\n");
  s.soc = 0.1 + 0.2;  // 0.30000000000000004: the file keeps every digit
  EXPECT_EQ(std::stod(step_csv_row(0, s).substr(21, 19)), 0.1 + 0.2);
}

// Not applicable is an empty cell: no battery (power, SOC), no upstream model (frequency).
TEST(TransientStudy, StepRowLeavesWhatDoesNotApplyEmpty) {
  StepState s;
  s.site_mw = 50;
  s.upstream_mw = 50;
  s.frequency_hz = 60;
  EXPECT_EQ(step_csv_row(1'000'000, s, {.battery = false}), "1.000000,50,50,,,60\n");
  EXPECT_EQ(step_csv_row(1'000'000, s, {.battery = false, .frequency = false}),
            "1.000000,50,50,,,\n");
}

TEST(TransientStudy, AgingIsTheWearOfTheBatterySoc) {
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 30;
  q.aging.aging = "xu2018";
  q.aging.economics.capex_per_kwh = 300;
  const TransientStudyResult r = run(q);
  ASSERT_TRUE(r.wear.has_value());
  const TransientScenario sc = example(kGridBattery, 30);
  std::vector<double> soc;
  auto source = workload::make_source(sc.workload);
  const TransientResult with =
      run_transient(*source, sc.params,
                    {.each = [&](std::int64_t, const StepState& s) { soc.push_back(s.soc); }});
  aging::Throughput flows;
  flows.discharged_mwh = with.kpis.discharged_mwh;
  flows.charged_mwh = with.kpis.charged_mwh;
  const aging::WearReport expected =
      aging::assess_wear(q.aging, soc, sc.params.dt_s(), 56, 2, flows);
  EXPECT_EQ(aging::wear_json(*r.wear), aging::wear_json(expected));
  EXPECT_GT(r.wear->wear.equivalent_full_cycles, 0);
  EXPECT_TRUE(to_json(r).contains("aging"));
  EXPECT_NE(to_text(r).find("if this operation ran all year: "), std::string::npos);
  q.no_battery = true;  // nothing to wear
  EXPECT_FALSE(run(q).wear.has_value());
}

TEST(TransientStudy, TextAndReportShowBothRuns) {
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 10;
  const TransientStudyResult r = run(q);
  const std::string text = to_text(r);
  EXPECT_EQ(
      text.rfind("scenario: " + r.scenario + "\n2,000 steps of 5 ms (10.0 s); upstream: grid", 0),
      0u);
  EXPECT_NE(text.find("no battery  with battery"), std::string::npos);
  EXPECT_NE(text.find("battery: 56.00 MW / 2.000 MWh, round trip 85 %"), std::string::npos);
  // Power and frequency; with the battery: and SOC; the spectrum; a zoom on each swing.
  EXPECT_GE(r.swings.size(), 1u);
  EXPECT_EQ(to_html(r).chart_count(), 2u + 3u + 1u + r.swings.size());
}

TEST(TransientStudy, FieldsFromToml) {
  const fs::path dir = scratch("toml");
  fs::copy_file(kGridBattery, dir / "site.toml");
  std::ofstream(dir / "request.toml") << "scenario = \"site.toml\"\nsize = true\n"
                                      << "ramp_mw_per_min = 20\nduration_s = \"2min\"\n"
                                      << "out = \"steps.csv\"\naging = \"xu2018\"\n"
                                      << "temperature_c = 30\n";
  const TomlReader reader((dir / "request.toml").string());
  TransientRequest q;
  apply_toml(TransientRequest::fields(), q, reader.root(), reader);
  EXPECT_EQ(q.scenario, (dir / "site.toml").string());  // relative to the TOML file
  EXPECT_TRUE(q.size);
  EXPECT_FALSE(q.no_battery);
  EXPECT_EQ(q.ramp_mw_per_min, 20);
  EXPECT_EQ(q.duration_s, 120);
  EXPECT_EQ(q.out, (dir / "steps.csv").string());
  EXPECT_EQ(q.aging.aging, "xu2018");
  EXPECT_EQ(q.aging.temperature_c, 30);
}

TEST(TransientStudy, FieldsFromSetText) {
  TransientRequest q;
  const auto& f = TransientRequest::fields();
  f.set_text(q, "scenario=site.toml");
  f.set_text(q, "no_battery=yes");
  f.set_text(q, "duration_s=90s");
  f.set_text(q, "ramp_mw_per_min=12.5");
  f.set_text(q, "capex_per_kwh=250");
  EXPECT_EQ(q.scenario, "site.toml");
  EXPECT_TRUE(q.no_battery);
  EXPECT_EQ(q.duration_s, 90);
  EXPECT_EQ(q.ramp_mw_per_min, 12.5);
  EXPECT_EQ(q.aging.economics.capex_per_kwh, 250);
}

TEST(TransientStudy, BadValuesAreInputErrors) {
  TransientRequest q;
  const auto& f = TransientRequest::fields();
  EXPECT_THROW(f.set_text(q, "ramp_mw_per_min=0"), InputError);
  EXPECT_THROW(f.set_text(q, "duration_s=-1"), InputError);
  EXPECT_THROW(f.set_text(q, "size=maybe"), InputError);
  EXPECT_THROW(f.set_text(q, "temperature_c=200"), InputError);
  EXPECT_THROW(f.set_text(q, "ramp=3"), InputError);  // no such field
  EXPECT_THROW(run(q), InputError);                   // no scenario
  q.scenario = kGrid;
  q.size = true;
  q.no_battery = true;
  EXPECT_THROW(run(q), InputError);
  TransientRequest series;
  series.series = workload::SeriesSpec{steps_50_20(100), 10'000, "steps"};
  series.duration_s = 1;  // a series runs whole
  EXPECT_THROW(run(series), InputError);
  series.duration_s.reset();
  series.series->step_us = 200'000;  // above the 100 ms the simulation allows
  EXPECT_THROW(run(series), InputError);
}

TEST(TransientStudy, OutThatCannotBeWrittenLeavesNothing) {
  const fs::path dir = scratch("bad_out");
  TransientRequest q;
  q.scenario = kGridBattery;
  q.duration_s = 1;
  q.out = (dir / "missing" / "steps.csv").string();
  EXPECT_THROW(run(q), InputError);
  EXPECT_TRUE(fs::is_empty(dir));
}

}  // namespace
}  // namespace ballast::dynamics
