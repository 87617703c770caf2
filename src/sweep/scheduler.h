#pragma once
// The writing side of a sweep (one process, rank 0 under MPI): the journal, the next pending
// case, progress, and running one case into its row.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "ballast/sweep/run.h"
#include "ballast/sweep/table.h"

namespace ballast::sweep {

/// Runs case `index` and returns its row as one line; writes the detail file first when asked.
/// `failed` is set when the case ended with an error.
std::string run_case_line(const SweepPlan& plan, std::int64_t index, const RunOptions& options,
                          bool* failed);

class Scheduler {
 public:
  Scheduler(const SweepPlan& plan, const RunOptions& options);
  /// The next case to run, or nullopt when every case has been handed out. Thread-safe.
  std::optional<std::int64_t> next();
  /// Appends a finished case's row and reports progress. Thread-safe.
  void record(const std::string& line, bool failed);
  /// Hands out no more cases (a thread failed, or the progress callback cancelled the run);
  /// the cases already finished stay in the journal for a resumed run. Thread-safe.
  void stop() { next_.store(pending_.size()); }
  /// Closes the journal, writes the sorted tables and returns the summary.
  SweepSummary finish(int ranks);

 private:
  const SweepPlan& plan_;
  const RunOptions& options_;
  std::unique_ptr<Journal> journal_;
  std::vector<std::int64_t> pending_;
  std::atomic<std::size_t> next_{0};
  std::mutex mutex_;
  std::int64_t done_ = 0, failed_ = 0, skipped_ = 0, failed_before_ = 0;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::string journal_path_;
};

/// Runs cases from `scheduler` on `jobs` threads until none is left (rethrows the first
/// exception a thread raised outside a case, e.g. a failed write or a cancelled progress
/// callback, after the other threads finish the cases they are running).
void run_threads(Scheduler& scheduler, const SweepPlan& plan, const RunOptions& options, int jobs);

}  // namespace ballast::sweep
