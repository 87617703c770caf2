#pragma once
/// @file What an SOC trace does to a battery: streaming rainflow + a degradation model,
/// equivalent full cycles, cycles by depth, and the capacity year by year to end of life.

#include <array>
#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ballast/aging/model.h"
#include "ballast/aging/rainflow.h"

namespace ballast::aging {

/// Cycle-depth bins of the histogram: [0,10) %, [10,20) %, ... [90,100] %.
inline constexpr int kDepthBins = 10;

/// The wear of one trace.
struct Wear {
  double duration_s = 0;
  double equivalent_full_cycles = 0;  ///< sum |dSOC| / 2
  double full_cycles = 0;             ///< rainflow count of full cycles
  double half_cycles = 0;             ///< rainflow count of half cycles (each counts 0.5)
  std::array<double, kDepthBins> cycles_by_depth{};  ///< counts (half = 0.5) per depth bin
  double cycle_damage = 0;                           ///< summed model cycle stress over the trace
  double mean_soc = 0;
  double mean_temp_c = 0;
};

/// Streaming wear accumulator: push SOC (fraction of nameplate) and temperature each step,
/// then finish() (which resets it). Constant memory. `model` must outlive the meter.
class WearMeter {
 public:
  WearMeter(const AgingModel& model, double dt_s);
  WearMeter(const WearMeter&) = delete;
  WearMeter& operator=(const WearMeter&) = delete;
  void push(double soc, double temp_c) {
    if (n_ > 0) abs_dsoc_ += std::abs(soc - last_);
    last_ = soc;
    ++n_;
    soc_sum_ += soc;
    temp_cum_ += temp_c;
    rainflow_.push(soc, sink_, temp_cum_);
  }
  Wear finish();

 private:
  struct Sink {
    WearMeter* m;
    void operator()(const Cycle& c) const { m->add(c); }
  };
  void add(const Cycle& c);

  const AgingModel& model_;
  double dt_s_;
  Rainflow rainflow_;
  Sink sink_{this};
  Wear wear_;
  double last_ = 0, abs_dsoc_ = 0, soc_sum_ = 0, temp_cum_ = 0;
  std::uint64_t n_ = 0;
};

/// Wear of a whole SOC trace at one temperature.
Wear wear_of(const AgingModel& model, std::span<const double> soc, double dt_s, double temp_c);
/// Wear of a whole SOC trace with a temperature trace of the same length.
Wear wear_of(const AgingModel& model, std::span<const double> soc, double dt_s,
             std::span<const double> temp_c);

/// The trace's operation repeated year after year.
struct Projection {
  std::vector<double> capacity;  ///< capacity fraction at the end of year 1, 2, ...
  double fade_year1 = 0;         ///< 1 - capacity after one year
  double eol_capacity = 0.8;     ///< the end-of-life threshold used
  /// Years until capacity reaches eol_capacity (linear within the year); < 0 if not within
  /// the horizon.
  double end_of_life_years = -1;
  double cycle_damage_per_year = 0;
};

/// True when per-year wear is scaled up from a trace shorter than a year.
inline bool scaled_up(const Wear& wear) { return wear.duration_s < 365.0 * 86400 - 1e-6; }
/// "per-year wear and the life projection repeat a trace of 1.0 days, year after year" when
/// the trace is shorter than a year; "" otherwise.
std::string scaling_note(const Wear& wear);

/// Repeats `wear` (scaled to a year) for up to `max_years` and finds end of life.
Projection project(const AgingModel& model, const Wear& wear, double eol_capacity = 0.8,
                   int max_years = 50);
/// Capacity fraction after `years` of the given wear per year.
double capacity_after(const AgingModel& model, const Wear& wear, double years);

}  // namespace ballast::aging
