#pragma once
/// @file How much more energy the existing fleet delivers when storage lets it run steadily.

#include <optional>
#include <vector>

#include "ballast/plan/grid.h"
#include "ballast/storage/storage.h"

namespace ballast::plan {

/// One point of the steady-output curve.
struct SteadyPoint {
  double storage_mwh = 0;        ///< nameplate storage energy
  double storage_hours = 0;      ///< the same in hours of today's mean load
  double headroom_mw = 0;        ///< new constant load served with zero curtailment
  double energy_multiplier = 1;  ///< (today's energy + new energy) / today's energy
  double share_of_ceiling = 0;   ///< (multiplier - 1) / (ceiling - 1)
};

/// The curve and where it reaches a target multiplier.
struct SteadyCurve {
  std::vector<SteadyPoint> points;
  double ceiling = 1;  ///< sum(capacity) / sum(load): the fleet at capacity every hour
  std::optional<double> target_multiplier;  ///< e.g. 2
  std::optional<SteadyPoint> at_target;     ///< the smallest storage reaching the target
};

/// Zero-curtailment headroom for storage of each size (hours of today's mean load), with
/// `unit`'s power limit and efficiencies; and the smallest storage reaching `target`.
SteadyCurve steady_curve(const Grid& grid, const std::vector<double>& storage_hours,
                         const StorageParams& unit, SocStart start, double target);

}  // namespace ballast::plan
