// Tests src/core/csv_time_series.cpp on small in-memory files: every error names
// file:line:column, and what a well-formed file reads as.

#include "ballast/core/csv_time_series.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/time_zone.h"
#include "ballast/core/timestamp.h"

namespace ballast {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::int64_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z

CsvReadOptions column(std::string name) {
  CsvReadOptions o;
  o.column = std::move(name);
  return o;
}

CsvReadOptions fill_linear() {
  CsvReadOptions o;
  o.fill = FillMode::kLinear;
  return o;
}

CsvSeries parse(std::string_view text, const CsvReadOptions& options = {}) {
  return parse_time_series_csv(text, "in.csv", options);
}

// The what() of the InputError that parsing throws; any other exception fails the test.
std::string error_of(std::string_view text, const CsvReadOptions& options = {}) {
  try {
    parse(text, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr std::string_view kThreeHours =
    "time,demand_mw\n"
    "2020-01-01 00:00,10\n"
    "2020-01-01 01:00,20\n"
    "2020-01-01 02:00,30\n";

// ------------------------------------------------------------------------------------------
// Errors: each is an InputError whose what() begins with file:line:column.

TEST(CsvErrors, EmptyFileAtLineOneColumnOne) {
  EXPECT_THAT(error_of(""), StartsWith("in.csv:1:1: the file is empty"));
}

TEST(CsvErrors, BlankLinesOnlyIsAnEmptyFile) {
  EXPECT_THAT(error_of("\n  \n\t\r\n"), StartsWith("in.csv:1:1: the file is empty"));
}

TEST(CsvErrors, BomOnlyIsAnEmptyFile) {
  EXPECT_THAT(error_of("\xEF\xBB\xBF"), StartsWith("in.csv:1:1: the file is empty"));
}

TEST(CsvErrors, HeaderOnlyAtTheHeaderLine) {
  EXPECT_THAT(error_of("time,demand_mw\n"), StartsWith("in.csv:1:1: found 0 data row(s)"));
}

TEST(CsvErrors, OneDataRowAtThatRow) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n"),
              StartsWith("in.csv:2:1: found 1 data row(s)"));
}

TEST(CsvErrors, OneColumnHeaderAtTheHeader) {
  EXPECT_THAT(error_of("time\n2020-01-01 00:00\n2020-01-01 01:00\n"),
              StartsWith("in.csv:1:1: the header has one column"));
}

TEST(CsvErrors, MissingHeaderAtLineOne) {
  EXPECT_THAT(error_of("2020-01-01 00:00,10\n2020-01-01 01:00,20\n"),
              StartsWith("in.csv:1:1: the first row is data, not a header"));
}

TEST(CsvErrors, MissingHeaderIsSeenThroughAUtf8Bom) {
  EXPECT_THAT(error_of("\xEF\xBB\xBF"
                       "2020-01-01 00:00,10\n2020-01-01 01:00,20\n"),
              StartsWith("in.csv:1:1: the first row is data, not a header"));
}

TEST(CsvErrors, MissingHeaderSuggestsOne) {
  EXPECT_THAT(error_of("2020-01-01,10\n2020-01-02,20\n"), HasSubstr("add a header row"));
}

TEST(CsvErrors, UnknownColumnAtTheHeader) {
  EXPECT_THAT(error_of(kThreeHours, column("load_mw")),
              StartsWith("in.csv:1:1: no column named 'load_mw'"));
}

TEST(CsvErrors, UnknownColumnListsTheValueColumns) {
  EXPECT_THAT(error_of("time,coal_mw,lng_mw\n2020-01-01,1,2\n2020-01-02,1,2\n", column("gas")),
              HasSubstr("the value columns are: 'coal_mw', 'lng_mw'"));
}

TEST(CsvErrors, HugeHeaderCellsAreCutInTheMessage) {
  // A 10 MB header cell and 50 columns: the message quotes each name to 80 characters and
  // names ten of them, so it stays short whatever the file holds.
  std::string text = "time," + std::string(10'000'000, 'x');
  for (int i = 0; i < 49; ++i) text += ",c" + std::to_string(i);
  text += "\n2020-01-01";
  for (int i = 0; i < 50; ++i) text += ",1";
  text += "\n";
  const std::string message = error_of(text, column("gas"));
  EXPECT_THAT(message, HasSubstr("... (50 in all)"));
  EXPECT_LT(message.size(), 1500u);
}

TEST(CsvErrors, TimeColumnIsNotAValueColumn) {
  EXPECT_THAT(error_of(kThreeHours, column("time")), HasSubstr("no column named 'time'"));
}

constexpr std::string_view kTwoNumeric =
    "time,coal_mw,lng_mw\n"
    "2020-01-01 00:00,1,2\n"
    "2020-01-01 01:00,1,2\n";

TEST(CsvErrors, AmbiguousNumericColumnsAtTheHeader) {
  EXPECT_THAT(error_of(kTwoNumeric),
              StartsWith("in.csv:1:1: cannot tell which column holds the values (2 numeric"));
}

TEST(CsvErrors, AmbiguousNumericColumnsListsChoicesAndOption) {
  EXPECT_THAT(error_of(kTwoNumeric), HasSubstr("--column NAME from: coal_mw, lng_mw"));
}

TEST(CsvErrors, NoNumericColumnAtTheHeader) {
  EXPECT_THAT(error_of("time,a,b\n2020-01-01 00:00,x,y\n2020-01-01 01:00,x,y\n"),
              StartsWith("in.csv:1:1: cannot tell which column holds the values (0 numeric"));
}

TEST(CsvErrors, NumbersBeyondTheHeaderAreNotAColumn) {
  EXPECT_THAT(error_of("time,a,b\n2020-01-01 00:00,x,y,5\n2020-01-01 01:00,x,y,6\n"),
              StartsWith("in.csv:1:1: cannot tell which column holds the values (0 numeric"));
}

TEST(CsvErrors, BadTimestampAtItsLineAndColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-13-01 00:00,20\n"),
              StartsWith("in.csv:3:1: '2020-13-01 00:00' is not an ISO-8601 timestamp"));
}

TEST(CsvErrors, IndentedBadTimestampColumnIsWhereTheTextStarts) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n   noon,20\n"),
              StartsWith("in.csv:3:4: 'noon'"));
}

