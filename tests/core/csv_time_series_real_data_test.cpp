// Tests src/core/csv_time_series.cpp on the real datasets in data/ (see data/README.md).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"

namespace ballast {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

const std::string kErcot = BALLAST_DATA_DIR "/eia930/ERCO_2016-2024_hourly_utc.csv";
const std::string kTaipower = BALLAST_DATA_DIR "/taipower/fuel_mix_10min_2021-05-20_2021-08-01.csv";

std::vector<std::string> lines_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// The Taipower file with every line outside [first, last] (1-based, header kept) blanked,
// so that the reader still reports the file's own line numbers.
std::string taipower_lines(std::size_t first, std::size_t last) {
  const std::vector<std::string> lines = lines_of(kTaipower);
  std::ostringstream out;
  for (std::size_t n = 1; n <= lines.size(); ++n) {
    out << (n == 1 || (n >= first && n <= last) ? lines[n - 1] : "") << '\n';
  }
  return out.str();
}

CsvReadOptions coal(FillMode fill = FillMode::kNone) {
  CsvReadOptions o;
  o.column = "coal_mw";
  o.fill = fill;
  return o;
}

std::string error_of(std::string_view text, const CsvReadOptions& options) {
  try {
    parse_time_series_csv(text, "fuel_mix.csv", options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// ------------------------------------------------------------------------------------------
// EIA-930 ERCOT demand: time_utc marks the end of the hour.

class Ercot : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    start_label_ = new CsvSeries(read_time_series_csv(kErcot, {}));
    CsvReadOptions end;
    end.label = TimeLabel::kEnd;
    end_label_ = new CsvSeries(read_time_series_csv(kErcot, end));
  }
  static void TearDownTestSuite() {
    delete start_label_;
    delete end_label_;
  }
  static CsvSeries* start_label_;
  static CsvSeries* end_label_;
};
CsvSeries* Ercot::start_label_ = nullptr;
CsvSeries* Ercot::end_label_ = nullptr;

TEST_F(Ercot, Has78912Values) { EXPECT_EQ(start_label_->series.size(), 78912u); }

TEST_F(Ercot, IsHourly) { EXPECT_EQ(start_label_->series.step_s, 3600); }

TEST_F(Ercot, FirstRowIs2016NewYearUtc) {
  EXPECT_EQ(format_timestamp(start_label_->series.start_s), "2016-01-01T00:00:00Z");
}

TEST_F(Ercot, LabelEndStartsAnHourEarlier) {
  EXPECT_EQ(format_timestamp(end_label_->series.start_s), "2015-12-31T23:00:00Z");
}

TEST_F(Ercot, LastIntervalEndsAt2024LastHourWithLabelEnd) {
  const TimeSeries& s = end_label_->series;
  EXPECT_EQ(format_timestamp(s.time_s(s.size())), "2024-12-31T23:00:00Z");
}

TEST_F(Ercot, FirstValue) { EXPECT_EQ(start_label_->series.values.front(), 39356); }

TEST_F(Ercot, LastValue) { EXPECT_EQ(start_label_->series.values.back(), 45692); }

TEST_F(Ercot, ColumnIsDemandMw) { EXPECT_EQ(start_label_->series.name, "demand_mw"); }

TEST_F(Ercot, HasNoWrittenOffset) { EXPECT_FALSE(start_label_->utc_offset_min.has_value()); }

TEST_F(Ercot, NothingFilled) { EXPECT_EQ(start_label_->filled, 0u); }

// ------------------------------------------------------------------------------------------
// Taipower fuel mix every 10 minutes, local time (+08:00). Besides real gaps (days that lack
// their last slots, whole missing days) the file has 11 off-grid rows such as
// 2021-05-24T08:23 (line 628) between 08:10 and 08:30.

TEST(TaipowerFile, WholeFileStopsAtTheFirstOffGridRow) {
  EXPECT_THAT(error_of(taipower_lines(2, 1 << 20), coal()),
              StartsWith("fuel_mix.csv:628:1: irregular time step: 13 min after line 627, but "
                         "the step is 10 min"));
}

TEST(TaipowerFile, WholeFileStopsAtTheFirstOffGridRowEvenWithFill) {
  EXPECT_THAT(error_of(taipower_lines(2, 1 << 20), coal(FillMode::kLinear)),
              StartsWith("fuel_mix.csv:628:1: irregular time step"));
}

TEST(TaipowerFile, ReadFromDiskNamesThePath) {
  try {
    read_time_series_csv(kTaipower, coal());
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), StartsWith(kTaipower + ":628:1: "));
  }
}

