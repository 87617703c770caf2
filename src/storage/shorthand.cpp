#include "ballast/storage/shorthand.h"

#include <fmt/format.h>

#include <string>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/quantity.h"

namespace ballast {

StorageShorthand parse_storage_shorthand(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return InputError(
        fmt::format("--storage {}: {}; write POWER/ENERGY[@RTE], e.g. "
                    "10GW/40GWh@85% or 500MW/4h@90%",
                    quote_input(text), why));
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) throw bad("no '/' between power and energy");
  const std::size_t at = text.find('@', slash);
  StorageShorthand out;
  const std::optional<double> power = parse_power_mw(text.substr(0, slash));
  if (!power || *power < 0) throw bad("the power is not a number with a unit W, kW, MW or GW");
  out.power_mw = *power;
  std::string_view energy = text.substr(
      slash + 1, at == std::string_view::npos ? std::string_view::npos : at - slash - 1);
  // A number followed by 'h' alone is a duration at full power ("4h"); "40GWh" is an energy.
  const std::optional<double> hours =
      energy.empty() || (energy.back() != 'h' && energy.back() != 'H')
          ? std::nullopt
          : parse_double(energy.substr(0, energy.size() - 1));
  if (hours) {
    if (*hours < 0) throw bad("the duration is not a number of hours");
    out.energy_mwh = *hours * out.power_mw;
  } else {
    const std::optional<double> e = parse_energy_mwh(energy);
    if (!e || *e < 0) throw bad("the energy is not a number with a unit Wh, MWh, GWh or TWh");
    out.energy_mwh = *e;
  }
  if (at != std::string_view::npos) {
    // "@85%" and "@0.85" as a fraction would read them; a bare number above 1 ("@85") is the
    // percent people type.
    std::optional<double> rte = parse_fraction(text.substr(at + 1));
    if (rte && *rte > 1 && *rte <= 100 && text.back() != '%') *rte /= 100;
    if (!rte || *rte <= 0 || *rte > 1) throw bad("the efficiency must be in (0, 100%]");
    out.round_trip_efficiency = *rte;
  }
  return out;
}

}  // namespace ballast
