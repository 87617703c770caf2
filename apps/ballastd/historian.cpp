#include "historian.h"

#include <sqlite3.h>

#include <chrono>
#include <cmath>
#include <utility>

#include "ballast/core/error.h"

namespace ballast::ballastd {
namespace {

// A stalled disk must not grow the loop's memory without bound: beyond this many queued
// items (about 18 hours of rows) new ones are dropped and counted as write errors.
constexpr std::size_t kMaxQueued = 65536;

// The view's alarm_names column, built from alarm_name() so it cannot drift from state.cpp.
std::string named_view_sql() {
  std::string names;
  for (int i = 0; i < kAlarmCount; ++i) {
    names += (i ? " || " : "");
    names += "CASE WHEN alarms & " + std::to_string(1u << i) + " THEN '" + alarm_name(i) +
             ",' ELSE '' END";
  }
  return "DROP VIEW IF EXISTS history_named;"
         "CREATE VIEW history_named AS SELECT *, rtrim(" +
         names + ", ',') AS alarm_names FROM history;";
}

constexpr const char* kSchemaSql =
    "CREATE TABLE IF NOT EXISTS history ("
    " time_s INTEGER PRIMARY KEY, mode TEXT NOT NULL, safe INTEGER NOT NULL,"
    " site_mw REAL, upstream_mw REAL, battery_mw REAL, setpoint_mw REAL, soc REAL,"
    " frequency_hz REAL, alarms INTEGER NOT NULL, samples INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS events (time_ms INTEGER NOT NULL, kind TEXT NOT NULL,"
    " detail TEXT NOT NULL);"
    "CREATE INDEX IF NOT EXISTS events_time ON events(time_ms);"
    "PRAGMA user_version = 1;";

void bind_real(sqlite3_stmt* stmt, int index, double value) {
  if (std::isnan(value)) {
    sqlite3_bind_null(stmt, index);
  } else {
    sqlite3_bind_double(stmt, index, value);
  }
}

}  // namespace

Historian::Historian(const std::filesystem::path& path, SharedState* state)
    : path_(path), state_(state) {
  const auto fail_open = [&](const std::string& what) {
    std::string message = what + (db_ ? std::string(": ") + sqlite3_errmsg(db_) : "");
    close_db();
    throw InputError("cannot open the history database (" + message +
                         "); check that the directory exists and is writable",
                     {path_.string()});
  };
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path_.c_str(), &db_, flags, nullptr) != SQLITE_OK) fail_open("open");
  // Another reader (a backup, the sqlite3 shell) may briefly hold a lock.
  sqlite3_busy_timeout(db_, 1000);

  // WAL with synchronous=NORMAL: a commit appends to the WAL without fsync; it survives a
  // crash of the process (the OS has the pages), and the WAL is replayed at the next open.
  sqlite3_stmt* pragma = nullptr;
  if (sqlite3_prepare_v2(db_, "PRAGMA journal_mode=WAL", -1, &pragma, nullptr) != SQLITE_OK) {
    fail_open("journal_mode");
  }
  const bool wal =
      sqlite3_step(pragma) == SQLITE_ROW && sqlite3_column_text(pragma, 0) != nullptr &&
      std::string(reinterpret_cast<const char*>(sqlite3_column_text(pragma, 0))) == "wal";
  sqlite3_finalize(pragma);
  if (!wal) fail_open("journal_mode=WAL refused");
  if (sqlite3_exec(db_, "PRAGMA synchronous=NORMAL", nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail_open("synchronous");
  }
  if (sqlite3_exec(db_, kSchemaSql, nullptr, nullptr, nullptr) != SQLITE_OK) fail_open("schema");
  if (sqlite3_exec(db_, named_view_sql().c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    fail_open("view");
  }
  if (sqlite3_prepare_v2(db_,
                         "INSERT OR REPLACE INTO history VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
                         " ?9, ?10, ?11)",
                         -1, &insert_row_, nullptr) != SQLITE_OK ||
      sqlite3_prepare_v2(db_, "INSERT INTO events VALUES (?1, ?2, ?3)", -1, &insert_event_,
                         nullptr) != SQLITE_OK) {
    fail_open("prepare");
  }
  queue_.emplace_back(Event{unix_ms(), "start", ""});
  writer_ = std::thread([this] { run(); });
}

Historian::~Historian() { stop(); }

void Historian::push(const HistoryRow& row) { enqueue(row, "row"); }

void Historian::event(std::int64_t time_ms, std::string kind, std::string detail) {
  enqueue(Event{time_ms, std::move(kind), std::move(detail)}, "event");
}

void Historian::enqueue(Item item, const char* what) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    if (queue_.size() < kMaxQueued) {
      queue_.push_back(std::move(item));
      wake_.notify_one();
      return;
    }
  }
  fail(std::string("queue full: ") + what + " dropped");
}

