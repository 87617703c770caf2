#include "formulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ballast::dispatch {
namespace {

// Storage throughput penalty per MWh moved: it makes charging and discharging in the same
// period never optimal (the difference can always be spilled for free), while being far below
// any real cost difference.
constexpr double kThroughputPenalty = 1e-4;

}  // namespace

std::string Formulation::mps_name(std::string name) const {
  if (!names_) return {};
  std::replace(name.begin(), name.end(), ' ', '_');  // MPS names have no spaces
  return name;
}

Formulation::Formulation(const Scenario& s, const DispatchOptions& o, const Window& w,
                         const CarriedState& state, bool with_names, LpExtension* extension)
    : s_(s),
      o_(o),
      w_(w),
      names_(with_names),
      dt_h_(s.step_h()),
      run_start_(state.run_start_energy_mwh) {
  model_.set_sense(o.objective == Objective::kMaxNewLoad ? lp::Sense::kMaximize
                                                         : lp::Sense::kMinimize);
  add_generators(state);
  add_storage(state);
  if (extension != nullptr) {
    extension_terms_ = extension->add_to(model_, with_names);
    extension_terms_.resize(w.end - w.begin);
    secondary_.resize(model_.variables(), 0);  // only the cost objective takes extensions
    var_tags_.resize(model_.variables());
    for (int r = static_cast<int>(row_tags_.size()); r < model_.rows(); ++r) {
      row_tags_.push_back({Family::kExtension, r, -1});
    }
  }
  add_balance();
  add_fleet_rows(state);
}

int Formulation::variable(double lb, double ub, double cost, Tag tag, const std::string& name) {
  const bool secondary_only = o_.objective != Objective::kCost;
  const int v = model_.add_variable(lb, ub, secondary_only ? 0 : cost, mps_name(name));
  secondary_.push_back(cost);
  var_tags_.push_back(tag);
  return v;
}

int Formulation::row(double lb, double ub, const std::vector<lp::Term>& terms, Tag tag,
                     const std::string& name) {
  row_tags_.push_back(tag);
  return model_.add_row(lb, ub, terms, mps_name(name));
}

void Formulation::add_generators(const CarriedState& state) {
  for (std::size_t i = 0; i < s_.generators.size(); ++i) {
    const Generator& gen = s_.generators[i];
    const int a = static_cast<int>(i);
    const double up = gen.ramp_up_mw_per_min ? *gen.ramp_up_mw_per_min * 60 * dt_h_ : lp::kInf;
    const double down =
        gen.ramp_down_mw_per_min ? *gen.ramp_down_mw_per_min * 60 * dt_h_ : lp::kInf;
    std::vector<int>& g = g_.emplace_back();
    for (std::size_t t = w_.begin; t < w_.end; ++t) {
      const double avail = gen.available_mw(t);
      double lb = gen.must_run ? std::min(gen.min_stable_mw, avail) : 0;
      double ub = avail;
      if (t == w_.begin && state.output_mw[i]) {  // ramp from the previous window's output
        ub = std::min(ub, *state.output_mw[i] + up);
        lb = std::min(ub, std::max(lb, *state.output_mw[i] - down));
      }
      const int v = variable(lb, ub, gen.cost_at(t) * dt_h_, {Family::kBound, a, int(t)},
                             fmt::format("gen[{}][{}]", gen.name, t));
      if (!g.empty()) {
        if (up < gen.capacity_mw) {
          row(-lp::kInf, up, {{v, 1}, {g.back(), -1}}, {Family::kRampUp, a, int(t)},
              fmt::format("ramp_up[{}][{}]", gen.name, t));
        }
        if (down < gen.capacity_mw) {
          row(-down, lp::kInf, {{v, 1}, {g.back(), -1}}, {Family::kRampDown, a, int(t)},
              fmt::format("ramp_down[{}][{}]", gen.name, t));
        }
      }
      g.push_back(v);
    }
  }
  for (std::size_t k = 0; k < s_.renewables.size(); ++k) {
    const Renewable& ren = s_.renewables[k];
    std::vector<int>& r = r_.emplace_back();
    for (std::size_t t = w_.begin; t < w_.end; ++t) {
      const double avail = ren.available_mw[t];
      r.push_back(variable(ren.curtailable ? 0 : avail, avail, 0, {Family::kBound, int(k), int(t)},
                           fmt::format("renewable[{}][{}]", ren.name, t)));
    }
  }
}

