// Fuzz target for plantsim's configuration reader (apps/plantsim/config.cpp): any input is read
// or refused with an InputError (toml_fuzz.h).

#include "plantsim/config.h"
#include "toml_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const fuzz::Scratch scratch("plantsim_config_fuzz");
  return fuzz::fuzz_toml(scratch, data, size,
                         [](const std::string& path) { (void)plantsim::read_config(path); });
}
