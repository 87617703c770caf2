#include "ballast/expand/expansion.h"

#include <algorithm>
#include <functional>

#include "ballast/core/error.h"
#include "candidates_lp.h"

namespace ballast::expand {
namespace {

constexpr double kHoursPerYear = 8760;

// A build under 1 W (or 1 Wh) is none: the barrier's interior optimum leaves about 1e-10 MW
// where nothing is built, and an output of the same order that would otherwise show as
// capacity factors and cycles of an empty asset.
constexpr double kNoneMw = 1e-6;

// From this many periods on, lp::Method::kAuto solves by the barrier without crossover: on a
// year of hours (8,760 periods) in seconds where the simplex took over half an hour; shorter
// cases by the dual simplex, whose vertex gives the exact values a hand check expects.
constexpr std::size_t kBarrierFromPeriods = 4380;

// A size strictly inside its bounds, with a relative margin for the solver's tolerance.
bool inside(double x, double lo, double hi) {
  const double tol = 1e-7 * std::max(1.0, std::abs(x));
  return x > lo + tol && x < hi - tol;
}

// Today's dispatch costs per year (no new load, no build).
CostSplit costs_of(const dispatch::Scenario& s, const dispatch::DispatchResult& r, double years) {
  CostSplit c;
  double unserved_mwh = 0;
  for (double u : r.unserved_mw) unserved_mwh += u * s.step_h();
  c.unserved = s.value_of_lost_load_per_mwh * unserved_mwh / years;
  c.variable = (r.cost - s.value_of_lost_load_per_mwh * unserved_mwh + r.wear_cost) / years;
  return c;
}

}  // namespace

std::vector<double> duration_curve(std::vector<double> prices) {
  std::sort(prices.begin(), prices.end(), std::greater<>());
  return prices;
}

ExpansionResult solve_expansion(const ExpansionCase& c, const ExpansionOptions& options) {
  validate(c);
  const dispatch::Scenario& s = c.system;
  const std::size_t n = s.periods();
  const double dt = s.step_h();
  const double years = c.years();
  CandidatesLp candidates(c);
  dispatch::DispatchOptions o;
  o.write_mps = options.write_mps;
  o.solver = options.solver;
  if (o.solver.method == lp::Method::kAuto && n >= kBarrierFromPeriods) {
    o.solver.method = lp::Method::kBarrier;
    o.solver.crossover = false;
  }
  o.solver.presolve = o.solver.method != lp::Method::kBarrier;
  const dispatch::ExtendedDispatch run = dispatch::run_dispatch_extended(s, o, candidates);
  const std::vector<double>& x = run.solution.x;

  ExpansionResult r;
  r.years = years;
  r.dispatch = run.dispatch;
  r.build_s = run.dispatch.build_s;
  r.solve_s = run.dispatch.solve_s;
  r.variables = run.dispatch.variables;
  r.rows = run.dispatch.rows;
  r.price_per_mwh.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    r.price_per_mwh[t] = run.solution.row_duals[run.balance_rows[t]] / dt;
  }
  const auto revenue = [&](const std::vector<double>& mw) {
    double sum = 0;
    for (std::size_t t = 0; t < n; ++t) sum += r.price_per_mwh[t] * mw[t] * dt;
    return sum / years;
  };
  const auto values = [&](const std::vector<int>& vars, bool built) {
    std::vector<double> out(vars.size());
    if (!built) return out;
    for (std::size_t t = 0; t < vars.size(); ++t) out[t] = x[vars[t]];
    return out;
  };

