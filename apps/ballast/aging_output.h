#pragma once
// The --aging helper every planner shares: options, SOC trace -> rainflow -> model ->
// projection (+ economics), and the same text, JSON and HTML for each.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "ballast/aging/assess.h"
#include "ballast/aging/economics.h"
#include "ballast/report/html.h"

namespace ballast::cli {

/// Economics inputs: flags, else an [economics] table in a TOML file (--economics, or the
/// command's scenario), else the defaults noted.
struct EconomicsOptions {
  std::string file;                     // --economics FILE.toml
  std::optional<std::string> currency;  // default USD
  std::optional<double> capex_per_kw, capex_per_kwh, replacement_per_kwh;
  std::optional<double> fixed_om_per_kw_year, variable_om_per_mwh, charge_price_per_mwh;  // 0
  std::optional<double> discount_rate_pct;                                                // 7
  std::optional<int> lifetime_years;                                                      // 20
  std::optional<std::string> end_of_life;                                                 // replace
  /// Economics are reported when any capital cost was given.
  bool given() const { return capex_per_kw || capex_per_kwh; }
};

/// Fills what the flags left unset from the [economics] table of `path` (absent table: no-op);
/// InputError at file:line:column on a bad key or value.
void read_economics_table(const std::string& path, EconomicsOptions& o);

struct AgingOptions {
  std::string model;  // --aging: "xu2018" or "table:FILE.csv"; empty: no aging
  double temperature_c = 25;
  double eol_pct = 80;
  EconomicsOptions economics;
  bool enabled() const { return !model.empty(); }
};

/// --aging, --temperature-c, --eol-pct and the economics options.
void add_aging_options(CLI::App& app, AgingOptions& o);
void add_economics_options(CLI::App& app, EconomicsOptions& o);

/// What one planner run did to its battery, and what that costs.
struct WearReport {
  std::string model;
  double power_mw = 0, energy_mwh = 0;
  aging::Wear wear;
  aging::Projection projection;
  std::optional<aging::EconomicResult> economics;
};

/// Energy flows of the run, for the economics (MWh over the trace; scaled to a year inside).
struct Throughput {
  double discharged_mwh = 0, charged_mwh = 0, new_energy_mwh = 0, revenue = 0;
};

/// SOC trace (fraction of nameplate, one value per step of dt_s) -> wear report.
WearReport assess_wear(const AgingOptions& o, std::span<const double> soc, double dt_s,
                       double power_mw, double energy_mwh, const Throughput& flows = {});
/// The same from a wear meter's result (streaming callers).
WearReport assess_wear(const AgingOptions& o, const aging::AgingModel& model,
                       const aging::Wear& wear, double power_mw, double energy_mwh,
                       const Throughput& flows = {});

nlohmann::ordered_json wear_json(const WearReport& r);
/// A few lines for the human output.
std::string wear_text(const WearReport& r);
/// Cycle histogram, capacity over time and the economics table.
void add_wear_section(report::HtmlReport& html, const WearReport& r);

}  // namespace ballast::cli
