// Tests apps/ballastd/metrics.cpp: every line parses as the Prometheus text format 0.0.4.

#include "metrics.h"

#include <gtest/gtest.h>

#include <limits>
#include <regex>
#include <set>
#include <sstream>

namespace ballast::ballastd {
namespace {

Status example() {
  Status s;
  s.last = Sample{.time_ms = 1'700'000'000'000,
                  .mode = Mode::kRegulation,
                  .safe = true,
                  .site_mw = 42.5,
                  .upstream_mw = 40,
                  .battery_mw = 2.5,
                  .setpoint_mw = 2.5,
                  .soc = 0.625,
                  .frequency_hz = std::numeric_limits<double>::quiet_NaN(),
                  .alarms = kStaleData | kSocLimit};
  s.meter_connected = true;
  s.cycle = TimingSummary{.p50_us = 250, .p99_us = 1500, .max_us = 4000, .count = 360000};
  s.alarm_cycles[2] = 17;
  s.cycles = 360000;
  s.reconnects = 3;
  s.history_rows = 3600;
  s.started_ms = 1'700'000'000'000;
  s.period_ms = 10;
  return s;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

bool has_line(const std::string& text, const std::string& line) {
  for (const std::string& l : lines(text)) {
    if (l == line) return true;
  }
  return false;
}

TEST(Metrics, EveryLineIsValidExpositionFormat) {
  const std::string text = prometheus_text(example(), 1'700'000'100'000);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.back(), '\n');
  const std::string label = R"re([a-zA-Z_][a-zA-Z0-9_]*="[^"\\\n]*")re";
  const std::regex sample_line(R"re(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{)re" + label + "(," + label +
                               R"re()*\})? (NaN|[+-]Inf|-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?))re");
  const std::regex comment_line(R"re(# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) .+)re");
  std::set<std::string> typed;
  for (const std::string& line : lines(text)) {
    std::smatch m;
    if (line.starts_with("#")) {
      ASSERT_TRUE(std::regex_match(line, m, comment_line)) << line;
      if (m[1] == "TYPE") {
        EXPECT_TRUE(typed.insert(m[2]).second) << "TYPE twice: " << line;
        EXPECT_TRUE(line.ends_with(" gauge") || line.ends_with(" counter") ||
                    line.ends_with(" summary"))
            << line;
      }
      continue;
    }
    ASSERT_TRUE(std::regex_match(line, m, sample_line)) << line;
    std::string family = m[1];
    if (family.ends_with("_count") && !typed.contains(family)) family.resize(family.size() - 6);
    EXPECT_TRUE(family.starts_with("ballastd_")) << line;
    EXPECT_TRUE(typed.contains(family)) << "no TYPE before " << line;
  }
}

TEST(Metrics, ReportsTheStatusValues) {
  const std::string text = prometheus_text(example(), 1'700'000'100'000);
  EXPECT_TRUE(has_line(text, "ballastd_setpoint_megawatts 2.5"));
  EXPECT_TRUE(has_line(text, "ballastd_site_megawatts 42.5"));
  EXPECT_TRUE(has_line(text, "ballastd_upstream_megawatts 40"));
  EXPECT_TRUE(has_line(text, "ballastd_soc_ratio 0.625"));
  EXPECT_TRUE(has_line(text, "ballastd_frequency_hertz NaN"));
  EXPECT_TRUE(has_line(text, "ballastd_safe 1"));
  EXPECT_TRUE(has_line(text, "ballastd_mode{mode=\"regulation\"} 1"));
  EXPECT_TRUE(has_line(text, "ballastd_mode{mode=\"standby\"} 0"));
  EXPECT_TRUE(has_line(text, "ballastd_alarm{alarm=\"stale_data\"} 1"));
  EXPECT_TRUE(has_line(text, "ballastd_alarm{alarm=\"soc_limit\"} 1"));
  EXPECT_TRUE(has_line(text, "ballastd_alarm{alarm=\"watchdog\"} 0"));
  EXPECT_TRUE(has_line(text, "ballastd_alarm_cycles_total{alarm=\"stale_data\"} 17"));
  EXPECT_TRUE(has_line(text, "ballastd_cycles_total 360000"));
  EXPECT_TRUE(has_line(text, "ballastd_reconnects_total 3"));
  EXPECT_TRUE(has_line(text, "ballastd_history_rows_total 3600"));
  EXPECT_TRUE(has_line(text, "ballastd_connected{device=\"meter\"} 1"));
  EXPECT_TRUE(has_line(text, "ballastd_connected{device=\"inverter\"} 0"));
  EXPECT_TRUE(has_line(text, "ballastd_cycle_duration_seconds{quantile=\"0.5\"} 0.00025"));
  EXPECT_TRUE(has_line(text, "ballastd_cycle_duration_seconds{quantile=\"0.99\"} 0.0015"));
  EXPECT_TRUE(has_line(text, "ballastd_cycle_duration_seconds_count 360000"));
  EXPECT_TRUE(has_line(text, "ballastd_cycle_duration_seconds_max 0.004"));
  EXPECT_TRUE(has_line(text, "ballastd_period_seconds 0.01"));
  EXPECT_TRUE(has_line(text, "ballastd_uptime_seconds 100"));
}

TEST(Metrics, UptimeIsZeroBeforeStart) {
  EXPECT_TRUE(has_line(prometheus_text(Status{}, 1000), "ballastd_uptime_seconds 0"));
}

}  // namespace
}  // namespace ballast::ballastd
