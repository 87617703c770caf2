#include "ballast/dispatch/dispatch.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"
#include "formulation.h"

namespace ballast::dispatch {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string when(const Scenario& s, int period) {
  return format_timestamp(s.demand.time_s(static_cast<std::size_t>(period)),
                          s.calendar.utc_offset_min());
}

// A constraint family and period in words.
std::string describe(const Scenario& s, const Tag& tag) {
  const auto gen = [&] { return s.generators[tag.asset].name; };
  const auto store = [&] { return s.storage[tag.asset].name; };
  const std::string at = tag.period >= 0 ? " at " + when(s, tag.period) : "";
  switch (tag.family) {
    case Family::kBalance:
      return "the energy balance (supply = demand)" + at;
    case Family::kRampUp:
      return "the ramp-up limit of generator '" + gen() + "'" + at;
    case Family::kRampDown:
      return "the ramp-down limit of generator '" + gen() + "'" + at;
    case Family::kStorageEnergy:
      return "the energy balance of storage '" + store() + "'" + at;
    case Family::kStorageEnd:
      return "the end state of charge of storage '" + store() +
             "' (final_soc_min, or ending "
             "with at least its starting energy)" +
             at;
    case Family::kAllowance:
      return tag.asset >= 0
                 ? "the curtailment allowance of new load '" + s.new_loads[tag.asset].name + "'"
                 : "the curtailment allowance of the added new load";
    case Family::kReserve:
      return "the reserve margin" + at;
    case Family::kThermalCap:
      return "the thermal fleet cap (thermal_cap_mw)" + at;
    case Family::kPeak:
      return "the thermal peak" + at;
    case Family::kFlat:
      return "the thermal output level" + at;
    case Family::kAddedLoad:
      return "the added new load" + at;
    case Family::kBound:
      return "a variable's bounds" + at;
  }
  return "a constraint" + at;
}

[[noreturn]] void explain(const Scenario& s, const Formulation& f, lp::Status status) {
  if (status == lp::Status::kInfeasible) {
    std::vector<std::pair<int, double>> rows = f.model().infeasible_rows();
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string what =
        "no dispatch satisfies every constraint. The least relaxation that "
        "makes it feasible violates:";
    for (std::size_t k = 0; k < std::min<std::size_t>(rows.size(), 5); ++k) {
      what += fmt::format("\n  - {} (by {:.4g})", describe(s, f.row_tag(rows[k].first)),
                          rows[k].second);
    }
    if (rows.size() > 5) what += fmt::format("\n  ... and {} more", rows.size() - 5);
    throw InfeasibleError(what);
  }
  if (status == lp::Status::kUnbounded) {
    std::string what =
        "the objective is unbounded (a cost below zero with no limit?); it "
        "improves without limit along:";
    const std::vector<int> vars = f.model().unbounded_variables();
    for (std::size_t k = 0; k < std::min<std::size_t>(vars.size(), 5); ++k) {
      const Tag& tag = f.variable_tag(vars[k]);
      what += "\n  - " + f.model().variable_name(vars[k]) +
              (tag.period >= 0 ? " at " + when(s, tag.period) : "");
    }
    throw InfeasibleError(what);
  }
  throw InternalError("CLP failed to solve the dispatch LP");
}

void allocate(const Scenario& s, DispatchResult& r) {
  const std::size_t n = s.periods();
  r.generation_mw.assign(s.generators.size(), std::vector<double>(n));
  r.renewable_mw.assign(s.renewables.size(), std::vector<double>(n));
  r.charge_mw.assign(s.storage.size(), std::vector<double>(n));
  r.discharge_mw.assign(s.storage.size(), std::vector<double>(n));
  r.energy_mwh.assign(s.storage.size(), std::vector<double>(n));
  r.dumped_mwh.assign(s.storage.size(), std::vector<double>(n));
  r.new_load_served_mw.assign(s.new_loads.size(), std::vector<double>(n));
  r.added_load_served_mw.assign(n, 0);
  r.unserved_mw.assign(n, 0);
  r.spill_mw.assign(n, 0);
  r.thermal_mw.assign(n, 0);
  r.marginal_price_per_mwh.assign(n, 0);
}

// The duals of the balance rows of periods [w.begin, w.begin + count), per MWh: a balance row
// is in MW and its costs are per MW and period, so the dual is per MW for step_h hours.
void extract_prices(const Scenario& s, const Formulation& f, const lp::Solution& sol,
                    const Window& w, std::size_t count, DispatchResult& r) {
  const double dt = s.step_h();
  for (int row = 0; row < f.model().rows() && row < int(sol.row_duals.size()); ++row) {
    const Tag& tag = f.row_tag(row);
    if (tag.family != Family::kBalance) continue;
    const auto t = static_cast<std::size_t>(tag.period);
    if (t >= w.begin && t < w.begin + count) r.marginal_price_per_mwh[t] = sol.row_duals[row] / dt;
  }
}

CarriedState initial_state(const Scenario& s) {
  CarriedState st;
  for (const StorageUnit& u : s.storage) {
    const StorageParams& p = u.params;
    // A cyclic unit in a rolling horizon starts (and ends) at the middle of its window.
    const double e = u.initial_soc ? *u.initial_soc * p.energy_mwh
                                   : 0.5 * (p.min_energy_mwh() + p.max_energy_mwh());
    st.energy_mwh.push_back(e);
    st.run_start_energy_mwh.push_back(e);
  }
  st.output_mw.assign(s.generators.size(), std::nullopt);
  return st;
}

}  // namespace

