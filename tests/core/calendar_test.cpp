// Tests src/core/calendar.cpp: civil dates against an independent day count, and local dates
// at fixed UTC offsets.

#include "ballast/core/calendar.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <tuple>

namespace ballast {
namespace {

// --- an obvious reference: count days year by year and month by month ---

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int month_length(int year, int month) {
  if (month == 2) return is_leap(year) ? 29 : 28;
  return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
}

std::int64_t count_days(int year, int month, int day) {
  std::int64_t days = 0;
  for (int y = 1970; y < year; ++y) days += is_leap(y) ? 366 : 365;
  for (int y = year; y < 1970; ++y) days -= is_leap(y) ? 366 : 365;
  for (int m = 1; m < month; ++m) days += month_length(year, m);
  return days + day - 1;
}

std::tuple<int, int, int> ymd(const CivilDate& d) { return {d.year, d.month, d.day}; }

constexpr std::int64_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z

// --- days <-> civil ---

TEST(DaysFromCivil, EpochIsDayZero) { EXPECT_EQ(days_from_civil(1970, 1, 1), 0); }

TEST(DaysFromCivil, DayBeforeEpochIsMinusOne) { EXPECT_EQ(days_from_civil(1969, 12, 31), -1); }

TEST(DaysFromCivil, MatchesCountingEveryDayFrom1900To2100) {
  std::int64_t expected = count_days(1900, 1, 1);
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= month_length(y, m); ++d) {
        ASSERT_EQ(days_from_civil(y, m, d), expected) << y << "-" << m << "-" << d;
        ++expected;
      }
    }
  }
}

TEST(CivilFromDays, MatchesCountingEveryDayFrom1900To2100) {
  std::int64_t days = count_days(1900, 1, 1);
  for (int y = 1900; y <= 2100; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= month_length(y, m); ++d) {
        ASSERT_EQ(ymd(civil_from_days(days)), std::make_tuple(y, m, d)) << days;
        ++days;
      }
    }
  }
}

TEST(CivilFromDays, DayBeforeEpoch) {
  EXPECT_EQ(ymd(civil_from_days(-1)), std::make_tuple(1969, 12, 31));
}

TEST(DaysFromCivil, FourHundredYearsAre146097DaysFarFromTheEpoch) {
  for (const int year : {-40000, -401, 0, 1600, 40000}) {
    EXPECT_EQ(days_from_civil(year + 400, 3, 1) - days_from_civil(year, 3, 1), 146097) << year;
  }
}

TEST(CivilFromDays, RoundTripsFarFromTheEpoch) {
  for (std::int64_t days = -20'000'000; days <= 20'000'000; days += 999'983) {
    const CivilDate d = civil_from_days(days);
    ASSERT_EQ(days_from_civil(d.year, d.month, d.day), days);
  }
}

// --- local dates at fixed offsets ---

TEST(Calendar, DefaultOffsetIsUtc) { EXPECT_EQ(Calendar().utc_offset_min(), 0); }

TEST(Calendar, KeepsItsOffset) { EXPECT_EQ(Calendar(-360).utc_offset_min(), -360); }

TEST(Calendar, UtcMidnightIsTheNewYearAtUtc) {
  EXPECT_EQ(ymd(Calendar(0).date(k2020)), std::make_tuple(2020, 1, 1));
}

TEST(Calendar, SecondBeforeUtcMidnightIsTheOldYearAtUtc) {
  EXPECT_EQ(ymd(Calendar(0).date(k2020 - 1)), std::make_tuple(2019, 12, 31));
}

TEST(Calendar, UtcMidnightIsStillTheOldYearAtMinusSix) {
  EXPECT_EQ(ymd(Calendar(-360).date(k2020)), std::make_tuple(2019, 12, 31));
}

TEST(Calendar, MinusSixReachesTheNewYearAtSixUtc) {
  EXPECT_EQ(ymd(Calendar(-360).date(k2020 + 6 * 3600)), std::make_tuple(2020, 1, 1));
}

TEST(Calendar, MinusSixIsStillTheOldYearASecondEarlier) {
  EXPECT_EQ(ymd(Calendar(-360).date(k2020 + 6 * 3600 - 1)), std::make_tuple(2019, 12, 31));
}

TEST(Calendar, PlusEightReachesTheNewYearAtSixteenUtc) {
  EXPECT_EQ(ymd(Calendar(480).date(k2020 - 8 * 3600)), std::make_tuple(2020, 1, 1));
}

TEST(Calendar, PlusEightIsStillTheOldYearASecondEarlier) {
  EXPECT_EQ(ymd(Calendar(480).date(k2020 - 8 * 3600 - 1)), std::make_tuple(2019, 12, 31));
}

TEST(Calendar, PlusFiveThirtyReachesTheNewYearAtEighteenThirtyUtc) {
  EXPECT_EQ(ymd(Calendar(330).date(k2020 - 330 * 60)), std::make_tuple(2020, 1, 1));
}

TEST(Calendar, PlusFiveThirtyIsStillTheOldYearASecondEarlier) {
  EXPECT_EQ(ymd(Calendar(330).date(k2020 - 330 * 60 - 1)), std::make_tuple(2019, 12, 31));
}

TEST(Calendar, MinusSixSeesLeapDayAtFiveUtcOnMarchFirst) {
  const std::int64_t march1 = days_from_civil(2020, 3, 1) * 86400;
  EXPECT_EQ(ymd(Calendar(-360).date(march1 + 5 * 3600)), std::make_tuple(2020, 2, 29));
}

TEST(Calendar, LocalDayBeforeEpochIsMinusOne) { EXPECT_EQ(Calendar(0).local_day(-1), -1); }

TEST(Calendar, LocalDayAtEpochIsMinusOneAtMinusSix) { EXPECT_EQ(Calendar(-360).local_day(0), -1); }

TEST(Calendar, LocalDayZeroStartsAtMinusEightHoursUtcAtPlusEight) {
  EXPECT_EQ(Calendar(480).local_day(-8 * 3600), 0);
}

TEST(Calendar, LocalDayChangesExactlyAtLocalMidnightEveryDayOfAYear) {
  const Calendar taipei(480);
  for (std::int64_t day = 18262; day < 18262 + 366; ++day) {  // 2020 in local days
    const std::int64_t local_midnight_utc = day * 86400 - 480 * 60;
    ASSERT_EQ(taipei.local_day(local_midnight_utc), day);
    ASSERT_EQ(taipei.local_day(local_midnight_utc - 1), day - 1);
  }
}

}  // namespace
}  // namespace ballast
