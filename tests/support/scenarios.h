#pragma once
// Small dispatch scenarios built in code: hourly, starting 2021-01-01 UTC.

#include <string>
#include <vector>

#include "ballast/dispatch/scenario.h"

namespace ballast::testing {

inline dispatch::Scenario scenario(std::vector<double> demand) {
  dispatch::Scenario s;
  s.demand.start_s = 1609459200;
  s.demand.step_s = 3600;
  s.demand.values = std::move(demand);
  return s;
}

inline dispatch::Generator generator(std::string name, double capacity_mw,
                                     std::vector<double> cost_per_mwh) {
  dispatch::Generator g;
  g.name = std::move(name);
  g.capacity_mw = capacity_mw;
  g.cost_per_mwh = std::move(cost_per_mwh);
  return g;
}

inline dispatch::StorageUnit store(double power_mw, double energy_mwh,
                                   std::optional<double> initial_soc) {
  dispatch::StorageUnit u;
  u.name = "store";
  u.params = StorageParams::with_round_trip(power_mw, energy_mwh, 1.0);
  u.initial_soc = initial_soc;
  return u;
}

}  // namespace ballast::testing
