// Fuzz target for the transient scenario reader (src/dynamics/scenario.cpp, with the workload
// and smoothing tables it reads): a scenario it returns holds only finite numbers in their
// physical ranges (toml_fuzz.h).

#include "ballast/dynamics/scenario.h"
#include "toml_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const fuzz::Scratch scratch("transient_scenario_fuzz");
  return fuzz::fuzz_toml(scratch, data, size, [](const std::string& path) {
    const dynamics::TransientScenario s = dynamics::read_transient_scenario(path);
    if (s.params.battery) {
      fuzz::require_physical(s.params.battery->storage.energy_mwh, limits::kEnergyMwh,
                             "battery energy");
    }
    fuzz::require_physical(s.params.control.ramp_mw_per_s, limits::kPowerMw, "ramp");
    fuzz::require_physical(s.params.grid.base_mva, limits::kPowerMw, "base_mva");
    fuzz::require_physical(s.params.island.turbine_mw, limits::kPowerMw, "turbine_mw");
  });
}
