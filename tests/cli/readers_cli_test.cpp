// The reader, time-zone and partial-year options (issue 12) end to end: the real `ballast`
// binary on real data, with expectations computed here from the files.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli.h"

namespace {

namespace fs = std::filesystem;
using ballast::testing::ballast;

fs::path write_temp(const std::string& name, const std::string& text) {
  const fs::path p = fs::temp_directory_path() / (std::to_string(getpid()) + "_" + name);
  std::ofstream(p) << text;
  return p;
}

std::string data(const std::string& rel) { return std::string(BALLAST_DATA_DIR) + "/" + rel; }

TEST(ReadersCli, BuiltInGridsSayWhichPartialYearsTheyLeaveOut) {
  const auto r = ballast("headroom --json --curtailment 0.5");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["load"]["timezone"], "America/Chicago");
  EXPECT_EQ(j["load"]["partial_years"], "drop");
  // 2016-2023 in local time: 6 years of 8,760 h and 2 of 8,784 = exactly 8 years of 8,766 h.
  EXPECT_DOUBLE_EQ(j["load"]["counted_years"].get<double>(), 8.0);
  ASSERT_EQ(j["load"]["notes"].size(), 1u);
  EXPECT_NE(j["load"]["notes"][0].get<std::string>().find("2015 (7 h of 8,760)"),
            std::string::npos);
  const auto t = ballast("headroom --curtailment 0.5");
  EXPECT_NE(t.out.find("note: per-year figures leave out the partly covered years 2015"),
            std::string::npos);
}

TEST(ReadersCli, PartialYearsWeightCountsEveryHour) {
  const auto j = nlohmann::json::parse(
      ballast("headroom --json --curtailment 0.5 --partial-years weight").out);
  EXPECT_NEAR(j["load"]["counted_years"].get<double>(), 78912.0 / 8766, 1e-12);
}

TEST(ReadersCli, StandardTimeIsStillAvailable) {
  const auto j = nlohmann::json::parse(ballast("headroom --json --utc-offset -6").out);
  EXPECT_EQ(j["load"]["timezone"], "UTC-06:00");
  EXPECT_EQ(ballast("headroom --utc-offset -6 --timezone America/Chicago").exit_code, 2);
}

TEST(ReadersCli, UnknownZoneIsABadInput) {
  const auto r = ballast("headroom --timezone America/Chicag");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown time zone"), std::string::npos) << r.err;
}

