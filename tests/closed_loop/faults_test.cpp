// ballastd against a misbehaving plant: lost plant, frozen values, exception replies, garbage
// registers, slow replies; ballastd itself killed; an API under attack. Each test starts its
// own plantsim and ballastd on loopback.

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <thread>

#include "site.h"

namespace ballast::testing {
namespace {

using namespace std::chrono_literals;

bool has_alarm(const nlohmann::json& status, const std::string& alarm) {
  return !status.is_null() && status["alarm_cycles"][alarm].get<long>() > 0;
}

// Runs a fault and checks ballastd goes safe with `alarm`, then recovers once it is cleared.
void safe_then_recovers(Site& site, const std::string& fault, const std::string& alarm) {
  ASSERT_TRUE(site.reaches("running"));
  site.fault(fault, true);
  ASSERT_TRUE(site.reaches("safe")) << fault;
  EXPECT_TRUE(has_alarm(site.status(), alarm)) << site.status().dump();
  EXPECT_TRUE(has_alarm(site.status(), "stale_data"));
  EXPECT_EQ(site.status()["last"]["setpoint_mw"], 0.0);  // the safe set-point
  site.fault(fault, false);
  EXPECT_TRUE(site.reaches("running")) << fault << ": no recovery";
}

TEST(Faults, PlantKilledGoesSafeWithinTheStaleTimeAndRecovers) {
  Site site("ballastd_fault_kill");
  ASSERT_TRUE(site.reaches("running"));
  site.plant().signal(SIGKILL);
  site.plant().wait();
  ASSERT_TRUE(site.reaches("safe"));
  const nlohmann::json s = site.status();
  EXPECT_TRUE(has_alarm(s, "meter_comm"));
  // ballastd's own clocks: the safe set-point began one cycle after the data went stale (500 ms),
  // at most a period (10 ms) and the two reads' timeouts (2 x 100 ms) later.
  const long late_ms = s["safe_since_ms"].get<long>() - s["last_fresh_ms"].get<long>();
  EXPECT_GE(late_ms, 500);
  EXPECT_LE(late_ms, 500 + 10 + 2 * 100);
  site.start_plant();  // back on the same port
  EXPECT_TRUE(site.reaches("running"));
  EXPECT_GE(site.status()["reconnects"].get<long>(), 1);
}

TEST(Faults, FrozenValuesAreDetected) {
  Site site("ballastd_fault_freeze");
  safe_then_recovers(site, "freeze", "frozen_data");
}

TEST(Faults, ExceptionRepliesAreDetected) {
  Site site("ballastd_fault_exception");
  safe_then_recovers(site, "exception", "meter_comm");
  EXPECT_NE(site.status()["last_fault"].get<std::string>().find("exception"), std::string::npos);
}

TEST(Faults, GarbageRegistersAreDetected) {
  Site site("ballastd_fault_garbage");
  safe_then_recovers(site, "garbage", "bad_data");
}

TEST(Faults, SocOutOfRangeIsDetected) {
  Site site("ballastd_fault_soc");
  safe_then_recovers(site, "soc_out_of_range", "bad_data");
  EXPECT_NE(site.status()["last_fault"].get<std::string>().find("SOC"), std::string::npos);
}

TEST(Faults, SlowRepliesTimeOut) {
  Site site("ballastd_fault_slow");
  safe_then_recovers(site, "slow", "meter_comm");
}

TEST(Faults, DroppedConnectionsAreDetected) {
  Site site("ballastd_fault_drop");
  safe_then_recovers(site, "drop", "meter_comm");
}

TEST(Faults, InverterFaultStopsTheSetpoints) {
  Site site("ballastd_fault_inverter");
  ASSERT_TRUE(site.reaches("running"));
  site.fault("inverter_fault", true);
  EXPECT_TRUE(eventually([&] { return has_alarm(site.status(), "inverter_not_running"); }));
  EXPECT_TRUE(eventually([&] { return site.status()["last"]["setpoint_mw"] == 0.0; }));
}

TEST(Faults, SigkillOfBallastdLosesAtMostTheLastSecond) {
  Site site("ballastd_fault_sigkill");
  ASSERT_TRUE(site.reaches("running"));
  std::this_thread::sleep_for(3s);
  // Kill in the middle of a second, so that the previous second ended 0.5 s earlier.
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
  std::this_thread::sleep_for(std::chrono::milliseconds((1500 - ms % 1000) % 1000));
  const auto kill_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  site.daemon().signal(SIGKILL);
  EXPECT_EQ(site.daemon().wait(), 128 + SIGKILL);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((site.dir() / "history.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "ok");
  sqlite3_finalize(q);
  sqlite3_prepare_v2(db, "SELECT count(*), min(time_s), max(time_s) FROM history", -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  const auto rows = sqlite3_column_int64(q, 0);
  const auto first = sqlite3_column_int64(q, 1);
  const auto last = sqlite3_column_int64(q, 2);
  sqlite3_finalize(q);
  sqlite3_close(db);
  // Only the second in progress at the kill is missing; no gaps before it.
  EXPECT_EQ(last, kill_ms / 1000 - 1);
  EXPECT_EQ(rows, last - first + 1);
}

TEST(Faults, ApiRefusesBadWritesWithoutHarmingTheLoop) {
  Site site("ballastd_api_attack");
  ASSERT_TRUE(site.reaches("running"));
  const long cycles_before = site.status()["cycles"];
  for (const std::string path : {"/mode", "/setpoint"}) {
    const std::string body = path == "/mode" ? R"({"mode":"standby"})" : R"({"mw":5})";
    EXPECT_EQ(site.post(path, body, ""), 401) << path;             // no token
    EXPECT_EQ(site.post(path, body, "wrong-token"), 401) << path;  // wrong token
  }
  EXPECT_EQ(site.post("/mode", "{not json"), 400);
  EXPECT_EQ(site.post("/mode", R"({"mode":"overdrive"})"), 400);
  EXPECT_EQ(site.post("/setpoint", std::string(1 << 20, 'x')), 413);
  EXPECT_EQ(site.status()["mode"], "smoothing");  // nothing was changed
  // The loop ran on through all of it.
  EXPECT_TRUE(eventually([&] { return site.status()["cycles"].get<long>() > cycles_before + 50; }));
  EXPECT_EQ(site.status()["state"], "running");

  // A good token is obeyed: manual control, and the plant follows the set-point.
  EXPECT_EQ(site.post("/setpoint", R"({"mw":-5})"), 202);
  EXPECT_TRUE(eventually([&] { return site.status()["mode"] == "manual"; }));
  EXPECT_TRUE(eventually(
      [&] { return std::fabs(site.plant_state()["battery_mw"].get<double>() + 5) < 0.1; }));
  EXPECT_EQ(site.post("/mode", R"({"mode":"peak_shaving"})"), 202);
  EXPECT_TRUE(eventually([&] { return site.status()["mode"] == "peak_shaving"; }));
}

}  // namespace
}  // namespace ballast::testing
