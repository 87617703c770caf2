// Fuzz target for the dispatch scenario reader (src/dispatch/scenario_toml.cpp): a scenario it
// returns holds only finite numbers in their physical ranges (toml_fuzz.h).

#include "ballast/dispatch/scenario.h"
#include "toml_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const fuzz::Scratch scratch("dispatch_scenario_fuzz");
  return fuzz::fuzz_toml(scratch, data, size, [](const std::string& path) {
    const dispatch::Scenario s = dispatch::load_scenario(path);
    for (const double d : s.demand.values) fuzz::require_physical(d, limits::kPowerMw, "demand");
    for (const auto& g : s.generators) {
      fuzz::require_physical(g.capacity_mw, limits::kPowerMw, "capacity_mw");
      for (const double c : g.cost_per_mwh) {
        fuzz::require_physical(c, limits::kPricePerMwh, "cost_per_mwh");
      }
    }
    for (const auto& l : s.new_loads) {
      for (const double mw : l.mw) fuzz::require_physical(mw, limits::kPowerMw, "new load");
    }
    for (const auto& u : s.storage) {
      fuzz::require_physical(u.params.energy_mwh, limits::kEnergyMwh, "storage energy");
    }
  });
}
