#include "ballast/plan/size_search.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"
#include "ballast/plan/simulate.h"

namespace ballast::plan {
namespace {

constexpr double kRelTol = 1e-7;

StorageParams with(const StorageParams& unit, double power_mw, double energy_mwh) {
  StorageParams p = unit;
  p.discharge_power_mw = p.charge_power_mw = power_mw;
  p.energy_mwh = energy_mwh;
  return p;
}

// The least x in [0, hi] with ok(x), for ok monotone (false below the edge, true above).
template <class Ok>
double bisect(double hi, const Ok& ok) {
  if (ok(0)) return 0;
  double lo = 0;
  while (hi - lo > kRelTol * hi) {
    const double mid = 0.5 * (lo + hi);
    (ok(mid) ? hi : lo) = mid;
  }
  return hi;
}

// Wear of the greedy run of `unit` hosting D, over the whole record.
aging::WearReport duty_wear(const aging::AgingSpec& spec, const aging::AgingModel& model,
                            const Grid& grid, double new_load_mw, const StorageParams& unit,
                            SocStart start) {
  const SimulationResult sim = simulate(grid, new_load_mw, unit, start, /*keep_traces=*/true);
  aging::WearMeter meter(model, static_cast<double>(grid.load.step_s));
  for (double e : sim.energy_mwh)
    meter.push(unit.energy_mwh > 0 ? e / unit.energy_mwh : 0, spec.temperature_c);
  aging::Throughput flows{.discharged_mwh = sim.discharged_mwh, .charged_mwh = sim.charged_mwh};
  double power = unit.discharge_power_mw;
  if (!std::isfinite(power)) {
    power = 0;
    for (double x : sim.storage_mw) power = std::max(power, x);
  }
  return aging::assess_wear(spec, model, meter.finish(), power, unit.energy_mwh, flows);
}

}  // namespace

bool hosts(const Grid& grid, double new_load_mw, double limit, const StorageParams& unit,
           SocStart start) {
  if (new_load_mw <= 0) return true;
  const double rate = simulate(grid, new_load_mw, unit, start).curtailment_rate;
  return rate <= limit * (1 + 1e-12) + 1e-15;
}

double least_energy_mwh(const Grid& grid, double new_load_mw, double limit,
                        const StorageParams& unit, SocStart start) {
  const auto ok = [&](double e) {
    return hosts(grid, new_load_mw, limit, with(unit, unit.discharge_power_mw, e), start);
  };
  // An upper bound: double from the energy of a day at the largest excess until it suffices.
  double hi = 1;
  for (std::size_t t = 0; t < grid.size(); ++t) {
    hi = std::max(hi, (grid.load.values[t] + new_load_mw - grid.capacity_mw[t]) * 24);
  }
  for (int it = 0; !ok(hi); ++it) {
    if (it > 40) {
      throw InfeasibleError(fmt::format(
          "no storage energy hosts {:.1f} MW within {} % curtailment at this power ({} MW); "
          "raise the power or the curtailment limit",
          new_load_mw, 100 * limit, unit.discharge_power_mw));
    }
    hi *= 2;
  }
  return bisect(hi, ok);
}

double least_power_mw(const Grid& grid, double new_load_mw, double limit, const StorageParams& unit,
                      SocStart start) {
  double hi = 0;
  for (std::size_t t = 0; t < grid.size(); ++t) {
    hi = std::max(hi, grid.load.values[t] + new_load_mw - grid.capacity_mw[t]);
  }
  // Charging may need more than the largest excess: allow up to the largest surplus too.
  for (std::size_t t = 0; t < grid.size(); ++t) {
    hi = std::max(hi, grid.capacity_mw[t] - grid.load.values[t] - new_load_mw);
  }
  const auto ok = [&](double p) {
    return hosts(grid, new_load_mw, limit, with(unit, p, unit.energy_mwh), start);
  };
  if (!ok(hi)) {
    throw InfeasibleError(fmt::format(
        "{} MWh cannot host {:.1f} MW within {} % curtailment at any power; give more energy",
        unit.energy_mwh, new_load_mw, 100 * limit));
  }
  return bisect(hi, ok);
}

LifeSize size_for_life(const aging::AgingSpec& spec, const Grid& grid, double new_load_mw,
                       double limit, const StorageParams& unit, SocStart start, int life_years) {
  const aging::AgingModel model = aging::parse_model(spec.aging);
  LifeSize r;
  r.fresh_energy_mwh = least_energy_mwh(grid, new_load_mw, limit, unit, start);
  const auto capacity = [&](double e) {
    const aging::WearReport w =
        duty_wear(spec, model, grid, new_load_mw, with(unit, unit.discharge_power_mw, e), start);
    return aging::capacity_after(model, w.wear, life_years);
  };
  const auto ok = [&](double e) { return e * capacity(e) >= r.fresh_energy_mwh * (1 - 1e-12); };
  double hi = r.fresh_energy_mwh / std::max(capacity(r.fresh_energy_mwh), 1e-9);
  for (int it = 0; !ok(hi); ++it) {
    if (it > 20) {
      throw InfeasibleError(fmt::format(
          "no battery size still hosts the load after {} years: it fades faster than size can "
          "make up; shorten --life-years or use --augment",
          life_years));
    }
    hi *= 1.5;
  }
  double lo = r.fresh_energy_mwh;
  while (hi - lo > kRelTol * hi) {
    const double mid = 0.5 * (lo + hi);
    (ok(mid) ? hi : lo) = mid;
  }
  r.energy_mwh = hi;
  r.wear =
      duty_wear(spec, model, grid, new_load_mw, with(unit, unit.discharge_power_mw, hi), start);
  r.capacity_at_life = aging::capacity_after(model, r.wear.wear, life_years);
  return r;
}

AugmentedSize size_with_augmentation(const aging::AgingSpec& spec, const Grid& grid,
                                     double new_load_mw, double limit, const StorageParams& unit,
                                     SocStart start, int life_years) {
  const aging::EconomicsSpec& e = spec.economics;
  if (!e.capex_per_kwh) {
    throw InputError(
        "--augment prices the energy bought: give --capex-per-kwh (and "
        "--replacement-per-kwh for later purchases if it differs)");
  }
  const double first_cost = *e.capex_per_kwh * 1000;  // per MWh
  const double later_cost = e.replacement_per_kwh.value_or(*e.capex_per_kwh) * 1000;
  const double rate = e.discount_rate_pct.value_or(7) / 100;
  const aging::AgingModel model = aging::parse_model(spec.aging);
  const double need = least_energy_mwh(grid, new_load_mw, limit, unit, start);
  AugmentedSize best;
  best.pv_cost = kUnlimited;
  for (int step = 0; step <= 100; ++step) {
    const double initial = need * (1 + 0.01 * step);
    // Each module fades along the curve of the fleet's duty at the initial size.
    const aging::WearReport w = duty_wear(spec, model, grid, new_load_mw,
                                          with(unit, unit.discharge_power_mw, initial), start);
    const std::vector<double> cap =
        aging::project(model, w.wear, 0.0, life_years).capacity;  // end of age 1, 2, ...
    const auto capacity_at_age = [&](int age) {
      if (age <= 0) return 1.0;
      return cap.empty() ? 1.0 : cap[std::min<std::size_t>(age, cap.size()) - 1];
    };
    AugmentedSize plan;
    plan.fresh_energy_mwh = need;
    plan.initial_energy_mwh = initial;
    plan.pv_cost = initial * first_cost;
    std::vector<Augmentation> modules = {{1, initial}};
    for (int year = 1; year <= life_years; ++year) {
      double fleet = 0;
      for (const Augmentation& m : modules)
        fleet += m.energy_mwh * capacity_at_age(year - m.year + 1);
      if (fleet < need * (1 - 1e-12)) {
        const double add = (need - fleet) / capacity_at_age(1);
        modules.push_back({year, add});
        plan.additions.push_back({year, add});
        plan.pv_cost += add * later_cost / std::pow(1 + rate, year - 1);
        fleet = need;
      }
      plan.fleet_energy_mwh.push_back(fleet);
    }
    if (plan.pv_cost < best.pv_cost) best = plan;
  }
  best.currency = e.currency.value_or("USD");
  return best;
}

}  // namespace ballast::plan
