#pragma once
/// @file Running a sweep: cases handed out one at a time (a shared next-case counter; MPI
/// workers ask rank 0 for the next case), rows appended to the journal as cases finish, the
/// tables written when all are done. Resumable: cases already in the table are skipped.

#include <cstdint>
#include <memory>
#include <string>

#include "ballast/core/progress.h"
#include "ballast/sweep/plan.h"

struct BallastMpiTransport;  // src/sweep/mpi_transport.h

namespace ballast::sweep {

struct RunOptions {
  std::string out_dir;   ///< results.jsonl, results.csv and cases/ go here (created)
  int jobs = 1;          ///< threads running cases (on rank 0 under MPI; other ranks run one)
  bool details = false;  ///< also write each case's full JSON to out_dir/cases/NNNNNN.json
  Progress progress;     ///< "sweep" events: done/total of this run, detail with failures, rate
};

struct SweepSummary {
  std::int64_t cases = 0;    ///< in the spec
  std::int64_t skipped = 0;  ///< already in the table when this run started
  std::int64_t ran = 0;      ///< run by this run (on every rank)
  std::int64_t failed = 0;   ///< cases in the table with status error
  double seconds = 0;
  int ranks = 1;
  std::string jsonl_path, csv_path;
};

/// The processes of a sweep: MPI's world when this process was started by mpirun or srun (and
/// ballast was built with MPI), else this process alone. MPI is loaded (a module, dlopen) and
/// initialised only then; finalized when destroyed.
class Cluster {
 public:
  /// `allow_mpi` false: never initialise MPI.
  explicit Cluster(bool allow_mpi);
  ~Cluster();
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;
  int rank() const { return rank_; }
  int size() const { return size_; }
  /// The MPI calls, or null when this process is alone.
  const BallastMpiTransport* mpi() const { return mpi_; }
  /// Ends every rank with `code` (MPI_Abort), e.g. when rank 0 cannot open the table while
  /// the others wait for cases; without MPI, exits.
  [[noreturn]] void abort(int code) const;

 private:
  int rank_ = 0, size_ = 1;
  const BallastMpiTransport* mpi_ = nullptr;
};

/// True when the environment says an MPI launcher (mpirun, srun) started this process.
bool launched_by_mpi();

/// Runs the cases of `plan` not yet in the table, on `options.jobs` threads and, under MPI, on
/// every rank; rank 0 writes. Returns on every rank; the summary's counts are rank 0's.
SweepSummary run_sweep(const SweepPlan& plan, const RunOptions& options, const Cluster& cluster);

}  // namespace ballast::sweep
