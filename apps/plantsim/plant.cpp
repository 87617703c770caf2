#include "plantsim/plant.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast::plantsim {

namespace {

// The synthetic frequency advances in 0.1 s steps (the finer of the two SyntheticFrequency
// offers); the meter holds each value for its step.
constexpr std::int64_t kFrequencyStepUs = 100000;
// Status codes of ballast's default register map: 3 = running (InverterMap::running_status),
// 4 = fault (docs/plantsim.md).
constexpr int kStatusRunning = 3;
constexpr int kStatusFault = 4;
// SOC within this of the window's edge counts as at the edge (StorageModel pins it there).
constexpr double kSocEdge = 1e-9;

}  // namespace

dynamics::BatteryParams PlantParams::default_battery() {
  dynamics::BatteryParams b;
  b.storage.discharge_power_mw = 60;
  b.storage.charge_power_mw = 60;
  b.storage.energy_mwh = 5;
  b.storage.charge_efficiency = 0.95;
  b.storage.discharge_efficiency = 0.95;
  b.storage.soc_min = 0.1;
  b.storage.soc_max = 0.9;
  b.inverter_lag_ms = 20;
  b.initial_soc = 0.5;
  return b;
}

void PlantParams::validate() const {
  battery.validate();
  if (step_us < 100 || step_us > 100000) {
    throw InputError(fmt::format("the physics step is {} us; give 0.1 .. 100 ms", step_us));
  }
  if (kFrequencyStepUs % step_us != 0) {
    throw InputError("the physics step must divide 100 ms (the synthetic frequency's step)");
  }
  if (comm_timeout_ms < 0) throw InputError("comm_timeout_ms must be >= 0 (0: no watchdog)");
  if (meter.noise_mw < 0) throw InputError("noise_mw must be >= 0");
  if (meter.frequency_hz && (*meter.frequency_hz < 40 || *meter.frequency_hz > 70)) {
    throw InputError(fmt::format("frequency_hz {} is out of range 40 .. 70", *meter.frequency_hz));
  }
}

Plant::Plant(const PlantParams& params, std::unique_ptr<SiteLoad> load)
    : params_((params.validate(), params)),
      load_(std::move(load)),
      battery_(params.battery, static_cast<double>(params.step_us) * 1e-6),
      noise_rng_(params.meter.seed),
      noise_(0.0, params.meter.noise_mw > 0 ? params.meter.noise_mw : 1.0),
      ticks_per_frequency_step_(kFrequencyStepUs / params.step_us) {
  if (params_.meter.frequency_hz) {
    frequency_hz_ = *params_.meter.frequency_hz;
  } else {
    market::SyntheticFrequencyParams f;
    f.step_s = static_cast<double>(kFrequencyStepUs) * 1e-6;
    f.seed = params_.meter.seed;
    synthetic_.emplace(f);
    frequency_hz_ = synthetic_->next();
  }
  site_mw_ = load_->power_mw(0);
}

void Plant::write_setpoint_mw(double mw) {
  written_setpoint_mw_ = mw;
  written_at_us_ = time_us();
}

double Plant::setpoint_now_mw() const {
  if (inverter_fault_) return 0;
  // Utility-scale inverters fall back to a safe output when their plant controller goes silent
  // (a configurable communication-loss timeout); plantsim falls back to 0 MW.
  if (params_.comm_timeout_ms > 0 && time_us() - written_at_us_ >= params_.comm_timeout_ms * 1000) {
    return 0;
  }
  return written_setpoint_mw_;
}

void Plant::step() {
  battery_.step(setpoint_now_mw());
  ++tick_;
  site_mw_ = load_->power_mw(time_us());
  if (synthetic_ && tick_ % ticks_per_frequency_step_ == 0) frequency_hz_ = synthetic_->next();
}

PlantTruth Plant::truth() const {
  PlantTruth t;
  t.time_s = static_cast<double>(time_us()) * 1e-6;
  t.site_mw = site_mw_;
  t.battery_mw = battery_.output_mw();
  t.upstream_mw = site_mw_ - battery_.output_mw();
  t.soc = battery_.soc();
  t.setpoint_mw = setpoint_now_mw();
  t.frequency_hz = frequency_hz_;
  return t;
}

modbus::MeterValues Plant::read_meter() {
  const double noise_mw = params_.meter.noise_mw > 0 ? noise_(noise_rng_) : 0.0;
  modbus::MeterValues v;
  v.active_power_w = (site_mw_ - battery_.output_mw() + noise_mw) * 1e6;
  v.frequency_hz = frequency_hz_;
  meter_heartbeat_ = (meter_heartbeat_ + 1) & 0xFFFFu;  // a uint16 register wraps
  v.heartbeat = meter_heartbeat_;
  return v;
}

modbus::InverterValues Plant::read_inverter() {
  const StorageParams& s = params_.battery.storage;
  const double soc = battery_.soc();
  modbus::InverterValues v;
  v.soc_pct = soc * 100;
  v.active_power_w = battery_.output_mw() * 1e6;
  v.max_discharge_power_w = soc > s.soc_min + kSocEdge ? s.discharge_power_mw * 1e6 : 0;
  v.max_charge_power_w = soc < s.soc_max - kSocEdge ? s.charge_power_mw * 1e6 : 0;
  if (inverter_fault_) v.max_discharge_power_w = v.max_charge_power_w = 0;
  v.status = inverter_fault_ ? kStatusFault : kStatusRunning;
  inverter_heartbeat_ = (inverter_heartbeat_ + 1) & 0xFFFFu;
  v.heartbeat = inverter_heartbeat_;
  return v;
}

}  // namespace ballast::plantsim
