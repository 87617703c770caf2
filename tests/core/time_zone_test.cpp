// Tests src/core/time_zone.cpp and the zone-aware parts of src/core/calendar.cpp against the
// US daylight-saving rule computed here independently: since 2007 clocks go forward at 02:00
// local on the second Sunday of March and back at 02:00 local on the first Sunday of November
// (Energy Policy Act of 2005, 15 U.S.C. 260a).

#include "ballast/core/time_zone.h"

#include <gtest/gtest.h>

#include <cstdint>

#include "ballast/core/calendar.h"
#include "ballast/core/error.h"

namespace ballast {
namespace {

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Days since 1970-01-01 by counting, not by the library's formula.
std::int64_t count_days(int year, int month, int day) {
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  std::int64_t d = 0;
  for (int y = 1970; y < year; ++y) d += is_leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) d += kLen[m - 1] + (m == 2 && is_leap(year) ? 1 : 0);
  return d + day - 1;
}

// 1970-01-01 was a Thursday; 0 = Sunday.
int weekday(std::int64_t days) { return static_cast<int>((days + 4) % 7); }

// The n-th Sunday of a month, as a day count.
std::int64_t nth_sunday(int year, int month, int n) {
  std::int64_t d = count_days(year, month, 1);
  while (weekday(d) != 0) ++d;
  return d + 7 * (n - 1);
}

constexpr int kCst = -360;
constexpr int kCdt = -300;

TEST(TimeZone, ChicagoFollowsTheUsRuleEveryYear) {
  const TimeZone z = TimeZone::named("America/Chicago");
  for (int y = 2008; y <= 2024; ++y) {
    // 02:00 CST = 08:00Z; 02:00 CDT = 07:00Z.
    const std::int64_t spring = nth_sunday(y, 3, 2) * 86400 + 8 * 3600;
    const std::int64_t autumn = nth_sunday(y, 11, 1) * 86400 + 7 * 3600;
    EXPECT_EQ(z.offset_min(spring - 1), kCst) << y;
    EXPECT_EQ(z.offset_min(spring), kCdt) << y;
    EXPECT_EQ(z.offset_min(autumn - 1), kCdt) << y;
    EXPECT_EQ(z.offset_min(autumn), kCst) << y;
    EXPECT_TRUE(z.is_dst(spring));
    EXPECT_FALSE(z.is_dst(autumn));
  }
  EXPECT_EQ(z.standard_offset_min(), kCst);
}

TEST(TimeZone, TheAutumnHourIsRepeated) {
  const TimeZone z = TimeZone::named("America/Chicago");
  const std::int64_t day = nth_sunday(2023, 11, 1);
  const TimeZone::LocalResolution r = z.resolve(day * 86400 + 90 * 60);  // 01:30 local
  EXPECT_EQ(r.kind, TimeZone::LocalKind::kRepeated);
  EXPECT_EQ(r.first_utc_s, day * 86400 + 90 * 60 + 300 * 60);   // 01:30 CDT = 06:30Z
  EXPECT_EQ(r.second_utc_s, day * 86400 + 90 * 60 + 360 * 60);  // 01:30 CST = 07:30Z
}

TEST(TimeZone, TheSpringHourIsSkipped) {
  const TimeZone z = TimeZone::named("America/Chicago");
  const std::int64_t day = nth_sunday(2023, 3, 2);
  const TimeZone::LocalResolution r = z.resolve(day * 86400 + 150 * 60);  // 02:30 local
  EXPECT_EQ(r.kind, TimeZone::LocalKind::kSkipped);
  EXPECT_EQ(r.transition_utc_s, day * 86400 + 8 * 3600);
  EXPECT_EQ(z.resolve(day * 86400 + 3 * 3600).kind, TimeZone::LocalKind::kUnique);
}

TEST(TimeZone, TaipeiHasNoDaylightSaving) {
  const TimeZone z = TimeZone::named("Asia/Taipei");
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(z.offset_min(count_days(2023, m, 15) * 86400), 480);
  EXPECT_EQ(z.spans(count_days(2023, 1, 1) * 86400, count_days(2024, 1, 1) * 86400).size(), 1u);
}

TEST(TimeZone, FixedOffsetsByName) {
  EXPECT_EQ(TimeZone::named("UTC+08:00").offset_min(0), 480);
  EXPECT_EQ(TimeZone::named("UTC-06:00").offset_min(0), -360);
  EXPECT_EQ(TimeZone::named("UTC-0530").offset_min(0), -330);
  EXPECT_TRUE(TimeZone::named("UTC").is_fixed());
  EXPECT_EQ(TimeZone::fixed(-360).name(), "UTC-06:00");
}

TEST(TimeZone, UnknownNamesAreInputErrors) {
  EXPECT_THROW(TimeZone::named("America/Chicag"), InputError);
  EXPECT_THROW(TimeZone::named("/etc/passwd"), InputError);
  EXPECT_THROW(TimeZone::named("CST"), InputError);
  EXPECT_THROW(TimeZone::named("America"), InputError);    // a folder of zones
  EXPECT_THROW(TimeZone::named("right/UTC"), InputError);  // counts leap seconds
  EXPECT_FALSE(TimeZone::find("Mars/Olympus").has_value());
}

TEST(TimeZone, SpansCoverTheRangeWithTheRightOffsets) {
  const TimeZone z = TimeZone::named("America/New_York");
  const std::int64_t from = count_days(2023, 1, 1) * 86400;
  const std::int64_t to = count_days(2024, 1, 1) * 86400;
  const auto spans = z.spans(from, to);
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans.front().from_s, from);
  EXPECT_EQ(spans.back().to_s, to);
  for (std::size_t k = 1; k < spans.size(); ++k) EXPECT_EQ(spans[k].from_s, spans[k - 1].to_s);
  EXPECT_EQ(spans[0].offset_min, -300);
  EXPECT_EQ(spans[1].offset_min, -240);
  EXPECT_EQ(spans[1].from_s, nth_sunday(2023, 3, 2) * 86400 + 7 * 3600);  // 02:00 EST
  EXPECT_EQ(spans[2].offset_min, -300);
}

