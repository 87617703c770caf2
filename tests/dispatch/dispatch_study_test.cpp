// The dispatch study: in process it gives what run_dispatch gives on the same scenario, with the
// request's changes (drop, caps, wear prices) and battery wear; its fields from TOML and text.

#include "ballast/dispatch/dispatch_study.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "ballast/aging/model.h"
#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "support/scenarios.h"

namespace ballast::dispatch {
namespace {

namespace fs = std::filesystem;
using testing::generator;
using testing::scenario;
using testing::store;

// Prices [10, 1, 10], demand [0, 0, 20], a lossless 100 MWh store starting empty: the store
// buys 20 MWh at 1 in period 1 and delivers it in period 2, cost 20 (200 without it).
Scenario arbitrage() {
  Scenario s = scenario({0, 0, 20});
  s.name = "arbitrage";
  s.generators = {generator("grid", 1000, {10, 1, 10})};
  s.storage = {store(100, 100, 0.0)};
  return s;
}

DispatchRequest in_code(Scenario s) {
  DispatchRequest q;
  q.scenario_data = std::move(s);
  return q;
}

// A fresh folder named after the test, with `files` (name, text) written into it.
fs::path write_case(const std::vector<std::pair<std::string, std::string>>& files) {
  const fs::path dir = fs::path(::testing::TempDir()) / "dispatch_study" /
                       ::testing::UnitTest::GetInstance()->current_test_info()->name();
  fs::create_directories(dir);
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  return dir;
}

constexpr const char* kArbitrageCsv =
    "time,demand_mw,price_per_mwh\n"
    "2021-01-01T00:00Z,0,10\n"
    "2021-01-01T01:00Z,0,1\n"
    "2021-01-01T02:00Z,20,10\n";

constexpr const char* kArbitrageToml = R"(name = "arbitrage"
currency = "TWD"
[grid]
demand = "demand.csv"
column = "demand_mw"

[[generator]]
name = "grid"
capacity_mw = 1000
cost_per_mwh = { file = "demand.csv", column = "price_per_mwh" }

[[storage]]
name = "store"
power_mw = 100
energy_mwh = 100
round_trip_efficiency = 1
initial_soc = 0

[economics]
capex_per_kwh = 200
)";

void expect_same(const std::vector<double>& a, const std::vector<double>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t t = 0; t < a.size(); ++t) EXPECT_NEAR(a[t], b[t], 1e-9) << "period " << t;
}

TEST(DispatchStudy, InCodeScenarioGivesWhatRunDispatchGives) {
  for (const char* objective : {"cost", "peak", "flat"}) {
    DispatchRequest q = in_code(arbitrage());
    q.objective = objective;
    const DispatchStudyResult r = run(q);
    const DispatchResult direct =
        run_dispatch(arbitrage(), {.objective = parse_objective(objective)});
    EXPECT_NEAR(r.dispatch.objective_value, direct.objective_value, 1e-9) << objective;
    EXPECT_NEAR(r.summary.cost, summarize(arbitrage(), direct).cost, 1e-9) << objective;
    expect_same(r.dispatch.discharge_mw[0], direct.discharge_mw[0]);
    expect_same(r.dispatch.thermal_mw, direct.thermal_mw);
  }
  EXPECT_NEAR(run(in_code(arbitrage())).summary.cost, 20, 1e-6);  // by hand
}

TEST(DispatchStudy, ScenarioFileOnARollingHorizonGivesWhatRunDispatchGives) {
  const fs::path dir = write_case({{"demand.csv", kArbitrageCsv}, {"s.toml", kArbitrageToml}});
  DispatchRequest q;
  q.scenario = (dir / "s.toml").string();
  q.window_s = 2 * 3600;
  q.step_s = 3600;
  const DispatchStudyResult r = run(q);
  const DispatchResult direct =
      run_dispatch(load_scenario(q.scenario), {.window_periods = 2, .step_periods = 1});
  EXPECT_EQ(r.dispatch.windows, direct.windows);
  EXPECT_GT(r.dispatch.windows, 1u);
  EXPECT_NEAR(r.summary.cost, summarize(r.scenario, direct).cost, 1e-9);
  expect_same(r.dispatch.energy_mwh[0], direct.energy_mwh[0]);
  EXPECT_EQ(r.scenario.currency, "TWD");
}