TEST(CsvErrors, FractionalSecondsAreNotATimestamp) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00:00.5,10\n2020-01-01 01:00,20\n"),
              StartsWith("in.csv:2:1: '2020-01-01 00:00:00.5' is not an ISO-8601 timestamp"));
}

TEST(CsvErrors, NonNumericValueAtItsColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,abc\n"),
              StartsWith("in.csv:3:18: column 'demand_mw': 'abc' is not a number"));
}

TEST(CsvErrors, NonNumericValueInThirdColumnAtItsColumn) {
  EXPECT_THAT(error_of("time,note,demand_mw\n2020-01-01 00:00,x,10\n2020-01-01 01:00,x,1e\n"),
              StartsWith("in.csv:3:20: column 'demand_mw': '1e' is not a number"));
}

TEST(CsvErrors, PlusMinusIsNotANumber) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,+-5\n"),
              StartsWith("in.csv:3:18: column 'demand_mw': '+-5' is not a number"));
}

TEST(CsvErrors, EmptyValueAtItsColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,\n"),
              StartsWith("in.csv:3:18: column 'demand_mw' is empty"));
}

TEST(CsvErrors, EmptyValueSuggestsFill) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,\n"),
              HasSubstr("--fill linear"));
}

TEST(CsvErrors, EmptyQuotedValueIsEmpty) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,\"\"\n"),
              StartsWith("in.csv:3:18: column 'demand_mw' is empty"));
}

TEST(CsvErrors, NanAtItsColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,NaN\n"),
              StartsWith("in.csv:3:18: column 'demand_mw' is NaN"));
}

TEST(CsvErrors, InfAtItsColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,inf\n2020-01-01 01:00,10\n"),
              StartsWith("in.csv:2:18: column 'demand_mw' is infinite"));
}