void Formulation::add_storage(const CarriedState& state) {
  for (std::size_t j = 0; j < s_.storage.size(); ++j) {
    const StorageUnit& unit = s_.storage[j];
    const StorageParams& p = unit.params;
    const int a = static_cast<int>(j);
    const double retention = std::pow(1.0 - p.standing_loss_per_h, dt_h_);
    const double e_min = p.min_energy_mwh();
    const double e_max = p.max_energy_mwh();
    std::vector<int>& net = net_.emplace_back();
    std::vector<int>& drawn = drawn_.emplace_back();
    std::vector<int>& e = e_.emplace_back();
    // A cyclic unit solved in one LP chooses its start energy; otherwise it is given.
    const bool free_start = !unit.initial_soc && w_.begin == 0 && w_.last;
    const int start = free_start ? variable(e_min, e_max, 0, {Family::kBound, a, 0},
                                            fmt::format("start_energy[{}]", unit.name))
                                 : -1;
    start_.push_back(start);
    given_start_.push_back(state.energy_mwh[j]);
    for (std::size_t t = w_.begin; t < w_.end; ++t) {
      const Tag tag{Family::kBound, a, int(t)};
      // One net power per period (> 0 discharge, < 0 charge), so a reported solution can
      // never charge and discharge at once. `drawn` is the energy taken from the store:
      // at least p / eta_d when discharging and p * eta_c (negative) when charging; both
      // bounds are convex, so the LP stays linear. Energy drawn beyond them is reported as
      // dumped (it is never cheaper unless the system must get rid of energy).
      net.push_back(variable(-p.charge_power_mw, p.discharge_power_mw, 0, tag,
                             fmt::format("net_power[{}][{}]", unit.name, t)));
      drawn.push_back(variable(-lp::kInf, lp::kInf, kThroughputPenalty * dt_h_, tag,
                               fmt::format("drawn[{}][{}]", unit.name, t)));
      row(0, lp::kInf, {{drawn.back(), 1}, {net.back(), -1 / p.discharge_efficiency}},
          {Family::kStorageEnergy, a, int(t)},
          fmt::format("drawn_discharging[{}][{}]", unit.name, t));
      row(0, lp::kInf, {{drawn.back(), 1}, {net.back(), -p.charge_efficiency}},
          {Family::kStorageEnergy, a, int(t)}, fmt::format("drawn_charging[{}][{}]", unit.name, t));
      if (unit.wear_cost_per_mwh > 0) {
        // Priced wear: out >= max(0, net power) carries the per-MWh cost of discharging.
        const int out = variable(0, p.discharge_power_mw, unit.wear_cost_per_mwh * dt_h_, tag,
                                 fmt::format("discharge_wear[{}][{}]", unit.name, t));
        row(0, lp::kInf, {{out, 1}, {net.back(), -1}}, {Family::kStorageEnergy, a, int(t)},
            fmt::format("wear[{}][{}]", unit.name, t));
      }
      e.push_back(variable(e_min, e_max, 0, tag, fmt::format("energy[{}][{}]", unit.name, t)));
      // Standing loss acts on the energy above the floor, as in StorageModel::step.
      std::vector<lp::Term> terms = {{e.back(), 1}, {drawn.back(), dt_h_}};
      double rhs = (1 - retention) * e_min;
      if (e.size() > 1) {
        terms.push_back({e[e.size() - 2], -retention});
      } else if (start >= 0) {
        terms.push_back({start, -retention});
      } else {
        rhs += retention * state.energy_mwh[j];
      }
      row(rhs, rhs, terms, {Family::kStorageEnergy, a, int(t)},
          fmt::format("energy_balance[{}][{}]", unit.name, t));
    }
    if (!unit.cycle_cost_per_mwh.empty()) {
      // Piecewise-linear cycle-depth cost (Xu, Zhao, Shi, Kirschen 2018): the usable energy is
      // split into equal segments, each drawn at its own marginal cost. With costs rising in
      // depth the LP cycles the cheap shallow segments first, so a cycle of depth x costs the
      // piecewise-linear integral of the costs up to x. The segments follow the same balance
      // as the total (standing loss on the energy above the floor), so they sum to it.
      const std::size_t n_seg = unit.cycle_cost_per_mwh.size();
      const double seg_mwh = (e_max - e_min) / static_cast<double>(n_seg);
      const Tag first{Family::kStorageEnergy, a, int(w_.begin)};
      std::vector<int> prev(n_seg);
      std::vector<lp::Term> sum;
      for (std::size_t k = 0; k < n_seg; ++k) {
        prev[k] = variable(0, seg_mwh, 0, {Family::kBound, a, int(w_.begin)},
                           fmt::format("segment_start[{}][{}]", unit.name, k));
        sum.push_back({prev[k], 1});
      }
      double rhs = 0;
      if (start >= 0) {
        sum.push_back({start, -1});
        rhs = -e_min;
      } else {
        rhs = state.energy_mwh[j] - e_min;
      }
      row(rhs, rhs, sum, first, fmt::format("segment_start_sum[{}]", unit.name));
      for (std::size_t i = 0; i < drawn.size(); ++i) {
        const int t = int(w_.begin + i);
        const Tag tag{Family::kStorageEnergy, a, t};
        std::vector<lp::Term> split = {{drawn[i], -1}};
        for (std::size_t k = 0; k < n_seg; ++k) {
          const int ds = variable(-lp::kInf, lp::kInf, 0, {Family::kBound, a, t},
                                  fmt::format("segment_drawn[{}][{}][{}]", unit.name, k, t));
          const int es = variable(0, seg_mwh, 0, {Family::kBound, a, t},
                                  fmt::format("segment_energy[{}][{}][{}]", unit.name, k, t));
          row(0, 0, {{es, 1}, {prev[k], -retention}, {ds, dt_h_}}, tag,
              fmt::format("segment_balance[{}][{}][{}]", unit.name, k, t));
          const int out =
              variable(0, lp::kInf, unit.cycle_cost_per_mwh[k] * dt_h_, {Family::kBound, a, t},
                       fmt::format("segment_out[{}][{}][{}]", unit.name, k, t));
          row(0, lp::kInf, {{out, 1}, {ds, -1}}, tag,
              fmt::format("segment_cost[{}][{}][{}]", unit.name, k, t));
          split.push_back({ds, 1});
          prev[k] = es;
        }
        row(0, 0, split, tag, fmt::format("segment_split[{}][{}]", unit.name, t));
      }
    }
    // End conditions. The run's last period: at least the final SOC, and for a cyclic unit at
    // least the start energy. Earlier windows of a rolling horizon keep the run's start energy.
    const Tag end_tag{Family::kStorageEnd, a, int(w_.end) - 1};
    const std::string end_name = fmt::format("end_energy[{}]", unit.name);
    if (start >= 0) {
      row(0, lp::kInf, {{e.back(), 1}, {start, -1}}, end_tag, end_name + "_cyclic");
    }
    double end_min = w_.last ? e_min : state.run_start_energy_mwh[j];
    if (w_.last && unit.final_soc_min)
      end_min = std::max(end_min, *unit.final_soc_min * p.energy_mwh);
    if (w_.last && !unit.initial_soc && start < 0) {
      end_min = std::max(end_min, state.run_start_energy_mwh[j]);
    }
    if (end_min > e_min) row(end_min, lp::kInf, {{e.back(), 1}}, end_tag, end_name);
  }
}

