#include "ballast/plan/sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"
#include "ballast/plan/headroom.h"

namespace ballast::plan {
namespace {

struct Pass {
  double start = 0;  // required usable energy at the start
  double max = 0;    // largest requirement anywhere
};

class Sizer {
 public:
  Sizer(const Grid& grid, const std::vector<double>& capacity, double new_load_mw,
        const StorageParams& unit)
      : grid_(grid), unit_(unit), excess_(grid.size()) {
    unit_.validate();
    for (std::size_t i = 0; i < excess_.size(); ++i) {
      excess_[i] = grid.load.values[i] + new_load_mw - capacity[i];
      if (excess_[i] > unit.discharge_power_mw * (1 + 1e-12)) {
        throw InfeasibleError(fmt::format(
            "at {} the load exceeds the limit by {:.1f} MW but storage can discharge only "
            "{:.1f} MW; no energy suffices: raise the storage power",
            grid.calendar.format(grid.load.time_s(i)), excess_[i], unit.discharge_power_mw));
      }
    }
  }

  // Backward recursion: the least usable energy a_t at the start of step t from which every
  // later excess can be served: a_t = max(0, (a_{t+1} + need_t - gain_t) / retention).
  Pass backward(double end_requirement) const {
    const double dt = grid_.step_h();
    const double retention = std::pow(1.0 - unit_.standing_loss_per_h, dt);
    Pass p{end_requirement, end_requirement};
    double a = end_requirement;
    for (std::size_t i = excess_.size(); i-- > 0;) {
      const double x = excess_[i];
      const double delta =
          x > 0 ? x * dt / unit_.discharge_efficiency
                : -std::min(-x, unit_.charge_power_mw) * dt * unit_.charge_efficiency;
      a = std::max(0.0, (a + delta) / retention);
      p.max = std::max(p.max, a);
    }
    p.start = a;
    return p;
  }

  double usable_full() const { return backward(0).max; }

  double usable_cyclic() const {
    double end = 0;
    for (int pass = 0; pass < 64; ++pass) {
      const Pass p = backward(end);
      if (p.start <= end * (1 + 1e-12) + 1e-9) return p.max;
      end = p.start;
    }
    throw InfeasibleError(
        "over a cycle the storage cannot recharge what it must deliver (charging, efficiency "
        "and standing loss fall short); no storage energy suffices for a cyclic run");
  }

  // Forward greedy run with `usable` MWh from an empty start; true if no excess is left.
  bool serves_from_empty(double usable) const {
    StorageParams p = unit_;
    p.energy_mwh = usable / (unit_.soc_max - unit_.soc_min);
    const StorageModel model(p, grid_.step_h());
    StorageState s{model.min_energy_mwh()};
    for (double x : excess_) {
      const double got = model.step(s, x);
      if (x > 0 && got < x * (1 - 1e-9) - 1e-9) return false;
    }
    return true;
  }

  double usable_empty() const {
    double lo = usable_full();  // an empty start needs at least what a full one does
    if (serves_from_empty(lo)) return lo;
    double hi = std::max(1.0, 2 * lo);
    for (int it = 0; !serves_from_empty(hi); ++it) {
      if (it > 60) {
        throw InfeasibleError(
            "starting empty, the storage never gathers enough energy before "
            "it must deliver; use --soc-start full or cyclic");
      }
      lo = hi;
      hi *= 2;
    }
    for (int it = 0; it < 100 && hi - lo > 1e-10 * hi; ++it) {
      const double mid = 0.5 * (lo + hi);
      (serves_from_empty(mid) ? hi : lo) = mid;
    }
    return hi;
  }

  SizingResult result(double usable) const {
    SizingResult r;
    r.usable_mwh = usable;
    r.energy_mwh = usable / (unit_.soc_max - unit_.soc_min);
    std::set<std::int64_t> days;
    double discharged = 0;
    for (std::size_t i = 0; i < excess_.size(); ++i) {
      if (excess_[i] > 0) {
        r.power_mw = std::max(r.power_mw, excess_[i]);
        // Per-year energy counts the counted years only (partial years: --partial-years).
        if (grid_.counted[i]) discharged += excess_[i] * grid_.step_h();
        days.insert(grid_.calendar.local_day(grid_.load.time_s(i)));
      }
    }
    r.days_with_drawdown = static_cast<int>(days.size());
    r.discharged_mwh_per_year = discharged / grid_.counted_years;
    return r;
  }

 private:
  const Grid& grid_;
  StorageParams unit_;
  std::vector<double> excess_;
};

}  // namespace

SizingResult min_storage_energy(const Grid& grid, const std::vector<double>& capacity_mw,
                                double new_load_mw, const StorageParams& unit, SocStart start) {
  const Sizer sizer(grid, capacity_mw, new_load_mw, unit);
  double usable = 0;
  switch (start) {
    case SocStart::kFull:
      usable = sizer.usable_full();
      break;
    case SocStart::kCyclic:
      usable = sizer.usable_cyclic();
      break;
    case SocStart::kEmpty:
      usable = sizer.usable_empty();
      break;
  }
  return sizer.result(usable);
}

std::vector<SweepCell> storage_sweep(const Grid& grid, const std::vector<double>& powers_mw,
                                     const std::vector<double>& hours, double round_trip,
                                     SocStart start) {
  std::vector<SweepCell> cells;
  for (double p : powers_mw) {
    for (double h : hours) {
      SweepCell c{.power_mw = p, .hours = h, .energy_mwh = p * h};
      const StorageOption unit{StorageParams::with_round_trip(p, p * h, round_trip), start};
      c.headroom_mw = headroom(grid, 0, unit);
      c.energy_multiplier = 1 + c.headroom_mw / grid.mean_mw;
      cells.push_back(c);
    }
  }
  return cells;
}

}  // namespace ballast::plan