TEST(CsvErrors, MinusInfinityIsInfinite) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,-infinity\n2020-01-01 01:00,10\n"),
              StartsWith("in.csv:2:18: column 'demand_mw' is infinite"));
}

TEST(CsvErrors, OverflowingNumberIsNotANumber) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1e999\n2020-01-01 01:00,10\n"),
              StartsWith("in.csv:2:18: column 'demand_mw': '1e999' is not a number"));
}

TEST(CsvErrors, NegativeAtItsColumn) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,-5\n"),
              StartsWith("in.csv:3:18: column 'demand_mw' is negative (-5)"));
}

TEST(CsvSigned, NegativeValuesAreReadWhenAllowed) {
  CsvReadOptions o = column("power_mw");
  o.allow_negative = true;
  const CsvSeries s =
      parse("time,power_mw\n2020-01-01 00:00,-2.5\n2020-01-01 01:00,4\n2020-01-01 02:00,-0\n", o);
  EXPECT_THAT(s.series.values, ElementsAre(-2.5, 4.0, 0.0));
}

TEST(CsvSigned, StillRefusesADuplicateTime) {
  CsvReadOptions o = column("power_mw");
  o.allow_negative = true;
  EXPECT_THAT(
      error_of("time,power_mw\n2020-01-01 00:00,-1\n2020-01-01 00:00,2\n2020-01-01 01:00,3\n", o),
      StartsWith("in.csv:3:1: duplicate timestamp"));
}

TEST(CsvErrors, MissingFieldAtTheEndOfTheLine) {
  EXPECT_THAT(error_of("time,a,b\n2020-01-01 00:00,1,2\n2020-01-01 01:00,1\n", column("b")),
              StartsWith("in.csv:3:19: the row has 2 field(s) but column 'b' is field 3"));
}

TEST(CsvErrors, MissingFieldColumnIgnoresCarriageReturn) {
  EXPECT_THAT(error_of("time,a,b\r\n2020-01-01 00:00,1,2\r\n2020-01-01 01:00,1\r\n", column("b")),
              StartsWith("in.csv:3:19: "));
}

TEST(CsvErrors, UnsortedAtTheEarlierRow) {
  EXPECT_THAT(
      error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 02:00,2\n2020-01-01 01:00,3\n"),
      StartsWith("in.csv:4:1: timestamps are not sorted: this row is earlier than line 3"));
}

TEST(CsvErrors, DuplicateAtTheSecondRow) {
  EXPECT_THAT(
      error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n2020-01-01 01:00,3\n"),
      StartsWith("in.csv:4:1: duplicate timestamp: same instant as line 3"));
}

// The reader keeps no line or column with a row: a message finds them again from the text,
// past blank and white lines and carriage returns.
TEST(CsvErrors, LinesAndColumnsAreFoundPastBlankLines) {
  EXPECT_THAT(error_of("time,demand_mw\r\n2020-01-01 00:00,1\r\n\r\n   \r\n2020-01-01 01:00,2\r\n"
                       "\r\n2020-01-01 01:00,3\r\n"),
              StartsWith("in.csv:7:1: duplicate timestamp: same instant as line 5"));
  EXPECT_THAT(error_of("time,demand_mw\n2020-03-08 00:00,1\n2020-03-08 01:00,2\n\n"
                       "2020-03-08 03:00,3\n"),
              StartsWith("in.csv:5:1: gap: 1 interval(s) missing between line 3 and this row "
                         "(first missing: 2020-03-08T02:00:00 as written, without an offset: "
                         "read as UTC)"));
  // a value out of range: at its own cell, in a row of the plain shape and in another
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00:00,1\n\n2020-01-01 01:00:00,20000000\n"),
              StartsWith("in.csv:4:21: column 'demand_mw' holds "));
  EXPECT_THAT(error_of("time,other,demand_mw\n2020-01-01 00:00,5,1\n\n\n"
                       "2020-01-01 01:00,5,20000000\n"),
              StartsWith("in.csv:5:20: column 'demand_mw' holds "));
}

