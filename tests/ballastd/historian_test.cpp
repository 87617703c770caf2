// Tests apps/ballastd/historian.cpp against a real SQLite file, including a SIGKILL mid-run.

#include "historian.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "ballast/core/error.h"

namespace ballast::ballastd {
namespace {

namespace fs = std::filesystem;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

HistoryRow row(std::int64_t t) {
  return HistoryRow{.time_s = t,
                    .mode = Mode::kSmoothing,
                    .safe = false,
                    .site_mw = 40 + static_cast<double>(t),
                    .upstream_mw = 30,
                    .battery_mw = 10,
                    .setpoint_mw = 10.5,
                    .soc = 0.5,
                    .frequency_hz = 59.98,
                    .alarms = 0,
                    .samples = 100};
}

// A direct connection to the database, for checking what the historian wrote.
class Db {
 public:
  explicit Db(const fs::path& path) {
    EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
  }
  ~Db() { sqlite3_close(db_); }
  // Every row of `sql`, each column as text ("NULL" for NULL).
  std::vector<std::vector<std::string>> query(const std::string& sql) {
    std::vector<std::vector<std::string>> rows;
    sqlite3_stmt* s = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db_, sql.c_str(), -1, &s, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db_);
    while (sqlite3_step(s) == SQLITE_ROW) {
      std::vector<std::string>& r = rows.emplace_back();
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        const auto* text = sqlite3_column_text(s, c);
        r.emplace_back(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
    }
    sqlite3_finalize(s);
    return rows;
  }
  std::string one(const std::string& sql) {
    const auto rows = query(sql);
    return rows.empty() || rows[0].empty() ? "<none>" : rows[0][0];
  }
  sqlite3* handle() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

class HistorianTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "ballastd-historian-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = dir_ / "history.db";
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }
  fs::path dir_, path_;
};

TEST_F(HistorianTest, RowsRoundTripWithNaNAsNull) {
  HistoryRow a = row(1000);
  a.alarms = kStaleData | kWatchdog;
  a.safe = true;
  HistoryRow b = row(1001);
  b.upstream_mw = kNaN;
  b.soc = kNaN;
  {
    Historian h(path_, nullptr);
    h.push(a);
    h.push(b);
    h.stop();
    EXPECT_EQ(h.write_errors(), 0);
  }
  Db db(path_);
  const auto rows = db.query(
      "SELECT time_s, mode, safe, site_mw, upstream_mw, battery_mw, setpoint_mw, soc,"
      " frequency_hz, alarms, samples FROM history ORDER BY time_s");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1000", "smoothing", "1", "1040.0", "30.0", "10.0",
                                               "10.5", "0.5", "59.98", "260", "100"}));
  EXPECT_EQ(rows[1][4], "NULL");
  EXPECT_EQ(rows[1][7], "NULL");
  EXPECT_EQ(db.one("SELECT alarm_names FROM history_named WHERE time_s = 1000"),
            "stale_data,watchdog");
  EXPECT_EQ(db.one("SELECT alarm_names FROM history_named WHERE time_s = 1001"), "");
}

TEST_F(HistorianTest, WalModeIsOn) {
  Historian h(path_, nullptr);
  Db db(path_);
  EXPECT_EQ(db.one("PRAGMA journal_mode"), "wal");
}

TEST_F(HistorianTest, BadPathThrowsInputErrorNamingIt) {
  const fs::path bad = dir_ / "no-such-dir" / "history.db";
  try {
    Historian h(bad, nullptr);
    FAIL() << "no exception";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(bad.string()), std::string::npos) << e.what();
  }
}

