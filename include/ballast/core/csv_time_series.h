#pragma once
/// @file Reading a time series from CSV with precise, actionable errors.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "ballast/core/time_series.h"

namespace ballast {

/// What to do with missing intervals.
enum class FillMode { kNone, kLinear };
/// Whether a row's timestamp marks the start or the end of its interval (EIA-930: end).
enum class TimeLabel { kStart, kEnd };

struct CsvReadOptions {
  std::string column;  ///< value column; empty: "demand_mw", else the only numeric one
  FillMode fill = FillMode::kNone;
  TimeLabel label = TimeLabel::kStart;
  bool allow_negative = false;  ///< signed values (e.g. power, + discharge); default: >= 0 only
};

/// A series read from CSV, with what the reader learned about the file.
struct CsvSeries {
  TimeSeries series;
  std::optional<int> utc_offset_min;  ///< offset written in the first timestamp, if any
  std::size_t filled = 0;             ///< intervals filled by --fill linear
  std::size_t first_row_line = 0;     ///< line of the first data row
};

/// Smallest and largest accepted step, seconds.
inline constexpr std::int64_t kMinStepS = 1;
inline constexpr std::int64_t kMaxStepS = 3600;

/// Reads `path`. Throws InputError naming file:line:column for any defect: a missing file,
/// no data, a malformed timestamp, unsorted or duplicate times, an irregular step, a gap
/// (unless fill is linear), a non-numeric, NaN or infinite value, or a negative one (unless
/// allow_negative).
CsvSeries read_time_series_csv(const std::string& path, const CsvReadOptions& options);

/// Parses CSV text already in memory; `source` names it in errors.
CsvSeries parse_time_series_csv(std::string_view text, const std::string& source,
                                const CsvReadOptions& options);

}  // namespace ballast