// A row's clock as written, in a message about it: on a zone's clock, also after a row whose
// written offset made its clock reading its instant.
TEST(CsvErrors, ADuplicateOnALocalClockNamesTheClockReading) {
  CsvReadOptions o;
  o.zone = TimeZone::named("America/Chicago");
  EXPECT_THAT(error_of("time,demand_mw\n2020-06-01 00:00,1\n\n2020-06-01 01:00,2\n"
                       "2020-06-01 01:00,3\n",
                       o),
              StartsWith("in.csv:5:1: duplicate timestamp: same instant as line 4 "
                         "(2020-06-01T01:00:00 in America/Chicago, which the clock shows once)"));
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01T06:00Z,1\n2020-01-01 01:00,2\n"
                       "2020-01-01 01:00,3\n",
                       o),
              StartsWith("in.csv:4:1: duplicate timestamp: same instant as line 3 "
                         "(2020-01-01T01:00:00 in America/Chicago, which the clock shows once)"));
}

TEST(CsvErrors, SameInstantWrittenInTwoOffsetsIsADuplicate) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01T08:00+08:00,1\n2020-01-01T00:00Z,2\n"),
              StartsWith("in.csv:3:1: duplicate timestamp: same instant as line 2"));
}

TEST(CsvErrors, IrregularStepAtTheOffendingRow) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n"
                       "2020-01-01 02:00,3\n2020-01-01 02:30,4\n"),
              StartsWith("in.csv:5:1: irregular time step: 30 min after line 4, but the step "
                         "is 1 h"));
}

// One off-grid row must not redefine the step for the whole file (the Taipower file has
// rows at 08:23 among 10-minute rows); the step is the most common difference.
TEST(CsvErrors, OffGridRowIsIrregularAtThatRow) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 00:10,1\n"
                       "2020-01-01 00:23,1\n2020-01-01 00:30,1\n2020-01-01 00:40,1\n"),
              StartsWith("in.csv:4:1: irregular time step: 13 min after line 3, but the step "
                         "is 10 min"));
}

TEST(CsvErrors, OffGridRowIsIrregularEvenWithFill) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 00:10,1\n"
                       "2020-01-01 00:23,1\n2020-01-01 00:30,1\n2020-01-01 00:40,1\n",
                       fill_linear()),
              StartsWith("in.csv:4:1: irregular time step"));
}

constexpr std::string_view kGap =
    "time,demand_mw\n"
    "2020-01-01 00:00,1\n"
    "2020-01-01 01:00,2\n"
    "2020-01-01 02:00,3\n"
    "2020-01-01 05:00,6\n";

TEST(CsvErrors, GapAtTheRowAfterIt) {
  EXPECT_THAT(error_of(kGap),
              StartsWith("in.csv:5:1: gap: 2 interval(s) missing between line 4 and this row"));
}

TEST(CsvErrors, GapNamesTheFirstMissingTime) {
  // Written without an offset: the message says so instead of labelling it UTC ("Z").
  EXPECT_THAT(error_of(kGap), HasSubstr("(first missing: 2020-01-01T03:00:00 as written, "
                                        "without an offset: read as UTC)"));
}

TEST(CsvErrors, GapSuggestsFillLinear) { EXPECT_THAT(error_of(kGap), HasSubstr("--fill linear")); }

TEST(CsvErrors, GapNamesTheFirstMissingTimeInTheFilesOffset) {
  EXPECT_THAT(error_of("time,demand_mw\n2021-05-20T00:00+08:00,1\n2021-05-20T00:10+08:00,1\n"
                       "2021-05-20T00:20+08:00,1\n2021-05-20T00:50+08:00,1\n"),
              HasSubstr("(first missing: 2021-05-20T00:30:00+08:00)"));
}

TEST(CsvErrors, DailyStepIsTooLong) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n"),
              StartsWith("in.csv:3:1: the time step is 24 h; ballast reads steps from 1 s to 1 h"));
}

TEST(CsvErrors, TwoHourStepIsTooLongAtTheFirstRowWithThatStep) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:30,2\n"
                       "2020-01-01 03:30,3\n2020-01-01 05:30,4\n"),
              StartsWith("in.csv:4:1: the time step is 2 h"));
}

