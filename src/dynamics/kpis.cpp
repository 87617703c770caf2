#include "ballast/dynamics/kpis.h"

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/workload/summary.h"

namespace ballast::dynamics {

KpiAccumulator::KpiAccumulator(const TransientParams& params, std::size_t steps,
                               const StepState& initial)
    : params_(params),
      dt_s_(params.dt_s()),
      prev_(initial),
      site_spectrum_(params.dt_s(), steps),
      upstream_spectrum_(params.dt_s(), steps) {
  k_.step_s = dt_s_;
  k_.site_peak_mw = k_.upstream_peak_mw = -std::numeric_limits<double>::infinity();
  k_.site_min_mw = k_.upstream_min_mw = std::numeric_limits<double>::infinity();
  if (params.battery) {
    k_.ramp_limit_mw_per_s = params.control.ramp_mw_per_s;
    limit_step_mw_ = params.control.ramp_mw_per_s * dt_s_;
    k_.soc_min = k_.soc_max = initial.soc;
  }
  if (params.upstream != UpstreamKind::kNone) {
    k_.frequency_nadir_hz = k_.frequency_zenith_hz = initial.frequency_hz;
    k_.max_rocof_hz_per_s = 0.0;
  }
}

void KpiAccumulator::add(const StepState& s) {
  site_sum_ += s.site_mw;
  k_.site_peak_mw = std::max(k_.site_peak_mw, s.site_mw);
  k_.site_min_mw = std::min(k_.site_min_mw, s.site_mw);
  k_.upstream_peak_mw = std::max(k_.upstream_peak_mw, s.upstream_mw);
  k_.upstream_min_mw = std::min(k_.upstream_min_mw, s.upstream_mw);
  if (n_ > 0) {
    site_ramps_.add((s.site_mw - prev_.site_mw) / dt_s_);
    const double up_step = std::fabs(s.upstream_mw - prev_.upstream_mw);
    upstream_ramps_.add(up_step / dt_s_);
    // A tolerance of 1e-9 relative plus 1e-9 MW: rounding in site - battery, not control.
    if (k_.ramp_limit_mw_per_s && up_step > limit_step_mw_ * (1 + 1e-9) + 1e-9) {
      ++k_.ramp_violations;
    }
  }
  site_spectrum_.add(s.site_mw);
  upstream_spectrum_.add(s.upstream_mw);
  if (k_.frequency_nadir_hz) {
    k_.frequency_nadir_hz = std::min(*k_.frequency_nadir_hz, s.frequency_hz);
    k_.frequency_zenith_hz = std::max(*k_.frequency_zenith_hz, s.frequency_hz);
    k_.max_rocof_hz_per_s =
        std::max(*k_.max_rocof_hz_per_s, std::fabs(s.frequency_hz - prev_.frequency_hz) / dt_s_);
  }
  if (k_.soc_min) {
    k_.soc_min = std::min(*k_.soc_min, s.soc);
    k_.soc_max = std::max(*k_.soc_max, s.soc);
  }
  prev_ = s;
  ++n_;
}

TransientKpis KpiAccumulator::finish(const Simulator& sim) const {
  TransientKpis k = k_;
  k.steps = n_;
  if (n_ == 0) throw InputError("the load has no steps to simulate");
  k.site_mean_mw = site_sum_ / static_cast<double>(n_);
  k.site_max_ramp_mw_per_s = site_ramps_.max();
  k.site_p99_ramp_mw_per_s = site_ramps_.quantile(0.99);
  k.upstream_max_ramp_mw_per_s = upstream_ramps_.max();
  k.upstream_p99_ramp_mw_per_s = upstream_ramps_.quantile(0.99);
  using workload::kSwingBandHiHz;
  using workload::kSwingBandLoHz;
  k.site_band_mw2 = site_spectrum_.band_mw2(kSwingBandLoHz, kSwingBandHiHz);
  k.upstream_band_mw2 = upstream_spectrum_.band_mw2(kSwingBandLoHz, kSwingBandHiHz);
  k.site_band_share = site_spectrum_.band_share(kSwingBandLoHz, kSwingBandHiHz);
  k.upstream_band_share = upstream_spectrum_.band_share(kSwingBandLoHz, kSwingBandHiHz);
  k.spectrum_resolution_hz = upstream_spectrum_.resolution_hz();
  k.site_spectrum_mw2 = site_spectrum_.bins_mw2();
  k.upstream_spectrum_mw2 = upstream_spectrum_.bins_mw2();
  if (const InverterBattery* b = sim.battery()) {
    k.charged_mwh = b->state().charged_mwh;
    k.discharged_mwh = b->state().discharged_mwh;
    k.throughput_mwh = k.charged_mwh + k.discharged_mwh;
    const double e = b->params().storage.energy_mwh;
    k.equivalent_full_cycles = e > 0 ? k.throughput_mwh / (2 * e) : 0;
    k.battery_losses_mwh = b->standing_loss_mwh() + b->conversion_loss_mwh();
    k.battery_short_steps = b->short_steps();
  }
  k.site_mwh = sim.site_mwh();
  k.upstream_mwh = sim.upstream_mwh();
  k.energy_balance_residual = sim.energy_balance_residual();
  return k;
}

}  // namespace ballast::dynamics
