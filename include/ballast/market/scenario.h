#pragma once
/// @file A market scenario: battery, bid, prices, schedule and frequency, from TOML
/// (examples/taiwan-edreg.toml) or built in code; errors name file:line:column.

#include <optional>
#include <string>
#include <vector>

#include "ballast/market/bid_check.h"
#include "ballast/market/frequency.h"
#include "ballast/market/simulation.h"
#include "ballast/storage/spec.h"

namespace ballast::market {

/// Where the frequency comes from: a CSV file, else the synthetic generator.
struct FrequencySpec {
  std::string file;    ///< frequency CSV; empty: synthetic
  std::string column;  ///< value column in the CSV
  SyntheticFrequencyParams synthetic;
  double duration_h = 24;  ///< synthetic trace length, hours
};

/// Everything `ballast market run` needs.
struct MarketScenario {
  MarketConfig config;  ///< config.storage is storage_params(battery)
  /// The [battery] table in the keys, defaults and bounds every scenario shares (round trip
  /// kDefaultRoundTrip when not given; power_mw defaults to the bid).
  StorageTable battery;
  FrequencySpec frequency;
  std::string schedule_file;  ///< E-dReg targets CSV; empty: the default day
  std::string schedule_column = "shift_mw";
  std::optional<double> declared_min_soc_mwh;  ///< bid's SOC window; default: the battery's
  std::optional<double> declared_max_soc_mwh;
  std::string source;  ///< the scenario file, for messages
  /// [market] named the clock (timezone or utc_offset_h): a frequency file's own offset does
  /// not replace it.
  bool clock_given = false;
};

/// Reads a scenario TOML file; unknown keys and wrong types are errors with file:line:column.
/// Relative CSV paths resolve against the scenario's folder. [battery] is read with the shared
/// storage table (storage/spec.h) plus the market's own keys: inverter_lag_ms (default 200),
/// full_correction_mwh (the managed controller's gain); initial_soc defaults to 0.5.
MarketScenario read_market_scenario(const std::string& path);

/// The frequency, one value a second; sets config.start_s (and the offset for a CSV).
std::vector<double> load_frequency(MarketScenario& scenario);

/// Sets the E-dReg schedule: from the CSV (aligned to the frequency's start; must be 900 s) or
/// the default day. Call after load_frequency.
void prepare_schedule(MarketScenario& scenario, std::int64_t seconds);

/// The bid as declared by the scenario (the battery's SOC window unless given).
Bid declared_bid(const MarketScenario& scenario);

}  // namespace ballast::market