// Progress of a rolling horizon through the study's callback: 10 hourly periods in windows of 4
// committing 3 start at periods 0, 3 and 6 (6 + 4 reaches the end), so 3 windows, reported
// 0, 1, 2, 3 of 3; the last names the run's last period.
TEST(DispatchStudy, RollingHorizonReportsEachWindow) {
  Scenario s = scenario({30, 80, 30, 80, 30, 80, 30, 80, 30, 80});
  s.generators = {generator("cheap", 50, {10}), generator("dear", 100, {40})};
  DispatchRequest q = in_code(s);
  q.window_s = 4 * 3600;
  q.step_s = 3 * 3600;
  std::vector<ProgressEvent> events;
  const DispatchStudyResult r = run(q, [&](const ProgressEvent& e) {
    if (e.phase == "rolling horizon") events.push_back(e);
  });
  EXPECT_EQ(r.dispatch.windows, 3u);
  ASSERT_EQ(events.size(), 4u);
  for (std::size_t k = 0; k < events.size(); ++k) {
    EXPECT_EQ(events[k].done, double(k));
    EXPECT_EQ(events[k].total, 3);
  }
  // 2021-01-01T00:00Z + 9 h, in the scenario's calendar (UTC here).
  EXPECT_NE(events.back().detail.find("2021-01-01T09:00"), std::string::npos)
      << events.back().detail;
}

// One LP over the whole run has no windows to report.
TEST(DispatchStudy, OneLpReportsNoWindows) {
  Scenario s = scenario({30, 80});
  s.generators = {generator("cheap", 50, {10})};
  bool windows = false;
  run(in_code(s), [&](const ProgressEvent& e) { windows |= e.phase == "rolling horizon"; });
  EXPECT_FALSE(windows);
}

// The arbitrage case by hand with the scenario changes a sweep takes as axes: the store buys at 1
// in period 1 what it can deliver in period 2; the rest is bought at 10.
TEST(DispatchStudy, StorageSizeAndAddedLoadChangeTheScenario) {
  DispatchRequest q = in_code(arbitrage());
  q.storage_energy_mwh = 5;  // the only battery (store() is one)
  EXPECT_NEAR(run(q).summary.cost, 5 * 1 + 15 * 10, 1e-6);
  q = in_code(arbitrage());
  q.storage_unit = "store";
  q.storage_power_mw = 8;
  const DispatchStudyResult r = run(q);
  EXPECT_NEAR(r.summary.cost, 8 * 1 + 12 * 10, 1e-6);
  EXPECT_EQ(r.scenario.storage.at(0).params.charge_power_mw, 8);
  EXPECT_EQ(r.scenario.storage.at(0).params.energy_mwh, 100);
  q.storage_power_mw = 0;  // leaves the unit out
  EXPECT_TRUE(run(q).scenario.storage.empty());
  EXPECT_NEAR(run(q).summary.cost, 200, 1e-6);
  // 10 MW added in every period: demand [10, 10, 30]. Period 0 is bought at 10 (the store
  // starts empty), period 1 buys its 10 and 30 more for period 2 at 1.
  q = in_code(arbitrage());
  q.new_load_mw = 10;
  const DispatchStudyResult added = run(q);
  EXPECT_NEAR(added.summary.cost, 10 * 10 + 40 * 1, 1e-6);
  ASSERT_EQ(added.scenario.new_loads.size(), 1u);
  EXPECT_EQ(added.scenario.new_loads[0].mw, std::vector<double>(3, 10.0));
}

TEST(DispatchStudy, AStorageChangeNeedsOneUnitToChange) {
  DispatchRequest q = in_code(arbitrage());
  q.storage_unit = "nope";
  q.storage_energy_mwh = 5;
  EXPECT_THROW(run(q), InputError);  // no unit of that name
  q = in_code(arbitrage());
  q.storage_unit = "store";
  EXPECT_THROW(run(q), InputError);  // a unit named, nothing to set
  Scenario two = arbitrage();
  two.storage.push_back(two.storage[0]);
  two.storage[1].name = "second";
  q = in_code(two);
  q.storage_energy_mwh = 5;
  try {
    run(q);
    FAIL() << "two batteries and no --storage-unit";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--storage-unit"), std::string::npos) << e.what();
  }
  q.storage_unit = "second";
  EXPECT_EQ(run(q).scenario.storage[1].params.energy_mwh, 5);
}

TEST(DispatchStudy, DropLeavesTheStoreOut) {
  DispatchRequest q = in_code(arbitrage());
  q.drop = {"store"};
  const DispatchStudyResult r = run(q);
  EXPECT_TRUE(r.scenario.storage.empty());
  EXPECT_NEAR(r.summary.cost, 200, 1e-6);  // 20 MWh bought at 10
  q.drop = {"nothing"};
  try {
    run(q);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no asset"), std::string::npos);
  }
}

