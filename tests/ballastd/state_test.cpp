// Tests apps/ballastd/state.cpp: names, the per-second aggregator and the shared state.

#include "state.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ballast::ballastd {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Sample sample(std::int64_t time_ms, double site_mw, double setpoint_mw = 1) {
  return Sample{.time_ms = time_ms,
                .mode = Mode::kSmoothing,
                .safe = false,
                .site_mw = site_mw,
                .upstream_mw = site_mw - 1,
                .battery_mw = 1,
                .setpoint_mw = setpoint_mw,
                .soc = 0.5,
                .frequency_hz = 60,
                .alarms = 0};
}

TEST(Mode, NamesRoundTrip) {
  for (Mode m :
       {Mode::kStandby, Mode::kManual, Mode::kSmoothing, Mode::kPeakShaving, Mode::kRegulation}) {
    EXPECT_EQ(parse_mode(to_string(m)), m);
  }
  EXPECT_STREQ(to_string(Mode::kPeakShaving), "peak_shaving");
  EXPECT_EQ(parse_mode("Smoothing"), std::nullopt);
  EXPECT_EQ(parse_mode(""), std::nullopt);
}

TEST(Alarm, NamesFollowTheBits) {
  EXPECT_STREQ(alarm_name(0), "meter_comm");
  EXPECT_STREQ(alarm_name(2), "stale_data");
  EXPECT_STREQ(alarm_name(5), "inverter_not_running");
  EXPECT_STREQ(alarm_name(8), "watchdog");
  EXPECT_EQ(alarm_names(kStaleData | kWatchdog),
            (std::vector<std::string>{"stale_data", "watchdog"}));
  EXPECT_TRUE(alarm_names(0).empty());
  EXPECT_EQ(alarm_names(kSocLimit), std::vector<std::string>{"soc_limit"});
}

TEST(SecondAggregator, ReturnsTheRowWhenTheNextSecondStarts) {
  SecondAggregator agg;
  EXPECT_FALSE(agg.add(sample(10'000, 10)));
  EXPECT_FALSE(agg.add(sample(10'500, 20, 2)));
  const std::optional<HistoryRow> row = agg.add(sample(11'000, 99));
  ASSERT_TRUE(row);
  EXPECT_EQ(row->time_s, 10);
  EXPECT_DOUBLE_EQ(row->site_mw, 15);
  EXPECT_DOUBLE_EQ(row->upstream_mw, 14);
  EXPECT_DOUBLE_EQ(row->setpoint_mw, 2);  // last, not mean
  EXPECT_EQ(row->samples, 2);
  EXPECT_EQ(agg.flush()->time_s, 11);
}

TEST(SecondAggregator, MeansSkipNaNAndAllNaNGivesNaN) {
  SecondAggregator agg;
  Sample a = sample(5'000, 10);
  Sample b = sample(5'100, kNaN, kNaN);
  b.battery_mw = kNaN;
  a.battery_mw = kNaN;
  b.soc = kNaN;
  agg.add(a);
  agg.add(b);
  const HistoryRow row = *agg.flush();
  EXPECT_DOUBLE_EQ(row.site_mw, 10);
  EXPECT_TRUE(std::isnan(row.battery_mw));
  EXPECT_DOUBLE_EQ(row.setpoint_mw, 1);  // last finite
  EXPECT_DOUBLE_EQ(row.soc, 0.5);
  EXPECT_EQ(row.samples, 2);
}

TEST(SecondAggregator, OrsAlarmsAndSafeAndKeepsTheLastMode) {
  SecondAggregator agg;
  Sample a = sample(7'000, 1);
  a.alarms = kStaleData;
  a.safe = true;
  Sample b = sample(7'010, 1);
  b.alarms = kMeterComm;
  b.mode = Mode::kManual;
  agg.add(a);
  agg.add(b);
  const HistoryRow row = *agg.flush();
  EXPECT_EQ(row.alarms, kStaleData | kMeterComm);
  EXPECT_TRUE(row.safe);
  EXPECT_EQ(row.mode, Mode::kManual);
}

TEST(SecondAggregator, FlushClosesTheSecond) {
  SecondAggregator agg;
  EXPECT_FALSE(agg.flush());
  agg.add(sample(1'000, 1));
  EXPECT_TRUE(agg.flush());
  EXPECT_FALSE(agg.flush());
  EXPECT_FALSE(agg.add(sample(1'500, 1)));  // a new row for the same second
  EXPECT_EQ(agg.flush()->samples, 1);
}

TEST(SecondAggregator, NegativeTimesRoundDown) {
  SecondAggregator agg;
  agg.add(sample(-1, 1));
  EXPECT_EQ(agg.flush()->time_s, -1);
}

TEST(SharedState, PublishKeepsTheHistorianRowCount) {
  SharedState state;
  state.set_history(42, 0, "");
  Status s;
  s.cycles = 7;
  s.history_rows = 3;  // the loop's copy is stale; the historian's wins
  state.publish(s);
  EXPECT_EQ(state.status().history_rows, 42);
  EXPECT_EQ(state.status().cycles, 7);
}

TEST(SharedState, RecentKeepsTheNewestRows) {
  SharedState state(3);
  for (int t = 100; t < 110; ++t) state.add_row(HistoryRow{.time_s = t});
  const std::vector<HistoryRow> rows = state.recent(600);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows.front().time_s, 107);
  EXPECT_EQ(rows.back().time_s, 109);
  EXPECT_EQ(state.recent(2).size(), 2u);
  EXPECT_EQ(state.recent(2).front().time_s, 108);
  EXPECT_TRUE(state.recent(0).empty());
}

TEST(SharedState, RecentCountsSecondsNotRows) {
  SharedState state;
  state.add_row(HistoryRow{.time_s = 100});
  state.add_row(HistoryRow{.time_s = 200});
  EXPECT_EQ(state.recent(50).size(), 1u);
  EXPECT_EQ(state.recent(101).size(), 2u);
}

TEST(SharedState, CommandsAreTakenOnceInOrder) {
  SharedState state;
  state.request(Command{.mode = Mode::kManual, .setpoint_mw = 5});
  state.request(Command{.mode = Mode::kStandby, .setpoint_mw = std::nullopt});
  const std::vector<Command> taken = state.take_commands();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].setpoint_mw, 5);
  EXPECT_EQ(taken[1].mode, Mode::kStandby);
  EXPECT_TRUE(state.take_commands().empty());
}

TEST(SharedState, CommandQueueIsBounded) {
  SharedState state;
  for (int i = 0; i < 1000; ++i) {
    state.request(Command{.mode = std::nullopt, .setpoint_mw = static_cast<double>(i)});
  }
  const std::vector<Command> taken = state.take_commands();
  EXPECT_LE(taken.size(), 256u);
  EXPECT_EQ(taken.back().setpoint_mw, 999);  // the newest survives
}

}  // namespace
}  // namespace ballast::ballastd
