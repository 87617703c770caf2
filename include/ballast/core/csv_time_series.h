#pragma once
/// @file Reading a time series from CSV with precise, actionable errors.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/fields.h"
#include "ballast/core/time_series.h"
#include "ballast/core/time_zone.h"

namespace ballast {

/// What to do with missing intervals.
enum class FillMode { kNone, kLinear };
/// Whether a row's timestamp marks the start or the end of its interval (EIA-930: end).
enum class TimeLabel { kStart, kEnd };

/// How a date with the year last is ordered: "03/04/2023" is 4 March (US, month first) or
/// 3 April (day first). ISO dates ("2023-03-04") need no choice.
enum class DateOrder {
  kAuto,        ///< ISO, or a year-last order the file itself proves (a part above 12)
  kMonthFirst,  ///< MM/DD/YYYY
  kDayFirst,    ///< DD/MM/YYYY (also DD.MM.YYYY)
};
/// The decimal mark of the value column.
enum class DecimalMark {
  kAuto,   ///< '.' in comma-delimited files; in others, ',' if the first value with a mark has one
  kPoint,  ///< 41863.5 (',' may group thousands: "41,863.5")
  kComma,  ///< 41863,5 ('.' may group thousands: "41.863,5")
};

struct CsvReadOptions {
  std::string column;  ///< value column; empty: "demand_mw", else the only numeric one
  FillMode fill = FillMode::kNone;
  /// Start or end of the interval; a separate hour-ending column ("HE") is always the end.
  TimeLabel label = TimeLabel::kStart;
  char delimiter = 0;  ///< ',', ';' or '\t'; 0: the one the header uses
  DecimalMark decimal = DecimalMark::kAuto;
  DateOrder date_order = DateOrder::kAuto;
  /// "W", "kW", "MW" or "GW"; empty: the unit the value column's name states ("demand_kw"),
  /// else MW. Values are converted to MW.
  std::string unit;
  /// The clock of timestamps written without an offset: local time in this zone (DST gaps and
  /// repeats resolved). nullopt, or a time column named like "time_utc": UTC.
  std::optional<TimeZone> zone;
  bool allow_negative = false;  ///< signed values (e.g. power, + discharge); default: >= 0 only
  /// Largest magnitude accepted, in MW after conversion (or in the column's own unit for
  /// values that are not powers): the physical range, core/fields.h limits.
  double max_abs = limits::kPowerMw;
};

/// A series read from CSV, with what the reader learned about the file.
struct CsvSeries {
  TimeSeries series;
  std::optional<int> utc_offset_min;  ///< offset written in the first timestamp, if any
  std::size_t filled = 0;             ///< intervals filled by --fill linear
  std::size_t first_row_line = 0;     ///< line of the first data row
  std::string unit;                   ///< the unit the file's values were in ("kW", "MW")
  /// Sentences for the reader: a unit conversion, a unit assumed, local time resolved.
  std::vector<std::string> notes;
};

/// Smallest and largest accepted step, seconds.
inline constexpr std::int64_t kMinStepS = 1;
inline constexpr std::int64_t kMaxStepS = 3600;

/// Reads `path`. Throws InputError naming file:line:column for any defect: a missing file,
/// no data, a malformed timestamp, unsorted or duplicate times, an irregular step, a gap
/// (unless fill is linear), a non-numeric, NaN, infinite value, a negative one (unless
/// allow_negative), an ambiguous date order. A time column may be split into a date column and an
/// hour(-ending) column
/// ("Date,HE,Load" with HE 1..24).
CsvSeries read_time_series_csv(const std::string& path, const CsvReadOptions& options);

/// Parses CSV text already in memory; `source` names it in errors.
CsvSeries parse_time_series_csv(std::string_view text, const std::string& source,
                                const CsvReadOptions& options);

}  // namespace ballast
