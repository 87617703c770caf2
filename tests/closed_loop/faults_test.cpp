// ballastd against a misbehaving plant: lost plant, frozen values, exception replies, garbage
// registers, slow replies; ballastd itself killed; an API under attack. Each test starts its
// own plantsim and ballastd on loopback.

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "site.h"

namespace ballast::testing {
namespace {

using namespace std::chrono_literals;

bool has_alarm(const nlohmann::json& status, const std::string& alarm) {
  return !status.is_null() && status["alarm_cycles"][alarm].get<long>() > 0;
}

// ballastd's own clocks: the safe set-point began before the data's age passed stale_ms
// (500 ms), at most 2.5 periods (25 ms) before it, so that the next cycle could start up to a
// period late and still be in time. A cycle that starts later than that (a loaded machine) is
// late by the rest, which the loop's own largest lateness bounds; 2 ms for the clocks' steps.
void expect_safe_by_the_stale_time(const nlohmann::json& s) {
  const long late_ms = s["safe_since_ms"].get<long>() - s["last_fresh_ms"].get<long>();
  const double worst_lateness_ms = s["timing"]["period_jitter"]["max_us"].get<double>() / 1000;
  EXPECT_GE(late_ms, 500 - 25 - 2);
  EXPECT_LE(late_ms, 500 + std::max(0.0, worst_lateness_ms - 10))
      << "worst cycle lateness " << worst_lateness_ms << " ms";
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
  expect_safe_by_the_stale_time(s);
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

// Replies slower (300 ms) than timeout_ms (100 ms): the loop does not wait them out, so it goes
// safe by stale_ms after the last fresh reading and no cycle overruns the watchdog.
TEST(Faults, SlowRepliesGoSafeByTheStaleTimeWithoutWatchdog) {
  Site site("ballastd_fault_slow_timing");
  ASSERT_TRUE(site.reaches("running"));
  site.fault("slow", true, 300);
  ASSERT_TRUE(site.reaches("safe"));
  const nlohmann::json s = site.status();
  std::printf("slow replies: safe %ld ms after the last fresh reading\n",
              s["safe_since_ms"].get<long>() - s["last_fresh_ms"].get<long>());
  expect_safe_by_the_stale_time(s);
  std::this_thread::sleep_for(1s);
  EXPECT_EQ(site.status()["alarm_cycles"]["watchdog"], 0) << site.status().dump();
}

// plantsim with its own communication watchdog off: only ballastd's writes move the set-point.
std::filesystem::path plant_without_watchdog(const std::string& name) {
  const auto path = std::filesystem::temp_directory_path() / (name + "_plant.toml");
  std::ofstream(path) << "[battery]\npower_mw = 60\nenergy_mwh = 5\ncomm_timeout_ms = 0\n"
                         "[load]\npower_mw = 40\n";
  return path;
}

// On a link slower than timeout_ms the safe set-point still reaches the inverter: it is the
// first request on every new connection, and the plant applies it when it gets to it.
TEST(Faults, SafeSetpointReachesThePlantOverASlowLink) {
  Site site("ballastd_fault_slow_write", "standby",
            plant_without_watchdog("ballastd_fault_slow_write").string());
  ASSERT_TRUE(site.reaches("running"));
  ASSERT_EQ(site.post("/setpoint", R"({"mw": 10})"), 202);
  ASSERT_TRUE(eventually([&] { return site.plant_state()["setpoint_mw"] == 10.0; }));
  site.fault("slow", true, 300);
  ASSERT_TRUE(site.reaches("safe"));
  EXPECT_TRUE(eventually([&] {
    const nlohmann::json p = site.plant_state();
    return !p.is_null() && p["setpoint_mw"] == 0.0;
  })) << "the safe set-point never reached the plant: "
      << site.plant_state().dump();
  site.fault("slow", false);
  EXPECT_TRUE(site.reaches("running"));
  EXPECT_TRUE(eventually([&] { return site.plant_state()["setpoint_mw"] == 10.0; }));
}

// A gateway that accepts every connection and closes it at once: ballastd's reconnections
// follow the back-off (reconnect_min_ms 50 doubling to reconnect_max_ms 400 in these tests),
// not the control period.
TEST(Faults, AcceptThenCloseGatewayIsReconnectedWithBackoff) {
  const auto dir = scratch_dir("ballastd_gateway");
  int listeners[2];
  int ports[2];
  for (int i = 0; i < 2; ++i) {
    listeners[i] = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(bind(listeners[i], reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ASSERT_EQ(listen(listeners[i], 64), 0);
    socklen_t n = sizeof a;
    getsockname(listeners[i], reinterpret_cast<sockaddr*>(&a), &n);
    ports[i] = ntohs(a.sin_port);
  }
  std::vector<std::chrono::steady_clock::time_point> accepted[2];
  std::atomic<bool> stop{false};
  std::thread gateway([&] {
    while (!stop) {
      pollfd p[2] = {{listeners[0], POLLIN, 0}, {listeners[1], POLLIN, 0}};
      if (poll(p, 2, 20) <= 0) continue;
      for (int i = 0; i < 2; ++i) {
        if (p[i].revents & POLLIN) {
          const int fd = accept(listeners[i], nullptr, nullptr);
          if (fd >= 0) {
            accepted[i].push_back(std::chrono::steady_clock::now());
            close(fd);
          }
        }
      }
    }
  });
  std::ofstream(dir / "ballastd.toml")
      << "[meter]\nport = " << ports[0] << "\n[inverter]\nport = " << ports[1]
      << "\n[loop]\nperiod_ms = 10\nreconnect_min_ms = 50\nreconnect_max_ms = 400\n"
         "[battery]\npower_mw = 60\nenergy_mwh = 5\n";
  Process daemon(exe("BALLASTD_EXE", BALLASTD_EXE), {(dir / "ballastd.toml").string()},
                 dir / "ballastd.log");
  std::this_thread::sleep_for(4s);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(), 0) << read_text(dir / "ballastd.log");
  stop = true;
  gateway.join();
  for (int i = 0; i < 2; ++i) {
    close(listeners[i]);
    const auto& t = accepted[i];
    std::printf("gateway %d: %zu connections in 4 s\n", i, t.size());
    ASSERT_GE(t.size(), 5u) << "ballastd stopped trying";
    // 50, 100, 200, 400, 400, ... ms between attempts (1 ms for the clocks' steps).
    for (std::size_t k = 1; k < t.size(); ++k) {
      const long gap_ms =
          std::chrono::duration_cast<std::chrono::milliseconds>(t[k] - t[k - 1]).count();
      const long wait_ms = std::min(400L, 50L << std::min<std::size_t>(k - 1, 10));
      EXPECT_GE(gap_ms, wait_ms - 1) << "attempt " << k << " on gateway " << i;
    }
    EXPECT_LE(t.size(), 4u + 4000u / 400u + 1u);
  }
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
