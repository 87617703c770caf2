#pragma once
/// @file Storage physics shared by every simulator: one step() used everywhere.

#include <algorithm>
#include <cmath>
#include <limits>

namespace ballast {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

/// Immutable, validated parameters of one storage unit (battery or pumped hydro).
struct StorageParams {
  double discharge_power_mw = kUnlimited;  ///< MW delivered at the terminals, at most
  double charge_power_mw = kUnlimited;     ///< MW drawn at the terminals, at most
  double energy_mwh = 0;                   ///< nameplate energy, MWh
  double charge_efficiency = 1;            ///< stored MWh per MWh drawn
  double discharge_efficiency = 1;         ///< delivered MWh per MWh taken from store
  double soc_min = 0;                      ///< lowest state of charge, fraction of energy_mwh
  double soc_max = 1;                      ///< highest state of charge, fraction of energy_mwh
  double standing_loss_per_h = 0;          ///< fraction of energy above soc_min lost per hour

  /// Splits a round-trip efficiency evenly: sqrt(rte) on charge and on discharge.
  static StorageParams with_round_trip(double power_mw, double energy_mwh, double rte);
  /// Throws InputError naming the first parameter out of range.
  void validate() const;
  double min_energy_mwh() const { return soc_min * energy_mwh; }
  double max_energy_mwh() const { return soc_max * energy_mwh; }
  double round_trip_efficiency() const { return charge_efficiency * discharge_efficiency; }
};

/// Where a run's state of charge starts; cyclic ends with at least the starting energy.
enum class SocStart { kFull, kEmpty, kCyclic };

/// Mutable state of one storage unit.
struct StorageState {
  double energy_mwh = 0;      ///< energy stored now
  double charged_mwh = 0;     ///< energy drawn at the terminals so far
  double discharged_mwh = 0;  ///< energy delivered at the terminals so far
};

/// The physics at one fixed step length: standing loss, then charge or discharge within power,
/// energy window and efficiency. Precomputes the per-step retention so step() is cheap.
class StorageModel {
 public:
  StorageModel(const StorageParams& params, double dt_h);

  const StorageParams& params() const { return params_; }
  double dt_h() const { return dt_h_; }
  /// Fraction of stored energy left after one step of standing loss.
  double retention() const { return retention_; }

  /// Asks for `request_mw` (> 0 discharge to the grid, < 0 charge from it) for one step;
  /// returns the power actually delivered (> 0) or absorbed (< 0) at the terminals.
  /// Standing loss acts on the energy above the SOC floor (the floor is a reserve).
  double step(StorageState& state, double request_mw) const {
    const double kept = (state.energy_mwh - e_min_) * retention_;  // usable, after loss
    if (request_mw >= 0) {
      const double p = std::min({request_mw, params_.discharge_power_mw, kept * eta_d_per_h_});
      state.energy_mwh = e_min_ + std::max(0.0, kept - p * dt_over_eta_d_);
      state.discharged_mwh += p * dt_h_;
      return p;
    }
    const double room = std::max(0.0, usable_ - kept) * per_h_over_eta_c_;
    const double p = std::min({-request_mw, params_.charge_power_mw, room});
    state.energy_mwh = e_min_ + std::min(usable_, kept + p * dt_eta_c_);
    state.charged_mwh += p * dt_h_;
    return -p;
  }

  /// The energy a run starts with for kFull and kEmpty (kCyclic is searched by the caller).
  double initial_energy_mwh(SocStart start) const {
    return start == SocStart::kEmpty ? e_min_ : e_min_ + usable_;
  }
  double min_energy_mwh() const { return e_min_; }
  double max_energy_mwh() const { return e_min_ + usable_; }

 private:
  StorageParams params_;
  double dt_h_;
  double retention_;
  double e_min_;
  double usable_;            // MWh between the SOC floor and ceiling
  double eta_d_per_h_;       // MW deliverable per usable MWh in one step
  double per_h_over_eta_c_;  // MW absorbable per MWh of room in one step
  double dt_over_eta_d_;
  double dt_eta_c_;
};

}  // namespace ballast