// The thermal fleet capped at 15 MW: the store can buy only 15 MWh at 1 (period 1) and the
// grid gives the other 5 MWh at 10: cost 15 + 50 = 65.
TEST(DispatchStudy, ThermalCapOverridesTheScenario) {
  DispatchRequest q = in_code(arbitrage());
  q.thermal_cap_mw = 15;
  const DispatchStudyResult r = run(q);
  EXPECT_EQ(r.scenario.thermal_cap_mw, 15);
  for (double x : r.dispatch.thermal_mw) EXPECT_LE(x, 15 + 1e-6);
  EXPECT_NEAR(r.summary.cost, 65, 1e-6);
}

// 5 per MWh discharged on batteries: the 20 MWh still pay (20 + 100 < 200). The 1 MWh pumped
// hydro keeps its own wear cost of 0, so it carries 1 MWh and the battery 19: wear 5 x 19.
TEST(DispatchStudy, WearCostPricesBatteriesOnly) {
  Scenario s = arbitrage();
  s.storage.push_back(store(1, 1, 0.0));
  s.storage[1].name = "hydro";
  s.storage[1].kind = "pumped_hydro";
  DispatchRequest q = in_code(s);
  q.wear_cost_per_mwh = 5;
  const DispatchStudyResult r = run(q);
  EXPECT_EQ(r.scenario.storage[0].wear_cost_per_mwh, 5);
  EXPECT_EQ(r.scenario.storage[1].wear_cost_per_mwh, 0);
  EXPECT_NEAR(r.summary.cost, 20, 1e-6);
  EXPECT_NEAR(to_json(r)["wear_cost"].get<double>(), 5 * 19, 1e-6);
}

// wear_cost is in the JSON exactly when wear is priced: 0 when a price above the arbitrage's
// spread (10 - 1 per MWh) keeps the store idle, absent when nothing is priced.
TEST(DispatchStudy, WearCostIsZeroWhenPricedAndIdleAndAbsentWhenNotPriced) {
  DispatchRequest q = in_code(arbitrage());
  q.wear_cost_per_mwh = 100;
  const nlohmann::ordered_json priced = to_json(run(q));
  ASSERT_TRUE(priced.contains("wear_cost"));
  EXPECT_EQ(priced["wear_cost"].get<double>(), 0);
  EXPECT_FALSE(to_json(run(in_code(arbitrage()))).contains("wear_cost"));
}

TEST(DispatchStudy, CycleCostSegmentsComeFromTheAgingModel) {
  DispatchRequest q = in_code(arbitrage());
  q.cycle_cost_segments = 4;
  EXPECT_THROW(run(q), InputError);  // needs --aging
  q.aging.aging = "xu2018";
  EXPECT_THROW(run(q), InputError);  // needs a replacement cost
  q.aging.economics.replacement_per_kwh = 150;
  const DispatchStudyResult r = run(q);
  // The whole pack's cost over its usable window (all of it): 150/kWh = 150,000/MWh.
  const std::vector<double> expected =
      aging::cycle_depth_costs(aging::parse_model("xu2018"), 150000, 4, 0.8, 25);
  EXPECT_EQ(r.scenario.storage[0].cycle_cost_per_mwh, expected);
}

// SOC 0 (start), 0, 0.2, 0: equivalent full cycles = sum |dSOC| / 2 = 0.2.
TEST(DispatchStudy, WearOfEachBatteryIsItsSocTraceThroughTheModel) {
  DispatchRequest q = in_code(arbitrage());
  q.aging.aging = "xu2018";
  const DispatchStudyResult r = run(q);
  ASSERT_TRUE(r.aging);
  ASSERT_EQ(r.wear.size(), 1u);
  EXPECT_NEAR(r.wear[0].wear.equivalent_full_cycles, 0.2, 1e-9);
  EXPECT_EQ(r.wear[0].model, "store, xu2018");
  // The same trace through the library's whole-trace path.
  std::vector<double> soc = {r.dispatch.start_energy_mwh[0] / 100};
  for (double e : r.dispatch.energy_mwh[0]) soc.push_back(e / 100);
  // 4 SOC samples span the 3 hours of the run: each stands for 3/4 h in the whole-trace path.
  const aging::WearReport direct = aging::assess_wear(q.aging, soc, 3600 * 3.0 / 4, 100, 100);
  EXPECT_NEAR(r.wear[0].wear.cycle_damage, direct.wear.cycle_damage, 1e-15);
  EXPECT_NEAR(r.wear[0].projection.fade_year1, direct.projection.fade_year1, 1e-12);
  EXPECT_FALSE(r.wear[0].economics.has_value());  // no costs given, no file
  EXPECT_EQ(to_json(r)["aging"].size(), 1u);
}

