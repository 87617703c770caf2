#pragma once
/// @file The results table of a sweep: one row per case (its axis values, status, error and
/// every scalar of the study's JSON), kept as a journal of JSON lines that rows are appended to
/// as cases finish, and written out sorted by case as CSV and JSON lines when the sweep ends.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ballast/sweep/plan.h"

namespace ballast::sweep {

/// Adds every scalar of `json` to `row` under dotted keys ("results.0.headroom_mw"); a key the
/// row already has (an axis column) is stored as "result.KEY". Arrays longer than
/// `max_array` are left out (they stay in the per-case detail file).
void flatten(const nlohmann::ordered_json& json, nlohmann::ordered_json& row,
             std::size_t max_array = 64);

/// The row of case `index`: "case", the axis columns, "status" (ok or error), "exit_code",
/// "error", then the flattened result.
nlohmann::ordered_json make_row(const SweepPlan& plan, std::int64_t index,
                                const CaseOutcome& outcome);

/// The journal of finished cases (JSON lines, one complete row a line). Opening it reads the
/// rows already there (a resumed sweep), drops a torn last line left by a kill (and any line
/// that is not JSON, as a machine crash may leave), and locks the file so that a second sweep
/// cannot write into it at the same time.
class Journal {
 public:
  /// InputError when a row does not belong to `plan` (another spec wrote this table) or the
  /// file is locked by a running sweep.
  Journal(std::string path, const SweepPlan& plan);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  /// finished()[i]: case i has a row.
  const std::vector<bool>& finished() const { return finished_; }
  std::int64_t finished_count() const { return finished_count_; }
  std::int64_t failed_count() const { return failed_count_; }
  /// Appends one row (a line without its newline) with a single write; safe to call from
  /// several threads. A thread of the journal flushes the written rows to disk (fdatasync)
  /// behind the cases, so that no case waits for the disk; closing flushes the rest.
  void append(const std::string& line);

 private:
  void read_rows(const SweepPlan& plan);
  void sync_loop();

  std::string path_;
  int fd_ = -1;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool dirty_ = false, closing_ = false;
  std::string sync_error_;
  std::thread syncer_;
  std::vector<bool> finished_;
  std::int64_t finished_count_ = 0, failed_count_ = 0;
};

/// Reads the journal at `journal_path` and writes it sorted by case as `jsonl_path` and
/// `csv_path` (columns: case, the axis columns, status, exit_code, error, then every result
/// key in the order first seen going down the cases), each atomically.
void write_tables(const std::string& journal_path, const SweepPlan& plan,
                  const std::string& jsonl_path, const std::string& csv_path);

/// A field of a CSV file, quoted when it holds a comma, a quote or a line break.
std::string csv_field(const std::string& text);

}  // namespace ballast::sweep
