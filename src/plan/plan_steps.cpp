#include "ballast/plan/plan_steps.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/number_format.h"
#include "ballast/core/timestamp.h"
#include "ballast/plan/simulate.h"

namespace ballast::plan {
namespace {

// The time axis, today's load and the limit `capacity_mw` of `grid`.
PlanSteps frame(const Grid& grid, const std::vector<double>& capacity_mw) {
  PlanSteps s;
  const std::size_t n = grid.size();
  s.time_s.resize(n);
  s.offset_min.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    s.time_s[t] = grid.load.time_s(t);
    s.offset_min[t] = grid.calendar.offset_min(s.time_s[t]);
  }
  s.load_mw = grid.load.values.to_vector();
  s.limit_mw = capacity_mw;
  return s;
}

// The greedy run of `new_load_mw` beside the grid's load with `unit` (none: no storage).
StepCase run_case(const Grid& grid, double new_load_mw, const std::optional<StorageOption>& unit,
                  std::string suffix) {
  const StorageOption none{StorageParams::with_round_trip(0, 0, 1), SocStart::kFull};
  const StorageOption& u = unit ? *unit : none;
  SimulationResult sim = simulate(grid, new_load_mw, u.params, u.start, /*keep_traces=*/true);
  StepCase c;
  c.suffix = std::move(suffix);
  c.new_load_mw = new_load_mw;
  c.storage = unit.has_value();
  c.new_load_served_mw.resize(grid.size());
  for (std::size_t t = 0; t < grid.size(); ++t) {
    c.new_load_served_mw[t] = std::max(0.0, new_load_mw - sim.curtailed_mw[t]);
  }
  c.curtailed_mw = std::move(sim.curtailed_mw);
  c.storage_mw = std::move(sim.storage_mw);
  c.energy_mwh = std::move(sim.energy_mwh);
  return c;
}

std::string short_number(double x) { return fmt::format("{:.10g}", x); }

}  // namespace

PlanSteps plan_steps(const HeadroomResult& r) {
  const Grid& g = r.grid.grid;
  PlanSteps s = frame(g, g.capacity_mw);
  for (const HeadroomRow& row : r.rows) {
    s.cases.push_back(
        run_case(g, row.headroom_mw, r.storage,
                 r.rows.size() == 1 ? "" : "_" + short_number(row.limit * 100) + "pct"));
  }
  return s;
}

PlanSteps plan_steps(const SizeResult& r) {
  if (r.sweep) {
    throw InputError("--out writes the steps of one size: leave out --hours (a sweep)");
  }
  StorageOption unit{r.unit, r.start};
  unit.params.energy_mwh = r.sized.energy_mwh;
  if (!std::isfinite(unit.params.discharge_power_mw)) {
    unit.params.discharge_power_mw = unit.params.charge_power_mw = r.sized.power_mw;
  }
  // Against a cap the storage shaves today's load under it: run on the grid with that limit.
  Grid g = r.grid.grid;
  g.capacity_mw = r.capacity_mw;
  PlanSteps s = frame(g, g.capacity_mw);
  s.cases.push_back(run_case(g, r.new_load_mw, unit, ""));
  return s;
}

PlanSteps plan_steps(const SteadyResult& r) {
  const Grid& g = r.grid.grid;
  PlanSteps s = frame(g, g.capacity_mw);
  for (const SteadyPoint& p : r.curve.points) {
    std::optional<StorageOption> unit;
    if (p.storage_mwh > 0) {
      unit = StorageOption{r.unit, r.start};
      unit->params.energy_mwh = p.storage_mwh;
    }
    s.cases.push_back(
        run_case(g, p.headroom_mw, unit,
                 r.curve.points.size() == 1 ? "" : "_" + short_number(p.storage_hours) + "h"));
  }
  return s;
}

std::vector<std::string> step_columns(const PlanSteps& s) {
  std::vector<std::string> names = {"time", "load_mw", "limit_mw"};
  for (const StepCase& c : s.cases) {
    names.push_back("new_load_served_mw" + c.suffix);
    names.push_back("curtailed_mw" + c.suffix);
    if (c.storage) {
      names.push_back("storage_mw" + c.suffix);
      names.push_back("energy_mwh" + c.suffix);
    }
  }
  return names;
}

std::string steps_csv(const PlanSteps& s) {
  std::string out;
  const std::vector<std::string> names = step_columns(s);
  for (std::size_t k = 0; k < names.size(); ++k) {
    out += names[k];
    out += k + 1 < names.size() ? ',' : '\n';
  }
  for (std::size_t t = 0; t < s.time_s.size(); ++t) {
    out += format_timestamp(s.time_s[t], s.offset_min[t]);
    const auto add = [&](double x) {
      out += ',';
      append_number(out, x);
    };
    add(s.load_mw[t]);
    add(s.limit_mw[t]);
    for (const StepCase& c : s.cases) {
      add(c.new_load_served_mw[t]);
      add(c.curtailed_mw[t]);
      if (c.storage) {
        add(c.storage_mw[t]);
        add(c.energy_mwh[t]);
      }
    }
    out += '\n';
  }
  return out;
}

void write_steps_csv(const PlanSteps& s, const std::string& path) {
  write_file_atomically(path, steps_csv(s));
}

}  // namespace ballast::plan
