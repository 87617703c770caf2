#include "ballast/plan/grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "ballast/core/error.h"

namespace ballast::plan {
namespace {

constexpr double kHoursPerYear = 8766.0;  // 365.25 days

bool is_summer_peak_month(int month) { return month >= 6 && month <= 8; }
bool is_winter_peak_month(int month) { return month == 12 || month <= 2; }

}  // namespace

bool is_winter_month(int month) { return month >= 11 || month <= 3; }

Grid make_grid(TimeSeries load, Calendar calendar, Threshold threshold, RateMethod method) {
  if (load.empty()) throw InputError("the load series is empty");
  Grid g;
  g.load = std::move(load);
  g.calendar = calendar;
  const std::size_t n = g.load.size();
  const std::vector<double>& v = g.load.values;
  g.winter.resize(n);
  g.year.resize(n);
  bool any_summer = false;
  bool any_winter = false;
  for (std::size_t i = 0; i < n; ++i) {
    const CivilDate d = calendar.date(g.load.time_s(i));
    g.year[i] = d.year;
    g.winter[i] = is_winter_month(d.month);
    if (is_summer_peak_month(d.month)) {
      g.summer_peak_mw = std::max(g.summer_peak_mw, v[i]);
      any_summer = true;
    }
    if (is_winter_peak_month(d.month)) {
      g.winter_peak_mw = std::max(g.winter_peak_mw, v[i]);
      any_winter = true;
    }
  }
  g.peak_mw = *std::max_element(v.begin(), v.end());
  g.mean_mw = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(n);
  g.years = static_cast<double>(n) * g.step_h() / kHoursPerYear;

  g.threshold_mw.resize(n);
  switch (threshold.kind) {
    case ThresholdKind::kSeasonal:
      if (!any_summer || !any_winter) {
        throw InputError(
            "the seasonal threshold needs data in June-August and in December-February; use "
            "--threshold peak or --threshold MW for a shorter record");
      }
      for (std::size_t i = 0; i < n; ++i) {
        g.threshold_mw[i] = g.winter[i] ? g.winter_peak_mw : g.summer_peak_mw;
      }
      g.threshold_label = fmt::format(
          "seasonal (summer peak {:.0f} MW for Apr-Oct, winter peak "
          "{:.0f} MW for Nov-Mar)",
          g.summer_peak_mw, g.winter_peak_mw);
      break;
    case ThresholdKind::kPeak:
      std::fill(g.threshold_mw.begin(), g.threshold_mw.end(), g.peak_mw);
      g.threshold_label = fmt::format("record peak {:.0f} MW", g.peak_mw);
      break;
    case ThresholdKind::kConstant:
      if (!(threshold.constant_mw > 0)) throw InputError("--threshold MW must be > 0");
      std::fill(g.threshold_mw.begin(), g.threshold_mw.end(), threshold.constant_mw);
      g.threshold_label = fmt::format("constant {:.0f} MW", threshold.constant_mw);
      break;
  }
  g.capacity_mw.resize(n);
  for (std::size_t i = 0; i < n; ++i) g.capacity_mw[i] = std::max(g.threshold_mw[i], v[i]);

  g.weight.resize(n);
  if (method == RateMethod::kPooled) {
    std::fill(g.weight.begin(), g.weight.end(), 1.0 / static_cast<double>(n));
  } else {
    std::map<int, std::size_t> steps_in_year;
    for (int y : g.year) ++steps_in_year[y];
    const double years = static_cast<double>(steps_in_year.size());
    for (std::size_t i = 0; i < n; ++i) {
      g.weight[i] = 1.0 / (years * static_cast<double>(steps_in_year[g.year[i]]));
    }
  }
  return g;
}

}  // namespace ballast::plan
