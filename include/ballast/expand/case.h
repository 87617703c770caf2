#pragma once
/// @file A capacity-expansion case: today's system (a dispatch scenario), the new load, and the
/// candidates whose size the LP chooses. Read from TOML (docs/expansion.md lists every key).

#include <optional>
#include <string>
#include <vector>

#include "ballast/dispatch/scenario.h"

namespace ballast::expand {

/// What building one MW (or MWh) costs and how long it lasts. Currency per kW (kWh) as the
/// technology cost literature quotes it (NREL ATB, Lazard LCOE).
struct Costs {
  double capex_per_kw = 0;          ///< overnight capital, currency/kW
  double fixed_om_per_kw_year = 0;  ///< currency/kW-year
  double lifetime_years = 20;       ///< economic life for the capital recovery factor
};

/// Storage with power and energy sized apart.
struct StorageCandidate {
  std::string name;
  Costs power;                       ///< per kW of power (inverter, grid connection)
  Costs energy;                      ///< capex_per_kw and fixed_om_per_kw_year read per kWh
  double variable_cost_per_mwh = 0;  ///< per MWh discharged (e.g. wear)
  double charge_efficiency = 1;
  double discharge_efficiency = 1;
  double soc_min = 0, soc_max = 1;
  double standing_loss_per_h = 0;  ///< fraction of the energy above soc_min per hour
  double min_power_mw = 0, max_power_mw = 1e9;
  double min_energy_mwh = 0, max_energy_mwh = 1e9;
  std::optional<double> min_duration_h, max_duration_h;  ///< energy / power bounds
};

/// A new dispatchable generator (gas turbine, combined cycle, any named technology).
struct GeneratorCandidate {
  std::string name;
  std::string kind;
  Costs costs;
  double variable_cost_per_mwh = 0;               ///< fuel + variable O&M
  std::optional<double> heat_rate_mmbtu_per_mwh;  ///< with a fuel price: fuel cost per MWh
  double vom_per_mwh = 0;                  ///< added to the fuel cost when a heat rate is given
  std::vector<double> availability;        ///< one value, or one per period (per unit)
  std::optional<double> ramp_pct_per_min;  ///< % of the built capacity per minute; none: free
  double min_mw = 0, max_mw = 1e9;
  double availability_at(std::size_t t) const {
    return availability.size() == 1 ? availability[0] : availability[t];
  }
};

/// Wind or solar with a per-unit profile.
struct RenewableCandidate {
  std::string name;
  Costs costs;
  std::vector<double> profile;  ///< available MW per MW built, per period
  bool curtailable = true;
  double min_mw = 0, max_mw = 1e9;
};

/// The new (AI) load: firm, or flexible by an energy allowance and/or a value of lost load.
struct NewLoad {
  std::string name = "new load";
  std::vector<double> mw;               ///< per period
  double curtailment_allowance = 0;     ///< fraction of its energy that may go unserved
  std::optional<double> value_per_mwh;  ///< each MWh not served costs this
};

/// Everything one expansion run needs; every series is on `system.demand`'s grid.
struct ExpansionCase {
  std::string name;
  dispatch::Scenario system;  ///< today's system; its assets keep their fixed costs out
  double discount_rate = 0.07;
  std::optional<double> step_h;  ///< solve on this coarser step (hours); none: the system's
  std::optional<double> fuel_price_per_mmbtu;  ///< for generator candidates with a heat rate
  NewLoad load;
  std::vector<StorageCandidate> storage;
  std::vector<GeneratorCandidate> generators;
  std::vector<RenewableCandidate> renewables;

  /// The horizon in years of 8760 h: annual costs are charged this many times.
  double years() const;
};

/// Capital recovery factor: the annuity per unit of capital at `rate` over `years`
/// (rate / (1 - (1 + rate)^-years); 1 / years at rate 0).
double capital_recovery_factor(double rate, double years);
/// Annual cost of one MW (or MWh with the per-kWh costs): capital annuity + fixed O&M.
double annual_cost_per_mw(const Costs& c, double discount_rate);
/// A generator candidate's variable cost per MWh (heat rate x fuel price + VOM when it has a
/// heat rate, else its own variable_cost_per_mwh).
double variable_cost(const GeneratorCandidate& g, const ExpansionCase& c);

/// The case on a coarser time grid: every per-period series averaged over steps of `step_s`
/// (a whole multiple of the system's step; a partial last step is dropped). InputError
/// otherwise. Ramp limits stay per minute, so they bind as before over the longer step.
ExpansionCase coarsen(const ExpansionCase& c, std::int64_t step_s);

/// Reads a case from TOML; relative paths are relative to the file. InputError with
/// file:line:column for any bad key, value, profile or missing cost.
ExpansionCase load_case(const std::string& path);
/// Checks sizes, bounds and costs; InputError naming the candidate and field.
void validate(const ExpansionCase& c);

}  // namespace ballast::expand
