#pragma once
/// @file What a dispatch means: energy, capacity factors, hours at full output, storage cycles.

#include <optional>
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

/// The marginal price (DispatchResult::marginal_price_per_mwh) over the run, in the scenario's
/// currency per MWh: what a planner reads from the per-period duals without the per-period CSV.
struct PriceSummary {
  double mean_per_mwh = 0;  ///< over periods (all of one length): the time-weighted mean
  /// sum(price x demand) / sum(demand), today's demand: what it would pay on average at the
  /// marginal price; null (nullopt) when the demand is zero throughout
  std::optional<double> demand_weighted_mean_per_mwh;
  double min_per_mwh = 0;
  double max_per_mwh = 0;
  /// hours priced at the value of lost load or above it: load is shed at the margin
  double hours_at_value_of_lost_load = 0;
  double hours_at_or_below_zero = 0;  ///< hours where more demand would cost nothing (or save)
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
  PriceSummary price;
};

/// The price summary of per-period prices (currency/MWh) of periods `step_h` long, weighted by
/// `demand_mw`; a price at or above `value_of_lost_load_per_mwh` (less a relative 1e-9) counts as
/// at it, one within 1e-9 x that value of zero as zero.
PriceSummary summarize_price(const std::vector<double>& price_per_mwh,
                             const std::vector<double>& demand_mw, double step_h,
                             double value_of_lost_load_per_mwh);

DispatchSummary summarize(const Scenario& s, const DispatchResult& r);

/// Net load: demand + new loads (and the added load) - available renewables, MW per period.
std::vector<double> net_load_mw(const Scenario& s, const DispatchResult& r);

}  // namespace ballast::dispatch
