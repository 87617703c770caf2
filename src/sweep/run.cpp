#include "ballast/sweep/run.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "ballast/core/error.h"
#include "ballast/plan/csv_cache.h"
#include "distributed.h"
#include "scheduler.h"

namespace ballast::sweep {

bool launched_by_mpi() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

namespace {

// `srun -n N` without an MPI plugin starts N processes that each see themselves alone: each
// would run the whole sweep into the same table.
void check_not_one_of_many(const Cluster& cluster) {
  const char* tasks = std::getenv("SLURM_STEP_NUM_TASKS");
  if (cluster.size() > 1 || tasks == nullptr || std::atoi(tasks) <= 1) return;
  throw InputError(fmt::format(
      "srun started {} tasks, but MPI connects none of them, so each would run the whole "
      "sweep: run `srun --mpi=pmix ...` (the PMIx plugin of Debian's Open MPI; `srun --mpi=list` "
      "lists this cluster's), or one task with threads (`srun -n 1 ... --jobs N`)",
      tasks));
}

}  // namespace

SweepSummary run_sweep(const SweepPlan& plan, const RunOptions& options, const Cluster& cluster) {
  check_not_one_of_many(cluster);
  const plan::CsvCacheScope cache;  // the spec's files are read once per process
  if (cluster.size() > 1) return run_distributed(plan, options, cluster);
  Scheduler scheduler(plan, options);
  run_threads(scheduler, plan, options, std::max(1, options.jobs));
  return scheduler.finish(1);
}

}  // namespace ballast::sweep