// A fill larger than the data is a mistyped timestamp, not a gap (and would allocate
// about 10^11 one-second values here).
TEST(CsvErrors, FillLargerThanTheDataIsAnErrorAtThatRow) {
  EXPECT_THAT(error_of("time,demand_mw\n2021-01-01 00:00:00,1\n2021-01-01 00:00:01,1\n"
                       "2021-01-01 00:00:02,1\n5021-01-01 00:00:03,1\n",
                       fill_linear()),
              StartsWith("in.csv:5:1: gap: 94670812800 interval(s) missing between line 4"));
}

TEST(CsvErrors, FillOfAsManyIntervalsAsRowsIsAllowed) {
  EXPECT_EQ(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,1\n"
                     "2020-01-01 04:00,1\n",
                     fill_linear()),
            "(no error)");
}

TEST(CsvErrors, FillOfMoreIntervalsThanRowsIsAnError) {
  EXPECT_THAT(error_of("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,1\n"
                       "2020-01-01 06:00,1\n",
                       fill_linear()),
              HasSubstr("fills at most as many intervals as the file has rows (3)"));
}

TEST(CsvErrors, LineNumbersCountBlankLines) {
  EXPECT_THAT(error_of("time,demand_mw\n\n2020-01-01 00:00,1\n\n\n2020-01-01 01:00,x\n"),
              StartsWith("in.csv:6:18: "));
}

TEST(CsvErrors, IsAnInputErrorWithTheLocation) {
  try {
    parse("time,demand_mw\n2020-01-01 00:00,10\n2020-01-01 01:00,-1\n");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(to_string(e.where()), "in.csv:3:18");
  }
}

TEST(CsvErrors, MissingFileNamesThePath) {
  const std::string path = ::testing::TempDir() + "/ballast_no_such_file.csv";
  try {
    read_time_series_csv(path, {});
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith(path + ": cannot open the file"));
  }
}

// ------------------------------------------------------------------------------------------
// Well-formed files.

TEST(CsvRead, ValuesInOrder) {
  EXPECT_THAT(parse(kThreeHours).series.values, ElementsAre(10, 20, 30));
}

TEST(CsvRead, StartIsTheFirstTimestamp) { EXPECT_EQ(parse(kThreeHours).series.start_s, k2020); }

TEST(CsvRead, StepIsDetected) { EXPECT_EQ(parse(kThreeHours).series.step_s, 3600); }

TEST(CsvRead, OneSecondStep) {
  EXPECT_EQ(parse("t,v\n2020-01-01 00:00:00,1\n2020-01-01 00:00:01,2\n").series.step_s, 1);
}

TEST(CsvRead, NameIsTheColumn) { EXPECT_EQ(parse(kThreeHours).series.name, "demand_mw"); }

TEST(CsvRead, UnitIsMw) { EXPECT_EQ(parse(kThreeHours).series.unit, "MW"); }

TEST(CsvRead, FirstRowLine) { EXPECT_EQ(parse(kThreeHours).first_row_line, 2u); }

TEST(CsvRead, FirstRowLineCountsBlankLines) {
  EXPECT_EQ(parse("time,demand_mw\n\n\n2020-01-01,1\n2020-01-01 01:00,2\n").first_row_line, 4u);
}

TEST(CsvRead, CrlfLineEndings) {
  EXPECT_THAT(
      parse("time,demand_mw\r\n2020-01-01 00:00,10\r\n2020-01-01 01:00,20\r\n").series.values,
      ElementsAre(10, 20));
}

TEST(CsvRead, Utf8BomBeforeTheHeader) {
  EXPECT_THAT(
      parse("\xEF\xBB\xBFtime,load\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n").series.values,
      ElementsAre(1, 2));
}

TEST(CsvRead, QuotedFields) {
  EXPECT_THAT(parse("\"time\",\"demand_mw\"\n\"2020-01-01 00:00\",\"1.5\"\n"
                    "\"2020-01-01 01:00\",\"2.5\"\n")
                  .series.values,
              ElementsAre(1.5, 2.5));
}

