#include "ballast/dispatch/dispatch.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>

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
    case Family::kExtension:
      return "a constraint of the added assets";
  }
  return "a constraint" + at;
}

[[noreturn]] void explain(const Scenario& s, const Formulation& f, lp::Status status,
                          const LpExtension* extension = nullptr) {
  if (status == lp::Status::kInfeasible) {
    std::vector<std::pair<int, double>> rows = f.model().infeasible_rows();
    std::sort(rows.begin(), rows.end(),
              [](const auto& a, const auto& b) { return a.second > b.second; });
    std::string what =
        "no dispatch satisfies every constraint. The least relaxation that "
        "makes it feasible violates:";
    for (std::size_t k = 0; k < std::min<std::size_t>(rows.size(), 5); ++k) {
      const Tag& tag = f.row_tag(rows[k].first);
      const std::string family = tag.family == Family::kExtension && extension != nullptr
                                     ? extension->describe_row(tag.asset)
                                     : describe(s, tag);
      what += fmt::format("\n  - {} (by {:.4g})", family, rows[k].second);
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

[[noreturn]] void throw_time_limit(const DispatchOptions& o, std::size_t done, std::size_t lps) {
  const std::string limit =
      o.solver.time_limit_s ? fmt::format("time limit (--time-limit-s {})", *o.solver.time_limit_s)
                            : std::string("iteration limit");
  throw InfeasibleError(fmt::format(
      "the LP {} was hit {}before a feasible dispatch was found; raise the limit or leave it out",
      limit, lps > 1 ? fmt::format("after {} of {} LPs, ", done, lps) : ""));
}

}  // namespace

Objective parse_objective(const std::string& text) {
  if (text == "cost") return Objective::kCost;
  if (text == "peak") return Objective::kPeak;
  if (text == "flat") return Objective::kFlat;
  if (text == "max_new_load") return Objective::kMaxNewLoad;
  throw InputError("objective '" + text + "': expected cost, peak, flat or max_new_load");
}

AboveCap parse_above_cap(const std::string& text) {
  if (text == "shave") return AboveCap::kShave;
  if (text == "serve") return AboveCap::kServe;
  throw InputError("above_cap '" + text + "': expected shave or serve");
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

namespace {

void check(const Scenario& s) {
  validate(s);
  for (const StorageUnit& u : s.storage) {
    if (u.initial_soc && (*u.initial_soc < u.params.soc_min || *u.initial_soc > u.params.soc_max)) {
      throw InputError("storage '" + u.name + "': initial_soc must lie in its SOC window");
    }
  }
}

// Totals and the objective's value from the per-period results.
void finish(const Scenario& s, const DispatchOptions& o, double flat_deviation, DispatchResult& r) {
  for (double x : r.stage_s) r.solve_s += x;
  const double dt = s.step_h();
  for (std::size_t t = 0; t < s.periods(); ++t) {
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
}

}  // namespace

DispatchResult run_dispatch(const Scenario& s, const DispatchOptions& o) {
  check(s);
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
  r.stage_s.assign(o.objective == Objective::kCost ? 1 : 2, 0.0);
  const Clock::time_point run_start = Clock::now();
  double flat_deviation = 0;
  std::optional<lp::Solver::Basis> previous;  // the last window's final basis
  std::size_t previous_length = 0;
  const std::size_t windows = rolling ? (n - window + step - 1) / step + 1 : 1;
  // A rolling horizon reports each window committed ("rolling horizon" k of n, with the last
  // period committed); the LPs inside report their own iterations.
  const auto window_done = [&](std::size_t committed) {
    if (!rolling) return;
    notify(o.solver.progress,
           {"rolling horizon", static_cast<double>(r.windows), static_cast<double>(windows),
            committed == 0 ? fmt::format("{} windows of {} periods", windows, window)
                           : "committed through " + when(s, static_cast<int>(committed - 1))});
  };
  window_done(0);
  for (std::size_t begin = 0; begin < n; begin += step) {
    const std::size_t end = std::min(begin + window, n);
    const Window w{begin, end, end == n};
    auto t0 = Clock::now();
    const bool names = !o.write_mps.empty() && begin == 0;
    const Formulation f(s, o, w, state, names);
    r.build_s += seconds_since(t0);
    if (names) f.model().write_mps(o.write_mps);  // output, not building: outside build_s
    r.variables = std::max<std::size_t>(r.variables, f.model().variables());
    r.rows = std::max<std::size_t>(r.rows, f.model().rows());
    lp::SolveOptions so = o.solver;
    if (so.time_limit_s) so.time_limit_s = *so.time_limit_s - seconds_since(run_start);
    if (rolling) so.phase = fmt::format("LP window {}/{}", r.windows + 1, windows);
    if (!rolling && o.objective != Objective::kCost) so.phase = "LP stage 1";
    if (so.time_limit_s && *so.time_limit_s <= 0) {
      throw_time_limit(o, r.windows, windows);
    }
    lp::Solver solver(f.model(), so);
    // A window as long as the last one starts from its basis moved on by the step.
    if (o.warm_start && previous && end - begin == previous_length &&
        previous->variables.size() == static_cast<std::size_t>(f.model().variables()) &&
        previous->rows.size() == static_cast<std::size_t>(f.model().rows())) {
      solver.set_basis(f.shifted_basis(*previous, step));
    }
    lp::Solution sol = solver.solve();
    int stage = 1;
    r.stage_s[0] += solver.stats().seconds;
    r.iterations += solver.stats().iterations;
    if (sol.status == lp::Status::kOptimal && o.objective != Objective::kCost) {
      stage = 2;
      if (!rolling) so.phase = "LP stage 2";
      if (so.time_limit_s) so.time_limit_s = *o.solver.time_limit_s - seconds_since(run_start);
      // Warm: the same solver from the first stage's basis. Cold: a fresh solver (presolve and
      // dual simplex from scratch), as before warm starts.
      std::optional<lp::Solver> cold;
      if (!o.warm_start) cold.emplace(f.model(), so);
      lp::Solver& second = o.warm_start ? solver : *cold;
      const lp::SolveStats before = second.stats();
      const lp::Solution held = sol;
      sol = second.solve_second_stage(held, f.secondary_cost());
      // Stopped before a feasible second-stage point: the first stage's optimum stands.
      if (sol.status == lp::Status::kLimit && !sol.feasible)
        sol = held, sol.status = lp::Status::kLimit;
      r.stage_s[1] += second.stats().seconds - before.seconds;
      r.iterations += second.stats().iterations - before.iterations;
    }
    if (sol.status == lp::Status::kLimit) {
      if (!sol.feasible || rolling) throw_time_limit(o, r.windows, windows);
      r.limit_note = fmt::format(
          "the LP {} was hit in stage {}: the dispatch is the best found so far, {}",
          o.solver.time_limit_s ? fmt::format("time limit ({} s)", *o.solver.time_limit_s)
                                : std::string("iteration limit"),
          stage,
          stage == 1 ? "not proven optimal"
                     : "its first objective optimal, its cost not proven least");
    } else if (sol.status != lp::Status::kOptimal) {
      explain(s, f, sol.status);
    }
    if (o.warm_start && rolling) {
      previous = solver.basis();
      previous_length = end - begin;
    }
    if (o.objective == Objective::kFlat) flat_deviation += sol.objective;
    if (begin == 0) r.start_energy_mwh = f.start_energy(sol.x);
    const double peak = state.peak_so_far_mw;
    extract_prices(s, f, sol, w, w.last ? end - begin : step, r);
    state = f.extract(sol.x, w.last ? end - begin : step, r);
    state.peak_so_far_mw = std::max(peak, state.peak_so_far_mw);
    ++r.windows;
    window_done(w.last ? n : begin + step);
    if (w.last) break;
  }
  finish(s, o, flat_deviation, r);
  return r;
}

ExtendedDispatch run_dispatch_extended(const Scenario& s, const DispatchOptions& o,
                                       LpExtension& extension) {
  check(s);
  if (o.objective != Objective::kCost || o.window_periods > 0) {
    throw InputError("an extended dispatch takes the cost objective over one LP (no --window-s)");
  }
  const std::size_t n = s.periods();
  ExtendedDispatch out;
  DispatchResult& r = out.dispatch;
  allocate(s, r);
  auto t0 = Clock::now();
  const bool names = !o.write_mps.empty();
  const Formulation f(s, o, {0, n, true}, initial_state(s), names, &extension);
  r.build_s = seconds_since(t0);
  if (names) f.model().write_mps(o.write_mps);  // output, not building: outside build_s
  r.variables = f.model().variables();
  r.rows = f.model().rows();
  t0 = Clock::now();
  out.solution = lp::Solver(f.model(), o.solver).solve();
  r.solve_s = seconds_since(t0);
  if (out.solution.status == lp::Status::kLimit) throw_time_limit(o, 0, 1);
  if (out.solution.status != lp::Status::kOptimal) {
    explain(s, f, out.solution.status, &extension);
  }
  r.start_energy_mwh = f.start_energy(out.solution.x);
  f.extract(out.solution.x, n, r);
  finish(s, o, 0, r);
  out.balance_rows = f.balance_rows();
  return out;
}

std::vector<DispatchResult> run_dispatch_sequence(const std::vector<Scenario>& variants,
                                                  const DispatchOptions& o) {
  std::vector<DispatchResult> out;
  const bool one_lp = o.objective == Objective::kCost && o.warm_start && o.write_mps.empty() &&
                      std::all_of(variants.begin(), variants.end(), [&](const Scenario& v) {
                        return o.window_periods == 0 || o.window_periods >= v.periods();
                      });
  if (!one_lp) {
    for (const Scenario& v : variants) out.push_back(run_dispatch(v, o));
    return out;
  }
  std::unique_ptr<Formulation> base;  // the formulation the solver was built from
  std::unique_ptr<lp::Solver> solver;
  const Clock::time_point run_start = Clock::now();
  for (const Scenario& s : variants) {
    check(s);
    const std::size_t n = s.periods();
    DispatchResult r;
    r.objective = o.objective;
    allocate(s, r);
    r.stage_s.assign(1, 0.0);
    auto t0 = Clock::now();
    auto f = std::make_unique<Formulation>(s, o, Window{0, n, true}, initial_state(s), false);
    r.variables = f->model().variables();
    r.rows = f->model().rows();
    lp::SolveOptions so = o.solver;
    if (so.time_limit_s) so.time_limit_s = *so.time_limit_s - seconds_since(run_start);
    if (so.time_limit_s && *so.time_limit_s <= 0) throw_time_limit(o, out.size(), variants.size());
    if (solver && base->model().same_matrix(f->model())) {
      solver->update(f->model());  // the same LP with other bounds and costs: from the basis
    } else {
      solver = std::make_unique<lp::Solver>(f->model(), so);
      base = std::move(f);
      f.reset();
    }
    const Formulation& now = f ? *f : *base;
    r.build_s = seconds_since(t0);
    const lp::SolveStats before = solver->stats();
    const lp::Solution sol = solver->solve();
    r.stage_s[0] = solver->stats().seconds - before.seconds;
    r.iterations = solver->stats().iterations - before.iterations;
    if (sol.status == lp::Status::kLimit) throw_time_limit(o, out.size(), variants.size());
    if (sol.status != lp::Status::kOptimal) explain(s, now, sol.status);
    r.start_energy_mwh = now.start_energy(sol.x);
    extract_prices(s, now, sol, Window{0, n, true}, n, r);
    now.extract(sol.x, n, r);
    finish(s, o, 0, r);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace ballast::dispatch