void Historian::stop() {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) queue_.emplace_back(Event{unix_ms(), "stop", ""});
    stopping_ = true;
  }
  wake_.notify_one();
  if (writer_.joinable()) writer_.join();
  close_db();
}

std::int64_t Historian::rows_committed() const {
  std::lock_guard lock(mutex_);
  return committed_;
}

std::int64_t Historian::write_errors() const {
  std::lock_guard lock(mutex_);
  return errors_;
}

std::string Historian::last_error() const {
  std::lock_guard lock(mutex_);
  return last_error_;
}

void Historian::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, and everything is written
    std::deque<Item> batch;
    batch.swap(queue_);
    lock.unlock();
    for (const Item& item : batch) std::visit([&](const auto& it) { write(it); }, item);
    lock.lock();
  }
}

// Each statement runs in autocommit mode: one row, one transaction.
void Historian::write(const HistoryRow& row) {
  derive_events(row);
  sqlite3_stmt* s = insert_row_;
  sqlite3_bind_int64(s, 1, row.time_s);
  sqlite3_bind_text(s, 2, to_string(row.mode), -1, SQLITE_STATIC);
  sqlite3_bind_int(s, 3, row.safe ? 1 : 0);
  bind_real(s, 4, row.site_mw);
  bind_real(s, 5, row.upstream_mw);
  bind_real(s, 6, row.battery_mw);
  bind_real(s, 7, row.setpoint_mw);
  bind_real(s, 8, row.soc);
  bind_real(s, 9, row.frequency_hz);
  sqlite3_bind_int64(s, 10, row.alarms);
  sqlite3_bind_int(s, 11, row.samples);
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) {
    fail("history row " + std::to_string(row.time_s) + ": " + sqlite3_errmsg(db_));
    return;
  }
  std::lock_guard lock(mutex_);
  ++committed_;
  report();
}

void Historian::write(const Event& event) {
  sqlite3_stmt* s = insert_event_;
  sqlite3_bind_int64(s, 1, event.time_ms);
  sqlite3_bind_text(s, 2, event.kind.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s, 3, event.detail.c_str(), -1, SQLITE_TRANSIENT);
  const int rc = sqlite3_step(s);
  sqlite3_reset(s);
  if (rc != SQLITE_DONE) fail("event " + event.kind + ": " + sqlite3_errmsg(db_));
}

// Mode changes and alarms raised or cleared, from one row to the next.
void Historian::derive_events(const HistoryRow& row) {
  const std::int64_t t_ms = row.time_s * 1000;
  if (!previous_ || previous_->mode != row.mode) write(Event{t_ms, "mode", to_string(row.mode)});
  const std::uint32_t before = previous_ ? previous_->alarms : 0;
  for (int i = 0; i < kAlarmCount; ++i) {
    const std::uint32_t bit = 1u << i;
    if ((row.alarms & bit) && !(before & bit)) write(Event{t_ms, "alarm_raised", alarm_name(i)});
    if (!(row.alarms & bit) && (before & bit)) write(Event{t_ms, "alarm_cleared", alarm_name(i)});
  }
  previous_ = row;
}

void Historian::fail(const std::string& what) {
  std::lock_guard lock(mutex_);
  ++errors_;
  last_error_ = what;
  report();
}

void Historian::report() const {
  if (state_ != nullptr) state_->set_history(committed_, errors_, last_error_);
}

void Historian::close_db() {
  if (db_ == nullptr) return;
  sqlite3_finalize(insert_row_);
  sqlite3_finalize(insert_event_);
  insert_row_ = insert_event_ = nullptr;
  sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  sqlite3_close(db_);
  db_ = nullptr;
}

}  // namespace ballast::ballastd
