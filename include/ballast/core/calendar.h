#pragma once
/// @file Civil dates and a local calendar: a fixed UTC offset (local standard time) or an IANA
/// time zone with daylight saving (local civil time).

#include <cstdint>
#include <string>
#include <vector>

#include "ballast/core/time_series.h"
#include "ballast/core/time_zone.h"

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
/// Floor division of seconds into days.
inline std::int64_t floor_days(std::int64_t s) { return s >= 0 ? s / 86400 : (s - 86399) / 86400; }

/// Months, years and clock readings in a local time zone.
class Calendar {
 public:
  /// A fixed offset: `utc_offset_min` is local time minus UTC in minutes (e.g. -360 for
  /// ERCOT's standard time, +480 for Taiwan).
  explicit Calendar(int utc_offset_min = 0);
  /// A time zone, e.g. TimeZone::named("America/Chicago") (months and years in civil time,
  /// with daylight saving).
  explicit Calendar(TimeZone zone);

  const TimeZone& zone() const { return zone_; }
  /// The fixed offset, or the zone's standard-time offset, minutes. Prefer offset_min(utc_s)
  /// or format() for a zone with daylight saving.
  int utc_offset_min() const { return zone_.standard_offset_min(); }
  /// Local time minus UTC at the instant `utc_s`, minutes.
  int offset_min(std::int64_t utc_s) const { return zone_.offset_min(utc_s); }
  /// Seconds on the local clock since 1970-01-01T00:00 local, at the instant `utc_s`.
  std::int64_t local_s(std::int64_t utc_s) const {
    return utc_s + std::int64_t{zone_.offset_min(utc_s)} * 60;
  }
  /// The local date of an instant (seconds since the epoch, UTC).
  CivilDate date(std::int64_t utc_s) const { return civil_from_days(local_day(utc_s)); }
  /// Local day number (days since 1970-01-01 in local time).
  std::int64_t local_day(std::int64_t utc_s) const { return floor_days(local_s(utc_s)); }
  /// The steps [first, end) of a series that fall on one local day (days since 1970-01-01 in
  /// local time).
  struct DayRun {
    std::size_t first = 0;
    std::size_t end = 0;
    std::int64_t day = 0;
  };
  /// The n instants start_s + i * step_s as runs of consecutive steps on one local day, in
  /// order (a day again after another, as when the clock goes back over midnight, is a new
  /// run): one entry a day, not a step, in one pass over the zone's transitions.
  std::vector<DayRun> local_day_runs(std::int64_t start_s, std::int64_t step_s,
                                     std::size_t n) const;
  /// The instant (UTC s) at which local civil time reads `local_s`; in a skipped hour, the
  /// transition itself; in a repeated hour, the first occurrence.
  std::int64_t utc_of_local(std::int64_t local_s) const;
  /// The instant local year `year` begins (local Jan 1, 00:00).
  std::int64_t year_start_s(int year) const {
    return utc_of_local(days_from_civil(year, 1, 1) * 86400);
  }
  /// The instant local month `month` of `year` begins.
  std::int64_t month_start_s(int year, int month) const {
    return utc_of_local(days_from_civil(year, month, 1) * 86400);
  }
  /// "YYYY-MM-DDTHH:MM:SS+HH:MM" in local time with the offset in force ("Z" for UTC).
  std::string format(std::int64_t utc_s) const;

 private:
  TimeZone zone_;
};

/// Keeps only the steps of one local calendar year. Throws InputError if the year is absent.
TimeSeries select_year(const TimeSeries& series, const Calendar& calendar, int year);

}  // namespace ballast
