// Built without MPI: a sweep is this process alone (threads only).

#include <cstdlib>

#include "ballast/core/error.h"
#include "distributed.h"

namespace ballast::sweep {

Cluster::Cluster(bool /*allow_mpi*/) {}
Cluster::~Cluster() = default;
void Cluster::abort(int code) const { std::exit(code); }

SweepSummary run_distributed(const SweepPlan&, const RunOptions&, const Cluster&) {
  throw InternalError("this ballast was built without MPI (BALLAST_MPI=OFF)");
}

}  // namespace ballast::sweep
