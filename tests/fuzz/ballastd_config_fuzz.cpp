// Fuzz target for ballastd's configuration reader (apps/ballastd/config.cpp): a configuration
// it returns holds only finite numbers in their physical ranges (toml_fuzz.h).

#include "config.h"
#include "toml_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const fuzz::Scratch scratch("ballastd_config_fuzz");
  return fuzz::fuzz_toml(scratch, data, size, [](const std::string& path) {
    const ballastd::DaemonConfig c = ballastd::read_config(path, scratch.token());
    fuzz::require_physical(c.battery.power_mw, limits::kPowerMw, "battery power");
    fuzz::require_physical(c.battery.energy_mwh, limits::kEnergyMwh, "battery energy");
  });
}
