#include "candidates_lp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/timestamp.h"

namespace ballast::expand {

CandidatesLp::CandidatesLp(const ExpansionCase& c)
    : c_(c), dt_h_(c.system.step_h()), n_(c.system.periods()) {}

std::string CandidatesLp::name(const char* what, const std::string& asset, int period) const {
  if (!names_) return {};
  // "new_" keeps candidates apart from existing assets of the same name; MPS names have no
  // spaces.
  std::string out = period >= 0 ? fmt::format("new_{}[{}][{}]", what, asset, period)
                                : fmt::format("new_{}[{}]", what, asset);
  std::replace(out.begin(), out.end(), ' ', '_');
  return out;
}

int CandidatesLp::row(lp::Model& m, double lb, double ub, const std::vector<lp::Term>& terms,
                      Family f, const std::string& asset, int period, const char* what) {
  if (tags_.empty()) first_row_ = m.rows();
  tags_.push_back({f, asset, period});
  return m.add_row(lb, ub, terms, name(what, asset, period));
}

// One copy of a capacity variable a period, chained copy[t] = copy[t-1] (copy[-1] = the
// capacity), for the period's rows to use instead of the capacity itself. The capacity's column
// then has two entries instead of one a period: a column in every period's rows would make the
// barrier's normal equations A A' dense (8,760 periods: a dense 8,760-square block), the chain
// keeps them banded.
std::vector<int> CandidatesLp::chained(lp::Model& m, int capacity, const std::string& asset,
                                       const char* what) {
  std::vector<int> copies;
  copies.reserve(n_);
  for (std::size_t t = 0; t < n_; ++t) {
    const int tt = static_cast<int>(t);
    const int copy = m.add_variable(-lp::kInf, lp::kInf, 0, name(what, asset, tt));
    row(m, 0, 0, {{copy, 1}, {t == 0 ? capacity : copies.back(), -1}}, Family::kLink, asset, tt,
        what);
    copies.push_back(copy);
  }
  return copies;
}

std::vector<std::vector<lp::Term>> CandidatesLp::add_to(lp::Model& m, bool names) {
  names_ = names;
  std::vector<std::vector<lp::Term>> balance(n_);
  add_storage(m, balance);
  add_generators(m, balance);
  add_renewables(m, balance);
  add_load(m, balance);
  return balance;
}

void CandidatesLp::add_storage(lp::Model& m, std::vector<std::vector<lp::Term>>& balance) {
  const double years = c_.years();
  for (const StorageCandidate& s : c_.storage) {
    Store& v = storage_.emplace_back();
    const std::string& a = s.name;
    v.power = m.add_variable(s.min_power_mw, s.max_power_mw,
                             years * annual_cost_per_mw(s.power, c_.discount_rate),
                             name("power_mw", a, -1));
    v.energy = m.add_variable(s.min_energy_mwh, s.max_energy_mwh,
                              years * annual_cost_per_mw(s.energy, c_.discount_rate),
                              name("energy_mwh", a, -1));
    if (s.min_duration_h) {
      row(m, 0, lp::kInf, {{v.energy, 1}, {v.power, -*s.min_duration_h}}, Family::kDuration, a, -1,
          "min_duration");
    }
    if (s.max_duration_h) {
      row(m, -lp::kInf, 0, {{v.energy, 1}, {v.power, -*s.max_duration_h}}, Family::kDuration, a, -1,
          "max_duration");
    }
    const std::vector<int> power = chained(m, v.power, a, "power_link");
    const std::vector<int> energy = chained(m, v.energy, a, "energy_link");
    const double retention = std::pow(1.0 - s.standing_loss_per_h, dt_h_);
    // A cyclic store: the LP chooses the start energy and ends with at least as much.
    const int start = m.add_variable(0, lp::kInf, 0, name("start_energy", a, -1));
    row(m, -lp::kInf, 0, {{start, 1}, {v.energy, -s.soc_max}}, Family::kStorageWindow, a, 0,
        "start_max");
    row(m, 0, lp::kInf, {{start, 1}, {v.energy, -s.soc_min}}, Family::kStorageWindow, a, 0,
        "start_min");
    for (std::size_t t = 0; t < n_; ++t) {
      const int tt = static_cast<int>(t);
      // As the dispatch LP: one net power (> 0 discharge) and the energy drawn from the store,
      // at least net / eta_d and at least net x eta_c (both convex).
      const int net = m.add_variable(-lp::kInf, lp::kInf, 0, name("net_power", a, tt));
      const int drawn = m.add_variable(-lp::kInf, lp::kInf, 0, name("drawn", a, tt));
      const int e = m.add_variable(0, lp::kInf, 0, name("energy", a, tt));
      row(m, -lp::kInf, 0, {{net, 1}, {power[t], -1}}, Family::kStoragePower, a, tt,
          "discharge_max");
      row(m, 0, lp::kInf, {{net, 1}, {power[t], 1}}, Family::kStoragePower, a, tt, "charge_max");
      row(m, 0, lp::kInf, {{drawn, 1}, {net, -1 / s.discharge_efficiency}}, Family::kStorageEnergy,
          a, tt, "drawn_discharging");
      row(m, 0, lp::kInf, {{drawn, 1}, {net, -s.charge_efficiency}}, Family::kStorageEnergy, a, tt,
          "drawn_charging");
      if (s.variable_cost_per_mwh > 0) {
        const int out = m.add_variable(0, lp::kInf, s.variable_cost_per_mwh * dt_h_,
                                       name("discharge_cost", a, tt));
        row(m, 0, lp::kInf, {{out, 1}, {net, -1}}, Family::kStorageEnergy, a, tt, "discharged");
      }
      row(m, -lp::kInf, 0, {{e, 1}, {energy[t], -s.soc_max}}, Family::kStorageWindow, a, tt,
          "energy_max");
      row(m, 0, lp::kInf, {{e, 1}, {energy[t], -s.soc_min}}, Family::kStorageWindow, a, tt,
          "energy_min");
      // e[t] - floor = retention (e[t-1] - floor) - drawn dt, floor = soc_min x E.
      const int before = t == 0 ? start : v.stored.back();
      row(m, 0, 0,
          {{e, 1}, {before, -retention}, {drawn, dt_h_}, {energy[t], -(1 - retention) * s.soc_min}},
          Family::kStorageEnergy, a, tt, "energy_balance");
      v.net.push_back(net);
      v.stored.push_back(e);
      balance[t].push_back({net, 1});
    }
    row(m, 0, lp::kInf, {{v.stored.back(), 1}, {start, -1}}, Family::kStorageEnd, a,
        static_cast<int>(n_) - 1, "end_cyclic");
  }
}

void CandidatesLp::add_generators(lp::Model& m, std::vector<std::vector<lp::Term>>& balance) {
  const double years = c_.years();
  for (const GeneratorCandidate& g : c_.generators) {
    Plant& v = generators_.emplace_back();
    const std::string& a = g.name;
    v.capacity =
        m.add_variable(g.min_mw, g.max_mw, years * annual_cost_per_mw(g.costs, c_.discount_rate),
                       name("capacity_mw", a, -1));
    const double cost = variable_cost(g, c_);
    // Ramp per period as a share of the built capacity.
    const double ramp = g.ramp_pct_per_min ? *g.ramp_pct_per_min / 100 * 60 * dt_h_ : 1.0;
    const std::vector<int> capacity = chained(m, v.capacity, a, "capacity_link");
    for (std::size_t t = 0; t < n_; ++t) {
      const int tt = static_cast<int>(t);
      const int out = m.add_variable(0, lp::kInf, cost * dt_h_, name("output", a, tt));
      row(m, -lp::kInf, 0, {{out, 1}, {capacity[t], -g.availability_at(t)}},
          Family::kGeneratorCapacity, a, tt, "available");
      if (ramp < 1 && t > 0) {
        row(m, -lp::kInf, 0, {{out, 1}, {v.output.back(), -1}, {capacity[t], -ramp}}, Family::kRamp,
            a, tt, "ramp_up");
        row(m, 0, lp::kInf, {{out, 1}, {v.output.back(), -1}, {capacity[t], ramp}}, Family::kRamp,
            a, tt, "ramp_down");
      }
      v.output.push_back(out);
      balance[t].push_back({out, 1});
    }
  }
}

void CandidatesLp::add_renewables(lp::Model& m, std::vector<std::vector<lp::Term>>& balance) {
  const double years = c_.years();
  for (const RenewableCandidate& r : c_.renewables) {
    Plant& v = renewables_.emplace_back();
    const std::string& a = r.name;
    v.capacity =
        m.add_variable(r.min_mw, r.max_mw, years * annual_cost_per_mw(r.costs, c_.discount_rate),
                       name("capacity_mw", a, -1));
    const std::vector<int> capacity = chained(m, v.capacity, a, "capacity_link");
    for (std::size_t t = 0; t < n_; ++t) {
      const int tt = static_cast<int>(t);
      const int out = m.add_variable(0, lp::kInf, 0, name("output", a, tt));
      row(m, r.curtailable ? -lp::kInf : 0, 0, {{out, 1}, {capacity[t], -r.profile[t]}},
          Family::kRenewable, a, tt, "available");
      v.output.push_back(out);
      balance[t].push_back({out, 1});
    }
  }
}

void CandidatesLp::add_load(lp::Model& m, std::vector<std::vector<lp::Term>>& balance) {
  const NewLoad& l = c_.load;
  if (l.mw.empty()) return;
  // The load itself is a fixed variable (the balance rows' right-hand side is today's demand);
  // its curtailment is a variable up to the load, limited by the allowance and/or priced.
  const bool flexible = l.curtailment_allowance > 0 || l.value_per_mwh;
  std::vector<lp::Term> allowance;
  double energy = 0;
  for (std::size_t t = 0; t < n_; ++t) {
    const int tt = static_cast<int>(t);
    const int load = m.add_variable(l.mw[t], l.mw[t], 0, name("new_load", l.name, tt));
    balance[t].push_back({load, -1});
    energy += l.mw[t];
    if (!flexible) continue;
    const int cut = m.add_variable(0, l.mw[t], l.value_per_mwh.value_or(0) * dt_h_,
                                   name("new_load_curtailed", l.name, tt));
    curtailed_.push_back(cut);
    allowance.push_back({cut, 1});
    balance[t].push_back({cut, 1});
  }
  if (l.curtailment_allowance > 0 && l.curtailment_allowance < 1) {
    row(m, -lp::kInf, l.curtailment_allowance * energy, allowance, Family::kAllowance, l.name, -1,
        "allowance");
  }
}

std::string CandidatesLp::describe_row(int r) const {
  const Tag& tag = tags_.at(static_cast<std::size_t>(r - first_row_));
  const std::string at =
      tag.period >= 0
          ? " at " + format_timestamp(c_.system.demand.time_s(static_cast<std::size_t>(tag.period)),
                                      c_.system.calendar.utc_offset_min())
          : "";
  const std::string& a = tag.asset;
  switch (tag.family) {
    case Family::kStoragePower:
      return "the power limit of storage candidate '" + a + "'" + at;
    case Family::kStorageEnergy:
      return "the energy balance of storage candidate '" + a + "'" + at;
    case Family::kStorageWindow:
      return "the state-of-charge window of storage candidate '" + a + "'" + at;
    case Family::kStorageEnd:
      return "the end state of charge of storage candidate '" + a + "' (cyclic)" + at;
    case Family::kDuration:
      return "the duration bounds of storage candidate '" + a + "'";
    case Family::kGeneratorCapacity:
      return "the available capacity of generator candidate '" + a + "'" + at;
    case Family::kLink:
      return "the capacity of candidate '" + a + "' carried from one period to the next" + at;
    case Family::kRamp:
      return "the ramp limit of generator candidate '" + a + "'" + at;
    case Family::kRenewable:
      return "the profile of renewable candidate '" + a + "'" + at;
    case Family::kAllowance:
      return "the curtailment allowance of new load '" + a + "'";
  }
  return "a candidate's constraint" + at;
}

}  // namespace ballast::expand
