#pragma once
/// @file The human shorthand for a storage unit: "10GW/40GWh@85%" or "500MW/4h@90%".

#include <optional>
#include <string_view>

namespace ballast {

/// What a shorthand names: power, energy and, if given, round-trip efficiency.
struct StorageShorthand {
  double power_mw = 0;
  double energy_mwh = 0;
  std::optional<double> round_trip_efficiency;
};

/// Parses "P/E[@RTE]" where P is a power ("10GW"), E an energy ("40GWh") or a duration at
/// full power ("4h"), RTE a fraction ("85%" or "0.85"). Throws InputError when malformed.
StorageShorthand parse_storage_shorthand(std::string_view text);

}  // namespace ballast
