#pragma once
/// @file How much new constant load a grid can host, for each curtailment limit.

#include <optional>
#include <vector>

#include "ballast/plan/event_stats.h"
#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::plan {

/// Storage added beside the new load, and how its run starts.
struct StorageOption {
  StorageParams params;
  SocStart start = SocStart::kCyclic;
};

/// One row of the headroom table.
struct HeadroomRow {
  double limit = 0;        ///< curtailment limit, fraction
  double headroom_mw = 0;  ///< largest new constant load within the limit
  CurtailmentStats stats;  ///< at that load
  /// Equivalent full cycles a year with storage (0 when it never cycles); none without storage.
  std::optional<double> storage_cycles_per_year;
};

/// The largest new load within `limit`. Without storage: exact (headroom_without_storage).
/// With storage: monotone search over D with the greedy run, to 1e-9 relative.
double headroom(const Grid& grid, double limit, const std::optional<StorageOption>& storage);

/// Headroom and its statistics for each limit.
std::vector<HeadroomRow> headroom_table(const Grid& grid, const std::vector<double>& limits,
                                        const std::optional<StorageOption>& storage);

}  // namespace ballast::plan
