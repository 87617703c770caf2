#pragma once
/// @file Civil dates and a local calendar at a fixed UTC offset (no daylight saving: grid
/// data is kept in standard time).

#include <cstdint>

#include "ballast/core/time_series.h"

namespace ballast {

/// A proleptic Gregorian date.
struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// Days since 1970-01-01 for a civil date (any year in +-5 million).
std::int64_t days_from_civil(int year, int month, int day);
/// The civil date of a day count since 1970-01-01.
CivilDate civil_from_days(std::int64_t days);

/// Months and years in local standard time at a fixed offset from UTC.
class Calendar {
 public:
  /// `utc_offset_min`: local time minus UTC in minutes (e.g. -360 for ERCOT, +480 for Taiwan).
  explicit Calendar(int utc_offset_min = 0);
  int utc_offset_min() const { return offset_min_; }
  /// The local date of an instant (seconds since the epoch, UTC).
  CivilDate date(std::int64_t utc_s) const;
  /// Local day number (days since 1970-01-01 in local time).
  std::int64_t local_day(std::int64_t utc_s) const;

 private:
  int offset_min_;
};

/// Keeps only the steps of one local calendar year. Throws InputError if the year is absent.
TimeSeries select_year(const TimeSeries& series, const Calendar& calendar, int year);

}  // namespace ballast