void Formulation::add_balance() {
  // Supply - (demand + new loads served) = 0 each period; unserved energy costs the value of
  // lost load; spill absorbs surplus must-run or must-take supply at no cost.
  const bool max_load = o_.objective == Objective::kMaxNewLoad;
  if (max_load) {
    added_ = variable(0, lp::kInf, 0, {Family::kAddedLoad, -1, -1}, "added_load");
    model_.set_sense(lp::Sense::kMaximize);
  }
  for (std::size_t k = 0; k < s_.new_loads.size(); ++k) {
    u_.emplace_back();
  }
  std::vector<lp::Term> allowance_added;
  std::vector<std::vector<lp::Term>> allowance(s_.new_loads.size());
  std::vector<double> new_load_energy(s_.new_loads.size(), 0);
  for (std::size_t t = w_.begin; t < w_.end; ++t) {
    const int tt = int(t);
    std::vector<lp::Term> terms;
    double demand = s_.demand.values[t];
    for (const auto& g : g_) terms.push_back({g[t - w_.begin], 1});
    for (const auto& r : r_) terms.push_back({r[t - w_.begin], 1});
    for (const auto& net : net_) terms.push_back({net[t - w_.begin], 1});
    // Only the cost objective may leave demand unserved (at the value of lost load); the
    // others serve it in full or say why they cannot.
    const bool firm = o_.objective != Objective::kCost;
    const int unserved = variable(0, firm ? 0 : demand, s_.value_of_lost_load_per_mwh * dt_h_,
                                  {Family::kBound, -1, tt}, fmt::format("unserved[{}]", t));
    // Spill absorbs only supply that cannot be turned down: must-run minimum output and
    // must-take renewables. Dispatchable output beyond demand is not allowed.
    double unavoidable = 0;
    for (std::size_t i = 0; i < s_.generators.size(); ++i) {
      const Generator& gen = s_.generators[i];
      if (gen.must_run) unavoidable += std::min(gen.min_stable_mw, gen.available_mw(t));
    }
    for (const Renewable& ren : s_.renewables) {
      if (!ren.curtailable) unavoidable += ren.available_mw[t];
    }
    const int spill =
        variable(0, unavoidable, 0, {Family::kBound, -1, tt}, fmt::format("spill[{}]", t));
    unserved_.push_back(unserved);
    spill_.push_back(spill);
    terms.push_back({unserved, 1});
    terms.push_back({spill, -1});
    if (!extension_terms_.empty()) {
      const auto& extra = extension_terms_[t - w_.begin];
      terms.insert(terms.end(), extra.begin(), extra.end());
    }
    for (std::size_t k = 0; k < s_.new_loads.size(); ++k) {
      const NewLoad& l = s_.new_loads[k];
      demand += l.mw[t];
      const int u = variable(0, l.mw[t], 0, {Family::kBound, int(k), tt},
                             fmt::format("new_load_curtailed[{}][{}]", l.name, t));
      u_[k].push_back(u);
      terms.push_back({u, 1});
      allowance[k].push_back({u, 1});
      new_load_energy[k] += l.mw[t];
    }
    if (max_load) {
      const int u = variable(0, lp::kInf, 0, {Family::kBound, -1, tt},
                             fmt::format("added_load_curtailed[{}]", t));
      added_curtailed_.push_back(u);
      terms.push_back({added_, -1});
      terms.push_back({u, 1});
      row(-lp::kInf, 0, {{u, 1}, {added_, -1}}, {Family::kAddedLoad, -1, tt},
          fmt::format("added_load_curtailed_at_most_load[{}]", t));
      allowance_added.push_back({u, 1});
    }
    balance_rows_.push_back(
        row(demand, demand, terms, {Family::kBalance, -1, tt}, fmt::format("balance[{}]", t)));
  }
  for (std::size_t k = 0; k < s_.new_loads.size(); ++k) {
    const double cap = s_.new_loads[k].curtailment_allowance * new_load_energy[k];
    row(-lp::kInf, cap, allowance[k], {Family::kAllowance, int(k), -1},
        fmt::format("allowance[{}]", s_.new_loads[k].name));
  }
  if (max_load) {
    allowance_added.push_back(
        {added_, -o_.new_load_allowance * static_cast<double>(w_.end - w_.begin)});
    row(-lp::kInf, 0, allowance_added, {Family::kAllowance, -1, -1}, "allowance[added_load]");
  }
}

