#include "scheduler.h"

#include <fmt/format.h>

#include <exception>
#include <filesystem>
#include <thread>

#include "ballast/core/atomic_file.h"

namespace ballast::sweep {

std::string run_case_line(const SweepPlan& plan, std::int64_t index, const RunOptions& options,
                          bool* failed) {
  const CaseOutcome outcome = plan.run_case(index);
  *failed = outcome.exit_code != 0;
  if (options.details && outcome.exit_code == 0) {
    write_file_atomically(fmt::format("{}/cases/{:06}.json", options.out_dir, index),
                          outcome.result.dump(2) + "\n");
  }
  return make_row(plan, index, outcome).dump();
}

Scheduler::Scheduler(const SweepPlan& plan, const RunOptions& options)
    : plan_(plan), options_(options), journal_path_(options.out_dir + "/results.jsonl") {
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir + (options.details ? "/cases" : ""), ec);
  if (ec) throw InputError(fmt::format("cannot make {}: {}", options.out_dir, ec.message()));
  journal_ = std::make_unique<Journal>(journal_path_, plan);
  for (std::int64_t i = 0; i < plan.case_count(); ++i) {
    if (!journal_->finished()[static_cast<std::size_t>(i)]) pending_.push_back(i);
  }
  skipped_ = journal_->finished_count();
  failed_before_ = journal_->failed_count();
}

std::optional<std::int64_t> Scheduler::next() {
  const std::size_t k = next_.fetch_add(1);
  if (k >= pending_.size()) return std::nullopt;
  return pending_[k];
}

void Scheduler::record(const std::string& line, bool failed) {
  journal_->append(line);
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  failed_ += failed ? 1 : 0;
  if (!options_.progress) return;
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto total = static_cast<double>(pending_.size());
  std::string detail = fmt::format("{} failed, {:.3g} cases/s", failed_ + failed_before_,
                                   s > 0 ? static_cast<double>(done_) / s : 0.0);
  if (skipped_ > 0) detail += fmt::format(", {} done before", skipped_);
  options_.progress({"sweep", static_cast<double>(done_), total, detail});
}

SweepSummary Scheduler::finish(int ranks) {
  journal_.reset();
  SweepSummary s;
  s.cases = plan_.case_count();
  s.skipped = skipped_;
  s.ran = done_;
  s.failed = failed_ + failed_before_;
  s.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  s.ranks = ranks;
  s.jsonl_path = journal_path_;
  s.csv_path = options_.out_dir + "/results.csv";
  if (s.skipped + s.ran == s.cases) write_tables(journal_path_, plan_, s.jsonl_path, s.csv_path);
  return s;
}

void run_threads(Scheduler& scheduler, const SweepPlan& plan, const RunOptions& options, int jobs) {
  std::exception_ptr error;
  std::mutex error_mutex;
  const auto work = [&] {
    try {
      while (const auto index = scheduler.next()) {
        bool failed = false;
        const std::string line = run_case_line(plan, *index, options, &failed);
        scheduler.record(line, failed);
      }
    } catch (...) {
      scheduler.stop();
      std::lock_guard<std::mutex> lock(error_mutex);
      if (!error) error = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < jobs; ++t) threads.emplace_back(work);
  work();
  for (std::thread& t : threads) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace ballast::sweep
