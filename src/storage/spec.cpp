#include "ballast/storage/spec.h"

#include "ballast/core/error.h"
#include "ballast/core/field_builders.h"
#include "ballast/storage/shorthand.h"

namespace ballast {
namespace {

FieldTable<StorageSpec> make_fields(bool with_unit) {
  using S = StorageSpec;
  FieldTable<S> t;
  if (with_unit) {
    t.add({.name = "storage",
           .help = "Storage as POWER/ENERGY[@RTE], e.g. 10GW/40GWh@85%",
           .kind = FieldKind::kText},
          &S::storage);
    t.add({.name = "power_mw",
           .help = "Storage power, MW",
           .unit = FieldUnit::kMw,
           .min = 0,
           .old_names = {"storage_mw"}},
          &S::storage_mw);
    t.add({.name = "energy_mwh",
           .help = "Storage energy, MWh",
           .unit = FieldUnit::kMwh,
           .min = 0,
           .old_names = {"storage_mwh"}},
          &S::storage_mwh);
  }
  t.add(round_trip_efficiency_field(
            "Round-trip efficiency, split sqrt(RTE) on charge and on discharge (default " +
            std::to_string(static_cast<int>(kDefaultRoundTrip * 100)) + " %)"),
        &S::efficiency);
  FieldInfo ce = fraction_field("charge_efficiency", "Charge efficiency");
  ce.min_exclusive = true;
  t.add(ce, &S::charge_efficiency);
  FieldInfo de = fraction_field("discharge_efficiency", "Discharge efficiency");
  de.min_exclusive = true;
  t.add(de, &S::discharge_efficiency);
  t.add(fraction_field("soc_min", "Lowest state of charge, fraction of energy"), &S::soc_min);
  t.add(fraction_field("soc_max", "Highest state of charge, fraction of energy"), &S::soc_max);
  t.add(standing_loss_field(), &S::standing_loss_per_h);
  t.add({.name = "soc_start",
         .help = "Start state: full, empty, or cyclic (end with at least the start energy)",
         .kind = FieldKind::kChoice,
         .choices = {"full", "empty", "cyclic"}},
        &S::soc_start);
  return t;
}

FieldTable<StorageTable> make_table_fields() {
  using T = StorageTable;
  const auto fraction = [](std::string name, std::string help) {
    return fraction_field(std::move(name), std::move(help));
  };
  FieldTable<T> t;
  t.add({.name = "power_mw", .help = "Power both ways, MW", .unit = FieldUnit::kMw, .min = 0},
        &T::power_mw);
  t.add({.name = "charge_power_mw",
         .help = "Charge power, MW (default power_mw)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .old_names = {"charge_mw"}},
        &T::charge_power_mw);
  t.add({.name = "discharge_power_mw",
         .help = "Discharge power, MW (default power_mw)",
         .unit = FieldUnit::kMw,
         .min = 0,
         .old_names = {"discharge_mw"}},
        &T::discharge_power_mw);
  t.add({.name = "energy_mwh", .help = "Energy, MWh", .unit = FieldUnit::kMwh, .min = 0},
        &T::energy_mwh);
  t.add(round_trip_efficiency_field("Round-trip efficiency, split sqrt() each way"),
        &T::round_trip_efficiency);
  FieldInfo ce = fraction("charge_efficiency", "Charge efficiency");
  ce.min_exclusive = true;
  t.add(ce, &T::charge_efficiency);
  FieldInfo de = fraction("discharge_efficiency", "Discharge efficiency");
  de.min_exclusive = true;
  t.add(de, &T::discharge_efficiency);
  t.add(fraction("soc_min", "Lowest state of charge, fraction of energy"), &T::soc_min);
  t.add(fraction("soc_max", "Highest state of charge, fraction of energy"), &T::soc_max);
  t.add(standing_loss_field(), &T::standing_loss_per_h);
  t.add(fraction("initial_soc", "Starting state of charge, fraction of energy"), &T::initial_soc);
  return t;
}

}  // namespace

const FieldTable<StorageTable>& StorageTable::fields() {
  static const FieldTable<StorageTable> table = make_table_fields();
  return table;
}

StorageParams storage_params(const StorageTable& t, std::optional<double> default_power_mw) {
  const std::optional<double> power = t.power_mw ? t.power_mw : default_power_mw;
  if (!power && !(t.charge_power_mw && t.discharge_power_mw)) {
    throw InputError("needs 'power_mw', or both 'charge_power_mw' and 'discharge_power_mw'");
  }
  if (!t.energy_mwh) throw InputError("needs 'energy_mwh'");
  StorageParams p = StorageParams::with_round_trip(
      power.value_or(0), *t.energy_mwh, t.round_trip_efficiency.value_or(kDefaultRoundTrip));
  if (t.charge_power_mw) p.charge_power_mw = *t.charge_power_mw;
  if (t.discharge_power_mw) p.discharge_power_mw = *t.discharge_power_mw;
  if (t.charge_efficiency) p.charge_efficiency = *t.charge_efficiency;
  if (t.discharge_efficiency) p.discharge_efficiency = *t.discharge_efficiency;
  p.soc_min = t.soc_min;
  p.soc_max = t.soc_max;
  p.standing_loss_per_h = t.standing_loss_per_h;
  p.validate();
  return p;
}

const FieldTable<StorageSpec>& StorageSpec::fields(bool with_unit) {
  static const FieldTable<StorageSpec> with = make_fields(true);
  static const FieldTable<StorageSpec> without = make_fields(false);
  return with_unit ? with : without;
}

bool has_unit(const StorageSpec& spec) { return !spec.storage.empty() || spec.storage_mw; }

StorageParams storage_params(const StorageSpec& spec, double power_mw, double energy_mwh) {
  StorageParams p = StorageParams::with_round_trip(power_mw, energy_mwh,
                                                   spec.efficiency.value_or(kDefaultRoundTrip));
  if (spec.charge_efficiency) p.charge_efficiency = *spec.charge_efficiency;
  if (spec.discharge_efficiency) p.discharge_efficiency = *spec.discharge_efficiency;
  p.soc_min = spec.soc_min;
  p.soc_max = spec.soc_max;
  p.standing_loss_per_h = spec.standing_loss_per_h;
  p.validate();
  return p;
}

std::optional<StorageParams> storage_unit(const StorageSpec& spec) {
  if (!spec.storage.empty()) {
    if (spec.storage_mw || spec.storage_mwh) {
      throw InputError("give storage either as --storage P/E or as --power-mw and --energy-mwh");
    }
    const StorageShorthand s = parse_storage_shorthand(spec.storage);
    StorageSpec with_rte = spec;
    if (s.round_trip_efficiency && !spec.efficiency) with_rte.efficiency = s.round_trip_efficiency;
    return storage_params(with_rte, s.power_mw, s.energy_mwh);
  }
  if (spec.storage_mw.has_value() != spec.storage_mwh.has_value()) {
    throw InputError(spec.storage_mw ? "--power-mw needs --energy-mwh"
                                     : "--energy-mwh needs --power-mw");
  }
  if (!spec.storage_mw) return std::nullopt;
  return storage_params(spec, *spec.storage_mw, *spec.storage_mwh);
}

SocStart soc_start(const StorageSpec& spec) {
  if (spec.soc_start == "full") return SocStart::kFull;
  if (spec.soc_start == "empty") return SocStart::kEmpty;
  return SocStart::kCyclic;
}

std::string to_string(SocStart start) {
  switch (start) {
    case SocStart::kFull:
      return "full";
    case SocStart::kEmpty:
      return "empty";
    case SocStart::kCyclic:
      break;
  }
  return "cyclic";
}

}  // namespace ballast
