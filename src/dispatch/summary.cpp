#include "ballast/dispatch/summary.h"

#include <algorithm>
#include <cmath>

namespace ballast::dispatch {

std::vector<double> net_load_mw(const Scenario& s, const DispatchResult& r) {
  std::vector<double> net = s.demand.values;
  for (std::size_t t = 0; t < net.size(); ++t) {
    for (const NewLoad& l : s.new_loads) net[t] += l.mw[t];
    if (r.new_load_mw) net[t] += *r.new_load_mw;
    for (const Renewable& ren : s.renewables) net[t] -= ren.available_mw[t];
  }
  return net;
}

PriceSummary summarize_price(const std::vector<double>& price, const std::vector<double>& demand,
                             double step_h, double voll) {
  PriceSummary out;
  if (price.empty()) return out;
  const double tolerance = 1e-9 * std::max(1.0, std::abs(voll));
  double sum = 0, weighted = 0, weight = 0;
  out.min_per_mwh = out.max_per_mwh = price[0];
  for (std::size_t t = 0; t < price.size(); ++t) {
    sum += price[t];
    weighted += price[t] * demand[t];
    weight += demand[t];
    out.min_per_mwh = std::min(out.min_per_mwh, price[t]);
    out.max_per_mwh = std::max(out.max_per_mwh, price[t]);
    if (price[t] >= voll - tolerance) out.hours_at_value_of_lost_load += step_h;
    if (price[t] <= tolerance) out.hours_at_or_below_zero += step_h;
  }
  out.mean_per_mwh = sum / static_cast<double>(price.size());
  if (weight > 0) out.demand_weighted_mean_per_mwh = weighted / weight;
  return out;
}

DispatchSummary summarize(const Scenario& s, const DispatchResult& r) {
  DispatchSummary out;
  const std::size_t n = s.periods();
  const double dt = s.step_h();
  out.cost = r.cost;
  for (std::size_t t = 0; t < n; ++t) {
    out.unserved_mwh += r.unserved_mw[t] * dt;
    out.spill_mwh += r.spill_mw[t] * dt;
    out.thermal_energy_mwh += r.thermal_mw[t] * dt;
    for (std::size_t k = 0; k < s.renewables.size(); ++k) {
      out.renewable_curtailed_mwh += (s.renewables[k].available_mw[t] - r.renewable_mw[k][t]) * dt;
    }
    for (std::size_t k = 0; k < s.new_loads.size(); ++k) {
      out.new_load_curtailed_mwh += (s.new_loads[k].mw[t] - r.new_load_served_mw[k][t]) * dt;
    }
    if (r.new_load_mw)
      out.new_load_curtailed_mwh += (*r.new_load_mw - r.added_load_served_mw[t]) * dt;
  }
  const std::vector<double> net = net_load_mw(s, r);
  out.net_load_peak_mw = *std::max_element(net.begin(), net.end());
  out.thermal_peak_mw = *std::max_element(r.thermal_mw.begin(), r.thermal_mw.end());
  for (double v : r.thermal_mw) {
    if (v >= 0.99 * out.thermal_peak_mw) out.thermal_hours_near_peak += dt;
  }
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    const Generator& g = s.generators[i];
    GeneratorSummary gs{.name = g.name, .kind = g.kind};
    double previous = r.generation_mw[i][0];
    for (std::size_t t = 0; t < n; ++t) {
      const double v = r.generation_mw[i][t];
      gs.energy_mwh += v * dt;
      gs.cost += g.cost_at(t) * v * dt;
      const double avail = g.available_mw(t);
      if (avail > 0 && v >= 0.99 * avail) gs.hours_at_full += dt;
      if (g.capacity_mw > 0) gs.starts_proxy += std::max(0.0, v - previous) / g.capacity_mw;
      previous = v;
    }
    gs.capacity_factor =
        g.capacity_mw > 0 ? gs.energy_mwh / (g.capacity_mw * static_cast<double>(n) * dt) : 0;
    out.generators.push_back(gs);
  }
  for (std::size_t j = 0; j < s.storage.size(); ++j) {
    const StorageUnit& u = s.storage[j];
    StorageSummary ss{.name = u.name, .kind = u.kind};
    for (std::size_t t = 0; t < n; ++t) {
      ss.energy_in_mwh += r.charge_mw[j][t] * dt;
      ss.energy_out_mwh += r.discharge_mw[j][t] * dt;
      ss.dumped_mwh += r.dumped_mwh[j][t];
    }
    ss.equivalent_full_cycles =
        u.params.energy_mwh > 0 ? ss.energy_out_mwh / u.params.energy_mwh : 0;
    ss.losses_mwh =
        ss.energy_in_mwh - ss.energy_out_mwh - (r.energy_mwh[j][n - 1] - r.start_energy_mwh[j]);
    out.storage.push_back(ss);
  }
  out.price =
      summarize_price(r.marginal_price_per_mwh, s.demand.values, dt, s.value_of_lost_load_per_mwh);
  return out;
}

}  // namespace ballast::dispatch
