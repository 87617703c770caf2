#pragma once
/// @file Reading quantities written with units ("10GW", "40 GWh", "85%") and number lists.

#include <optional>
#include <string_view>
#include <vector>

namespace ballast {

/// Parses a power such as "500", "500MW", "10GW", "250kW" into MW (a bare number is MW).
std::optional<double> parse_power_mw(std::string_view text);
/// Parses an energy such as "400", "400MWh", "40GWh", "10TWh" into MWh (a bare number is MWh).
std::optional<double> parse_energy_mwh(std::string_view text);
/// Parses a fraction written "85%" or "0.85" into 0.85.
std::optional<double> parse_fraction(std::string_view text);
/// Parses a plain decimal number with nothing after it.
std::optional<double> parse_double(std::string_view text);

/// Parses a duration such as "48h", "30min", "2d" or "900s" into seconds.
std::optional<double> parse_duration_s(std::string_view text);

/// Parses "a,b,c" into numbers; nullopt if any item is not a number.
std::optional<std::vector<double>> parse_number_list(std::string_view text);
/// Parses "start:stop:step" (inclusive of stop within rounding) or a list "a,b,c".
std::optional<std::vector<double>> parse_range_or_list(std::string_view text);

}  // namespace ballast
