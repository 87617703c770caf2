#include "config.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace ballast::ballastd {
namespace {

namespace fs = std::filesystem;

fs::path dir() {
  const fs::path d = fs::temp_directory_path() / ("ballastd_config_" + std::to_string(getpid()));
  fs::create_directories(d);
  std::ofstream(d / "token") << "0123456789abcdef0123456789abcdef\n";
  chmod((d / "token").c_str(), 0600);
  return d;
}

std::string write(const std::string& name, const std::string& text) {
  const fs::path p = dir() / name;
  std::ofstream(p) << text;
  return p.string();
}

constexpr const char* kMinimal = "[battery]\npower_mw = 60\nenergy_mwh = 5\n";

InputError error_of(const std::string& path) {
  try {
    read_config(path);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << path;
  return InputError("none");
}

TEST(Config, MinimalFileGetsTheDefaults) {
  const DaemonConfig c = read_config(write("minimal.toml", kMinimal));
  EXPECT_EQ(c.loop.period_ms, 10);
  EXPECT_EQ(c.loop.stale_ms, 500);
  EXPECT_EQ(c.initial_mode, Mode::kStandby);
  EXPECT_FALSE(c.http.enabled);
  EXPECT_EQ(c.registers.inverter_endpoint.unit_id, 2);
}

TEST(Config, ExampleConfigurationIsValid) {
  const DaemonConfig c =
      read_config(std::string(BALLAST_TEST_DIR) + "/../../examples/ballastd-smoothing.toml",
                  (dir() / "token").string());
  EXPECT_EQ(c.initial_mode, Mode::kSmoothing);
  EXPECT_TRUE(c.http.enabled);
  EXPECT_GE(c.http.token.size(), 16u);
}

TEST(Config, TokenIsReadFromItsFileAndTrimmed) {
  const DaemonConfig c = read_config(
      write("http.toml", std::string(kMinimal) + "[http]\nlisten = \"127.0.0.1:0\"\ntoken_file = "
                                                 "\"token\"\n"));
  EXPECT_EQ(c.http.token, "0123456789abcdef0123456789abcdef");
  EXPECT_EQ(c.http.port, 0);
}

TEST(Config, ShortTokenIsRefused) {
  std::ofstream(dir() / "short") << "abc";
  const InputError e =
      error_of(write("short.toml", std::string(kMinimal) + "[http]\ntoken_file = \"short\"\n"));
  EXPECT_NE(e.reason().find("shorter than 16"), std::string::npos) << e.what();
  EXPECT_EQ(e.reason().find("abc"), std::string::npos);  // the token is never echoed
}

TEST(Config, UnknownKeyIsReportedAtItsLine) {
  const InputError e =
      error_of(write("unknown.toml", std::string(kMinimal) + "[loop]\nperiod_sm = 10\n"));
  EXPECT_EQ(e.where().line, 5);
  EXPECT_NE(e.reason().find("period_sm"), std::string::npos);
}

TEST(Config, StaleTimeMustCoverTwoTimeouts) {
  const InputError e = error_of(
      write("stale.toml", std::string(kMinimal) + "[loop]\nstale_ms = 150\ntimeout_ms = 100\n"));
  EXPECT_EQ(e.where().line, 5);
}

TEST(Config, InitialModeNeedsItsTable) {
  const InputError e =
      error_of(write("mode.toml", std::string(kMinimal) + "[mode]\ninitial = \"regulation\"\n"));
  EXPECT_NE(e.reason().find("[regulation]"), std::string::npos);
}

TEST(Config, EdregScheduleIsReadInUnixTime) {
  const DaemonConfig c =
      read_config(write("schedule.toml", std::string(kMinimal) +
                                             "[regulation]\nbid_mw = 10\nschedule_mw = [0, -5, 5]\n"
                                             "schedule_start = \"2026-07-01T00:00:00+08:00\"\n"));
  EXPECT_EQ(c.regulation->schedule_mw, (std::vector<double>{0, -5, 5}));
  EXPECT_EQ(c.regulation->schedule_start_ms, 1'782'835'200'000);  // 2026-06-30T16:00Z
}

TEST(Config, ScheduleTargetBeyondTheBidIsAnError) {
  const InputError e =
      error_of(write("schedule_bad.toml", std::string(kMinimal) +
                                              "[regulation]\nbid_mw = 10\nschedule_mw = [0, 12]\n"
                                              "schedule_start = \"2026-07-01\"\n"));
  EXPECT_EQ(e.where().line, 6);
}

TEST(Config, BatteryIsRequired) {
  EXPECT_THROW(read_config(write("nobattery.toml", "[loop]\nperiod_ms = 10\n")), InputError);
}

TEST(Config, EndpointOverridesKeepTheMap) {
  const DaemonConfig c = read_config(
      write("endpoint.toml", std::string(kMinimal) + "[meter]\nhost = \"10.1.1.1\"\nport = 502\n"));
  EXPECT_EQ(c.registers.meter_endpoint.host, "10.1.1.1");
  EXPECT_EQ(c.registers.meter_endpoint.port, 502);
  EXPECT_EQ(c.registers.meter.frequency.address,
            modbus::RegisterMap::defaults().meter.frequency.address);
}

TEST(Config, HostPortParsing) {
  std::string host;
  int port = -1;
  EXPECT_TRUE(parse_host_port("127.0.0.1:8080", host, port));
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  EXPECT_TRUE(parse_host_port("localhost:0", host, port));
  EXPECT_EQ(port, 0);
  for (const char* bad : {"8080", ":80", "host:", "host:65536", "host:8o", "host:-1"}) {
    EXPECT_FALSE(parse_host_port(bad, host, port)) << bad;
  }
}

}  // namespace
}  // namespace ballast::ballastd
