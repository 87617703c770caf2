#include "ballast/core/calendar.h"

#include <fmt/format.h>

#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"

namespace ballast {

// Howard Hinnant's public-domain days/civil algorithms ("chrono-Compatible Low-Level Date
// Algorithms"): exact for the proleptic Gregorian calendar with 400-year eras.
std::int64_t days_from_civil(int year, int month, int day) {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const auto year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

Calendar::Calendar(int utc_offset_min) : zone_(TimeZone::fixed(utc_offset_min)) {}

Calendar::Calendar(TimeZone zone) : zone_(std::move(zone)) {}

std::vector<Calendar::DayRun> Calendar::local_day_runs(std::int64_t start_s, std::int64_t step_s,
                                                       std::size_t n) const {
  std::vector<DayRun> out;
  if (n == 0) return out;
  const std::int64_t end = start_s + static_cast<std::int64_t>(n) * step_s;
  std::size_t i = 0;
  for (const TimeZone::OffsetSpan& span : zone_.spans(start_s, end)) {
    const std::int64_t shift = std::int64_t{span.offset_min} * 60;
    while (i < n) {
      const std::int64_t t = start_s + static_cast<std::int64_t>(i) * step_s;
      if (t >= span.to_s) break;
      const std::int64_t day = floor_days(t + shift);
      // the run ends at the first step on or after the next local midnight or the span's end
      const std::int64_t stop = std::min((day + 1) * 86400 - shift, span.to_s);  // > t
      const auto next = static_cast<std::size_t>((stop - start_s + step_s - 1) / step_s);
      const std::size_t j = std::min(next, n);
      if (!out.empty() && out.back().day == day && out.back().end == i) {
        out.back().end = j;  // the same day on after a change of offset
      } else {
        out.push_back({i, j, day});
      }
      i = j;
    }
  }
  return out;
}

std::int64_t Calendar::utc_of_local(std::int64_t local_s) const {
  const TimeZone::LocalResolution r = zone_.resolve(local_s);
  return r.kind == TimeZone::LocalKind::kSkipped ? r.transition_utc_s : r.first_utc_s;
}

std::string Calendar::format(std::int64_t utc_s) const {
  return format_timestamp(utc_s, zone_.offset_min(utc_s));
}

TimeSeries select_year(const TimeSeries& series, const Calendar& calendar, int year) {
  std::size_t first = series.size();
  std::size_t last = 0;
  // A year is a range of local days.
  const std::int64_t from = days_from_civil(year, 1, 1);
  const std::int64_t to = days_from_civil(year + 1, 1, 1);
  for (const Calendar::DayRun& r :
       calendar.local_day_runs(series.start_s, series.step_s, series.size())) {
    if (r.day >= from && r.day < to) {
      first = std::min(first, r.first);
      last = r.end - 1;
    }
  }
  if (first == series.size()) {
    throw InputError(
        fmt::format("--year {}: the record has no data in that local year "
                    "(it runs {} to {})",
                    year, calendar.date(series.time_s(0)).year,
                    calendar.date(series.time_s(series.size() - 1)).year));
  }
  TimeSeries out = series;
  out.start_s = series.time_s(first);
  out.values.assign(series.values.begin() + static_cast<std::ptrdiff_t>(first),
                    series.values.begin() + static_cast<std::ptrdiff_t>(last) + 1);
  return out;
}

}  // namespace ballast
