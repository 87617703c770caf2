#pragma once
// The MPI side of a sweep (src/sweep/mpi.cpp; src/sweep/no_mpi.cpp when built without MPI).

#include "ballast/sweep/run.h"

namespace ballast::sweep {

/// Rank 0 hands out cases to the ranks that ask (and runs cases on its own threads) and
/// writes every row; the other ranks run one case at a time and send back its row.
SweepSummary run_distributed(const SweepPlan& plan, const RunOptions& options,
                             const Cluster& cluster);

}  // namespace ballast::sweep