// Lines 1781-2881 are on the grid; 2021-06-02 is missing entirely (line 1874 is 06-03 00:00).
TEST(TaipowerFile, MissingDayIsAGapAtLine1874) {
  EXPECT_THAT(error_of(taipower_lines(1781, 2881), coal()),
              StartsWith("fuel_mix.csv:1874:1: gap: 144 interval(s) missing between line 1873 "
                         "and this row"));
}

TEST(TaipowerFile, MissingDayNamesItsFirstSlotInLocalTime) {
  EXPECT_THAT(error_of(taipower_lines(1781, 2881), coal()),
              HasSubstr("(first missing: 2021-06-02T00:00:00+08:00)"));
}

TEST(TaipowerFile, MissingDayIsFilledWithFill) {
  const CsvSeries r =
      parse_time_series_csv(taipower_lines(1781, 2881), "fuel_mix.csv", coal(FillMode::kLinear));
  EXPECT_EQ(r.filled, 144u);
}

TEST(TaipowerFile, MissingDayFilledSeriesLength) {
  const CsvSeries r =
      parse_time_series_csv(taipower_lines(1781, 2881), "fuel_mix.csv", coal(FillMode::kLinear));
  EXPECT_EQ(r.series.size(), 1101u + 144u);
}

// Lines 3222-3453: 2021-06-18 lacks 23:40 and 23:50 (line 3312 is 06-19 00:00).
TEST(TaipowerFile, MissingLastSlotsAreAGapAtLine3312) {
  EXPECT_THAT(error_of(taipower_lines(3222, 3453), coal()),
              StartsWith("fuel_mix.csv:3312:1: gap: 2 interval(s) missing between line 3311"));
}

TEST(TaipowerFile, MissingLastSlotsNameTheFirstOne) {
  EXPECT_THAT(error_of(taipower_lines(3222, 3453), coal()),
              HasSubstr("(first missing: 2021-06-18T23:40:00+08:00)"));
}

TEST(TaipowerFile, MissingLastSlotsFilledLinearly) {
  const CsvSeries r =
      parse_time_series_csv(taipower_lines(3222, 3453), "fuel_mix.csv", coal(FillMode::kLinear));
  const std::size_t i = 3311 - 3222;  // index of 23:30 (coal 9561); 00:00 has coal 9170
  ASSERT_EQ(format_timestamp(r.series.time_s(i), 480), "2021-06-18T23:30:00+08:00");
  EXPECT_EQ(r.series.values[i + 1], 9561 + (9170 - 9561) * (1.0 / 3.0));
  EXPECT_EQ(r.series.values[i + 2], 9561 + (9170 - 9561) * (2.0 / 3.0));
}

TEST(TaipowerFile, OffsetIsPlusEight) {
  EXPECT_EQ(
      parse_time_series_csv(taipower_lines(3222, 3453), "fuel_mix.csv", coal(FillMode::kLinear))
          .utc_offset_min,
      480);
}

// With its 11 off-grid rows removed, the whole file fills to every 10-minute slot from
// 2021-05-20 00:00 to 2021-08-01 23:40 local time.
TEST(TaipowerFile, WithoutOffGridRowsFillsToEverySlot) {
  std::vector<std::string> lines = lines_of(kTaipower);
  std::size_t removed = 0;
  for (std::size_t n = 1; n < lines.size(); ++n) {
    const std::string& t = lines[n];  // "YYYY-MM-DDTHH:MM:SS+08:00,..."
    if (t[15] != '0' || t.compare(17, 2, "00") != 0) {
      lines[n].clear();
      ++removed;
    }
  }
  ASSERT_EQ(removed, 11u);
  std::string text;
  for (const std::string& line : lines) text += line + '\n';
  const CsvSeries r = parse_time_series_csv(text, "fuel_mix.csv", coal(FillMode::kLinear));
  EXPECT_EQ(r.series.size(), 10655u);
}

}  // namespace
}  // namespace ballast