void Formulation::add_fleet_rows(const CarriedState& state) {
  std::vector<std::size_t> thermal;
  for (std::size_t i = 0; i < s_.generators.size(); ++i) {
    if (s_.generators[i].thermal) thermal.push_back(i);
  }
  int peak = -1;
  int level = -1;
  if (o_.objective == Objective::kPeak) {
    peak = variable(state.peak_so_far_mw, lp::kInf, 0, {Family::kPeak, -1, -1}, "thermal_peak");
    model_.set_sense(lp::Sense::kMinimize);
  }
  if (o_.objective == Objective::kFlat) {
    level = variable(0, lp::kInf, 0, {Family::kFlat, -1, -1}, "thermal_level");
  }
  for (std::size_t t = w_.begin; t < w_.end; ++t) {
    const int tt = int(t);
    std::vector<lp::Term> fleet;
    for (std::size_t i : thermal) fleet.push_back({g_[i][t - w_.begin], 1});
    if (s_.thermal_cap_mw) {
      double cap = *s_.thermal_cap_mw;
      if (o_.above_cap == AboveCap::kServe) {
        // Today's load is served above the cap: the cap rises to what it needs from the
        // thermal fleet (demand less every renewable and non-thermal generator available).
        double need = s_.demand.values[t];
        for (const Renewable& ren : s_.renewables) need -= ren.available_mw[t];
        for (const Generator& gen : s_.generators) {
          if (!gen.thermal) need -= gen.available_mw(t);
        }
        cap = std::max(cap, need);
      }
      row(-lp::kInf, cap, fleet, {Family::kThermalCap, -1, tt}, fmt::format("thermal_cap[{}]", t));
    }
    if (peak >= 0) {
      std::vector<lp::Term> terms = fleet;
      terms.push_back({peak, -1});
      row(-lp::kInf, 0, terms, {Family::kPeak, -1, tt}, fmt::format("peak[{}]", t));
    }
    if (level >= 0) {
      // fleet - level = above - below; minimise (above + below) dt.
      const int above =
          variable(0, lp::kInf, 0, {Family::kFlat, -1, tt}, fmt::format("above_level[{}]", t));
      const int below =
          variable(0, lp::kInf, 0, {Family::kFlat, -1, tt}, fmt::format("below_level[{}]", t));
      model_.set_objective_coefficient(above, dt_h_);
      model_.set_objective_coefficient(below, dt_h_);
      std::vector<lp::Term> terms = fleet;
      terms.push_back({level, -1});
      terms.push_back({above, -1});
      terms.push_back({below, 1});
      row(0, 0, terms, {Family::kFlat, -1, tt}, fmt::format("flat[{}]", t));
    }
    if (s_.reserve_margin) {
      // Spare generator capacity >= margin x demand: sum(g) <= sum(available) - margin x L.
      std::vector<lp::Term> all;
      double available = 0;
      for (std::size_t i = 0; i < s_.generators.size(); ++i) {
        all.push_back({g_[i][t - w_.begin], 1});
        available += s_.generators[i].available_mw(t);
      }
      row(-lp::kInf, available - *s_.reserve_margin * s_.demand.values[t], all,
          {Family::kReserve, -1, tt}, fmt::format("reserve[{}]", t));
    }
  }
  if (peak >= 0) model_.set_objective_coefficient(peak, 1);
  if (added_ >= 0) model_.set_objective_coefficient(added_, 1);
}

