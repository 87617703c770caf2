#pragma once
/// @file Storage economics: capital and O&M costs, replacement or augmentation at end of life,
/// discounting to net present value, levelised cost of storage (LCOS) and the cost per MWh of
/// new energy the storage unlocks. One currency per run, named by the caller.

#include <optional>
#include <string>
#include <vector>

namespace ballast::aging {

/// What happens when the battery reaches end of life.
enum class EndOfLife {
  kReplace,  ///< buy a new battery's energy part; its aging clock restarts
  kAugment,  ///< buy back each year's faded energy, so capacity stays at nameplate
  kNone,     ///< run on, faded
};

/// Cost inputs. Money in `currency`; power and energy of the storage unit.
struct EconomicInputs {
  std::string currency = "USD";
  double power_mw = 0;
  double energy_mwh = 0;
  double capex_per_kw = 0;          ///< power part (inverter, grid connection), per kW
  double capex_per_kwh = 0;         ///< energy part (cells, racks), per kWh
  double fixed_om_per_kw_year = 0;  ///< per kW of power, per year
  double variable_om_per_mwh = 0;   ///< per MWh discharged
  double replacement_per_kwh = 0;   ///< energy part at replacement/augmentation, per kWh
  double charge_price_per_mwh = 0;  ///< energy bought to charge, per MWh drawn
  double discount_rate = 0.07;      ///< real, per year
  int lifetime_years = 20;
  EndOfLife end_of_life = EndOfLife::kReplace;
  double eol_capacity = 0.8;           ///< capacity fraction that ends a battery's life
  double discharged_mwh_per_year = 0;  ///< at nameplate capacity (scaled by capacity)
  double charged_mwh_per_year = 0;     ///< likewise
  double new_energy_mwh_per_year = 0;  ///< new (AI) energy the storage unlocks; 0: not known
  double revenue_per_year = 0;         ///< at nameplate capacity (scaled by capacity)
  void validate() const;
};

/// One year of the cash flow (year 0 is the investment).
struct CashFlowYear {
  int year = 0;
  double capacity = 1;  ///< capacity fraction during the year (mean of start and end)
  /// Capacity fraction at the end of the year, before any replacement then (the figure the
  /// capacity projection gives for the battery's age).
  double capacity_end = 1;
  double cost = 0;  ///< all costs in the year, undiscounted
  double revenue = 0;
  double discharged_mwh = 0;
  bool replaced = false;  ///< the battery was replaced at the end of this year
};

struct EconomicResult {
  std::string currency;
  double capex = 0;
  double pv_cost = 0;  ///< present value of all costs incl. capex
  double pv_revenue = 0;
  double npv = 0;                ///< pv_revenue - pv_cost
  double pv_discharged_mwh = 0;  ///< discounted energy delivered
  /// pv_cost / pv_discharged_mwh; none when nothing is discharged
  std::optional<double> lcos_per_mwh;
  /// pv_cost / discounted new energy; none when no new energy is known
  std::optional<double> cost_per_new_mwh;
  int replacements = 0;
  std::vector<CashFlowYear> years;
};

/// Cash flows and their present values. `capacity_by_age[k]` is the capacity fraction of a
/// battery at the end of its (k+1)-th year of this duty (from project()); beyond its end the
/// last value holds. Throws InputError on bad inputs.
EconomicResult evaluate(const EconomicInputs& in, const std::vector<double>& capacity_by_age);

const char* to_string(EndOfLife e);
/// "replace", "augment" or "none"; InputError otherwise.
EndOfLife parse_end_of_life(const std::string& text);

}  // namespace ballast::aging