TEST(CsvRead, QuotedCommaDoesNotSplitAField) {
  EXPECT_THAT(parse("time,note,demand_mw\n2020-01-01 00:00,\"a, b\",5\n"
                    "2020-01-01 01:00,\"c, d\",6\n")
                  .series.values,
              ElementsAre(5, 6));
}

TEST(CsvRead, TrailingBlankLines) {
  EXPECT_EQ(parse("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n\n\n  \n").series.size(),
            2u);
}

TEST(CsvRead, NoFinalNewline) {
  EXPECT_EQ(parse("time,demand_mw\n2020-01-01 00:00,1\n2020-01-01 01:00,2").series.size(), 2u);
}

TEST(CsvRead, SpacesAroundValuesAreTrimmed) {
  EXPECT_THAT(
      parse("time, demand_mw\n2020-01-01 00:00 , 1 \n2020-01-01 01:00,\t2\t\n").series.values,
      ElementsAre(1, 2));
}

TEST(CsvRead, PlusSignAndExponent) {
  EXPECT_THAT(parse("time,demand_mw\n2020-01-01 00:00,+1\n2020-01-01 01:00,2e3\n").series.values,
              ElementsAre(1, 2000));
}

TEST(CsvRead, DemandMwIsChosenAmongSeveralColumns) {
  EXPECT_EQ(parse("time,coal_mw,demand_mw,lng_mw\n2020-01-01 00:00,1,2,3\n"
                  "2020-01-01 01:00,1,2,3\n")
                .series.name,
            "demand_mw");
}

TEST(CsvRead, DemandMwValuesAreRead) {
  EXPECT_THAT(parse("time,coal_mw,demand_mw,lng_mw\n2020-01-01 00:00,1,2,3\n"
                    "2020-01-01 01:00,4,5,6\n")
                  .series.values,
              ElementsAre(2, 5));
}

TEST(CsvRead, TheOnlyNumericColumnIsChosen) {
  EXPECT_EQ(
      parse("time,region,load\n2020-01-01 00:00,ERCO,1\n2020-01-01 01:00,ERCO,2\n").series.name,
      "load");
}

TEST(CsvRead, TheSecondOfTwoColumnsIsChosen) {
  EXPECT_EQ(parse("when,anything\n2020-01-01 00:00,1\n2020-01-01 01:00,2\n").series.name,
            "anything");
}

TEST(CsvRead, NamedColumnIsChosen) {
  EXPECT_THAT(parse(kTwoNumeric, column("lng_mw")).series.values, ElementsAre(2, 2));
}

TEST(CsvRead, NamedColumnBeatsDemandMw) {
  EXPECT_EQ(parse("time,demand_mw,b\n2020-01-01 00:00,1,2\n2020-01-01 01:00,1,2\n", column("b"))
                .series.name,
            "b");
}

TEST(CsvRead, MixedOffsetsAreConvertedToUtc) {
  EXPECT_EQ(parse("time,v\n2020-01-01T08:00+08:00,1\n2020-01-01T01:00Z,2\n").series.step_s, 3600);
}

TEST(CsvRead, TimeLabelStartKeepsTheFirstTimestamp) {
  CsvReadOptions o;
  o.label = TimeLabel::kStart;
  EXPECT_EQ(parse(kThreeHours, o).series.start_s, k2020);
}

TEST(CsvRead, TimeLabelEndStartsOneStepEarlier) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  EXPECT_EQ(parse(kThreeHours, o).series.start_s, k2020 - 3600);
}

TEST(CsvRead, TimeLabelEndKeepsTheValues) {
  CsvReadOptions o;
  o.label = TimeLabel::kEnd;
  EXPECT_THAT(parse(kThreeHours, o).series.values, ElementsAre(10, 20, 30));
}

TEST(CsvRead, OffsetIsRecorded) {
  EXPECT_EQ(parse("time,v\n2021-05-20T00:00+08:00,1\n2021-05-20T00:10+08:00,2\n").utc_offset_min,
            480);
}

