// Property (issue 12, finding 2): the real ERCOT record written in UTC and the same record
// written on Chicago's local clock (daylight saving, with and without offsets) read to the
// identical series, so every result made from them is identical. The local clock is computed
// here from the US rule (second Sunday of March, first Sunday of November, 02:00 local), not
// by the library under test.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"

namespace ballast {
namespace {

std::int64_t days(int y, int m, int d) {
  static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const auto leap = [](int x) { return (x % 4 == 0 && x % 100 != 0) || x % 400 == 0; };
  std::int64_t n = 0;
  for (int x = 1970; x < y; ++x) n += leap(x) ? 366 : 365;
  for (int k = 1; k < m; ++k) n += kLen[k - 1] + (k == 2 && leap(y) ? 1 : 0);
  return n + d - 1;
}

std::int64_t sunday(int y, int m, int nth) {
  std::int64_t d = days(y, m, 1);
  while ((d + 4) % 7 != 0) ++d;
  return d + 7 * (nth - 1);
}

int chicago_offset_min(std::int64_t utc_s) {
  const int y = 1970 + static_cast<int>(utc_s / 31557600);  // close enough to pick the year
  for (int yy : {y - 1, y, y + 1}) {
    const std::int64_t on = sunday(yy, 3, 2) * 86400 + 8 * 3600;
    const std::int64_t off = sunday(yy, 11, 1) * 86400 + 7 * 3600;
    if (utc_s >= on && utc_s < off) return -300;
  }
  return -360;
}

std::string clock(std::int64_t local_s) {
  std::string s = format_timestamp(local_s, 0);
  s.pop_back();
  s[10] = ' ';
  return s;
}

class ErcotLocal : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::ifstream in(std::string(BALLAST_DATA_DIR) + "/eia930/ERCO_2016-2024_hourly_utc.csv");
    std::string line;
    std::getline(in, line);
    utc_ = "time_utc,demand_mw\n";
    native_ = "Date,HE,Load\n";
    naive_ = "time,demand_mw\n";
    offset_ = "time,demand_mw\n";
    while (std::getline(in, line)) {
      const std::size_t comma = line.find(',');
      const std::int64_t t = parse_timestamp(line.substr(0, comma))->utc_s;
      const int off = chicago_offset_min(t);
      const std::string value = line.substr(comma);
      utc_ += line + "\n";
      naive_ += clock(t + off * 60) + value + "\n";
      offset_ += format_timestamp(t, off) + value + "\n";
      // ERCOT's native layout: the local date, hour ending 1..24 (24:00 is the day's end),
      // MM/DD/YYYY, and the load with a thousands separator in quotes: "41,863.00".
      const std::int64_t end_local = t + off * 60;
      std::int64_t day = end_local / 86400;
      int he = static_cast<int>(end_local % 86400 / 3600);
      if (he == 0) {
        he = 24;
        --day;
      }
      const std::string iso = format_timestamp(day * 86400, 0);  // YYYY-MM-DDT00:00:00Z
      const double mw = std::stod(value.substr(1));
      char load[32];
      std::snprintf(load, sizeof load, "\"%d,%03d.00\"", static_cast<int>(mw) / 1000,
                    static_cast<int>(mw) % 1000);
      native_ += iso.substr(5, 2) + "/" + iso.substr(8, 2) + "/" + iso.substr(0, 4) + "," +
                 std::to_string(he) + "," + load + "\n";
    }
  }
  static CsvSeries read(const std::string& text, bool zoned) {
    CsvReadOptions o;
    o.label = TimeLabel::kEnd;
    if (zoned) o.zone = TimeZone::named("America/Chicago");
    return parse_time_series_csv(text, "ercot.csv", o);
  }
  static inline std::string utc_, naive_, offset_, native_;
};

TEST_F(ErcotLocal, LocalClockWithDaylightSavingReadsToTheSameSeries) {
  const TimeSeries a = read(utc_, true).series;
  const TimeSeries b = read(naive_, true).series;
  EXPECT_EQ(a.start_s, b.start_s);
  EXPECT_EQ(a.step_s, b.step_s);
  EXPECT_EQ(a.values, b.values);
}

// Finding 3: ERCOT's native layout reads to the same series (every ERCOT load is above 1,000
// MW, so the grouped form is exact). The date order is proved by days above 12.
TEST_F(ErcotLocal, NativeDateHourEndingLayoutReadsToTheSameSeries) {
  const TimeSeries a = read(utc_, true).series;
  const CsvSeries b = read(native_, true);
  EXPECT_EQ(a.start_s, b.series.start_s);
  EXPECT_EQ(a.values, b.series.values);
}

TEST_F(ErcotLocal, WrittenOffsetsReadToTheSameSeries) {
  const TimeSeries a = read(utc_, false).series;
  const TimeSeries b = read(offset_, false).series;
  EXPECT_EQ(a.start_s, b.start_s);
  EXPECT_EQ(a.values, b.values);
}

TEST_F(ErcotLocal, WithoutTheZoneTheLocalClockIsRefusedWithTheReason) {
  try {
    read(naive_, false);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("--timezone"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace ballast