// Issue 12 item 6: a week of hourly periods is 168 h of battery life, not 169 (the SOC trace
// has one more sample than periods: the start).
TEST(DispatchStudy, WearDurationIsThePeriodsOfTheRun) {
  std::vector<double> demand(168), price(168);
  for (std::size_t t = 0; t < demand.size(); ++t) {
    demand[t] = 50 + 30 * std::sin(2 * M_PI * static_cast<double>(t) / 24);
    price[t] = 20 + 10 * std::cos(2 * M_PI * static_cast<double>(t) / 24);
  }
  Scenario s = scenario(demand);
  s.generators = {generator("grid", 1000, price)};
  s.storage = {store(20, 80, 0.5)};
  DispatchRequest q = in_code(s);
  q.aging.aging = "xu2018";
  const DispatchStudyResult r = run(q);
  ASSERT_EQ(r.wear.size(), 1u);
  const double hours = static_cast<double>(demand.size() * s.demand.step_s) / 3600;
  EXPECT_EQ(hours, 168.0);
  EXPECT_DOUBLE_EQ(r.wear[0].wear.duration_s / 3600, hours);
  EXPECT_DOUBLE_EQ(to_json(r)["aging"][0]["duration_h"].get<double>(), hours);
}

TEST(DispatchStudy, EconomicsDefaultToTheScenarioFileInItsCurrency) {
  const fs::path dir = write_case({{"demand.csv", kArbitrageCsv}, {"s.toml", kArbitrageToml}});
  DispatchRequest q;
  q.scenario = (dir / "s.toml").string();
  q.aging.aging = "xu2018";
  const DispatchStudyResult r = run(q);
  ASSERT_EQ(r.wear.size(), 1u);
  ASSERT_TRUE(r.wear[0].economics.has_value());
  EXPECT_EQ(r.wear[0].economics->currency, "TWD");
  EXPECT_NEAR(r.wear[0].economics->capex, 200 * 100e3, 1e-6);  // 200/kWh x 100 MWh
}

TEST(DispatchStudy, AgingWithoutBatteriesReportsAnEmptyList) {
  Scenario s = arbitrage();
  s.storage[0].kind = "pumped_hydro";
  DispatchRequest q = in_code(s);
  q.aging.aging = "xu2018";
  const auto j = to_json(run(q));
  ASSERT_TRUE(j.contains("aging"));
  EXPECT_TRUE(j["aging"].empty());
  EXPECT_FALSE(to_json(run(in_code(arbitrage()))).contains("aging"));
}

TEST(DispatchStudy, TextAndCsv) {
  const DispatchStudyResult r = run(in_code(arbitrage()));
  const std::string text = to_text(r);
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "scenario: arbitrage — 3 periods of 3600 s, 1 LP window(s), " +
                std::to_string(r.dispatch.variables) + " variables");
  EXPECT_NE(text.find("objective cost: 20 USD\n"), std::string::npos) << text;
  const std::string csv = to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "time,demand_mw,thermal_mw,gen_grid_mw,charge_store_mw,discharge_store_mw,"
            "energy_store_mwh,unserved_mw,spill_mw,marginal_price_per_mwh");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
  const fs::path dir = write_case({});
  const std::string path = write_csv(r, (dir / "out").string());
  EXPECT_EQ(path, (dir / "out" / "dispatch.csv").string());
  std::ifstream in(path);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), csv);
}

