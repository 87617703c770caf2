#include "ballast/plan/grid.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ballast/core/error.h"

namespace ballast::plan {
namespace {

constexpr double kHoursPerYear = 8766.0;  // 365.25 days

bool is_summer_peak_month(int month) { return month >= 6 && month <= 8; }
bool is_winter_peak_month(int month) { return month == 12 || month <= 2; }

}  // namespace

bool is_winter_month(int month) { return month >= 11 || month <= 3; }

Grid make_grid(LoadSeries load, Calendar calendar, Threshold threshold, RateMethod method,
               PartialPeriods partial) {
  if (load.empty()) throw InputError("the load series is empty");
  Grid g;
  g.load = std::move(load);
  g.calendar = std::move(calendar);
  g.partial_years = partial;
  const std::size_t n = g.load.size();
  const std::span<const double> v = g.load.values.span();
  PeriodWeights periods =
      period_weights(g.load.start_s, g.load.step_s, n, g.calendar, PeriodKind::kYear, partial);
  g.counted = std::move(periods.counted);
  g.counted_years = periods.counted_years();
  if (std::string note = periods.partial_note(); !note.empty()) g.notes.push_back(note);
  if (std::string note = periods.scaling_note(); !note.empty()) g.notes.push_back(note);
  g.winter.resize(n);
  bool any_summer = false;
  bool any_winter = false;
  double sum = 0;
  std::size_t counted = 0;
  for (const Calendar::DayRun& r : g.calendar.local_day_runs(g.load.start_s, g.load.step_s, n)) {
    const int month = civil_from_days(r.day).month;
    const bool winter = is_winter_month(month);
    const bool summer_peak = is_summer_peak_month(month);
    const bool winter_peak = is_winter_peak_month(month);
    for (std::size_t i = r.first; i < r.end; ++i) {
      if (!std::isfinite(v[i])) {  // checked here for every front end, in the pass made anyway
        throw InputError(fmt::format(
            "the load at {} (step {}) is {}: every value must be a finite number",
            g.calendar.format(g.load.start_s + static_cast<std::int64_t>(i) * g.load.step_s), i,
            std::isnan(v[i]) ? "NaN" : "infinite"));
      }
      g.winter[i] = winter;
      if (!g.counted[i]) continue;
      sum += v[i];
      ++counted;
      g.peak_mw = std::max(g.peak_mw, v[i]);
      if (summer_peak) {
        g.summer_peak_mw = std::max(g.summer_peak_mw, v[i]);
        any_summer = true;
      }
      if (winter_peak) {
        g.winter_peak_mw = std::max(g.winter_peak_mw, v[i]);
        any_winter = true;
      }
    }
  }
  g.counted_steps = counted;
  g.mean_mw = sum / static_cast<double>(counted);
  g.years = static_cast<double>(n) * g.step_h() / kHoursPerYear;
  g.calendar_years = std::move(periods.periods);

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

  if (method == RateMethod::kPooled) {
    // All counted energy together: each counted step the same weight.
    g.weight.assign(n, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
      if (g.counted[i]) g.weight[i] = 1.0 / static_cast<double>(counted);
    }
  } else {
    g.weight = std::move(periods.weight);
  }
  return g;
}

}  // namespace ballast::plan
