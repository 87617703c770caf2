#pragma once
/// @file Storage as a planner states it — a shorthand or power and energy, efficiencies, SOC
/// window, losses and start — with one set of defaults and bounds for every front end.

#include <optional>
#include <string>

#include "ballast/core/fields.h"
#include "ballast/storage/storage.h"

namespace ballast {

/// Round-trip efficiency when none is given: a lithium-ion battery at its terminals
/// (NREL ATB 2023 assumes 85 %).
inline constexpr double kDefaultRoundTrip = 0.85;

/// A storage unit as the planning studies take it.
struct StorageSpec {
  std::string storage;  ///< shorthand "10GW/40GWh@85%"; empty: power and energy below
  std::optional<double> storage_mw;
  std::optional<double> storage_mwh;
  std::optional<double> efficiency;  ///< round trip, split sqrt() each way
  std::optional<double> charge_efficiency;
  std::optional<double> discharge_efficiency;
  double soc_min = 0;
  double soc_max = 1;
  double standing_loss_per_h = 0;  ///< fraction of the stored energy lost per hour
  std::string soc_start = "cyclic";

  /// Every field; `with_unit` false leaves out the shorthand, power and energy (commands that
  /// size the storage themselves).
  static const FieldTable<StorageSpec>& fields(bool with_unit = true);
};

/// A storage unit as a scenario file states it ([battery] of transient, market and ballastd
/// scenarios, [[storage]] of dispatch scenarios): one set of keys, defaults and bounds.
struct StorageTable {
  std::optional<double> power_mw;            ///< both directions
  std::optional<double> charge_power_mw;     ///< default: power_mw
  std::optional<double> discharge_power_mw;  ///< default: power_mw
  std::optional<double> energy_mwh;
  std::optional<double> round_trip_efficiency;  ///< default kDefaultRoundTrip, split sqrt()
  std::optional<double> charge_efficiency;
  std::optional<double> discharge_efficiency;
  double soc_min = 0;
  double soc_max = 1;
  double standing_loss_per_h = 0;
  std::optional<double> initial_soc;  ///< fraction of energy; none: the scenario's default

  static const FieldTable<StorageTable>& fields();
};

/// The parameters a table states; `default_power_mw` when it gives no power (none: power is
/// required). InputError, without a location, when a value is missing or inconsistent.
StorageParams storage_params(const StorageTable& table,
                             std::optional<double> default_power_mw = std::nullopt);

/// Whether the spec names a unit (a shorthand, or power and energy).
bool has_unit(const StorageSpec& spec);
/// The parameters with the given power and energy and the spec's efficiencies, window and
/// losses; InputError when they are out of range or inconsistent.
StorageParams storage_params(const StorageSpec& spec, double power_mw, double energy_mwh);
/// The unit the spec names (shorthand, or storage_mw and storage_mwh), or nullopt when none.
std::optional<StorageParams> storage_unit(const StorageSpec& spec);
SocStart soc_start(const StorageSpec& spec);
/// "full", "empty" or "cyclic".
std::string to_string(SocStart start);

}  // namespace ballast
