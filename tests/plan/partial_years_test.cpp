// Partial calendar years (issue 12, finding 1) on the real ERCOT record: a year the record
// covers only in part must not weigh as much as a whole one. Expectations are computed here
// from the rows themselves (curtailment by its definition), not copied from any output.

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/grid.h"
#include "ballast/plan/headroom.h"

namespace ballast::plan {
namespace {

std::vector<std::string> ercot_lines() {
  std::ifstream in(std::string(BALLAST_DATA_DIR) + "/eia930/ERCO_2016-2024_hourly_utc.csv");
  std::vector<std::string> lines;
  std::string l;
  while (std::getline(in, l)) lines.push_back(l);
  return lines;  // [0] is the header
}

std::string join(const std::vector<std::string>& header_and_rows) {
  std::string s;
  for (const std::string& l : header_and_rows) s += l + "\n";
  return s;
}

TimeSeries read(const std::string& text, TimeLabel label) {
  CsvReadOptions o;
  o.label = label;
  return parse_time_series_csv(text, "ercot.csv", o).series;
}

Grid grid(TimeSeries s, int offset_min, PartialPeriods p,
          ThresholdKind t = ThresholdKind::kSeasonal) {
  return make_grid(std::move(s), Calendar(offset_min), {t}, RateMethod::kYearlyMean, p);
}

// Finding 1's reproduction: the built-in record (hour ending, UTC) in local standard time
// starts 2015-12-31T17:00-06:00. Its 7 hours of 2015 are a year of their own.
TEST(PartialYears, TheSevenHourStubNoLongerMovesTheAnswer) {
  std::vector<std::string> lines = ercot_lines();
  const TimeSeries full = read(join(lines), TimeLabel::kEnd);
  lines.erase(lines.begin() + 1, lines.begin() + 8);  // the 7 rows of local 2015
  const TimeSeries trimmed = read(join(lines), TimeLabel::kEnd);
  for (double limit : {0.0025, 0.005}) {
    const double a = headroom_without_storage(grid(full, -360, PartialPeriods::kDrop), limit);
    const double b = headroom_without_storage(grid(trimmed, -360, PartialPeriods::kDrop), limit);
    EXPECT_NEAR(a, b, 1e-9 * b) << limit;
    // Counted as a whole year, the stub (never curtailed) lowers the mean rate and so raises
    // the headroom: the bias the issue reports.
    const double keep = headroom_without_storage(grid(full, -360, PartialPeriods::kKeep), limit);
    const double keep_trimmed =
        headroom_without_storage(grid(trimmed, -360, PartialPeriods::kKeep), limit);
    EXPECT_GT(keep, 1.02 * keep_trimmed) << limit;
  }
}

TEST(PartialYears, TheGridSaysWhichYearsItLeftOut) {
  const Grid g = grid(read(join(ercot_lines()), TimeLabel::kEnd), -360, PartialPeriods::kDrop);
  ASSERT_EQ(g.calendar_years.size(), 10u);
  EXPECT_EQ(g.calendar_years.front().year, 2015);
  EXPECT_EQ(g.calendar_years.front().steps, 7u);
  EXPECT_EQ(g.calendar_years.back().steps, 8784u - 7u);  // 2024 ends at 17:00 local
  std::size_t counted = 0;
  for (bool c : g.counted) counted += c;
  EXPECT_EQ(counted, 78912u - 7u - 8777u);
  EXPECT_DOUBLE_EQ(g.counted_years * 8766, 6 * 8760.0 + 2 * 8784.0);
  ASSERT_FALSE(g.notes.empty());
  EXPECT_NE(g.notes[0].find("2015 (7 h of 8,760)"), std::string::npos) << g.notes[0];
  EXPECT_NE(g.notes[0].find("2024 (8,777 h of 8,784)"), std::string::npos) << g.notes[0];
}

// Finding 1, second case: ERCOT 2023 with hour-ending UTC stamps read as hour-starting puts
// the last hour in 2024. Kept as a year, that hour halves the average rate; dropped, the rate
// moves by at most the two hours that differ (one left, one added), each at most 1/8760.
TEST(PartialYears, OneHourOfTheNextYearNoLongerHalvesTheRate) {
  std::vector<std::string> lines = ercot_lines();
  std::vector<std::string> y2023 = {lines[0]};
  for (const std::string& l : lines) {
    // Hour-ending stamps of 2023: 2023-01-01 01:00 ... 2024-01-01 00:00.
    if ((l.rfind("2023-", 0) == 0 && l.rfind("2023-01-01 00:", 0) != 0) ||
        l.rfind("2024-01-01 00:00", 0) == 0) {
      y2023.push_back(l);
    }
  }
  ASSERT_EQ(y2023.size(), 8761u);
  const Grid right =
      grid(read(join(y2023), TimeLabel::kEnd), 0, PartialPeriods::kDrop, ThresholdKind::kPeak);
  const Grid wrong =
      grid(read(join(y2023), TimeLabel::kStart), 0, PartialPeriods::kDrop, ThresholdKind::kPeak);
  const Grid kept =
      grid(read(join(y2023), TimeLabel::kStart), 0, PartialPeriods::kKeep, ThresholdKind::kPeak);
  ASSERT_EQ(right.calendar_years.size(), 1u);
  ASSERT_EQ(wrong.calendar_years.size(), 2u);
  const double d = headroom_without_storage(right, 0.01);
  const double r_right = curtailment_rate(right, curtailment_without_storage(right, d), d);
  const double r_wrong = curtailment_rate(wrong, curtailment_without_storage(wrong, d), d);
  const double r_kept = curtailment_rate(kept, curtailment_without_storage(kept, d), d);
  EXPECT_NEAR(r_right, 0.01, 1e-9);
  EXPECT_LE(std::fabs(r_wrong - r_right), 2.0 / 8760);
  // Kept as a year, the one hour of 2024 counts as much as the 8,759 of 2023.
  const std::vector<double> c = curtailment_without_storage(kept, d);
  double r23 = 0;
  for (std::size_t i = 0; i + 1 < c.size(); ++i) r23 += c[i];
  r23 /= 8759 * d;
  const double r24 = c.back() / d;
  EXPECT_NEAR(r_kept, 0.5 * (r23 + r24), 1e-12);
  EXPECT_LT(r24, 0.1 * r23);  // that hour (midnight, January) is not curtailed much
  EXPECT_LT(r_kept, 0.6 * r_right);
}

// Property: adding one hour at either end of a record of whole local years never moves a
// per-year figure under drop; under weight, adding or dropping one hour moves the mean rate by
// at most that hour's share of the weight, f/(F - f), with f = 1 h / the year's hours.
TEST(PartialYears, OneHourAtEitherEndMovesTheRateByAtMostItsShare) {
  // Local (UTC-6) whole years 2016-2023 out of the record; then one more hour either side.
  const TimeSeries all = read(join(ercot_lines()), TimeLabel::kEnd);
  const std::size_t first = 7;                // 2016-01-01T00:00-06:00
  const std::size_t n = 6 * 8760 + 2 * 8784;  // through 2023
  const auto slice = [&](std::size_t from, std::size_t count) {
    TimeSeries s = all;
    s.start_s = all.time_s(from);
    s.values.assign(all.values.begin() + static_cast<std::ptrdiff_t>(from),
                    all.values.begin() + static_cast<std::ptrdiff_t>(from + count));
    return s;
  };
  const double cap = 70000;  // a fixed capacity, so the threshold does not move with the hours
  const auto make = [&](std::size_t from, std::size_t count, PartialPeriods p) {
    return make_grid(slice(from, count), Calendar(-360), {ThresholdKind::kConstant, cap},
                     RateMethod::kYearlyMean, p);
  };
  const Grid whole = make(first, n, PartialPeriods::kDrop);
  const double d = headroom_without_storage(whole, 0.005);
  const auto rate = [&](const Grid& g) {
    return curtailment_rate(g, curtailment_without_storage(g, d), d);
  };
  const double r0 = rate(whole);
  EXPECT_DOUBLE_EQ(rate(make(first - 1, n + 1, PartialPeriods::kDrop)), r0);
  EXPECT_DOUBLE_EQ(rate(make(first, n + 1, PartialPeriods::kDrop)), r0);
  const Grid w0 = make(first, n, PartialPeriods::kWeight);
  const double rw = rate(w0);
  const double f_sum = 8.0;  // eight whole years
  for (const auto& [from, count, year_h] :
       {std::tuple{first - 1, n + 1, 8760.0}, std::tuple{first, n + 1, 8784.0},
        std::tuple{first + 1, n - 1, 8784.0}, std::tuple{first, n - 1, 8760.0}}) {
    const double f = 1.0 / year_h;
    const double bound = f / (f_sum - f);
    EXPECT_LE(std::fabs(rate(make(from, count, PartialPeriods::kWeight)) - rw), bound * (1 + 1e-9))
        << from << " " << count;
  }
}

}  // namespace
}  // namespace ballast::plan
