#include "ballast/plan/event_stats.h"

#include <algorithm>

namespace ballast::plan {

std::vector<CurtailedStep> curtailed_steps(const std::vector<double>& curtailed_mw) {
  std::vector<CurtailedStep> out;
  for (std::size_t i = 0; i < curtailed_mw.size(); ++i) {
    if (curtailed_mw[i] != 0) out.push_back({i, curtailed_mw[i]});
  }
  return out;
}

CurtailmentStats curtailment_stats(const Grid& grid, double new_load_mw,
                                   const std::vector<double>& curtailed_mw) {
  return curtailment_stats(grid, new_load_mw, curtailed_steps(curtailed_mw));
}

// Sums run over the curtailed steps in time order: a step without curtailment adds zero to each
// of them, so they are the sums over every step, bit for bit.
CurtailmentStats curtailment_stats(const Grid& grid, double new_load_mw,
                                   std::span<const CurtailedStep> curtailed) {
  CurtailmentStats s;
  const double dt = grid.step_h();
  // Per-year figures count only the steps of counted years (partial years are left out under
  // --partial-years drop); the simulation still ran through every step.
  const double years = grid.counted_years;
  // Curtailment below a millionth of D is rounding, not an event.
  const double eps = 1e-6 * std::max(1.0, new_load_mw);
  double curtailed_mwh = 0;
  double winter_mwh = 0;
  double hours = 0, kept50 = 0, kept75 = 0, kept90 = 0;
  double rate = 0;
  int events = 0;
  double run_h = 0;
  std::size_t run_end = 0;  // the step after the last one of the current run
  for (const auto& [i, c] : curtailed) {
    rate += grid.weight[i] * c;
    if (!grid.counted[i]) continue;
    curtailed_mwh += c * dt;
    if (grid.winter[i]) winter_mwh += c * dt;
    if (c > eps) {
      hours += dt;
      const double kept = 1.0 - c / new_load_mw;
      kept50 += kept >= 0.5 ? dt : 0;
      kept75 += kept >= 0.75 ? dt : 0;
      kept90 += kept >= 0.9 ? dt : 0;
      if (run_h == 0 || i != run_end) {  // a step in between was not curtailed or not counted
        ++events;
        run_h = 0;
      }
      run_h += dt;
      run_end = i + 1;
      s.max_event_h = std::max(s.max_event_h, run_h);
    }
  }
  const auto counted_steps = static_cast<double>(grid.counted_steps);
  s.curtailment_rate = new_load_mw > 0 ? rate / new_load_mw : 0;
  s.curtailed_hours_per_year = hours / years;
  s.mean_event_h = events > 0 ? hours / events : 0;
  s.hours_kept_50_per_year = kept50 / years;
  s.hours_kept_75_per_year = kept75 / years;
  s.hours_kept_90_per_year = kept90 / years;
  s.winter_share = curtailed_mwh > 0 ? winter_mwh / curtailed_mwh : 0;
  s.summer_share = curtailed_mwh > 0 ? 1.0 - s.winter_share : 0;
  const double served_mwh_per_year = (new_load_mw * counted_steps * dt - curtailed_mwh) / years;
  s.new_energy_twh_per_year = served_mwh_per_year * 1e-6;
  s.energy_multiplier = 1.0 + served_mwh_per_year / grid.energy_mwh_per_year();
  return s;
}

}  // namespace ballast::plan
