// Tests the CSV reader's file shapes (issue 12, finding 3): delimiters, decimal commas,
// grouped thousands, date + hour(-ending) columns, national date orders, units, and local
// clocks with daylight saving (finding 2).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"

namespace ballast {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

CsvSeries parse(const std::string& text, const CsvReadOptions& o = {}) {
  return parse_time_series_csv(text, "in.csv", o);
}

std::string error_of(const std::string& text, const CsvReadOptions& o = {}) {
  try {
    parse(text, o);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

constexpr std::int64_t k2023 = 1672531200;  // 2023-01-01T00:00Z

TEST(CsvFormats, SemicolonDelimited) {
  const CsvSeries s = parse("time;demand_mw\n2023-01-01 00:00;10\n2023-01-01 01:00;12\n");
  EXPECT_EQ(s.series.values, (std::vector<double>{10, 12}));
}

TEST(CsvFormats, SemicolonWithDecimalComma) {
  const CsvSeries s = parse("time;demand_mw\n2023-01-01 00:00;10,5\n2023-01-01 01:00;1.012,25\n");
  EXPECT_EQ(s.series.values, (std::vector<double>{10.5, 1012.25}));
}

TEST(CsvFormats, TabDelimited) {
  EXPECT_EQ(parse("time\tdemand_mw\n2023-01-01 00:00\t10\n2023-01-01 01:00\t11\n").series.values[1],
            11);
}

TEST(CsvFormats, QuotedThousandsSeparators) {
  const CsvSeries s =
      parse("time,demand_mw\n2023-01-01 00:00,\"41,863.00\"\n2023-01-01 01:00,\"1,041,863.5\"\n");
  EXPECT_EQ(s.series.values, (std::vector<double>{41863, 1041863.5}));
}

TEST(CsvFormats, BadGroupingIsNotANumberAndSaysWhy) {
  EXPECT_THAT(error_of("time,demand_mw\n2023-01-01 00:00,\"41863,5\"\n2023-01-01 01:00,1\n"),
              HasSubstr("--decimal comma"));
}

TEST(CsvFormats, ExplicitDelimiterAndDecimal) {
  CsvReadOptions o;
  o.delimiter = ';';
  o.decimal = DecimalMark::kPoint;
  EXPECT_EQ(parse("time;mw\n2023-01-01 00:00;1.5\n2023-01-01 01:00;2\n", o).series.values[0], 1.5);
}

// ERCOT's native layout: Date (MM/DD/YYYY), hour ending 1..24, load.
TEST(CsvFormats, DateAndHourEndingColumns) {
  std::string text = "Date,HE,Load\n";
  for (int day : {12, 13}) {
    for (int he = 1; he <= 24; ++he)
      text += "01/" + std::to_string(day) + "/2023," + std::to_string(he) + "," +
              std::to_string(day * 100 + he) + "\n";
  }
  const CsvSeries s = parse(text);
  EXPECT_EQ(s.series.step_s, 3600);
  EXPECT_EQ(s.series.start_s, k2023 + 11 * 86400);  // HE 1 of Jan 12 starts at 00:00
  ASSERT_EQ(s.series.size(), 48u);
  EXPECT_EQ(s.series.values[23], 1224);  // HE 24 = the hour ending at midnight
  EXPECT_EQ(s.series.values[24], 1301);
}

TEST(CsvFormats, HourEnding2400) {
  const CsvSeries s = parse(
      "date,hour_ending,mw\n2023-01-01,23:00,1\n2023-01-01,24:00,2\n"
      "2023-01-02,01:00,3\n");
  EXPECT_EQ(s.series.start_s, k2023 + 22 * 3600);
  EXPECT_EQ(s.series.size(), 3u);
}

TEST(CsvFormats, AmbiguousDatesAreRefused) {
  const std::string text = "time,mw\n01/02/2023 00:00,1\n01/02/2023 01:00,2\n";
  EXPECT_THAT(error_of(text), HasSubstr("--time-format mdy or --time-format dmy"));
  CsvReadOptions o;
  o.date_order = DateOrder::kDayFirst;
  EXPECT_EQ(parse(text, o).series.start_s, k2023 + 31 * 86400);  // 1 February
  o.date_order = DateOrder::kMonthFirst;
  EXPECT_EQ(parse(text, o).series.start_s, k2023 + 1 * 86400);  // 2 January
}

TEST(CsvFormats, ADayAboveTwelveSettlesTheOrder) {
  const CsvSeries s = parse("time,mw\n31/12/2022 23:00,1\n01/01/2023 00:00,2\n");
  EXPECT_EQ(s.series.start_s, k2023 - 3600);
  EXPECT_THAT(s.notes, testing::Contains(HasSubstr("DD/MM/YYYY")));
}

TEST(CsvFormats, MixedOrdersAreRefused) {
  EXPECT_THAT(error_of("time,mw\n13/01/2023 00:00,1\n01/13/2023 01:00,2\n"),
              HasSubstr("mix orders"));
}

TEST(CsvFormats, KilowattColumnIsConvertedAndSaid) {
  const CsvSeries s = parse("time,demand_kw\n2023-01-01 00:00,85436000\n2023-01-01 01:00,1500\n");
  EXPECT_DOUBLE_EQ(s.series.values[0], 85436);
  EXPECT_DOUBLE_EQ(s.series.values[1], 1.5);
  EXPECT_EQ(s.unit, "kW");
  EXPECT_THAT(s.notes, testing::Contains(HasSubstr("kW: converted to MW (divided by 1000)")));
}

TEST(CsvFormats, GigawattColumnByWord) {
  EXPECT_DOUBLE_EQ(
      parse("time,Load (GW)\n2023-01-01 00:00,1.5\n2023-01-01 01:00,2\n").series.values[0], 1500);
}

TEST(CsvFormats, UnitOption) {
  CsvReadOptions o;
  o.unit = "kW";
  EXPECT_DOUBLE_EQ(
      parse("time,load\n2023-01-01 00:00,2000\n2023-01-01 01:00,1\n", o).series.values[0], 2);
  o.unit = "MWh";
  EXPECT_THROW(parse("time,load\n2023-01-01 00:00,2000\n2023-01-01 01:00,1\n", o), InputError);
}

TEST(CsvFormats, AnImplausibleMegawattFigureAsksForTheUnit) {
  EXPECT_THAT(error_of("time,load\n2023-01-01 00:00,85436000\n2023-01-01 01:00,1\n"),
              HasSubstr("--unit kW"));
}

TEST(CsvFormats, NoUnitIsSaid) {
  EXPECT_THAT(parse("time,load\n2023-01-01 00:00,1\n2023-01-01 01:00,1\n").notes,
              testing::Contains(HasSubstr("states no unit: read as MW")));
}

// --- local clocks with daylight saving (America/Chicago, 2023: forward on 12 March, back on
// 5 November) ---

std::string local_day(const std::string& date, int first_hour, int last_hour, bool repeat_one) {
  std::string s;
  for (int h = first_hour; h <= last_hour; ++h) {
    const std::string hh = (h < 10 ? "0" : "") + std::to_string(h);
    s += date + " " + hh + ":00," + std::to_string(h) + "\n";
    if (repeat_one && h == 1) s += date + " 01:00,1.5\n";
  }
  return s;
}

CsvReadOptions chicago() {
  CsvReadOptions o;
  o.zone = TimeZone::named("America/Chicago");
  return o;
}

TEST(CsvLocalTime, TheAutumnRepeatIsTheSecondOccurrence) {
  const std::string text = "time,mw\n" + local_day("2023-11-05", 0, 3, true);
  const CsvSeries s = parse(text, chicago());
  EXPECT_EQ(s.series.size(), 5u);           // 00, 01 CDT, 01 CST, 02, 03: consecutive hours
  EXPECT_EQ(s.series.start_s, 1699160400);  // 2023-11-05T00:00-05:00
  EXPECT_EQ(s.series.values[2], 1.5);
  EXPECT_THAT(s.notes, testing::Contains(HasSubstr("second occurrence")));
}

TEST(CsvLocalTime, TheSpringGapIsNotAGap) {
  std::string text = "time,mw\n2023-03-12 00:00,0\n2023-03-12 01:00,1\n2023-03-12 03:00,3\n";
  const CsvSeries s = parse(text, chicago());
  EXPECT_EQ(s.series.size(), 3u);
  EXPECT_EQ(s.filled, 0u);
}

TEST(CsvLocalTime, WithoutAZoneTheRepeatIsExplainedNotDeleted) {
  const std::string e = error_of("time,mw\n" + local_day("2023-11-05", 0, 3, true));
  EXPECT_THAT(e, HasSubstr("--timezone"));
  EXPECT_THAT(e, HasSubstr("clocks repeat"));
  EXPECT_THAT(e, Not(HasSubstr("remove")));
}

TEST(CsvLocalTime, WithoutAZoneTheSpringGapIsExplainedAndNotLabelledUtc) {
  const std::string e =
      error_of("time,mw\n2023-03-12 00:00,0\n2023-03-12 01:00,1\n2023-03-12 03:00,3\n");
  EXPECT_THAT(e, HasSubstr("--timezone"));
  EXPECT_THAT(e, HasSubstr("first missing: 2023-03-12T02:00:00 as written"));
  EXPECT_THAT(e, Not(HasSubstr("02:00:00Z")));
}

TEST(CsvLocalTime, ASkippedReadingIsAnError) {
  EXPECT_THAT(
      error_of("time,mw\n2023-03-12 01:00,1\n2023-03-12 02:00,2\n2023-03-12 03:00,3\n", chicago()),
      HasSubstr("is not a time in America/Chicago"));
}

TEST(CsvLocalTime, WrittenOffsetsWinOverTheZone) {
  const CsvSeries s =
      parse("time,mw\n2023-11-05T01:00-05:00,1\n2023-11-05T01:00-06:00,2\n", chicago());
  EXPECT_EQ(s.series.start_s, 1699164000);
  EXPECT_EQ(s.series.step_s, 3600);
}

TEST(CsvLocalTime, ATimeColumnNamedUtcStaysUtc) {
  const CsvSeries s = parse("time_utc,mw\n2023-01-01 00:00,1\n2023-01-01 01:00,2\n", chicago());
  EXPECT_EQ(s.series.start_s, k2023);
}

}  // namespace
}  // namespace ballast