TEST(DispatchStudyFields, FromToml) {
  const fs::path dir = write_case({{"study.toml", R"(scenario = "fleet.toml"
objective = "PEAK"
window = "48h"
step = 86400
curtailment = "0.5%"
thermal_cap_mw = "35GW"
drop = ["battery", "pumped hydro"]
out = "out"
aging = "xu2018"
capex_per_kwh = 250
wear_cost_per_mwh = 30
cycle_cost_segments = 4
)"}});
  const TomlReader rd((dir / "study.toml").string());
  DispatchRequest q;
  apply_toml(DispatchRequest::fields(), q, rd.root(), rd);
  EXPECT_EQ(q.scenario, (dir / "fleet.toml").string());  // relative to the TOML file
  EXPECT_EQ(q.objective, "peak");
  EXPECT_EQ(q.window_s, 48 * 3600.0);
  EXPECT_EQ(q.step_s, 86400.0);
  EXPECT_EQ(q.curtailment_pct, 0.5);
  EXPECT_EQ(q.thermal_cap_mw, 35000.0);
  EXPECT_EQ(q.drop, (std::vector<std::string>{"battery", "pumped hydro"}));
  EXPECT_EQ(q.out, (dir / "out").string());
  EXPECT_EQ(q.aging.aging, "xu2018");
  EXPECT_EQ(q.aging.economics.capex_per_kwh, 250.0);
  EXPECT_EQ(q.wear_cost_per_mwh, 30.0);
  EXPECT_EQ(q.cycle_cost_segments, 4);
}

TEST(DispatchStudyFields, FromSetText) {
  const auto& f = DispatchRequest::fields();
  DispatchRequest q;
  f.set_text(q, "window=2d");
  f.set_text(q, "step=30min");
  f.set_text(q, "drop=battery,pumped hydro");
  f.set_text(q, "objective=max_new_load");
  f.set_text(q, "curtailment=1");
  f.set_text(q, "lp_method=Barrier");
  f.set_text(q, "lp_threads=2");
  f.set_text(q, "time_limit_s=10min");
  EXPECT_EQ(q.window_s, 2 * 86400.0);
  EXPECT_EQ(q.step_s, 1800.0);
  EXPECT_EQ(q.drop, (std::vector<std::string>{"battery", "pumped hydro"}));
  EXPECT_EQ(q.objective, "max_new_load");
  EXPECT_EQ(q.curtailment_pct, 1);
  EXPECT_EQ(q.lp_method, "barrier");
  EXPECT_EQ(q.lp_threads, 2);
  EXPECT_EQ(q.time_limit_s, 600.0);
}

TEST(DispatchStudyFields, BadValuesAreInputErrors) {
  const auto& f = DispatchRequest::fields();
  DispatchRequest q;
  for (const char* bad :
       {"objective=cheapest", "curtailment=100", "thermal_cap_mw=0", "cycle_cost_segments=0",
        "cycle_cost_segments=2.5", "window=-1h", "window=soon", "lp_method=simplex", "lp_threads=0",
        "drop=a,,b", "wear_cost_per_mwh=-1", "objectiv=peak"}) {
    EXPECT_THROW(f.set_text(q, bad), InputError) << bad;
  }
}

TEST(DispatchStudy, BadRequestsAreInputErrors) {
  DispatchRequest q = in_code(arbitrage());
  q.window_s = 5400;  // 1.5 hourly steps
  try {
    run(q);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("whole number"), std::string::npos);
  }
  q.window_s.reset();
  q.step_s = 3600;
  EXPECT_THROW(run(q), InputError);                  // --step needs --window
  EXPECT_THROW(run(DispatchRequest{}), InputError);  // no scenario at all
  DispatchRequest both = in_code(arbitrage());
  both.scenario = "fleet.toml";
  EXPECT_THROW(run(both), InputError);
  DispatchRequest solver = in_code(arbitrage());
  solver.lp_threads = 2;  // CLP here runs on one thread: refused, not ignored
  EXPECT_THROW(run(solver), InputError);
}

// The solver options reach the LP: every method gives the arbitrage optimum (20), a generous
// time limit changes nothing, and --cold-start solves the same LPs from scratch.
TEST(DispatchStudy, SolverOptionsAreAcceptedAndHonoured) {
  for (const char* method : {"auto", "dual", "primal", "barrier"}) {
    DispatchRequest q = in_code(arbitrage());
    q.lp_method = method;
    q.time_limit_s = 3600;
    const DispatchStudyResult r = run(q);
    EXPECT_NEAR(r.summary.cost, 20, 1e-6) << method;
    EXPECT_TRUE(r.dispatch.limit_note.empty());
  }
  DispatchRequest q = in_code(arbitrage());
  q.cold_start = true;
  EXPECT_NEAR(run(q).summary.cost, 20, 1e-6);
  const DispatchOptions d = dispatch_options(q, *q.scenario_data);
  EXPECT_FALSE(d.warm_start);
  q.lp_method = "barrier";
  q.time_limit_s = 12;
  const DispatchOptions e = dispatch_options(q, *q.scenario_data);
  EXPECT_EQ(e.solver.method, lp::Method::kBarrier);
  EXPECT_EQ(e.solver.time_limit_s, 12.0);
}

}  // namespace
}  // namespace ballast::dispatch
