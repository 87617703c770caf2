#pragma once
/// @file The historian: writes one row a second, and events, to an SQLite database in WAL mode.
///
/// Schema (PRAGMA user_version = 1):
///   history(time_s INTEGER PRIMARY KEY, mode TEXT, safe INTEGER, site_mw REAL,
///           upstream_mw REAL, battery_mw REAL, setpoint_mw REAL, soc REAL, frequency_hz REAL,
///           alarms INTEGER, samples INTEGER)
///     alarms is the Alarm bitmask (bit i = alarm_name(i)); NaN is stored as NULL.
///   history_named: view of history with an extra column alarm_names TEXT, the active alarms'
///     names joined by commas ("" when none).
///   events(time_ms INTEGER, kind TEXT, detail TEXT), kinds: "start", "stop" (written by the
///     historian when it opens and stops), "mode" (detail: the new mode), "alarm_raised" and
///     "alarm_cleared" (detail: the alarm's name), derived from consecutive pushed rows and
///     timed at the row's second; "command" (detail: JSON with the client's address, the
///     request, its body, the answer's status and body), one per operator command that carried
///     the right token, queued by the API as it answers; plus whatever else the caller passes
///     to event() ("safe", "recovered", "mode_refused", "shutdown").

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>

#include "state.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ballast::ballastd {

/// Persists history rows and events on its own thread; the loop only takes a mutex to queue.
/// Every row is committed in its own transaction (journal_mode=WAL, synchronous=NORMAL), so a
/// crash of the process loses at most the rows still queued; a power loss may also lose the
/// transactions since the last checkpoint.
class Historian {
 public:
  /// Opens or creates the database at `path` (its directory must exist) and starts the writer.
  /// `state`, if not null, gets set_history() after each commit or failure. Throws InputError
  /// naming the path when the database cannot be opened or set up.
  Historian(const std::filesystem::path& path, SharedState* state);
  Historian(const Historian&) = delete;
  Historian& operator=(const Historian&) = delete;
  /// Calls stop().
  ~Historian();

  /// Queues a row (replacing any stored row of the same second). Never waits beyond a mutex.
  void push(const HistoryRow& row);
  /// Queues an event at Unix time `time_ms` (ms). Never waits beyond a mutex.
  void event(std::int64_t time_ms, std::string kind, std::string detail);
  /// Writes everything queued, a "stop" event, checkpoints the WAL and closes. Idempotent;
  /// rows pushed afterwards are ignored.
  void stop();

  /// Rows this historian committed since it opened (replacements included).
  std::int64_t rows_committed() const;
  /// Failed writes and rows or events dropped because the queue was full.
  std::int64_t write_errors() const;
  /// The latest write error's message, "" if none.
  std::string last_error() const;

 private:
  struct Event {
    std::int64_t time_ms;
    std::string kind, detail;
  };
  using Item = std::variant<HistoryRow, Event>;

  void run();
  void write(const HistoryRow& row);
  void write(const Event& event);
  void derive_events(const HistoryRow& row);
  void enqueue(Item item, const char* what);
  void fail(const std::string& what);
  void report() const;  // rows, errors and the last error to the shared state; mutex_ held
  void close_db();

  std::filesystem::path path_;
  SharedState* state_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_row_ = nullptr;
  sqlite3_stmt* insert_event_ = nullptr;
  std::optional<HistoryRow> previous_;  // writer thread only

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Item> queue_;
  bool stopping_ = false;
  std::int64_t committed_ = 0;
  std::int64_t errors_ = 0;
  std::string last_error_;
  std::thread writer_;
};

}  // namespace ballast::ballastd
