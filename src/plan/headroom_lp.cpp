#include "ballast/plan/headroom_lp.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::plan {

using lp::Sense;
using lp::Term;

lp::Model build_headroom_lp(const Grid& grid, const StorageOption& storage,
                            std::optional<double> new_load_mw, double limit) {
  const StorageParams& p = storage.params;
  p.validate();
  const double dt = grid.step_h();
  const double retention = std::pow(1.0 - p.standing_loss_per_h, dt);
  const double usable = p.max_energy_mwh() - p.min_energy_mwh();
  const auto cap = [](double v) { return std::isinf(v) ? lp::kInf : v; };

  lp::Model m;
  const bool fixed = new_load_mw.has_value();
  m.set_sense(fixed ? Sense::kMinimize : Sense::kMaximize);
  const int d = fixed ? m.add_variable(*new_load_mw, *new_load_mw, 0, "D")
                      : m.add_variable(0, lp::kInf, 1, "D");
  // The start state: a constant for full or empty, a variable for cyclic.
  int start = -1;
  double start_mwh = storage.start == SocStart::kFull ? usable : 0;
  if (storage.start == SocStart::kCyclic) start = m.add_variable(0, usable, 0, "e_start");

  std::vector<Term> weighted;  // sum(w * u) for the limit row
  int prev = start;
  for (std::size_t t = 0; t < grid.size(); ++t) {
    const int c = m.add_variable(0, cap(p.charge_power_mw), 0, fmt::format("c{}", t));
    const int dis = m.add_variable(0, cap(p.discharge_power_mw), 0, fmt::format("d{}", t));
    const int u = m.add_variable(0, lp::kInf, fixed ? grid.weight[t] : 0, fmt::format("u{}", t));
    const int e = m.add_variable(0, usable, 0, fmt::format("e{}", t));
    const double slack = grid.capacity_mw[t] - grid.load.values[t];
    m.add_row(-lp::kInf, slack, {{d, 1}, {u, -1}, {c, 1}, {dis, -1}}, fmt::format("cap{}", t));
    m.add_row(-lp::kInf, 0, {{u, 1}, {d, -1}}, fmt::format("ulim{}", t));
    std::vector<Term> balance = {
        {e, 1}, {c, -p.charge_efficiency * dt}, {dis, dt / p.discharge_efficiency}};
    double rhs = 0;
    if (prev >= 0) {
      balance.push_back({prev, -retention});
    } else {
      rhs = retention * start_mwh;
    }
    m.add_row(rhs, rhs, balance, fmt::format("soc{}", t));
    weighted.push_back({u, grid.weight[t]});
    prev = e;
  }
  if (storage.start == SocStart::kCyclic)
    m.add_row(0, lp::kInf, {{prev, 1}, {start, -1}}, "cyclic");
  if (!fixed) {
    weighted.push_back({d, -limit});
    m.add_row(-lp::kInf, 0, weighted, "limit");
  }
  return m;
}

namespace {

lp::Solution solve_or_throw(const lp::Model& m) {
  lp::Solution s = m.solve();
  if (s.status != lp::Status::kOptimal) {
    throw InternalError("CLP did not find an optimal solution to the storage-headroom LP");
  }
  return s;
}

}  // namespace

double lp_headroom(const Grid& grid, double limit, const StorageOption& storage) {
  return solve_or_throw(build_headroom_lp(grid, storage, std::nullopt, limit)).objective;
}

double lp_curtailment_rate(const Grid& grid, double new_load_mw, const StorageOption& storage) {
  if (new_load_mw <= 0) return 0;
  return solve_or_throw(build_headroom_lp(grid, storage, new_load_mw, 0)).objective / new_load_mw;
}

}  // namespace ballast::plan
