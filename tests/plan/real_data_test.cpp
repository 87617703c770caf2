// Curtailment-enabled headroom on the real EIA-930 data, against an independent computation
// of the Norris et al. (2025) method written here from scratch (its own CSV parsing, its own
// calendar via std::chrono, the rate by its definition, the load by bisection).

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/grid.h"

namespace {

struct Hour {
  int year;
  int month;
  double mw;
};

// Reads "YYYY-MM-DD HH:MM:SS,MW" rows whose time marks the END of the hour (EIA-930).
std::vector<Hour> read_eia(const std::string& path, int utc_offset_h) {
  using namespace std::chrono;
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<Hour> out;
  while (std::getline(in, line)) {
    int y, mo, d, h, mi, s;
    double mw;
    if (std::sscanf(line.c_str(), "%d-%d-%d %d:%d:%d,%lf", &y, &mo, &d, &h, &mi, &s, &mw) != 7) {
      continue;
    }
    const sys_seconds end = sys_days(year{y} / month(unsigned(mo)) / day(unsigned(d))) + hours(h) +
                            minutes(mi) + seconds(s);
    const auto local_start = end - hours(1) + hours(utc_offset_h);
    const year_month_day ymd{floor<days>(local_start)};
    out.push_back({int(ymd.year()), int(unsigned(ymd.month())), mw});
  }
  return out;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Norris et al. (2025): summer (Jun-Aug) peak caps Apr-Oct, winter (Dec-Feb) peak caps
// Nov-Mar; the yearly curtailment rates are averaged; D solves rate = limit. With
// `whole_years_only`, a local year with fewer hours than it has (the stub a UTC record leaves
// in local time) is left out of everything, peaks included.
double duke_headroom(std::vector<Hour> hours, double limit, bool whole_years_only) {
  if (whole_years_only) {
    std::map<int, int> count;
    for (const Hour& h : hours) ++count[h.year];
    std::erase_if(hours,
                  [&](const Hour& h) { return count[h.year] < (leap(h.year) ? 8784 : 8760); });
  }
  double summer = 0, winter = 0;
  for (const Hour& h : hours) {
    if (h.month >= 6 && h.month <= 8) summer = std::max(summer, h.mw);
    if (h.month == 12 || h.month <= 2) winter = std::max(winter, h.mw);
  }
  const auto mean_rate = [&](double d) {
    std::map<int, std::pair<double, double>> by_year;  // curtailed MWh, potential MWh
    for (const Hour& h : hours) {
      const double cap = (h.month >= 4 && h.month <= 10) ? summer : winter;
      const double curtailed = std::min(d, std::max(0.0, h.mw + d - cap));
      by_year[h.year].first += curtailed;
      by_year[h.year].second += d;
    }
    double sum = 0;
    for (const auto& [y, e] : by_year) sum += e.first / e.second;
    return sum / static_cast<double>(by_year.size());
  };
  double lo = 0, hi = 200000;
  for (int it = 0; it < 100; ++it) {
    const double mid = 0.5 * (lo + hi);
    (mean_rate(mid) <= limit ? lo : hi) = mid;
  }
  return lo;
}

ballast::plan::Grid ballast_grid(const std::string& path, int utc_offset_h,
                                 ballast::PartialPeriods partial) {
  ballast::CsvReadOptions o;
  o.label = ballast::TimeLabel::kEnd;
  ballast::TimeSeries s = ballast::read_time_series_csv(path, o).series;
  return ballast::plan::make_grid(std::move(s), ballast::Calendar(utc_offset_h * 60), {},
                                  ballast::plan::RateMethod::kYearlyMean, partial);
}

// Default (--partial-years drop): whole local years only. keep: every year counts as a whole
// one, stub included (what ballast did before; the finding 1).
void expect_same_headroom(const std::string& file, int utc_offset_h) {
  const std::string path = std::string(BALLAST_DATA_DIR) + "/eia930/" + file;
  const std::vector<Hour> hours = read_eia(path, utc_offset_h);
  ASSERT_EQ(hours.size(), 78912u);
  const ballast::plan::Grid grid = ballast_grid(path, utc_offset_h, ballast::PartialPeriods::kDrop);
  const ballast::plan::Grid keep = ballast_grid(path, utc_offset_h, ballast::PartialPeriods::kKeep);
  for (double limit : {0.0025, 0.005, 0.01, 0.05}) {
    const double expected = duke_headroom(hours, limit, true);
    EXPECT_NEAR(ballast::plan::headroom_without_storage(grid, limit), expected, 1e-6 * expected)
        << file << " at " << limit * 100 << " %";
    const double biased = duke_headroom(hours, limit, false);
    EXPECT_NEAR(ballast::plan::headroom_without_storage(keep, limit), biased, 1e-6 * biased)
        << file << " at " << limit * 100 << " % (keep)";
  }
}

TEST(RealData, ErcotDukeHeadroomMatchesIndependentComputation) {
  expect_same_headroom("ERCO_2016-2024_hourly_utc.csv", -6);
}

TEST(RealData, PjmDukeHeadroomMatchesIndependentComputation) {
  expect_same_headroom("PJM_2016-2024_hourly_utc.csv", -5);
}

}  // namespace
