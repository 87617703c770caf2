#pragma once
/// @file What one study's storage run does to the battery and what that costs: the `--aging`
/// options every study shares, SOC trace -> rainflow -> model -> projection (+ economics), and
/// the same text, JSON and HTML for each.

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "ballast/aging/assess.h"
#include "ballast/aging/economics.h"
#include "ballast/core/fields.h"
#include "ballast/report/html.h"

namespace ballast::aging {

/// Economics inputs: fields, else an [economics] table in a TOML file (`economics`), else the
/// defaults noted.
struct EconomicsSpec {
  std::string economics;                ///< TOML file with an [economics] table
  std::optional<std::string> currency;  ///< default USD
  std::optional<double> capex_per_kw, capex_per_kwh, replacement_per_kwh;
  std::optional<double> fixed_om_per_kw_year, variable_om_per_mwh, charge_price_per_mwh;  // 0
  std::optional<double> discount_rate_pct;                                                // 7
  std::optional<int> lifetime_years;                                                      // 20
  std::optional<std::string> end_of_life;  ///< replace (default), augment or none
  /// Economics are reported when any capital cost was given.
  bool given() const { return capex_per_kw || capex_per_kwh; }

  static const FieldTable<EconomicsSpec>& fields();
};

/// Fills what `spec` leaves unset from the [economics] table of `path` (absent table: no-op);
/// InputError at file:line:column on a bad key or value.
void read_economics_table(const std::string& path, EconomicsSpec& spec);

/// --aging and what it needs.
struct AgingSpec {
  std::string aging;  ///< "xu2018" or "table:FILE.csv"; empty: no aging
  double temperature_c = 25;
  double eol_pct = 80;
  EconomicsSpec economics;
  bool enabled() const { return !aging.empty(); }

  static const FieldTable<AgingSpec>& fields();
};

/// What one run did to its battery, and what that costs.
struct WearReport {
  std::string model;
  double power_mw = 0, energy_mwh = 0;
  Wear wear;
  Projection projection;
  std::optional<EconomicResult> economics;
  int lifetime_years = 20;                      ///< project life for the capacity over life
  EndOfLife end_of_life = EndOfLife::kReplace;  ///< what happens at end of life
};

/// Capacity of the battery in service over the project life, as (year, capacity fraction)
/// points from (0, 1): each year's end; a replacement at the end of a year adds a second point
/// at that year back at 1 (augmentation keeps it at 1 throughout).
std::vector<std::pair<double, double>> capacity_over_life(const WearReport& r);

/// Energy flows of the run, for the economics (MWh over the trace; scaled to a year inside).
struct Throughput {
  double discharged_mwh = 0, charged_mwh = 0, new_energy_mwh = 0, revenue = 0;
};

/// SOC trace (fraction of nameplate, one value per step of dt_s) -> wear report.
WearReport assess_wear(const AgingSpec& spec, std::span<const double> soc, double dt_s,
                       double power_mw, double energy_mwh, const Throughput& flows = {});
/// The same from a wear meter's result (streaming callers).
WearReport assess_wear(const AgingSpec& spec, const AgingModel& model, const Wear& wear,
                       double power_mw, double energy_mwh, const Throughput& flows = {});

nlohmann::ordered_json wear_json(const WearReport& r);
/// A few lines for the human output.
std::string wear_text(const WearReport& r);
/// The wear table, the rainflow histogram of cycle depths, capacity over life (with the
/// replacements) and the economics table. `key` is the JSON pointer of wear_json(r) inside the
/// report's data block (e.g. "/wear", "/aging/0"): the tables' numbers are bound to it (see
/// report::Cell); empty leaves them unbound.
void add_wear_section(report::HtmlReport& html, const WearReport& r, const std::string& key = "");

}  // namespace ballast::aging