TEST(CsvRead, ZIsRecordedAsOffsetZero) {
  EXPECT_EQ(parse("time,v\n2021-05-20T00:00Z,1\n2021-05-20T00:10Z,2\n").utc_offset_min, 0);
}

TEST(CsvRead, NoOffsetIsRecordedAsNone) {
  EXPECT_FALSE(parse(kThreeHours).utc_offset_min.has_value());
}

TEST(CsvRead, OffsetIsTakenFromTheFirstRow) {
  EXPECT_EQ(parse("time,v\n2020-01-01T00:00-06:00,1\n2020-01-01T07:00Z,2\n").utc_offset_min, -360);
}

TEST(CsvRead, NothingFilledWithoutGaps) { EXPECT_EQ(parse(kThreeHours, fill_linear()).filled, 0u); }

constexpr std::string_view kFourHourGap =
    "time,demand_mw\n"
    "2020-01-01 00:00,6\n"
    "2020-01-01 01:00,10\n"
    "2020-01-01 05:00,14\n"
    "2020-01-01 06:00,8\n";

TEST(CsvRead, FillLinearValuesAreExact) {
  EXPECT_THAT(parse(kFourHourGap, fill_linear()).series.values,
              ElementsAre(6, 10, 11, 12, 13, 14, 8));
}

TEST(CsvRead, FillLinearCountsFilledIntervals) {
  EXPECT_EQ(parse(kFourHourGap, fill_linear()).filled, 3u);
}

TEST(CsvRead, FillLinearKeepsTheStart) {
  EXPECT_EQ(parse(kFourHourGap, fill_linear()).series.start_s, k2020);
}

TEST(CsvRead, MostCommonDifferenceIsTheStepEvenAfterAGap) {
  EXPECT_EQ(parse(kFourHourGap, fill_linear()).series.step_s, 3600);
}

TEST(CsvRead, ReadsAFile) {
  const std::string path = ::testing::TempDir() + "/ballast_csv_read_test.csv";
  std::ofstream(path, std::ios::binary) << kThreeHours;
  const CsvSeries read = read_time_series_csv(path, {});
  std::filesystem::remove(path);
  EXPECT_THAT(read.series.values, ElementsAre(10, 20, 30));
}

}  // namespace
}  // namespace ballast

namespace ballast {
namespace {

// Rows of the common shape read their number by a short loop when it is whole ("95072",
// "95072.0", "5."), and by the general parser otherwise: every spelling gives the double
// std::from_chars gives for the same text (an independent parser), on random rows of both kinds.
TEST(CsvNumbers, EverySpellingOfTheCommonShapeReadsAsFromChars) {
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> digits(1, 7), zeros(0, 12), kind(0, 6);
  std::string text = "time,demand_mw\n";
  std::vector<std::string> numbers;
  for (int i = 0; i < 3000; ++i) {
    std::string n(static_cast<std::size_t>(zeros(rng) % 4 == 0 ? zeros(rng) : 0), '0');
    const int count = digits(rng);
    for (int d = 0; d < count; ++d) n += static_cast<char>('0' + rng() % 10);
    switch (kind(rng)) {
      case 0:
        n += ".0";
        break;
      case 1:
        n += "." + std::string(static_cast<std::size_t>(zeros(rng)), '0');
        break;
      case 2:
        n += ".5";
        break;
      case 3:
        n += "." + std::to_string(rng() % 1000);
        break;
      case 4:
        n += "e-2";
        break;
      default:
        break;
    }
    numbers.push_back(n);
    text += fmt::format("{},{}\n", format_timestamp(k2020 + 3600 * i, 0).substr(0, 19), n);
  }
  const std::vector<double> read = parse(text).series.values;
  ASSERT_EQ(read.size(), numbers.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    double expected = 0;
    const std::string& n = numbers[i];
    ASSERT_EQ(std::from_chars(n.data(), n.data() + n.size(), expected).ec, std::errc()) << n;
    EXPECT_EQ(read[i], expected) << n;
  }
}

}  // namespace
}  // namespace ballast
