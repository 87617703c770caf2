// Speed of the planners on the real ERCOT record (9 years hourly), and the greedy against the
// LP on the same year. Run through bench/compare_headroom.sh, which prints the ratios.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/heap.h"
#include "ballast/core/timestamp.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/headroom.h"
#include "ballast/plan/headroom_lp.h"
#include "ballast/plan/simulate.h"

namespace {

using namespace ballast;

plan::Grid ercot(std::optional<int> year = std::nullopt) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  TimeSeries s = read_time_series_csv(
                     std::string(BALLAST_DATA_DIR) + "/eia930/ERCO_2016-2024_hourly_utc.csv", o)
                     .series;
  const Calendar cal(-6 * 60);
  if (year) s = select_year(s, cal, *year);
  return plan::make_grid(std::move(s), cal, {}, plan::RateMethod::kYearlyMean);
}

const plan::Grid& nine_years() {
  static const plan::Grid g = ercot();
  return g;
}

const plan::Grid& one_year() {
  static const plan::Grid g = ercot(2023);
  return g;
}

const plan::StorageOption kStorage{StorageParams::with_round_trip(5000, 20000, 0.85),
                                   SocStart::kCyclic};
const double kLimits[] = {0.0025, 0.005, 0.01, 0.05};

void BM_DukeHeadroom9Years4Limits(benchmark::State& state) {
  const plan::Grid& g = nine_years();
  const std::vector<double> limits(std::begin(kLimits), std::end(kLimits));
  for (auto _ : state) benchmark::DoNotOptimize(plan::headroom_without_storage(g, limits));
}
BENCHMARK(BM_DukeHeadroom9Years4Limits)->Unit(benchmark::kMillisecond);

void BM_StorageHeadroom9Years1Limit(benchmark::State& state) {
  const plan::Grid& g = nine_years();
  for (auto _ : state) benchmark::DoNotOptimize(plan::headroom(g, 0.005, kStorage));
}
BENCHMARK(BM_StorageHeadroom9Years1Limit)->Unit(benchmark::kMillisecond);

// The whole table: four limits with their curtailment statistics.
void BM_StorageHeadroomTable9Years4Limits(benchmark::State& state) {
  const plan::Grid& g = nine_years();
  const std::vector<double> limits(std::begin(kLimits), std::end(kLimits));
  for (auto _ : state) benchmark::DoNotOptimize(plan::headroom_table(g, limits, kStorage));
}
BENCHMARK(BM_StorageHeadroomTable9Years4Limits)->Unit(benchmark::kMillisecond);

// `ballast headroom --grid PJM --json` in pieces (bench/compare_headroom_process.sh prints
// them beside the whole process): reading the CSV, preparing the grid (zone, partial years),
// the table of four limits.
const std::string kPjm = std::string(BALLAST_DATA_DIR) + "/eia930/PJM_2016-2024_hourly_utc.csv";

TimeSeries pjm_series() {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  return read_time_series_csv(kPjm, o).series;
}

void BM_PjmRead(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(pjm_series());
}
BENCHMARK(BM_PjmRead)->Unit(benchmark::kMillisecond);

// The same rows in a shape the common-row path does not take ("2016-01-01T00:00:00-05:00;95072,0":
// ';' between fields, a decimal comma and a written offset): the general reader, row by row.
void BM_PjmReadGeneralPath(benchmark::State& state) {
  const TimeSeries s = pjm_series();
  std::string text = "time;demand_mw\n";
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const std::int64_t t = s.start_s + static_cast<std::int64_t>(i + 1) * s.step_s;
    text += format_timestamp(t, -300) + ";" + fmt::format("{:.1f}", s.values[i]) + "\n";
  }
  for (char& c : text) {
    if (c == '.') c = ',';
  }
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  for (auto _ : state) benchmark::DoNotOptimize(parse_time_series_csv(text, "pjm", o));
}
BENCHMARK(BM_PjmReadGeneralPath)->Unit(benchmark::kMillisecond);

void BM_PjmMakeGrid(benchmark::State& state) {
  const TimeSeries s = pjm_series();
  const Calendar cal(TimeZone::named("America/New_York"));
  for (auto _ : state) {
    benchmark::DoNotOptimize(plan::make_grid(s, cal, {}, plan::RateMethod::kYearlyMean));
  }
}
BENCHMARK(BM_PjmMakeGrid)->Unit(benchmark::kMillisecond);

void BM_PjmHeadroomTable4Limits(benchmark::State& state) {
  const plan::Grid g = plan::make_grid(pjm_series(), Calendar(TimeZone::named("America/New_York")),
                                       {}, plan::RateMethod::kYearlyMean);
  const std::vector<double> limits(std::begin(kLimits), std::end(kLimits));
  for (auto _ : state) benchmark::DoNotOptimize(plan::headroom_table(g, limits, std::nullopt));
}
BENCHMARK(BM_PjmHeadroomTable4Limits)->Unit(benchmark::kMillisecond);

// The same question on one year: least curtailment of a 10 GW new load with 5 GW / 20 GWh.
void BM_GreedyOneYear(benchmark::State& state) {
  const plan::Grid& g = one_year();
  for (auto _ : state) {
    benchmark::DoNotOptimize(plan::simulate(g, 10000, kStorage.params, kStorage.start));
  }
}
BENCHMARK(BM_GreedyOneYear)->Unit(benchmark::kMillisecond);

void BM_LpOneYear(benchmark::State& state) {
  const plan::Grid& g = one_year();
  for (auto _ : state) benchmark::DoNotOptimize(plan::lp_curtailment_rate(g, 10000, kStorage));
}
BENCHMARK(BM_LpOneYear)->Unit(benchmark::kMillisecond)->Iterations(1)->Repetitions(1);

}  // namespace

// The heap as the ballast command keeps it for its studies (ballast/core/heap.h), so that each
// piece is timed as the command runs it: without it, every iteration of the CSV read maps and
// faults in fresh memory for its vectors, which a command's study heap keeps.
int main(int argc, char** argv) {
  ballast::prepare_heap();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
