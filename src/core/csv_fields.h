#pragma once
// Pieces of the CSV time-series reader (private to core): fields, numbers as people write
// them, units named in headers, dates in national orders and hour columns.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/timestamp.h"

namespace ballast::csv {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based character column where the field starts
};

std::string_view trim(std::string_view s);
/// The delimiter a header line uses: the most frequent of ',', ';' and tab outside quotes
/// (',' when none occurs).
char detect_delimiter(std::string_view header);
/// Splits one line on `delim` into `out` (cleared first); a field in double quotes keeps its
/// delimiters (RFC 4180, without doubled quotes inside, which no time series needs).
void split(std::string_view line, char delim, std::vector<Field>& out);

/// "41863", "-1.5e3": the whole text a number, with the point as decimal mark.
std::optional<double> parse_plain_number(std::string_view s);
/// The same, into `value` (left alone when false): for the reader's loop over rows.
bool parse_plain_number(std::string_view s, double& value);
/// A number as people write it: `decimal` is '.' or ','; the other mark may group thousands
/// ("41,863.00", "41.863,5"), in groups of exactly three digits.
std::optional<double> parse_grouped_number(std::string_view s, char decimal);

/// A power unit and its factor to MW.
struct PowerUnit {
  std::string name;  // "W", "kW", "MW", "GW"
  double to_mw = 1;
};
/// "kW", "kw", "MW", "GW", "W" (any case) -> the unit; nullopt otherwise.
std::optional<PowerUnit> parse_power_unit(std::string_view text);
/// The unit a column name states: a word of the name ("demand_kw", "Load (MW)", "GW") that is
/// a power unit. nullopt if none.
std::optional<PowerUnit> unit_from_column_name(std::string_view name);

/// Parses "a/b/YYYY[ HH:MM[:SS]]" (also '.' or '-' between the date's parts) with the given
/// order (kMonthFirst or kDayFirst); nullopt if malformed or not such a date.
std::optional<WrittenTime> parse_ordered_date(std::string_view s, DateOrder order);
/// True if `s` starts like a date with the year last ("12/31/2023", "31.12.2023").
bool is_year_last_date(std::string_view s);
/// The two leading numbers of a year-last date; {0, 0} if unreadable.
std::pair<int, int> leading_date_parts(std::string_view s);

/// What a file's rows say about the order of their year-last dates.
struct DateOrderEvidence {
  bool year_last = false;    ///< the first row's date has the year last
  int day_first_line = 0;    ///< first line whose first part is above 12 (0: none)
  int month_first_line = 0;  ///< first line whose second part is above 12 (0: none)
  std::string example;       ///< the first year-last date, as written
};
/// Reads the rows in `rows` (the text after the header, whose line is `header_line`, fields
/// split on `delim`) for the evidence; stops at the first row when it is not year-last.
DateOrderEvidence date_order_evidence(std::string_view rows, int header_line, char delim);

/// An hour-of-day field: "1".."24" (whole hours) or "HH:MM" up to "24:00"; seconds from the
/// start of the day. nullopt if malformed.
std::optional<int> parse_hour_of_day(std::string_view s);
/// True if a header name says the column holds the hour of the day; `ending` tells whether
/// it is hour ending ("HE", "Hour Ending", "hour_ending").
bool is_hour_column_name(std::string_view name, bool& ending);
/// True if a time column's name says its clock is UTC ("time_utc", "UTC", "Datetime (UTC)").
bool names_utc(std::string_view name);

}  // namespace ballast::csv
