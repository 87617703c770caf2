#pragma once
/// @file Curtailment-enabled headroom without storage: exact, by a sorted sweep.

#include <vector>

#include "ballast/plan/grid.h"

namespace ballast::plan {

/// Curtailed MW at each step for a new constant load: max(0, load + D - capacity).
std::vector<double> curtailment_without_storage(const Grid& grid, double new_load_mw);

/// The curtailment rate of a new constant load D (fraction of its potential energy).
double curtailment_rate(const Grid& grid, const std::vector<double>& curtailed_mw,
                        double new_load_mw);

/// The largest constant new load whose curtailment rate stays within `limit` (a fraction,
/// 0 <= limit < 1), exactly: rate(D) = W0 + sum over slack s_t < D of w_t (1 - s_t / D) is
/// increasing and of the form a - b/D between consecutive sorted slacks, so it is solved
/// in closed form on the right interval. O(n log n).
double headroom_without_storage(const Grid& grid, double limit);
/// The same for several limits, sharing one sort.
std::vector<double> headroom_without_storage(const Grid& grid, const std::vector<double>& limits);

}  // namespace ballast::plan
