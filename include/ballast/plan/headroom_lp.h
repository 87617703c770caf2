#pragma once
/// @file The storage-headroom question posed as a linear program: the exact reference the
/// greedy planner is checked against (`ballast headroom --verify`).

#include <optional>
#include <string>

#include "ballast/lp/model.h"
#include "ballast/plan/grid.h"
#include "ballast/plan/headroom.h"

namespace ballast::plan {

/// Builds the LP over every step of the grid. Variables per step: charge, discharge,
/// curtailment, usable stored energy at the step's end; plus the new load D. Rows: capacity
/// (L + D - u + c - d <= C), curtailment at most D, energy balance with standing loss and
/// efficiencies, the start state (full, empty, or cyclic: end >= start).
/// With `new_load_mw` set, D is fixed and the objective is the least weighted curtailment;
/// otherwise D is maximised subject to sum(w * u) <= limit * D.
lp::Model build_headroom_lp(const Grid& grid, const StorageOption& storage,
                            std::optional<double> new_load_mw, double limit);

/// Largest constant new load within `limit`, storage dispatched optimally (MW).
double lp_headroom(const Grid& grid, double limit, const StorageOption& storage);

/// Least curtailment rate of new load D with optimally dispatched storage.
double lp_curtailment_rate(const Grid& grid, double new_load_mw, const StorageOption& storage);

}  // namespace ballast::plan