// The runs of steps on one local day against each step's day one at a time: every step in
// exactly one run, in order, each run one day, and no two runs in a row on the same day. Zones
// with an hour's and a half hour's daylight saving and a zone offset by half an hour; steps
// that divide the hour, and 7 s and 7 h, which do not.
TEST(ZonedCalendar, LocalDayRunsMatchOneAtATime) {
  for (const char* zone : {"America/Chicago", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"}) {
    const Calendar c(TimeZone::named(zone));
    for (const std::int64_t step : {3600, 900, 7, 7 * 3600}) {
      const std::int64_t start = count_days(2022, 12, 31) * 86400 + 1234;
      const auto n = static_cast<std::size_t>(std::min<std::int64_t>(400 * 86400 / step, 200000));
      const std::vector<Calendar::DayRun> runs = c.local_day_runs(start, step, n);
      std::size_t next = 0;
      for (std::size_t k = 0; k < runs.size(); ++k) {
        const Calendar::DayRun& r = runs[k];
        ASSERT_EQ(r.first, next) << zone << " step " << step << " run " << k;
        ASSERT_LT(r.first, r.end);
        if (k > 0) {
          ASSERT_NE(r.day, runs[k - 1].day);
        }
        for (std::size_t i = r.first; i < r.end; ++i) {
          ASSERT_EQ(r.day, c.local_day(start + static_cast<std::int64_t>(i) * step))
              << zone << " step " << step << " at " << i;
        }
        next = r.end;
      }
      EXPECT_EQ(next, n) << zone << " step " << step;
    }
  }
}

TEST(ZonedCalendar, MonthsAndYearsAreCivil) {
  const Calendar c(TimeZone::named("America/Chicago"));
  // April begins at local midnight in daylight time: 05:00Z.
  EXPECT_EQ(c.month_start_s(2023, 4), count_days(2023, 4, 1) * 86400 + 5 * 3600);
  EXPECT_EQ(c.year_start_s(2023), count_days(2023, 1, 1) * 86400 + 6 * 3600);
  // 2023-04-01T04:30Z is still March 31 on the local clock.
  EXPECT_EQ(c.date(count_days(2023, 4, 1) * 86400 + 4 * 3600 + 1800).month, 3);
  // A fixed offset keeps standard time: the same instant is March 31 too, 05:30Z is April.
  const Calendar fixed(kCst);
  EXPECT_EQ(fixed.date(count_days(2023, 4, 1) * 86400 + 5 * 3600 + 1800).month, 3);
  EXPECT_EQ(c.date(count_days(2023, 4, 1) * 86400 + 5 * 3600 + 1800).month, 4);
}

TEST(ZonedCalendar, FormatsWithTheOffsetInForce) {
  const Calendar c(TimeZone::named("America/Chicago"));
  EXPECT_EQ(c.format(count_days(2023, 7, 1) * 86400 + 12 * 3600), "2023-07-01T07:00:00-05:00");
  EXPECT_EQ(c.format(count_days(2023, 1, 1) * 86400 + 12 * 3600), "2023-01-01T06:00:00-06:00");
  EXPECT_EQ(Calendar(0).format(0), "1970-01-01T00:00:00Z");
}

}  // namespace
}  // namespace ballast
