#pragma once
/// @file A grid prepared for planning: today's load, the capacity it may reach, and the
/// weight each step carries in a curtailment rate.

#include <string>
#include <vector>

#include "ballast/core/calendar.h"
#include "ballast/core/periods.h"
#include "ballast/core/time_series.h"
#include "ballast/plan/load_series.h"

namespace ballast::plan {

/// The capacity limit a new load must stay under.
enum class ThresholdKind {
  kSeasonal,  ///< Norris et al. 2025: summer peak for Apr-Oct, winter peak for Nov-Mar
  kPeak,      ///< the record's peak load, all year
  kConstant,  ///< a given MW, all year
};

struct Threshold {
  ThresholdKind kind = ThresholdKind::kSeasonal;
  double constant_mw = 0;  ///< for kConstant
};

/// How per-step curtailment becomes one rate.
enum class RateMethod {
  kYearlyMean,  ///< Norris et al. 2025: the rate of each local calendar year, averaged
  kPooled,      ///< all curtailed energy over all potential energy
};

/// True for the months Norris et al. (2025) call winter for the seasonal threshold: Nov-Mar.
bool is_winter_month(int month);

/// Everything the planners need about a grid. Built once, shared by every query.
///
/// Steps of a local calendar year that the record covers only in part are still simulated
/// (storage runs through them), but under PartialPeriods::kDrop they carry no weight and no
/// per-year figure counts them: `counted` marks the steps that count.
struct Grid {
  LoadSeries load;                   ///< today's demand, MW (owned, or a view: load_series.h)
  Calendar calendar;                 ///< local calendar for months and years
  std::vector<double> threshold_mw;  ///< the capacity limit at each step, MW
  /// max(threshold, load): today's load is always served, so the limit never falls below it.
  std::vector<double> capacity_mw;
  std::vector<double> weight;   ///< per-step weight; curtailment rate = sum(w*c)/D
  std::vector<bool> winter;     ///< step lies in Nov-Mar (local)
  std::string threshold_label;  ///< e.g. "seasonal (summer 85,508 MW, winter 80,034 MW)"
  double summer_peak_mw = 0;    ///< for kSeasonal: max load in Jun-Aug
  double winter_peak_mw = 0;    ///< for kSeasonal: max load in Dec-Feb
  double peak_mw = 0;           ///< over the counted steps
  double mean_mw = 0;           ///< over the counted steps
  double years = 0;             ///< record length in years of 8,766 h
  PartialPeriods partial_years = PartialPeriods::kDrop;
  std::vector<bool> counted;                   ///< per step: its year counts in per-year figures
  std::size_t counted_steps = 0;               ///< how many steps are counted
  double counted_years = 0;                    ///< years of 8,766 h of the counted steps
  std::vector<PeriodCoverage> calendar_years;  ///< each local year and how much of it is here
  /// Sentences a reader must see: partial years left out or weighted, per-year figures scaled
  /// up from a short record.
  std::vector<std::string> notes;

  double step_h() const { return load.step_h(); }
  std::size_t size() const { return load.size(); }
  double load_factor() const { return peak_mw > 0 ? mean_mw / peak_mw : 0; }
  /// Today's energy per year, MWh (counted steps).
  double energy_mwh_per_year() const { return mean_mw * 8766.0; }
  /// True when per-year figures are scaled up from less than a year of counted data.
  bool scaled_up() const { return counted_years * 8766.0 < 8760.0 - 1e-9; }
};

/// Prepares a grid (a view `load` must outlive the grid). Throws InputError when the threshold
/// cannot be built from the record (e.g. seasonal without June-August or December-February data).
/// `partial` says what the per-year figures do with a local calendar year the record covers only in
/// part.
Grid make_grid(LoadSeries load, Calendar calendar, Threshold threshold, RateMethod method,
               PartialPeriods partial = PartialPeriods::kDrop);

}  // namespace ballast::plan
