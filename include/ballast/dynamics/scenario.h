#pragma once
/// @file A transient scenario file (TOML): the site's load, the battery, the controller and
/// what is upstream.

#include <set>
#include <string>

#include "ballast/core/toml_reader.h"
#include "ballast/dynamics/simulator.h"
#include "ballast/workload/scenario.h"

namespace ballast::dynamics {

/// A transient scenario as read from a file.
struct TransientScenario {
  std::string name;                 ///< shown in output
  workload::WorkloadSpec workload;  ///< the site's load
  TransientParams params;           ///< step, battery, control, upstream
  bool step_stated = false;         ///< the file gives step_ms (else the default 10 ms)
};

/// Reads a [battery] table: the storage unit with the keys, defaults and bounds of every
/// scenario's storage table (StorageTable: power_mw or charge_/discharge_power_mw, energy_mwh,
/// round_trip_efficiency (default kDefaultRoundTrip, split evenly) or charge_/
/// discharge_efficiency, soc_min, soc_max, standing_loss_per_h, initial_soc), and
/// inverter_lag_ms. `defaults` gives only the inverter lag and the start SOC when the table
/// omits them. Keys in `extra_keys` are left for the caller; any other is an error. Validates;
/// throws InputError at file:line:column.
BatteryParams read_battery_params(const TomlReader& r, const toml::table& table,
                                  BatteryParams defaults, std::set<std::string> extra_keys = {});

/// Reads `path`: top-level `name`, `step_ms`; tables [workload], [battery], [control] and
/// either [grid] or [island]. Throws InputError with file:line:column.
TransientScenario read_transient_scenario(const std::string& path);

}  // namespace ballast::dynamics