// Finding 3: a semicolon-delimited file with decimal commas, in kW.
TEST(ReadersCli, SemicolonDecimalCommaKilowattFile) {
  std::ifstream in(data("eia930/NEVP_2021-11_2022-10_hourly_utc.csv"));
  std::string line;
  std::getline(in, line);
  std::string text = "time_utc;demand_kw\n";
  double peak_mw = 0;
  while (std::getline(in, line)) {
    const std::size_t c = line.find(',');
    const double mw = std::stod(line.substr(c + 1));
    peak_mw = std::max(peak_mw, mw);
    std::string kw = std::to_string(static_cast<long long>(std::llround(mw * 1000))) + ",5";
    text += line.substr(0, c) + ";" + kw + "\n";
  }
  const fs::path p = write_temp("nevp_kw.csv", text);
  const auto r = ballast("headroom --json --threshold peak --load " + p.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_NEAR(j["load"]["peak_mw"].get<double>(), peak_mw + 0.0005, 1e-9);
  bool said = false;
  for (const auto& n : j["load"]["notes"])
    said |= n.get<std::string>().find("kW") != std::string::npos;
  EXPECT_TRUE(said) << j["load"]["notes"];
  fs::remove(p);
}

// Finding 4: a record shorter than a year says its per-year figures are scaled, and from what.
TEST(ReadersCli, ShortRecordsSayTheyAreScaled) {
  // Taipower's 10-minute system data, 2021-05-20 to 2021-08-01 (one day is missing: filled).
  const std::string f = data("taipower/derived/system_10min_2021-05-20_2021-08-01.csv");
  std::ifstream in(f);
  std::string line, first, last;
  std::getline(in, line);
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    if (first.empty()) first = line;
    last = line;
  }
  // Minutes since 1 May of each stamp (May 31 days, June 30): the record's length.
  const auto minutes = [](const std::string& l) {
    int mo = 0, d = 0, h = 0, mi = 0;
    std::sscanf(l.c_str(), "2021-%d-%dT%d:%d", &mo, &d, &h, &mi);
    const int days_before = mo == 5 ? 0 : mo == 6 ? 31 : mo == 7 ? 61 : 92;
    return ((days_before + d - 1) * 24 + h) * 60 + mi;
  };
  const double days = (minutes(last) - minutes(first) + 10) / 1440.0;
  const std::string args = "headroom --threshold peak --fill linear --load " + f;
  const auto r = ballast(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  char expected[64];
  std::snprintf(expected, sizeof expected, "scaled up from %.1f days", days);
  EXPECT_NE(r.out.find(expected), std::string::npos) << r.out;
  const auto j = nlohmann::json::parse(ballast(args + " --json").out);
  EXPECT_TRUE(j["load"]["per_year_scaled_up"].get<bool>());
  EXPECT_EQ(j["load"]["timezone"], "UTC+08:00");  // from the timestamps' own offset
}

// Finding 2: a local-clock file with daylight saving, with --timezone.
TEST(ReadersCli, LocalClockWithTimezoneMatchesTheUtcFile) {
  // NEVP's record on the Los Angeles clock, written by the library-independent rule: US DST
  // since 2007, 02:00 local on the second Sunday of March to the first Sunday of November:
  // until 2021-11-07T09:00Z, and 2022-03-13T10:00Z to 2022-11-06T09:00Z (PDT = UTC-7, PST =
  // UTC-8).
  std::ifstream in(data("eia930/NEVP_2021-11_2022-10_hourly_utc.csv"));
  std::string line;
  std::getline(in, line);
  std::string text = "time,demand_mw\n";
  while (std::getline(in, line)) {
    int y, mo, d, h;
    std::sscanf(line.c_str(), "%d-%d-%d %d", &y, &mo, &d, &h);
    const std::string rest = line.substr(line.find(','));
    // Seconds since 2022-01-01 to place the instant against the transitions.
    const auto to_s = [](int yy, int mm, int dd, int hh) {
      static constexpr int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
      return (static_cast<long long>(yy - 2022) * 365 + kCum[mm - 1] + dd - 1) * 86400LL +
             hh * 3600LL;
    };
    const long long t = to_s(y, mo, d, h);
    const bool dst = t < to_s(2021, 11, 7, 9) ||  // 2021's DST ended 7 November
                     (t >= to_s(2022, 3, 13, 10) && t < to_s(2022, 11, 6, 9));
    const long long local = t + (dst ? -7 : -8) * 3600LL;
    const long long day = local >= 0 ? local / 86400 : (local - 86399) / 86400;
    const int hh = static_cast<int>(local - day * 86400) / 3600;
    // Back to a date: count from 2022-01-01 (the record spans Nov 2021 - Oct 2022).
    int yy = 2022;
    long long dd = day;
    static constexpr int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (dd < 0) {
      yy = 2021;
      dd += 365;
    }
    int mm = 1;
    while (dd >= kLen[mm - 1]) dd -= kLen[mm++ - 1];
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:00", yy, mm, static_cast<int>(dd) + 1, hh);
    text += buf + rest + "\n";
  }
  const fs::path p = write_temp("nevp_local.csv", text);
  const std::string common = " --json --threshold peak --time-label end --curtailment 0.5,2";
  const auto utc = ballast("headroom --load " + data("eia930/NEVP_2021-11_2022-10_hourly_utc.csv") +
                           " --timezone America/Los_Angeles" + common);
  const auto local =
      ballast("headroom --load " + p.string() + " --timezone America/Los_Angeles" + common);
  ASSERT_EQ(utc.exit_code, 0) << utc.err;
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const auto a = nlohmann::json::parse(utc.out);
  const auto b = nlohmann::json::parse(local.out);
  EXPECT_EQ(a["results"], b["results"]);
  EXPECT_EQ(a["load"]["start"], b["load"]["start"]);
  // Without the zone the same file is refused with the reason, not with advice to delete.
  const auto bare = ballast("headroom --load " + p.string() + common);
  EXPECT_EQ(bare.exit_code, 2);
  EXPECT_NE(bare.err.find("--timezone"), std::string::npos) << bare.err;
  EXPECT_EQ(bare.err.find("remove"), std::string::npos) << bare.err;
  fs::remove(p);
}

TEST(ReadersCli, AmbiguousDatesNeedTimeFormat) {
  const fs::path p = write_temp("amb.csv", "Date,HE,Load\n01/02/2023,1,10\n01/02/2023,2,11\n");
  const auto r = ballast("headroom --threshold peak --load " + p.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--time-format"), std::string::npos) << r.err;
  EXPECT_EQ(ballast("headroom --threshold peak --time-format mdy --load " + p.string()).exit_code,
            0);
  fs::remove(p);
}

// Finding 5: dispatch's --out CSV holds every number in shortest round-trip form, so the power
// balance recomputed from the file closes to the solver's own precision (ERCOT 2023, real).
TEST(ReadersCli, DispatchCsvBalancesToTheSolversPrecision) {
  const fs::path dir = fs::temp_directory_path() / (std::to_string(getpid()) + "_dispatch_out");
  fs::create_directories(dir);
  const auto r = ballast("dispatch " + std::string(BALLAST_SOURCE_DIR) +
                         "/examples/ercot-2023-fleet.toml --out " + dir.string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::ifstream in(dir / "dispatch.csv");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  for (std::size_t a = 0, b; a <= line.size(); a = b + 1) {
    b = std::min(line.find(',', a), line.size());
    names.push_back(line.substr(a, b - a));
  }
  const auto starts = [](const std::string& s, const char* p) { return s.rfind(p, 0) == 0; };
  double worst = 0;
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    double residual = 0;
    std::size_t k = 0;
    for (std::size_t a = 0, b; a <= line.size(); a = b + 1, ++k) {
      b = std::min(line.find(',', a), line.size());
      if (k == 0) continue;  // time
      const double x = std::stod(line.substr(a, b - a));
      const std::string& n = names[k];
      if (starts(n, "gen_") || starts(n, "renewable_") || starts(n, "discharge_") ||
          n == "unserved_mw") {
        residual += x;
      } else if (starts(n, "charge_") || starts(n, "new_load_") || n == "spill_mw" ||
                 n == "demand_mw") {
        residual -= x;
      }
    }
    worst = std::max(worst, std::fabs(residual));
    ++rows;
  }
  EXPECT_EQ(rows, 8760u);
  // Six significant digits (before issue 12) left up to 0.05 MW here.
  EXPECT_LT(worst, 1e-6);
  fs::remove_all(dir);
}

}  // namespace
