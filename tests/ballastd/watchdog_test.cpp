#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "control_loop.h"

namespace ballast::ballastd {
namespace {

using namespace std::chrono_literals;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

TEST(Watchdog, TripsWhileACycleOverruns) {
  Watchdog w(20ms, 60s);
  w.cycle_start_ns = now_ns();  // a cycle starts and never ends
  const auto end = std::chrono::steady_clock::now() + 10s;
  while (!w.tripped && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(5ms);
  EXPECT_TRUE(w.tripped);
}

TEST(Watchdog, StaysQuietBetweenCycles) {
  Watchdog w(20ms, 60s);
  std::this_thread::sleep_for(100ms);  // no cycle running: cycle_start_ns is 0
  EXPECT_FALSE(w.tripped);
}

TEST(WatchdogDeathTest, EndsAProcessWhoseLoopIsStuck) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        Watchdog w(10ms, 50ms);
        w.cycle_start_ns = now_ns();
        std::this_thread::sleep_for(30s);
      },
      ::testing::ExitedWithCode(3), "watchdog");
}

}  // namespace
}  // namespace ballast::ballastd