namespace {

// Statuses moved on by `step` periods. Items (variables or rows) come in runs created by one
// loop over the window's periods, `k` items per period; an item's counterpart `step` periods
// later is `step * k` places on in the same run, when its tag says so.
std::vector<unsigned char> shifted(const std::vector<unsigned char>& status,
                                   const std::vector<Tag>& tags, std::size_t step) {
  std::vector<unsigned char> out = status;
  const std::size_t n = tags.size();
  std::size_t begin = 0;
  while (begin < n) {
    std::size_t end = begin + 1;
    if (tags[begin].period >= 0) {
      while (end < n && tags[end].period >= tags[end - 1].period && tags[end - 1].period >= 0) {
        ++end;
      }
    }
    std::size_t k = 0;
    while (begin + k < end && tags[begin + k].period == tags[begin].period) ++k;
    for (std::size_t i = begin; i < end; ++i) {
      const std::size_t j = i + step * k;
      if (j < end && tags[j].period == tags[i].period + static_cast<int>(step) &&
          tags[j].family == tags[i].family && tags[j].asset == tags[i].asset) {
        out[i] = status[j];
      }
    }
    begin = end;
  }
  return out;
}

}  // namespace

lp::Solver::Basis Formulation::shifted_basis(const lp::Solver::Basis& previous,
                                             std::size_t step) const {
  return {shifted(previous.variables, var_tags_, step), shifted(previous.rows, row_tags_, step)};
}

