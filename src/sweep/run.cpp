#include "ballast/sweep/run.h"

#include <algorithm>
#include <cstdlib>

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

SweepSummary run_sweep(const SweepPlan& plan, const RunOptions& options, const Cluster& cluster) {
  const plan::CsvCacheScope cache;  // the spec's files are read once per process
  if (cluster.size() > 1) return run_distributed(plan, options, cluster);
  Scheduler scheduler(plan, options);
  run_threads(scheduler, plan, options, std::max(1, options.jobs));
  return scheduler.finish(1);
}

}  // namespace ballast::sweep
