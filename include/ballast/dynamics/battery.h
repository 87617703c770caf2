#pragma once
/// @file A battery as the fast simulation sees it: ballast's storage physics (StorageModel)
/// behind an inverter that follows its set-point with a first-order lag.

#include <cmath>

#include "ballast/storage/storage.h"

namespace ballast::dynamics {

/// The battery: storage physics, inverter lag and the state of charge it starts at.
struct BatteryParams {
  StorageParams storage{};      ///< power, energy, efficiencies, SOC window, standing loss
  double inverter_lag_ms = 20;  ///< first-order lag of the inverter output, ms (0: none)
  double initial_soc = 0.5;     ///< SOC at the start, fraction of nameplate energy

  /// Throws InputError naming the first parameter out of range.
  void validate() const;
};

/// Inverter + storage at a fixed step: the set-point is clipped to the power rating, passes
/// the lag y += a (r - y) with a = 1 - exp(-dt / lag), and StorageModel::step delivers what the
/// stored energy allows.
class InverterBattery {
 public:
  /// Validates; throws InputError.
  InverterBattery(const BatteryParams& params, double dt_s);

  /// One step with inverter set-point `request_mw` (> 0 discharge); returns the power delivered
  /// at the terminals, MW (> 0 discharge, < 0 charge).
  double step(double request_mw) {
    const double r = request_mw > discharge_max_ ? discharge_max_
                     : request_mw < -charge_max_ ? -charge_max_
                                                 : request_mw;
    const double y = output_mw_ + alpha_ * (r - output_mw_);
    standing_loss_mwh_ += (state_.energy_mwh - e_min_) * loss_share_;
    const double delivered = model_.step(state_, y);
    // The cells gave less than the inverter asked: an energy limit was hit. The inverter's
    // output is what was delivered (no wind-up).
    if (std::fabs(delivered - y) > 1e-9 * std::fmax(1.0, std::fabs(y))) ++short_steps_;
    output_mw_ = delivered;
    return delivered;
  }

  /// Power delivered in the last step, MW (> 0 discharge).
  double output_mw() const { return output_mw_; }
  /// Stored energy now, MWh.
  double stored_mwh() const { return state_.energy_mwh; }
  /// State of charge now, fraction of nameplate energy.
  double soc() const { return state_.energy_mwh * inv_energy_; }
  /// Energy stored at the start, MWh.
  double initial_mwh() const { return initial_mwh_; }
  /// Energy drawn and delivered at the terminals so far, MWh.
  const StorageState& state() const { return state_; }
  /// Energy lost to standing loss so far, MWh.
  double standing_loss_mwh() const { return standing_loss_mwh_; }
  /// Energy lost in charging and discharging so far, MWh.
  double conversion_loss_mwh() const;
  /// Steps in which the stored energy could not deliver the inverter's output.
  long long short_steps() const { return short_steps_; }
  const BatteryParams& params() const { return params_; }

 private:
  BatteryParams params_;
  StorageModel model_;
  StorageState state_;
  double alpha_;
  double discharge_max_, charge_max_;
  double e_min_;
  double loss_share_;  // 1 - retention
  double inv_energy_;
  double initial_mwh_;
  double output_mw_ = 0;
  double standing_loss_mwh_ = 0;
  long long short_steps_ = 0;
};

/// The lag's factor a = 1 - exp(-dt / lag) (1 without a lag); the controller inverts the same.
double lag_alpha(double dt_s, double lag_s);

}  // namespace ballast::dynamics