std::vector<double> Formulation::start_energy(const std::vector<double>& x) const {
  std::vector<double> out;
  for (std::size_t j = 0; j < start_.size(); ++j) {
    out.push_back(start_[j] >= 0 ? x[start_[j]] : given_start_[j]);
  }
  return out;
}

CarriedState Formulation::extract(const std::vector<double>& x, std::size_t count,
                                  DispatchResult& out) const {
  CarriedState next;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t t = w_.begin + k;
    double thermal = 0;
    for (std::size_t i = 0; i < g_.size(); ++i) {
      const double v = x[g_[i][k]];
      out.generation_mw[i][t] = v;
      if (s_.generators[i].thermal) thermal += v;
    }
    out.thermal_mw[t] = thermal;
    for (std::size_t i = 0; i < r_.size(); ++i) out.renewable_mw[i][t] = x[r_[i][k]];
    for (std::size_t j = 0; j < net_.size(); ++j) {
      const double net = x[net_[j][k]];
      const StorageParams& p = s_.storage[j].params;
      out.charge_mw[j][t] = std::max(0.0, -net);
      out.discharge_mw[j][t] = std::max(0.0, net);
      out.dumped_mwh[j][t] = std::max(0.0, x[drawn_[j][k]] - std::max(net / p.discharge_efficiency,
                                                                      net * p.charge_efficiency)) *
                             dt_h_;
      out.energy_mwh[j][t] = x[e_[j][k]];
    }
    for (std::size_t n = 0; n < u_.size(); ++n) {
      out.new_load_served_mw[n][t] = s_.new_loads[n].mw[t] - x[u_[n][k]];
    }
    if (added_ >= 0) out.added_load_served_mw[t] = x[added_] - x[added_curtailed_[k]];
    out.unserved_mw[t] = x[unserved_[k]];
    out.spill_mw[t] = x[spill_[k]];
    next.peak_so_far_mw = std::max(next.peak_so_far_mw, thermal);
  }
  for (std::size_t j = 0; j < e_.size(); ++j) next.energy_mwh.push_back(x[e_[j][count - 1]]);
  next.run_start_energy_mwh = run_start_;
  for (std::size_t i = 0; i < g_.size(); ++i) next.output_mw.push_back(x[g_[i][count - 1]]);
  if (added_ >= 0) out.new_load_mw = x[added_];
  return next;
}

}  // namespace ballast::dispatch
