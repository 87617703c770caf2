#pragma once
/// @file What a dispatch means: energy, capacity factors, hours at full output, storage cycles.

#include <string>
#include <vector>

#include "ballast/dispatch/dispatch.h"

namespace ballast::dispatch {

struct GeneratorSummary {
  std::string name;
  std::string kind;
  double energy_mwh = 0;
  double capacity_factor = 0;  ///< energy / (capacity x hours)
  double hours_at_full = 0;    ///< hours at >= 99 % of available capacity
  double starts_proxy = 0;     ///< sum of upward output changes / capacity (full starts)
  double cost = 0;
};

struct StorageSummary {
  std::string name;
  std::string kind;
  double energy_in_mwh = 0;           ///< drawn at the terminals
  double energy_out_mwh = 0;          ///< delivered at the terminals
  double equivalent_full_cycles = 0;  ///< energy out / nameplate energy
  double losses_mwh = 0;              ///< in - out - (end energy - start energy)
  double dumped_mwh = 0;              ///< lost beyond the efficiencies (see DispatchResult)
};

struct DispatchSummary {
  double cost = 0;
  double unserved_mwh = 0;
  double renewable_curtailed_mwh = 0;
  double new_load_curtailed_mwh = 0;
  double spill_mwh = 0;
  double net_load_peak_mw = 0;  ///< demand + new loads - available renewables, at peak
  double thermal_peak_mw = 0;
  double thermal_hours_near_peak = 0;  ///< hours with thermal output >= 99 % of its peak
  double thermal_energy_mwh = 0;
  std::vector<GeneratorSummary> generators;
  std::vector<StorageSummary> storage;
};

DispatchSummary summarize(const Scenario& s, const DispatchResult& r);

/// Net load: demand + new loads (and the added load) - available renewables, MW per period.
std::vector<double> net_load_mw(const Scenario& s, const DispatchResult& r);

}  // namespace ballast::dispatch
