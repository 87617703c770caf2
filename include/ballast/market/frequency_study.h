#pragma once
/// @file The synthetic frequency study (`ballast frequency`): a deterministic grid frequency
/// (mean-reverting noise plus unit trips) summarised, and written as CSV for `market run
/// --frequency`; and its renderers.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/core/step_table.h"
#include "ballast/market/frequency.h"
#include "ballast/report/html.h"

namespace ballast::market {

struct FrequencyRequest {
  double duration_s = 86400;                          ///< length of the trace
  double step_s = SyntheticFrequencyParams{}.step_s;  ///< s: 0.1 or 1
  std::string start = "2025-07-01T00:00:00+08:00";    ///< first timestamp; its offset is kept
  std::uint64_t seed = SyntheticFrequencyParams{}.seed;
  double deviation_hz = SyntheticFrequencyParams{}.deviation_hz;
  double reversion_s = SyntheticFrequencyParams{}.reversion_s;
  double system_mw = SyntheticFrequencyParams{}.system_mw;
  double inertia_s = SyntheticFrequencyParams{}.inertia_s;
  std::string trip;  ///< unit trips "HH:MM[:SS],MW" after the start, several joined by ';'
  std::string out;   ///< CSV to write (time,frequency_hz); empty: none
  /// Keep every sample in the result (FrequencyResult::steps; what `out` writes, unrounded).
  /// Not a field: the CLI writes CSV instead.
  bool keep_steps = false;

  static constexpr const char* kName = "frequency";
  static const FieldTable<FrequencyRequest>& fields();
};

struct FrequencyResult {
  std::string start;  ///< as given
  SyntheticFrequencyParams params;
  std::int64_t samples = 0;
  double mean_hz = 0, std_hz = 0, min_hz = 0, max_hz = 0;
  std::string min_at;                    ///< local time of the lowest sample (whole second)
  double dead_band_share = 0;            ///< samples within +/-0.02 Hz of nominal
  double seconds_at_or_below_59_90 = 0;  ///< sreg's trigger
  double seconds_at_or_below_59_50 = 0;  ///< the low-frequency rule's
  std::string out;                       ///< the CSV written, if any
  /// For the chart: the lowest and highest sample of each of about 1,000 buckets, in time
  /// order (UTC seconds, Hz).
  std::vector<double> trace_time_s, trace_hz;
  /// With keep_steps: frequency_hz at every sample (UTC, local at the start's offset).
  std::optional<StepTable> steps;
};

/// The trips of a FrequencyRequest::trip text; InputError naming the piece that is not
/// "HH:MM[:SS],MW" with a positive MW.
std::vector<TripEvent> parse_trips(const std::string& text);

/// Generates the trace, summarises it and writes the CSV atomically when `out` is set.
FrequencyResult run(const FrequencyRequest& request, const Progress& progress = {});

nlohmann::ordered_json to_json(const FrequencyResult& result);
std::string to_text(const FrequencyResult& result);
report::HtmlReport to_html(const FrequencyResult& result);

}  // namespace ballast::market
