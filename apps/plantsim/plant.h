#pragma once
/// @file The simulated plant: a site load and a battery behind one grid meter, stepped in
/// integer ticks. No threads and no clock: PlantRunner drives it in real time, tests step it.

#include <cstdint>
#include <memory>
#include <optional>
#include <random>

#include "ballast/dynamics/battery.h"
#include "ballast/market/frequency.h"
#include "ballast/modbus/device.h"
#include "plantsim/load_profile.h"

namespace ballast::plantsim {

/// The grid meter's measurement model.
struct MeterParams {
  double noise_mw = 0.01;  ///< standard deviation of Gaussian noise on the active power, MW
  std::optional<double> frequency_hz = 60.0;  ///< constant frequency, Hz; nullopt: synthetic
  std::uint64_t seed = 1;                     ///< seed of the noise and of the synthetic frequency
};

/// Everything that shapes the plant's physics.
struct PlantParams {
  dynamics::BatteryParams battery = default_battery();
  std::int64_t step_us = 1000;          ///< physics step, microseconds
  std::int64_t comm_timeout_ms = 2000;  ///< no set-point written for this long: set-point 0
                                        ///< (0: no watchdog)
  MeterParams meter;

  /// 60 MW / 5 MWh, 95 % charge and discharge efficiency, SOC window 10-90 %, 20 ms lag,
  /// starting at 50 %.
  static dynamics::BatteryParams default_battery();
  /// Throws InputError naming the first parameter out of range.
  void validate() const;
};

/// What is true in the plant now (what a test compares the registers with).
struct PlantTruth {
  double time_s = 0;        ///< since the start, s
  double site_mw = 0;       ///< site load, MW
  double battery_mw = 0;    ///< battery output at the terminals, MW (> 0 discharge)
  double upstream_mw = 0;   ///< power from the grid, MW: site_mw - battery_mw
  double soc = 0;           ///< state of charge, fraction of nameplate energy
  double setpoint_mw = 0;   ///< set-point the inverter follows now, MW (> 0 discharge)
  double frequency_hz = 0;  ///< grid frequency, Hz
};

/// Site + battery + meter, one tick at a time.
class Plant {
 public:
  /// Validates `params`; throws InputError.
  Plant(const PlantParams& params, std::unique_ptr<SiteLoad> load);

  /// A client wrote set-point `mw` (> 0 discharge) now; restarts the comm watchdog.
  void write_setpoint_mw(double mw);
  /// Inverter fault on: status 4 and the inverter follows no set-point (output goes to 0).
  void set_inverter_fault(bool on) { inverter_fault_ = on; }
  /// Advances one tick.
  void step();

  /// Ticks done since the start.
  std::int64_t tick() const { return tick_; }
  /// Time since the start, microseconds.
  std::int64_t time_us() const { return tick_ * params_.step_us; }
  const PlantParams& params() const { return params_; }
  /// The plant's state now.
  PlantTruth truth() const;
  /// A new meter reading (noise drawn, heartbeat advanced).
  modbus::MeterValues read_meter();
  /// A new inverter reading (heartbeat advanced).
  modbus::InverterValues read_inverter();

 private:
  double setpoint_now_mw() const;

  PlantParams params_;
  std::unique_ptr<SiteLoad> load_;
  dynamics::InverterBattery battery_;
  std::optional<market::SyntheticFrequency> synthetic_;
  std::mt19937_64 noise_rng_;
  std::normal_distribution<double> noise_;
  std::int64_t tick_ = 0;
  std::int64_t ticks_per_frequency_step_ = 1;
  double site_mw_ = 0;
  double frequency_hz_ = 60;
  double written_setpoint_mw_ = 0;
  std::int64_t written_at_us_ = 0;
  bool inverter_fault_ = false;
  std::uint32_t meter_heartbeat_ = 0;
  std::uint32_t inverter_heartbeat_ = 0;
};

}  // namespace ballast::plantsim
