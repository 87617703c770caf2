#pragma once
/// @file The greedy storage dispatch for one storage unit beside a new constant load:
/// discharge whenever load + D exceeds capacity, charge whenever it is below, within the
/// unit's limits. For one unit this minimises curtailment (cross-checked against the LP).

#include <vector>

#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::plan {

/// What one run returns.
struct SimulationResult {
  double curtailment_rate = 0;    ///< fraction of the new load's potential energy
  double initial_energy_mwh = 0;  ///< the start state (searched for a cyclic run)
  double final_energy_mwh = 0;
  double charged_mwh = 0;            ///< drawn at the terminals over the run
  double discharged_mwh = 0;         ///< delivered at the terminals over the run
  std::vector<double> curtailed_mw;  ///< per step; filled only when traces are asked for
  std::vector<double> energy_mwh;    ///< stored energy at the end of each step; likewise
  std::vector<double> storage_mw;    ///< > 0 discharge, < 0 charge; likewise
};

/// Runs the greedy for new load `new_load_mw` over the whole grid. With kCyclic the start
/// state is the largest energy from which the run ends with at least as much.
SimulationResult simulate(const Grid& grid, double new_load_mw, const StorageParams& storage,
                          SocStart start, bool keep_traces = false);

}  // namespace ballast::plan
