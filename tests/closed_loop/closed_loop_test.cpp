// 60 s of a 50 -> 20 -> 50 MW training site, closed over Modbus TCP on loopback: plantsim
// runs the plant in real time, ballastd smooths what the grid sees.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cmath>
#include <map>
#include <sstream>
#include <thread>

#include "site.h"

namespace ballast::testing {
namespace {

struct TraceRow {
  double time_s, site_mw, battery_mw, upstream_mw, soc, setpoint_mw;
};

std::vector<TraceRow> read_trace(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);  // header
  std::vector<TraceRow> rows;
  while (std::getline(in, line)) {
    TraceRow r{};
    char c = 0;
    std::istringstream s(line);
    if (s >> r.time_s >> c >> r.site_mw >> c >> r.battery_mw >> c >> r.upstream_mw >> c >> r.soc >>
        c >> r.setpoint_mw) {
      rows.push_back(r);
    }
  }
  return rows;
}

// Mean of each whole second of the trace: what a revenue meter records.
std::vector<double> second_means(const std::vector<TraceRow>& rows, double TraceRow::*field) {
  std::map<long, std::pair<double, int>> sums;
  for (const TraceRow& r : rows) {
    auto& [sum, n] = sums[static_cast<long>(std::floor(r.time_s))];
    sum += r.*field;
    ++n;
  }
  sums.erase(std::prev(sums.end()));  // the last second is partial
  std::vector<double> means;
  for (const auto& [s, v] : sums) means.push_back(v.first / v.second);
  return means;
}

double largest_step(const std::vector<double>& v) {
  double worst = 0;
  for (std::size_t i = 1; i < v.size(); ++i) worst = std::max(worst, std::fabs(v[i] - v[i - 1]));
  return worst;
}

TEST(ClosedLoop, TrainingSiteSixtySeconds) {
  Site site("ballastd_closed_loop");
  std::this_thread::sleep_for(std::chrono::seconds(62));
  const nlohmann::json status = site.status();
  ASSERT_FALSE(status.is_null());
  EXPECT_EQ(status["state"], "running");
  EXPECT_EQ(status["alarm_cycles"]["stale_data"], 0);

  site.daemon().signal(SIGTERM);
  EXPECT_EQ(site.daemon().wait(), 0) << read_text(site.dir() / "ballastd.log");
  // The clean stop left the inverter at the safe set-point (0 MW).
  EXPECT_TRUE(eventually([&] { return site.plant_state()["setpoint_mw"] == 0.0; }));
  site.plant().signal(SIGTERM);
  EXPECT_EQ(site.plant().wait(), 0);

  const std::vector<TraceRow> trace = read_trace(site.dir() / "trace.csv");
  ASSERT_GT(trace.size(), 6000u);
  const std::vector<double> site_mw = second_means(trace, &TraceRow::site_mw);
  const std::vector<double> upstream = second_means(trace, &TraceRow::upstream_mw);
  // The plant did swing: the site's 1-s means jump by ~30 MW at 10 s and 30 s.
  EXPECT_GT(largest_step(site_mw), 25);
  // The grid saw at most the 1 MW/s limit on 1-s means. The 5 % allowance covers the meter's
  // noise (+-0.01 MW) and the few ms between a step and the battery's answer.
  EXPECT_LE(largest_step(upstream), 1.0 * 1.05);
  double soc_lo = 1, soc_hi = 0;
  for (const TraceRow& r : trace) {
    soc_lo = std::min(soc_lo, r.soc);
    soc_hi = std::max(soc_hi, r.soc);
  }
  EXPECT_GE(soc_lo, 0.1);
  EXPECT_LE(soc_hi, 0.9);

  // The historian holds every second the loop ran, each with its samples.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((site.dir() / "history.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*), min(time_s), max(time_s), min(samples) FROM history", -1,
                     &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  const auto rows = sqlite3_column_int64(q, 0);
  const auto first = sqlite3_column_int64(q, 1);
  const auto last = sqlite3_column_int64(q, 2);
  EXPECT_GE(rows, 62);
  EXPECT_EQ(rows, last - first + 1) << "a second is missing";
  sqlite3_finalize(q);
  sqlite3_close(db);
}

}  // namespace
}  // namespace ballast::testing
