#include "ballast/plan/steady.h"

#include <cmath>
#include <numeric>

#include "ballast/plan/headroom.h"

namespace ballast::plan {
namespace {

SteadyPoint point(const Grid& grid, double hours, const StorageParams& unit, SocStart start,
                  double ceiling) {
  SteadyPoint p;
  p.storage_hours = hours;
  p.storage_mwh = hours * grid.mean_mw;
  StorageParams sized = unit;
  sized.energy_mwh = p.storage_mwh;
  std::optional<StorageOption> storage;
  if (p.storage_mwh > 0) storage = StorageOption{sized, start};
  p.headroom_mw = headroom(grid, 0, storage);
  p.energy_multiplier = 1 + p.headroom_mw / grid.mean_mw;
  p.share_of_ceiling = ceiling > 1 ? (p.energy_multiplier - 1) / (ceiling - 1) : 0;
  return p;
}

}  // namespace

SteadyCurve steady_curve(const Grid& grid, const std::vector<double>& storage_hours,
                         const StorageParams& unit, SocStart start, double target) {
  SteadyCurve curve;
  // Over the counted steps, like every per-year figure (partial years: --partial-years).
  double cap_sum = 0;
  double load_sum = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (!grid.counted[i]) continue;
    cap_sum += grid.capacity_mw[i];
    load_sum += grid.load.values[i];
  }
  curve.ceiling = cap_sum / load_sum;
  for (double h : storage_hours) curve.points.push_back(point(grid, h, unit, start, curve.ceiling));
  if (!(target > 1)) return curve;
  curve.target_multiplier = target;
  if (curve.ceiling < target) return curve;  // even a perfect store cannot get there
  // The multiplier rises with storage; bracket the target in hours, then bisect in log space.
  double lo = 0;
  double hi = 1;
  while (point(grid, hi, unit, start, curve.ceiling).energy_multiplier < target) {
    lo = hi;
    hi *= 2;
    if (hi > 8766 * 4) return curve;  // losses keep it below the target even with years of storage
  }
  for (int it = 0; it < 40 && hi - lo > 1e-4 * hi; ++it) {
    const double mid = lo > 0 ? std::sqrt(lo * hi) : 0.5 * hi;
    (point(grid, mid, unit, start, curve.ceiling).energy_multiplier < target ? lo : hi) = mid;
  }
  curve.at_target = point(grid, hi, unit, start, curve.ceiling);
  return curve;
}

}  // namespace ballast::plan