Objective parse_objective(const std::string& text) {
  if (text == "cost") return Objective::kCost;
  if (text == "peak") return Objective::kPeak;
  if (text == "flat") return Objective::kFlat;
  if (text == "max_new_load") return Objective::kMaxNewLoad;
  throw InputError("objective '" + text + "': expected cost, peak, flat or max_new_load");
}

std::string to_string(Objective objective) {
  switch (objective) {
    case Objective::kCost:
      return "cost";
    case Objective::kPeak:
      return "peak";
    case Objective::kFlat:
      return "flat";
    case Objective::kMaxNewLoad:
      return "max_new_load";
  }
  return "cost";
}

DispatchResult run_dispatch(const Scenario& s, const DispatchOptions& o) {
  validate(s);
  for (const StorageUnit& u : s.storage) {
    if (u.initial_soc && (*u.initial_soc < u.params.soc_min || *u.initial_soc > u.params.soc_max)) {
      throw InputError("storage '" + u.name + "': initial_soc must lie in its SOC window");
    }
  }
  const std::size_t n = s.periods();
  const bool rolling = o.window_periods > 0 && o.window_periods < n;
  if (rolling && o.objective == Objective::kMaxNewLoad) {
    throw InputError("max_new_load needs the whole horizon in one LP; drop --window-s");
  }
  const std::size_t window = rolling ? o.window_periods : n;
  const std::size_t step = rolling ? (o.step_periods > 0 ? o.step_periods : window) : n;
  if (step > window) throw InputError("the rolling step must not exceed the window");

  DispatchResult r;
  r.objective = o.objective;
  allocate(s, r);
  CarriedState state = initial_state(s);
  r.windows = 0;
  double flat_deviation = 0;
  for (std::size_t begin = 0; begin < n; begin += step) {
    const std::size_t end = std::min(begin + window, n);
    const Window w{begin, end, end == n};
    auto t0 = Clock::now();
    const bool names = !o.write_mps.empty() && begin == 0;
    const Formulation f(s, o, w, state, names);
    if (names) f.model().write_mps(o.write_mps);
    r.build_s += seconds_since(t0);
    r.variables = std::max<std::size_t>(r.variables, f.model().variables());
    r.rows = std::max<std::size_t>(r.rows, f.model().rows());
    t0 = Clock::now();
    const lp::Solution sol = o.objective == Objective::kCost
                                 ? f.model().solve()
                                 : f.model().solve_lexicographic(f.secondary_cost());
    r.solve_s += seconds_since(t0);
    if (sol.status != lp::Status::kOptimal) explain(s, f, sol.status);
    if (o.objective == Objective::kFlat) flat_deviation += sol.objective;
    if (begin == 0) r.start_energy_mwh = f.start_energy(sol.x);
    const double peak = state.peak_so_far_mw;
    extract_prices(s, f, sol, w, w.last ? end - begin : step, r);
    state = f.extract(sol.x, w.last ? end - begin : step, r);
    state.peak_so_far_mw = std::max(peak, state.peak_so_far_mw);
    ++r.windows;
    if (w.last) break;
  }
  const double dt = s.step_h();
  for (std::size_t t = 0; t < n; ++t) {
    for (std::size_t i = 0; i < s.generators.size(); ++i) {
      r.cost += s.generators[i].cost_at(t) * r.generation_mw[i][t] * dt;
    }
    r.cost += s.value_of_lost_load_per_mwh * r.unserved_mw[t] * dt;
    for (std::size_t j = 0; j < s.storage.size(); ++j) {
      r.wear_cost += s.storage[j].wear_cost_per_mwh * r.discharge_mw[j][t] * dt;
    }
  }
  switch (o.objective) {
    case Objective::kCost:
      r.objective_value = r.cost + r.wear_cost;
      break;
    case Objective::kPeak:
      r.objective_value = *std::max_element(r.thermal_mw.begin(), r.thermal_mw.end());
      break;
    case Objective::kFlat:
      r.objective_value = flat_deviation;
      break;
    case Objective::kMaxNewLoad:
      r.objective_value = r.new_load_mw.value_or(0);
      break;
  }
  return r;
}

}  // namespace ballast::dispatch
