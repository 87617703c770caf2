#pragma once
/// @file The scenario part shared by the market studies (`market run`, `market size`): a
/// scenario file and the options that override it, or a battery stated by options alone; and
/// the frequency, from a CSV, the synthetic generator or a series in memory.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballast/core/fields.h"
#include "ballast/core/series_values.h"
#include "ballast/market/scenario.h"

namespace ballast::market {

/// A scenario file and what overrides it. Every option unset keeps the scenario's value (or,
/// without a file, the defaults of MarketConfig and of the storage table, storage/spec.h).
struct MarketScenarioSpec {
  std::string scenario;              ///< scenario TOML; empty: the battery from the options below
  std::string frequency;             ///< frequency CSV (0.1 s or 1 s); empty: the scenario's
  std::string column;                ///< its value column
  std::optional<double> duration_s;  ///< synthetic frequency length, s
  std::optional<std::uint64_t> seed;
  std::optional<double> deviation_hz;
  std::string product;  ///< "dreg" or "edreg"; empty: the scenario's
  std::optional<double> bid_mw, power_mw, energy_mwh;
  std::optional<double> efficiency;  ///< round trip, split sqrt() each way
  std::optional<double> soc_min, soc_max, initial_soc;
  std::optional<double> lag_ms;             ///< inverter time constant, ms
  std::string schedule;                     ///< E-dReg 15-minute targets CSV
  std::optional<double> capacity_price;     ///< NTD/MW-h
  std::optional<double> performance_price;  ///< NTD/MW-h
  std::optional<double> loss_price;         ///< NTD/MWh
  std::optional<double> line_loss;          ///< fraction

  /// The frequency in memory, one value a second (e.g. from Python, read in place when
  /// borrowed); overrides the CSV and the synthetic generator. Not a field: it has no text form.
  std::optional<InputSeries> frequency_series;

  static const FieldTable<MarketScenarioSpec>& fields();
};

/// The scenario the spec states: the file (if any) with the options applied. The battery goes
/// through the shared storage table (StorageTable, storage_params) either way.
MarketScenario build_scenario(const MarketScenarioSpec& spec);

/// A scenario ready to simulate: frequency loaded (start and offset set), schedule prepared.
struct PreparedMarket {
  MarketScenario scenario;
  SeriesValues frequency_hz;     ///< one value a second (a view of a borrowed series)
  std::string frequency_source;  ///< the CSV, "in memory", or "" for synthetic
};

/// Builds the scenario, loads the frequency and prepares the E-dReg schedule.
PreparedMarket prepare_market(const MarketScenarioSpec& spec);

/// InputError unless `series` is a usable 1-s frequency (step 1 s, 55-65 Hz, finite).
void check_frequency_series(const InputSeries& series);

}  // namespace ballast::market
