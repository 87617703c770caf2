#pragma once
/// @file What a transient run is judged by, accumulated step by step in constant memory.

#include <cstddef>
#include <optional>
#include <vector>

#include "ballast/dynamics/simulator.h"
#include "ballast/workload/ramp_stats.h"
#include "ballast/workload/spectrum.h"

namespace ballast::dynamics {

/// The results of a transient run.
struct TransientKpis {
  std::size_t steps = 0;  ///< steps simulated
  double step_s = 0;      ///< step, s
  double site_mean_mw = 0, site_peak_mw = 0, site_min_mw = 0;
  double site_max_ramp_mw_per_s = 0;  ///< largest step-to-step change of the load / step
  double site_p99_ramp_mw_per_s = 0;  ///< its 99th percentile
  double upstream_peak_mw = 0, upstream_min_mw = 0;
  double upstream_max_ramp_mw_per_s = 0;      ///< largest step-to-step change upstream / step
  double upstream_p99_ramp_mw_per_s = 0;      ///< its 99th percentile
  std::optional<double> ramp_limit_mw_per_s;  ///< the controller's limit (with a battery)
  std::size_t ramp_violations = 0;            ///< upstream steps above the limit
  double site_band_mw2 = 0;                   ///< swing energy of the load in 0.1-20 Hz, MW^2
  double upstream_band_mw2 = 0;               ///< the same upstream, MW^2
  double site_band_share = 0;                 ///< share of the load's swing energy in 0.1-20 Hz
  double upstream_band_share = 0;             ///< share of the upstream swing energy in 0.1-20 Hz
  std::optional<double> frequency_nadir_hz, frequency_zenith_hz;  ///< with an upstream model
  std::optional<double> max_rocof_hz_per_s;    ///< largest |df/dt| over one step, Hz/s
  std::optional<double> soc_min, soc_max;      ///< with a battery
  double charged_mwh = 0, discharged_mwh = 0;  ///< battery energy in and out at the terminals
  double throughput_mwh = 0;                   ///< charged + discharged
  double equivalent_full_cycles = 0;           ///< throughput / (2 x nameplate energy)
  double battery_losses_mwh = 0;               ///< conversion + standing losses
  long long battery_short_steps = 0;           ///< steps the stored energy fell short
  double site_mwh = 0, upstream_mwh = 0;       ///< energy drawn
  double energy_balance_residual = 0;          ///< relative; ~1e-15 when all is accounted for
  /// The swing spectra (Welch, workload::SwingSpectrum): bin k at k * spectrum_resolution_hz,
  /// MW^2 a bin; band_mw2 sums the bins whose centre lies in the band.
  double spectrum_resolution_hz = 0;
  std::vector<double> site_spectrum_mw2, upstream_spectrum_mw2;
};

/// Accumulates TransientKpis from each step's state.
class KpiAccumulator {
 public:
  /// `steps` the run's length (sizes the spectrum), `initial` the state before the first step.
  KpiAccumulator(const TransientParams& params, std::size_t steps, const StepState& initial);
  /// Adds one step.
  void add(const StepState& s);
  /// The results, with the battery's and the energy balance from `sim`.
  TransientKpis finish(const Simulator& sim) const;

 private:
  TransientParams params_;
  double dt_s_;
  std::size_t n_ = 0;
  StepState prev_;
  double site_sum_ = 0;
  TransientKpis k_;
  workload::QuantileHistogram site_ramps_, upstream_ramps_;
  workload::SwingSpectrum site_spectrum_, upstream_spectrum_;
  double limit_step_mw_ = 0;
};

}  // namespace ballast::dynamics
