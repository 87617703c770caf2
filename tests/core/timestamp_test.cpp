// Tests src/core/timestamp.cpp: ISO-8601 parsing and formatting.

#include "ballast/core/timestamp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string_view>

namespace ballast {
namespace {

constexpr std::int64_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z (Python calendar.timegm)

std::optional<std::int64_t> utc(std::string_view text) {
  const std::optional<Timestamp> ts = parse_timestamp(text);
  if (!ts) return std::nullopt;
  return ts->utc_s;
}

bool rejected(std::string_view text) { return !parse_timestamp(text).has_value(); }

// --- separators and optional parts ---

TEST(ParseTimestamp, TSeparator) { EXPECT_EQ(utc("2020-06-15T12:34:56"), 1592224496); }

TEST(ParseTimestamp, SpaceSeparator) { EXPECT_EQ(utc("2020-06-15 12:34:56"), 1592224496); }

TEST(ParseTimestamp, LowercaseTSeparator) { EXPECT_EQ(utc("2020-06-15t12:34:56"), 1592224496); }

TEST(ParseTimestamp, SecondsAreOptional) { EXPECT_EQ(utc("2020-06-15T12:34"), 1592224440); }

TEST(ParseTimestamp, BareDateIsMidnightUtc) { EXPECT_EQ(utc("2020-01-01"), k2020); }

TEST(ParseTimestamp, NoOffsetIsUtc) { EXPECT_EQ(utc("2020-01-01 00:00"), k2020); }

TEST(ParseTimestamp, NoOffsetRecordsNoOffset) {
  EXPECT_FALSE(parse_timestamp("2020-01-01 00:00")->offset_min.has_value());
}

// --- offsets ---

TEST(ParseTimestamp, ZIsUtc) { EXPECT_EQ(utc("2020-01-01T00:00:00Z"), k2020); }

TEST(ParseTimestamp, ZRecordsOffsetZero) {
  EXPECT_EQ(parse_timestamp("2020-01-01T00:00:00Z")->offset_min, 0);
}

TEST(ParseTimestamp, LowercaseZIsUtc) { EXPECT_EQ(utc("2020-01-01T00:00:00z"), k2020); }

TEST(ParseTimestamp, PlusEightIsEightHoursAheadOfUtc) {
  EXPECT_EQ(utc("2020-01-01T08:00:00+08:00"), k2020);
}

TEST(ParseTimestamp, PlusEightRecordsOffset) {
  EXPECT_EQ(parse_timestamp("2020-01-01T08:00:00+08:00")->offset_min, 480);
}

TEST(ParseTimestamp, MinusSixWithoutColonIsSixHoursBehindUtc) {
  EXPECT_EQ(utc("2019-12-31T18:00:00-0600"), k2020);
}

TEST(ParseTimestamp, MinusSixWithoutColonRecordsOffset) {
  EXPECT_EQ(parse_timestamp("2019-12-31T18:00:00-0600")->offset_min, -360);
}

TEST(ParseTimestamp, HoursOnlyOffset) { EXPECT_EQ(utc("2020-01-01T08:00+08"), k2020); }

TEST(ParseTimestamp, HoursOnlyOffsetRecordsOffset) {
  EXPECT_EQ(parse_timestamp("2020-01-01T08:00+08")->offset_min, 480);
}

TEST(ParseTimestamp, HalfHourOffset) { EXPECT_EQ(utc("2020-01-01T05:30:00+05:30"), k2020); }

TEST(ParseTimestamp, HalfHourOffsetRecordsMinutes) {
  EXPECT_EQ(parse_timestamp("2020-01-01T05:30:00+05:30")->offset_min, 330);
}

TEST(ParseTimestamp, OffsetCanCrossTheDate) {
  EXPECT_EQ(utc("2020-01-01T02:00:00+08:00"), k2020 - 6 * 3600);
}

TEST(ParseTimestamp, OffsetAboveEighteenHoursRejected) {
  EXPECT_TRUE(rejected("2020-01-01T00:00:00+19:00"));
}

TEST(ParseTimestamp, OffsetMinutesSixtyRejected) {
  EXPECT_TRUE(rejected("2020-01-01T00:00:00+08:60"));
}

TEST(ParseTimestamp, TruncatedOffsetRejected) { EXPECT_TRUE(rejected("2020-01-01T00:00:00+08:0")); }

TEST(ParseTimestamp, OffsetWithDanglingColonRejected) {
  EXPECT_TRUE(rejected("2020-01-01T00:00:00+08:"));
}

TEST(ParseTimestamp, SpaceBeforeZRejected) { EXPECT_TRUE(rejected("2020-01-01T00:00:00 Z")); }

TEST(ParseTimestamp, OffsetOnBareDateRejected) { EXPECT_TRUE(rejected("2020-01-01+08:00")); }

// --- 24:00 and ranges ---

TEST(ParseTimestamp, TwentyFourIsMidnightOfTheNextDay) {
  EXPECT_EQ(utc("2019-12-31T24:00:00"), k2020);
}

TEST(ParseTimestamp, TwentyFourWithoutSeconds) { EXPECT_EQ(utc("2019-12-31 24:00"), k2020); }

TEST(ParseTimestamp, TwentyFourOhOneRejected) { EXPECT_TRUE(rejected("2019-12-31T24:01:00")); }

TEST(ParseTimestamp, TwentyFourWithSecondsRejected) {
  EXPECT_TRUE(rejected("2019-12-31T24:00:01"));
}

TEST(ParseTimestamp, Hour25Rejected) { EXPECT_TRUE(rejected("2020-01-01T25:00:00")); }

TEST(ParseTimestamp, Minute60Rejected) { EXPECT_TRUE(rejected("2020-01-01T00:60:00")); }

TEST(ParseTimestamp, LeapSecondRejected) { EXPECT_TRUE(rejected("2016-12-31T23:59:60Z")); }

// --- dates ---

TEST(ParseTimestamp, Feb29InLeapYear) { EXPECT_EQ(utc("2000-02-29"), 951782400); }

TEST(ParseTimestamp, Feb29InCommonYearRejected) { EXPECT_TRUE(rejected("2023-02-29")); }

TEST(ParseTimestamp, Feb29InCenturyYearRejected) { EXPECT_TRUE(rejected("1900-02-29")); }

TEST(ParseTimestamp, Month13Rejected) { EXPECT_TRUE(rejected("2023-13-01")); }

TEST(ParseTimestamp, Month0Rejected) { EXPECT_TRUE(rejected("2023-00-01")); }

TEST(ParseTimestamp, Day0Rejected) { EXPECT_TRUE(rejected("2023-01-00")); }

TEST(ParseTimestamp, April31Rejected) { EXPECT_TRUE(rejected("2023-04-31")); }

TEST(ParseTimestamp, OneDigitMonthRejected) { EXPECT_TRUE(rejected("2023-1-01")); }

TEST(ParseTimestamp, SlashDateRejected) { EXPECT_TRUE(rejected("2023/01/01")); }

TEST(ParseTimestamp, EmptyRejected) { EXPECT_TRUE(rejected("")); }

TEST(ParseTimestamp, SeparatorWithoutTimeRejected) { EXPECT_TRUE(rejected("2020-01-01T")); }

TEST(ParseTimestamp, HourWithoutMinutesRejected) { EXPECT_TRUE(rejected("2020-01-01T12")); }

TEST(ParseTimestamp, TrailingTextRejected) { EXPECT_TRUE(rejected("2020-01-01T00:00:00 UTC")); }

TEST(ParseTimestamp, LeadingSpaceRejected) { EXPECT_TRUE(rejected(" 2020-01-01")); }

TEST(ParseTimestamp, SecondBeforeEpochIsMinusOne) { EXPECT_EQ(utc("1969-12-31T23:59:59Z"), -1); }

TEST(ParseTimestamp, Year1900IsNegative) { EXPECT_EQ(utc("1900-01-01"), -2208988800); }

// --- fractions of a second: only zero is accepted (series use whole seconds) ---

TEST(ParseTimestamp, ZeroFractionAccepted) { EXPECT_EQ(utc("2020-01-01T00:00:00.000"), k2020); }

TEST(ParseTimestamp, ZeroFractionBeforeOffset) {
  EXPECT_EQ(utc("2020-01-01T08:00:00.0+08:00"), k2020);
}

TEST(ParseTimestamp, NonZeroFractionRejected) { EXPECT_TRUE(rejected("2020-01-01T00:00:00.5")); }

TEST(ParseTimestamp, LateNonZeroFractionDigitRejected) {
  EXPECT_TRUE(rejected("2020-01-01T00:00:00.0001"));
}

TEST(ParseTimestamp, EmptyFractionRejected) { EXPECT_TRUE(rejected("2020-01-01T00:00:00.")); }

TEST(ParseTimestamp, FractionWithoutSecondsRejected) {
  EXPECT_TRUE(rejected("2020-01-01T00:00.0"));
}

// --- formatting ---

TEST(FormatTimestamp, UtcEndsInZ) { EXPECT_EQ(format_timestamp(k2020), "2020-01-01T00:00:00Z"); }

TEST(FormatTimestamp, PositiveOffsetShowsLocalTime) {
  EXPECT_EQ(format_timestamp(k2020, 480), "2020-01-01T08:00:00+08:00");
}

TEST(FormatTimestamp, NegativeOffsetCrossesIntoThePreviousYear) {
  EXPECT_EQ(format_timestamp(k2020, -360), "2019-12-31T18:00:00-06:00");
}

TEST(FormatTimestamp, HalfHourOffset) {
  EXPECT_EQ(format_timestamp(k2020, 330), "2020-01-01T05:30:00+05:30");
}

TEST(FormatTimestamp, SecondBeforeEpoch) {
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59Z");
}

TEST(FormatTimestamp, WholeDayBeforeEpoch) {
  EXPECT_EQ(format_timestamp(-86400), "1969-12-31T00:00:00Z");
}

TEST(FormatTimestamp, Year1900) {
  EXPECT_EQ(format_timestamp(-2208988800), "1900-01-01T00:00:00Z");
}

TEST(FormatTimestamp, RoundTripsAtManyOffsetsOverThreeYears) {
  // 3599 s strides visit every second-of-minute and minute-of-hour over the years.
  for (const int offset : {-720, -360, -300, 0, 330, 345, 480, 840}) {
    for (std::int64_t t = k2020 - 366 * 86400; t < k2020 + 2 * 366 * 86400; t += 3599) {
      const std::optional<Timestamp> back = parse_timestamp(format_timestamp(t, offset));
      ASSERT_TRUE(back) << format_timestamp(t, offset);
      ASSERT_EQ(back->utc_s, t) << format_timestamp(t, offset);
      ASSERT_EQ(back->offset_min, offset) << format_timestamp(t, offset);
    }
  }
}

TEST(FormatTimestamp, RoundTripsNegativeEpochs) {
  for (std::int64_t t = -2208988800; t < 86400; t += 86399 * 7) {
    const std::optional<Timestamp> back = parse_timestamp(format_timestamp(t, -360));
    ASSERT_TRUE(back) << t;
    ASSERT_EQ(back->utc_s, t) << format_timestamp(t, -360);
  }
}

}  // namespace
}  // namespace ballast
