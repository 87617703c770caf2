#pragma once
/// @file A dispatch scenario: demand, generators, renewables, storage and new loads on one
/// time grid. Read from TOML (docs/dispatch.md lists every key) or built in code.

#include <optional>
#include <string>
#include <vector>

#include "ballast/core/calendar.h"
#include "ballast/core/time_series.h"
#include "ballast/storage/storage.h"

namespace ballast::dispatch {

/// A dispatchable generator (or an aggregate fleet of one fuel).
struct Generator {
  std::string name;
  std::string kind;  ///< fuel or technology, e.g. "coal", "lng", "hydro"
  double capacity_mw = 0;
  double min_stable_mw = 0;                  ///< enforced while running; must_run units always run
  std::optional<double> ramp_up_mw_per_min;  ///< none: unlimited
  std::optional<double> ramp_down_mw_per_min;  ///< none: unlimited
  std::vector<double> cost_per_mwh;            ///< one value, or one per period
  bool must_run = false;                       ///< never below min_stable_mw
  bool thermal = true;               ///< counts in the thermal fleet (peak, flat objectives)
  std::vector<double> availability;  ///< per-unit of capacity per period; empty: 1
  double cost_at(std::size_t t) const {
    return cost_per_mwh.size() == 1 ? cost_per_mwh[0] : cost_per_mwh[t];
  }
  double available_mw(std::size_t t) const {
    return capacity_mw * (availability.empty() ? 1.0 : availability[t]);
  }
};

/// Wind or solar: the power available each period, MW; curtailable or must-take.
struct Renewable {
  std::string name;
  std::vector<double> available_mw;
  bool curtailable = true;
};

/// A storage unit. Pumped hydro pumps and generates at different ratings.
struct StorageUnit {
  std::string name;
  std::string kind = "battery";         ///< "battery" or "pumped_hydro" (reporting only)
  StorageParams params;                 ///< power both ways, energy, efficiencies, window, loss
  std::optional<double> initial_soc;    ///< fraction of energy; none: cyclic
  std::optional<double> final_soc_min;  ///< fraction of energy at the end, at least
  /// Battery wear priced per MWh discharged (cost objective), in the scenario's currency;
  /// 0: wear is free. See docs/aging.md.
  double wear_cost_per_mwh = 0;
  /// Piecewise-linear cycle-depth cost (Xu, Zhao, Shi, Kirschen, IEEE Trans. Power Systems
  /// 33(2), 2018): the SOC window split into as many equal segments as values, each value the
  /// cost per MWh drawn from that segment, rising with depth; empty: none.
  std::vector<double> cycle_cost_per_mwh;
};

/// A new load (e.g. an AI datacenter): a profile, and how much of its energy may be curtailed.
struct NewLoad {
  std::string name;
  std::vector<double> mw;            ///< per period
  double curtailment_allowance = 0;  ///< fraction of its energy that may go unserved
};

/// Everything one dispatch run needs. All series share `demand`'s time grid.
struct Scenario {
  std::string name;
  TimeSeries demand;  ///< MW per period
  Calendar calendar;
  std::vector<Generator> generators;
  std::vector<Renewable> renewables;
  std::vector<StorageUnit> storage;
  std::vector<NewLoad> new_loads;
  double value_of_lost_load_per_mwh = 10000;
  std::optional<double> reserve_margin;  ///< spare generator capacity >= this x demand
  std::optional<double> thermal_cap_mw;  ///< thermal fleet output at most this
  std::string currency = "USD";

  std::size_t periods() const { return demand.size(); }
  double step_h() const { return demand.step_h(); }
};

/// Reads a scenario from TOML. Relative paths are relative to the TOML file. Throws
/// InputError with file:line:column for any bad key, value, file or time grid mismatch.
Scenario load_scenario(const std::string& path);

/// The values of `profile` over `grid`'s span (same step, covering it); InputError otherwise.
std::vector<double> on_grid(const TimeSeries& profile, const TimeSeries& grid);

/// Checks sizes and ranges; throws InputError naming the asset and field.
void validate(const Scenario& s);

}  // namespace ballast::dispatch