TEST_F(HistorianTest, StoresDerivedAndCallerEvents) {
  {
    Historian h(path_, nullptr);
    HistoryRow r = row(10);
    h.push(r);  // first row: its mode
    r.time_s = 11;
    r.alarms = kMeterComm;
    h.push(r);
    r.time_s = 12;
    r.alarms = 0;
    r.mode = Mode::kManual;
    h.push(r);
    h.event(12'345, "fault", "meter timeout");
  }
  Db db(path_);
  const auto events = db.query(
      "SELECT time_ms, kind, detail FROM events WHERE kind NOT IN ('start', 'stop')"
      " ORDER BY rowid");
  const std::vector<std::vector<std::string>> expected = {{"10000", "mode", "smoothing"},
                                                          {"11000", "alarm_raised", "meter_comm"},
                                                          {"12000", "mode", "manual"},
                                                          {"12000", "alarm_cleared", "meter_comm"},
                                                          {"12345", "fault", "meter timeout"}};
  EXPECT_EQ(events, expected);
  EXPECT_EQ(db.one("SELECT kind FROM events ORDER BY rowid LIMIT 1"), "start");
  EXPECT_EQ(db.one("SELECT kind FROM events ORDER BY rowid DESC LIMIT 1"), "stop");
}

TEST_F(HistorianTest, StopDrainsEverythingPushed) {
  SharedState state;
  Historian h(path_, &state);
  for (int t = 0; t < 2000; ++t) h.push(row(t));
  h.stop();
  h.push(row(5000));  // after stop: ignored
  EXPECT_EQ(h.rows_committed(), 2000);
  EXPECT_EQ(state.status().history_rows, 2000);
  Db db(path_);
  EXPECT_EQ(db.one("SELECT count(*) FROM history"), "2000");
  EXPECT_EQ(db.one("SELECT max(time_s) FROM history"), "1999");
}

TEST_F(HistorianTest, ReopenAppendsAndReplacesTheSameSecond) {
  {
    Historian h(path_, nullptr);
    for (int t = 0; t < 10; ++t) h.push(row(t));
  }
  {
    Historian h(path_, nullptr);
    for (int t = 10; t < 20; ++t) h.push(row(t));
    HistoryRow again = row(5);
    again.setpoint_mw = -3;
    h.push(again);
  }
  Db db(path_);
  EXPECT_EQ(db.one("SELECT count(*) FROM history"), "20");
  EXPECT_EQ(db.one("SELECT setpoint_mw FROM history WHERE time_s = 5"), "-3.0");
  EXPECT_EQ(db.one("SELECT count(*) FROM events WHERE kind = 'start'"), "2");
}

TEST_F(HistorianTest, CountsAWriteErrorAndKeepsGoing) {
  SharedState state;
  Historian h(path_, &state);
  h.push(row(0));
  {
    Db blocker(path_);
    // Hold the write lock past the historian's 1 s busy timeout (waiting first, if need be,
    // for the historian's own write of row 0 to finish).
    sqlite3_busy_timeout(blocker.handle(), 10'000);
    ASSERT_EQ(sqlite3_exec(blocker.handle(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr),
              SQLITE_OK);
    h.push(row(1));
    for (int i = 0; i < 100 && h.write_errors() == 0; ++i) usleep(50'000);
    sqlite3_exec(blocker.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  EXPECT_GE(h.write_errors(), 1);
  EXPECT_NE(h.last_error().find("locked"), std::string::npos) << h.last_error();
  EXPECT_GE(state.status().history_errors, 1);  // what /status and /metrics report
  EXPECT_EQ(state.status().history_error, h.last_error());
  h.push(row(2));
  h.stop();
  Db db(path_);
  EXPECT_EQ(db.one("SELECT count(*) FROM history WHERE time_s IN (0, 2)"), "2");
}

// A child process pushes row i, tells the parent i through a pipe, sleeps kIntervalMs and
// pushes the next. After hearing of row kHeard - 1 the parent SIGKILLs the child. Asserted:
// the database passes integrity_check; its rows are exactly seconds 0..M for some M (commits
// happen in order, none is torn); M >= kHeard - 2, i.e. every row pushed at least one interval
// before the kill survived; and a new Historian can open it and append.
TEST_F(HistorianTest, CommittedRowsSurviveSigkill) {
  constexpr int kIntervalMs = 200;  // room for a commit on a busy machine
  constexpr int kHeard = 10;
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The child makes its threads only now, after fork, and never returns into gtest.
    close(pipe_fds[0]);
    try {
      Historian h(path_, nullptr);
      for (std::int32_t t = 0; t < 100'000; ++t) {
        h.push(row(t));
        if (write(pipe_fds[1], &t, sizeof t) != sizeof t) _exit(2);
        usleep(kIntervalMs * 1000);
      }
    } catch (...) {
      _exit(3);
    }
    _exit(0);
  }
  close(pipe_fds[1]);
  std::int32_t heard = -1;
  for (std::int32_t t; heard < kHeard - 1 && read(pipe_fds[0], &t, sizeof t) == sizeof t;) {
    heard = t;
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(pipe_fds[0]);
  ASSERT_EQ(heard, kHeard - 1) << "the child stopped early, status " << status;
  ASSERT_TRUE(WIFSIGNALED(status));

  {
    Db db(path_);
    EXPECT_EQ(db.one("PRAGMA integrity_check"), "ok");
    const int count = std::stoi(db.one("SELECT count(*) FROM history"));
    const int max_t = std::stoi(db.one("SELECT max(time_s) FROM history"));
    EXPECT_EQ(db.one("SELECT min(time_s) FROM history"), "0");
    EXPECT_EQ(count, max_t + 1);  // no gaps
    EXPECT_GE(max_t, kHeard - 2);
    EXPECT_EQ(db.one("SELECT site_mw FROM history WHERE time_s = 3"), "43.0");
  }
  Historian again(path_, nullptr);
  again.push(row(1'000'000));
  again.stop();
  EXPECT_EQ(again.write_errors(), 0);
  Db db(path_);
  EXPECT_EQ(db.one("SELECT count(*) FROM history WHERE time_s = 1000000"), "1");
}

}  // namespace
}  // namespace ballast::ballastd