  // Existing assets' costs with the new load.
  r.cost = costs_of(s, run.dispatch, years);
  for (std::size_t j = 0; j < c.storage.size(); ++j) {
    const StorageCandidate& sc = c.storage[j];
    const CandidatesLp::Store& v = candidates.storage()[j];
    BuiltAsset b;
    b.name = sc.name;
    b.type = "storage";
    const bool built = x[v.power] >= kNoneMw && x[v.energy] >= kNoneMw;
    b.power_mw = built ? x[v.power] : 0;
    b.energy_mwh = built ? x[v.energy] : 0;
    b.output_mw = values(v.net, built);
    b.stored_mwh = values(v.stored, built);
    b.capital_per_year = b.power_mw * 1000 * sc.power.capex_per_kw *
                             capital_recovery_factor(c.discount_rate, sc.power.lifetime_years) +
                         b.energy_mwh * 1000 * sc.energy.capex_per_kw *
                             capital_recovery_factor(c.discount_rate, sc.energy.lifetime_years);
    b.fixed_om_per_year = b.power_mw * 1000 * sc.power.fixed_om_per_kw_year +
                          b.energy_mwh * 1000 * sc.energy.fixed_om_per_kw_year;
    double discharged = 0;
    for (double p : b.output_mw) discharged += std::max(0.0, p) * dt;
    b.energy_mwh_per_year = discharged / years;
    b.variable_per_year = sc.variable_cost_per_mwh * b.energy_mwh_per_year;
    b.revenue_per_year = revenue(b.output_mw);
    b.full_load_hours = b.power_mw > 0 ? b.energy_mwh_per_year / b.power_mw : 0;
    b.capacity_factor = b.full_load_hours / kHoursPerYear;
    const double usable = b.energy_mwh * (sc.soc_max - sc.soc_min);
    b.cycles_per_year = usable > 0 ? b.energy_mwh_per_year / usable : 0;
    b.at_bound = !inside(b.power_mw, sc.min_power_mw, sc.max_power_mw) ||
                 !inside(b.energy_mwh, sc.min_energy_mwh, sc.max_energy_mwh);
    r.built.push_back(std::move(b));
  }
  const auto plant = [&](const std::string& nm, const std::string& type, const Costs& costs,
                         const CandidatesLp::Plant& v, double cost_per_mwh, double lo, double hi) {
    BuiltAsset b;
    b.name = nm;
    b.type = type;
    const bool built = x[v.capacity] >= kNoneMw;
    b.power_mw = built ? x[v.capacity] : 0;
    b.output_mw = values(v.output, built);
    double mwh = 0;
    for (double p : b.output_mw) mwh += p * dt;
    b.energy_mwh_per_year = mwh / years;
    b.capital_per_year = b.power_mw * 1000 * costs.capex_per_kw *
                         capital_recovery_factor(c.discount_rate, costs.lifetime_years);
    b.fixed_om_per_year = b.power_mw * 1000 * costs.fixed_om_per_kw_year;
    b.variable_per_year = cost_per_mwh * b.energy_mwh_per_year;
    b.revenue_per_year = revenue(b.output_mw);
    b.full_load_hours = b.power_mw > 0 ? b.energy_mwh_per_year / b.power_mw : 0;
    b.capacity_factor = b.full_load_hours / kHoursPerYear;
    b.at_bound = !inside(b.power_mw, lo, hi);
    r.built.push_back(std::move(b));
  };
  for (std::size_t i = 0; i < c.generators.size(); ++i) {
    const GeneratorCandidate& g = c.generators[i];
    plant(g.name, "generator", g.costs, candidates.generators()[i], variable_cost(g, c), g.min_mw,
          g.max_mw);
  }
  for (std::size_t k = 0; k < c.renewables.size(); ++k) {
    const RenewableCandidate& rc = c.renewables[k];
    plant(rc.name, "renewable", rc.costs, candidates.renewables()[k], 0, rc.min_mw, rc.max_mw);
  }
  for (BuiltAsset& b : r.built) {
    b.profit_per_year =
        b.revenue_per_year - b.variable_per_year - b.capital_per_year - b.fixed_om_per_year;
    r.cost.capital += b.capital_per_year;
    r.cost.fixed_om += b.fixed_om_per_year;
    r.cost.variable += b.variable_per_year;
  }

  // The new load: served and curtailed.
  r.new_load_served_mw = c.load.mw;
  double cut_mwh = 0;
  for (std::size_t t = 0; t < candidates.curtailed().size(); ++t) {
    const double cut = x[candidates.curtailed()[t]];
    r.new_load_served_mw[t] -= cut;
    cut_mwh += cut * dt;
  }
  double served = 0;
  for (double p : r.new_load_served_mw) served += p * dt;
  r.new_load_mwh_per_year = served / years;
  r.new_load_unserved_mwh_per_year = cut_mwh / years;
  r.cost.unserved += c.load.value_per_mwh.value_or(0) * r.new_load_unserved_mwh_per_year;

  // Today: the same system without the new load and without any build.
  std::vector<double> today_mwh(s.generators.size(), 0);
  if (options.baseline) {
    const dispatch::DispatchResult today = dispatch::run_dispatch(s, {});
    r.today = costs_of(s, today, years);
    r.baseline_s = today.build_s + today.solve_s;
    for (std::size_t i = 0; i < s.generators.size(); ++i) {
      for (double p : today.generation_mw[i]) today_mwh[i] += p * dt;
    }
    if (r.new_load_mwh_per_year > 0) {
      r.cost_per_new_mwh = (r.cost.total() - r.today.total()) / r.new_load_mwh_per_year;
    }
  }
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    ExistingUse e;
    e.name = s.generators[i].name;
    e.capacity_mw = s.generators[i].capacity_mw;
    double mwh = 0;
    for (double p : run.dispatch.generation_mw[i]) mwh += p * dt;
    e.energy_mwh_per_year = mwh / years;
    e.today_mwh_per_year = today_mwh[i] / years;
    if (e.capacity_mw > 0) {
      e.capacity_factor = e.energy_mwh_per_year / (e.capacity_mw * kHoursPerYear);
      e.today_capacity_factor = e.today_mwh_per_year / (e.capacity_mw * kHoursPerYear);
    }
    r.existing.push_back(e);
  }
  return r;
}

}  // namespace ballast::expand
