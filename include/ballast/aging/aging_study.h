#pragma once
/// @file The aging study (`ballast aging`): what an SOC or power trace does to a battery —
/// rainflow cycles, fade, end of life — and what that costs; and its renderers. Traces come
/// from CSV (the core reader: sorted, regular, no gaps, errors at file:line:column) or from
/// series in memory.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ballast/aging/wear_report.h"
#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/core/series_values.h"
#include "ballast/report/html.h"
#include "ballast/storage/spec.h"

namespace ballast::aging {

/// The aging options of `ballast aging`: the Xu et al. 2018 model unless another is named.
AgingSpec aging_study_defaults();

struct AgingRequest {
  std::string soc;          ///< SOC trace CSV (time, soc as a fraction)
  std::string power;        ///< power trace CSV (time, power_mw: + discharge, - charge)
  std::string column;       ///< value column; default soc or power_mw
  std::string temperature;  ///< temperature trace CSV (time, temperature_c), one row a sample
  std::optional<double> power_mw, energy_mwh;  ///< the battery (needed with a power trace)
  double efficiency = kDefaultRoundTrip;       ///< round trip, split sqrt() each way (power trace)
  double initial_soc = 0.5;                    ///< fraction (power trace)
  AgingSpec aging = aging_study_defaults();

  /// Traces in memory (e.g. numpy arrays from Python) instead of the files: the SOC (fraction)
  /// or the power (MW, + discharge), and optionally the temperature (deg C), each at a fixed
  /// step; read in place when borrowed. Not fields: they have no text form.
  std::optional<InputSeries> soc_series, power_series, temperature_series;

  static constexpr const char* kName = "aging";
  static const FieldTable<AgingRequest>& fields();
};

struct AgingResult {
  std::string trace;        ///< the file, or a name for a series in memory
  std::string temperature;  ///< the temperature file or series name; empty: constant
  double temperature_c = 25;
  std::int64_t step_s = 0;
  /// The SOC trace assessed (from a power trace: one more sample); a view of a borrowed SOC
  /// series, which must outlive the result.
  SeriesValues soc;
  Throughput flows;
  WearReport report;
};

/// Runs the study. InputError for bad input (file:line:column for a bad CSV).
AgingResult run(const AgingRequest& request, const Progress& progress = {});

/// SOC (fraction of energy_mwh) after each step of `power_mw` (+ discharge) through the shared
/// storage physics, starting at `initial_soc`: one more value than the power trace. `flows`
/// gets the energy in and out at the terminals.
std::vector<double> soc_of_power(std::span<const double> power_mw, double dt_s,
                                 double battery_power_mw, double energy_mwh,
                                 double round_trip_efficiency, double initial_soc,
                                 Throughput& flows);

nlohmann::ordered_json to_json(const AgingResult& result);
std::string to_text(const AgingResult& result);
report::HtmlReport to_html(const AgingResult& result);

}  // namespace ballast::aging
