// Fuzz target for the market scenario reader (src/market/scenario.cpp): a scenario it returns
// holds only finite numbers in their physical ranges (toml_fuzz.h).

#include "ballast/market/scenario.h"
#include "toml_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace ballast;
  static const fuzz::Scratch scratch("market_scenario_fuzz");
  return fuzz::fuzz_toml(scratch, data, size, [](const std::string& path) {
    const market::MarketScenario s = market::read_market_scenario(path);
    fuzz::require_physical(s.config.bid_mw, limits::kPowerMw, "bid_mw");
    fuzz::require_physical(s.config.storage.energy_mwh, limits::kEnergyMwh, "energy_mwh");
    for (const auto& t : s.frequency.synthetic.trips) {
      fuzz::require_physical(t.time_s, limits::kSeconds, "trip time");
      fuzz::require_physical(t.lost_mw, limits::kPowerMw, "trip loss");
    }
  });
}
