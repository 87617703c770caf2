#pragma once
/// @file The fixed-step transient simulation of a site, its battery and controller, and what
/// lies upstream. Time is an integer tick count; nothing is stored per step.

#include <cmath>
#include <cstdint>
#include <optional>

#include "ballast/control/smoothing_controller.h"
#include "ballast/dynamics/battery.h"
#include "ballast/dynamics/grid.h"

namespace ballast::dynamics {

/// What the site is connected to.
enum class UpstreamKind { kNone, kGrid, kIsland };

/// Everything a transient run needs besides the load.
struct TransientParams {
  std::int64_t step_us = 10'000;         ///< fixed step, microseconds (1 ms .. 100 ms)
  std::optional<BatteryParams> battery;  ///< none: the site draws its load directly
  control::SmoothingParams control{};    ///< ramp limit, SOC keeping, lag compensation
  UpstreamKind upstream = UpstreamKind::kGrid;
  GridParams grid{};      ///< used when upstream is kGrid
  IslandParams island{};  ///< used when upstream is kIsland

  /// Step length, s.
  double dt_s() const { return static_cast<double>(step_us) * 1e-6; }
  /// Throws InputError naming the first parameter out of range.
  void validate() const;
};

/// The state after one step.
struct StepState {
  std::int64_t tick = 0;    ///< steps done; time = tick * step_us
  double site_mw = 0;       ///< the site's load, MW
  double upstream_mw = 0;   ///< drawn from the grid or plant, MW
  double battery_mw = 0;    ///< battery output at the terminals, MW (> 0 discharge)
  double request_mw = 0;    ///< the controller's inverter set-point, MW
  double soc = 0;           ///< battery state of charge, fraction (0 without a battery)
  double frequency_hz = 0;  ///< upstream frequency, Hz (nominal without an upstream model)
};

/// Compensated summation (Neumaier): a run of 10^8 steps still sums its energy to ~1e-15.
class EnergySum {
 public:
  void add(double v) {
    const double t = sum_ + v;
    comp_ += std::fabs(sum_) >= std::fabs(v) ? (sum_ - t) + v : (v - t) + sum_;
    sum_ = t;
  }
  double value() const { return sum_ + comp_; }

 private:
  double sum_ = 0, comp_ = 0;
};

/// Site + battery + controller + upstream, one step a call.
class Simulator {
 public:
  /// Starts in equilibrium: upstream draws `initial_site_mw`, the battery idles at its initial
  /// SOC. Validates; throws InputError.
  Simulator(const TransientParams& params, double initial_site_mw);

  /// Advances one step with the site drawing `site_mw` over it.
  const StepState& step(double site_mw) {
    double upstream = site_mw;
    if (battery_) {
      const control::Setpoints sp =
          controller_->step(site_mw, battery_->output_mw(), battery_->stored_mwh());
      s_.request_mw = sp.battery_request_mw;
      s_.battery_mw = battery_->step(sp.battery_request_mw);
      upstream = site_mw - s_.battery_mw;
      s_.soc = battery_->soc();
    }
    s_.site_mw = site_mw;
    s_.upstream_mw = upstream;
    switch (params_.upstream) {
      case UpstreamKind::kGrid:
        s_.frequency_hz = grid_->step(upstream);
        break;
      case UpstreamKind::kIsland:
        s_.frequency_hz = island_->step(upstream);
        break;
      case UpstreamKind::kNone:
        break;
    }
    site_mwh_.add(site_mw * dt_h_);
    upstream_mwh_.add(upstream * dt_h_);
    ++s_.tick;
    return s_;
  }

  const StepState& state() const { return s_; }
  const TransientParams& params() const { return params_; }
  /// The battery, or nullptr without one.
  const InverterBattery* battery() const { return battery_ ? &*battery_ : nullptr; }
  /// The controller, or nullptr without a battery.
  const control::SmoothingController* controller() const {
    return controller_ ? &*controller_ : nullptr;
  }
  /// Energy the site drew so far, MWh.
  double site_mwh() const { return site_mwh_.value(); }
  /// Energy drawn upstream so far, MWh.
  double upstream_mwh() const { return upstream_mwh_.value(); }
  /// site - upstream - (battery energy given up - its losses), relative to the site's energy:
  /// zero when every MWh is accounted for.
  double energy_balance_residual() const;

 private:
  TransientParams params_;
  double dt_h_;
  StepState s_;
  std::optional<InverterBattery> battery_;
  std::optional<control::SmoothingController> controller_;
  std::optional<SwingGrid> grid_;
  std::optional<IslandPlant> island_;
  EnergySum site_mwh_, upstream_mwh_;
};

}  // namespace ballast::dynamics
