#include "ballast/dynamics/simulator.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast::dynamics {

void TransientParams::validate() const {
  if (step_us < 1000 || step_us > 100'000) {
    throw InputError(fmt::format("the transient step must be 1 .. 100 ms (got {} us)", step_us));
  }
  if (battery) battery->validate();
  if (upstream == UpstreamKind::kGrid) grid.validate();
  if (upstream == UpstreamKind::kIsland) island.validate();
}

Simulator::Simulator(const TransientParams& params, double initial_site_mw)
    : params_(params), dt_h_(params.dt_s() / 3600.0) {
  params_.validate();
  const double dt_s = params_.dt_s();
  if (params_.battery) {
    // The controller compensates the inverter it drives: same lag.
    params_.control.inverter_lag_s = params_.battery->inverter_lag_ms / 1000.0;
    battery_.emplace(*params_.battery, dt_s);
    controller_.emplace(params_.control, dt_s, params_.battery->storage.energy_mwh,
                        initial_site_mw);
    s_.soc = battery_->soc();
  }
  switch (params_.upstream) {
    case UpstreamKind::kGrid:
      grid_.emplace(params_.grid, dt_s, initial_site_mw);
      s_.frequency_hz = params_.grid.frequency_hz;
      break;
    case UpstreamKind::kIsland:
      island_.emplace(params_.island, dt_s, initial_site_mw);
      s_.frequency_hz = params_.island.frequency_hz;
      break;
    case UpstreamKind::kNone:
      break;
  }
  s_.site_mw = s_.upstream_mw = initial_site_mw;
}

double Simulator::energy_balance_residual() const {
  double battery_net_mwh = 0;  // energy the battery gave the site, net of its losses
  if (battery_) {
    battery_net_mwh = (battery_->initial_mwh() - battery_->stored_mwh()) -
                      battery_->standing_loss_mwh() - battery_->conversion_loss_mwh();
  }
  const double site = site_mwh();
  const double residual = site - upstream_mwh() - battery_net_mwh;
  return site != 0 ? residual / site : residual;
}

}  // namespace ballast::dynamics
