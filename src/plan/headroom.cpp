#include "ballast/plan/headroom.h"

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/plan/curtailment.h"
#include "ballast/plan/simulate.h"

namespace ballast::plan {
namespace {

// Relative tolerance of the search: well inside the 1e-6 the LP cross-check demands.
constexpr double kRelTol = 1e-9;

bool has_storage(const std::optional<StorageOption>& s) {
  return s && s->params.discharge_power_mw > 0 &&
         s->params.max_energy_mwh() > s->params.min_energy_mwh();
}

// Largest D in [lo, hi] with rate(D) <= limit, given rate(lo) <= limit < rate(hi) and the
// rate nondecreasing in D. Illinois false position when the limit is positive (the rate is
// smooth there); bisection for a zero limit, where the rate is flat at zero below the root.
template <class Rate>
double search(Rate rate, double limit, double lo, double hi) {
  double f_lo = rate(lo) - limit;
  double f_hi = rate(hi) - limit;
  int side = 0;
  for (int it = 0; it < 200 && hi - lo > kRelTol * hi; ++it) {
    double mid = 0.5 * (lo + hi);
    if (limit > 0 && f_hi > f_lo) {
      mid = lo - f_lo * (hi - lo) / (f_hi - f_lo);
      // Keep the step inside the bracket and away from its ends.
      const double margin = 1e-3 * (hi - lo);
      mid = std::clamp(mid, lo + margin, hi - margin);
    }
    const double f = rate(mid) - limit;
    if (f <= 0) {
      lo = mid;
      f_lo = f;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    } else {
      hi = mid;
      f_hi = f;
      if (side == 1) f_lo *= 0.5;
      side = 1;
    }
  }
  return lo;
}

// Largest D within `limit` with storage, given a load `lo` known to be within it.
double headroom_with_storage(const Grid& grid, double limit, const StorageOption& storage,
                             double lo) {
  const auto rate = [&](double d) {
    return simulate(grid, d, storage.params, storage.start).curtailment_rate;
  };
  double step = std::min(storage.params.discharge_power_mw, std::max(grid.peak_mw, 1.0));
  double hi = lo + step;
  while (rate(hi) <= limit) {
    lo = hi;
    step *= 2;
    hi = lo + step;
    if (hi > 1e6 * std::max(grid.peak_mw, 1.0)) {
      throw InfeasibleError(
          "the headroom search did not find a load that breaks the "
          "curtailment limit; check the storage parameters");
    }
  }
  return search(rate, limit, lo, hi);
}

// Energy discharged in the counted steps (the years per-year figures count), MWh.
double counted_discharge_mwh(const Grid& grid, const SimulationResult& r) {
  double mwh = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    if (grid.counted[i] && r.storage_mw[i] > 0) mwh += r.storage_mw[i] * grid.step_h();
  }
  return mwh;
}

}  // namespace

double headroom(const Grid& grid, double limit, const std::optional<StorageOption>& storage) {
  // Storage never hurts, so the load without storage is a feasible start for the search.
  const double without = headroom_without_storage(grid, limit);
  return has_storage(storage) ? headroom_with_storage(grid, limit, *storage, without) : without;
}

std::vector<HeadroomRow> headroom_table(const Grid& grid, const std::vector<double>& limits,
                                        const std::optional<StorageOption>& storage) {
  const SlackOrder order(grid);
  std::vector<HeadroomRow> rows;
  for (std::size_t k = 0; k < limits.size(); ++k) {
    HeadroomRow row;
    row.limit = limits[k];
    const double without = order.headroom(row.limit);
    if (has_storage(storage)) {
      // A smaller limit's answer is feasible for a larger limit too.
      double lo = without;
      for (const HeadroomRow& r : rows) {
        if (r.limit <= row.limit) lo = std::max(lo, r.headroom_mw);
      }
      row.headroom_mw = headroom_with_storage(grid, row.limit, *storage, lo);
      const SimulationResult r =
          simulate(grid, row.headroom_mw, storage->params, storage->start, true);
      row.stats = curtailment_stats(grid, row.headroom_mw, r.curtailed_mw);
      row.storage_cycles_per_year =
          counted_discharge_mwh(grid, r) / storage->params.energy_mwh / grid.counted_years;
    } else {
      row.headroom_mw = without;
      row.stats = curtailment_stats(grid, row.headroom_mw, order.curtailed(row.headroom_mw));
    }
    rows.push_back(row);
  }
  return rows;
}

}  // namespace ballast::plan
