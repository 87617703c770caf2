#include "ballast/dispatch/dispatch_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "ballast/core/number_format.h"
#include "ballast/core/timestamp.h"
#include "ballast/report/html.h"
#include "ballast/report/table.h"

namespace ballast::dispatch {

using report::Chart;
using report::HtmlReport;
using report::number;
using report::Series;
namespace {

constexpr std::size_t kBuckets = 2500;
constexpr const char* kColors[] = {"#7f7f7f", "#8c564b", "#d62728", "#ff7f0e", "#9467bd",
                                   "#e377c2", "#bcbd22", "#17becf", "#1f77b4", "#2ca02c"};

std::vector<double> times(const Scenario& s) {
  std::vector<double> x(s.periods());
  for (std::size_t t = 0; t < x.size(); ++t) x[t] = static_cast<double>(s.demand.time_s(t));
  return x;
}

std::vector<double> sorted_descending(std::vector<double> v) {
  std::sort(v.begin(), v.end(), std::greater<>());
  return v;
}

}  // namespace

nlohmann::ordered_json dispatch_json(const Scenario& s, const DispatchResult& r,
                                     const DispatchSummary& d) {
  nlohmann::ordered_json j = {
      {"command", "dispatch"},
      {"scenario", s.name},
      {"periods", s.periods()},
      {"step_s", s.demand.step_s},
      {"objective", dispatch::to_string(r.objective)},
      {"objective_value", r.objective_value},
      {"currency", s.currency},
      {"cost", d.cost},
      {"unserved_mwh", d.unserved_mwh},
      {"curtailed_mwh", d.renewable_curtailed_mwh},
      {"new_load_curtailed_mwh", d.new_load_curtailed_mwh},
      {"spill_mwh", d.spill_mwh},
  };
  if (r.new_load_mw) j["new_load_mw"] = *r.new_load_mw;
  j["net_load_peak_mw"] = d.net_load_peak_mw;
  j["thermal"] = {{"peak_mw", d.thermal_peak_mw},
                  {"hours_near_peak", d.thermal_hours_near_peak},
                  {"energy_mwh", d.thermal_energy_mwh}};
  j["generators"] = nlohmann::ordered_json::array();
  for (const GeneratorSummary& g : d.generators) {
    j["generators"].push_back({{"name", g.name},
                               {"kind", g.kind},
                               {"energy_mwh", g.energy_mwh},
                               {"capacity_factor", g.capacity_factor},
                               {"hours_at_full_output", g.hours_at_full},
                               {"starts_proxy", g.starts_proxy},
                               {"cost", g.cost}});
  }
  j["storage"] = nlohmann::ordered_json::array();
  for (const StorageSummary& u : d.storage) {
    j["storage"].push_back({{"name", u.name},
                            {"kind", u.kind},
                            {"energy_in_mwh", u.energy_in_mwh},
                            {"energy_out_mwh", u.energy_out_mwh},
                            {"equivalent_full_cycles", u.equivalent_full_cycles},
                            {"losses_mwh", u.losses_mwh},
                            {"dumped_mwh", u.dumped_mwh}});
  }
  j["solver"] = {{"windows", r.windows},      {"variables", r.variables}, {"rows", r.rows},
                 {"build_s", r.build_s},      {"solve_s", r.solve_s},     {"stage_s", r.stage_s},
                 {"iterations", r.iterations}};
  if (!r.limit_note.empty()) j["solver"]["limit_note"] = r.limit_note;
  return j;
}

std::string dispatch_csv(const Scenario& s, const DispatchResult& r) {
  std::string out = "time,demand_mw,thermal_mw";
  for (const auto& g : s.generators) out += ",gen_" + g.name + "_mw";
  for (const auto& ren : s.renewables) out += ",renewable_" + ren.name + "_mw";
  for (const auto& u : s.storage) {
    out += ",charge_" + u.name + "_mw,discharge_" + u.name + "_mw,energy_" + u.name + "_mwh";
  }
  for (const auto& l : s.new_loads) out += ",new_load_" + l.name + "_served_mw";
  if (r.new_load_mw) out += ",added_load_served_mw";
  out += ",unserved_mw,spill_mw\n";
  // Shortest round-trip numbers, so balances recomputed from the file hold to the last bit;
  // LP values within CLP's primal tolerance (1e-7) of zero are written as an exact 0.
  constexpr double kLpZeroTol = 1e-7;
  const auto num = [&out](double x) {
    out += ',';
    append_number(out, clean_zero(x, kLpZeroTol));
  };
  for (std::size_t t = 0; t < s.periods(); ++t) {
    out += s.calendar.format(s.demand.time_s(t));
    out += ',';
    append_number(out, s.demand.values[t]);
    num(r.thermal_mw[t]);
    for (const auto& g : r.generation_mw) num(g[t]);
    for (const auto& ren : r.renewable_mw) num(ren[t]);
    for (std::size_t j = 0; j < s.storage.size(); ++j) {
      num(r.charge_mw[j][t]);
      num(r.discharge_mw[j][t]);
      num(r.energy_mwh[j][t]);
    }
    for (const auto& l : r.new_load_served_mw) num(l[t]);
    if (r.new_load_mw) num(r.added_load_served_mw[t]);
    num(r.unserved_mw[t]);
    num(r.spill_mw[t]);
    out += '\n';
  }
  return out;
}

HtmlReport dispatch_html(const Scenario& s, const DispatchResult& r, const DispatchSummary& d) {
  HtmlReport h("ballast dispatch: " + s.name);
  h.add_paragraph(fmt::format(
      "Objective {} = {:.6g}. Production cost {} {}; unserved {} MWh; renewables curtailed {} "
      "MWh. {} periods of {} s in {} LP window(s).",
      dispatch::to_string(r.objective), r.objective_value, number(d.cost), s.currency,
      number(d.unserved_mwh), number(d.renewable_curtailed_mwh), s.periods(), s.demand.step_s,
      r.windows));
  h.add_paragraph(fmt::format(
      "Net load peak {} MW; thermal peak {} MW, with {} h at >= 99 % of "
      "it.",
      number(d.net_load_peak_mw), number(d.thermal_peak_mw), number(d.thermal_hours_near_peak, 1)));
  std::vector<std::vector<std::string>> gens;
  for (const auto& g : d.generators) {
    gens.push_back({g.name, g.kind, number(g.energy_mwh), number(g.capacity_factor, 3),
                    number(g.hours_at_full, 1), number(g.starts_proxy, 1)});
  }
  h.add_heading("Generators");
  h.add_table({"name", "kind", "energy MWh", "capacity factor", "hours at full", "starts proxy"},
              gens);
  if (!d.storage.empty()) {
    std::vector<std::vector<std::string>> units;
    for (const auto& u : d.storage) {
      units.push_back({u.name, u.kind, number(u.energy_in_mwh), number(u.energy_out_mwh),
                       number(u.equivalent_full_cycles, 1), number(u.losses_mwh)});
    }
    h.add_heading("Storage");
    h.add_table({"name", "kind", "in MWh", "out MWh", "full cycles", "losses MWh"}, units);
  }

  // Stacked supply: cumulative sums drawn largest first, each filled to zero.
  std::vector<std::pair<std::string, const std::vector<double>*>> layers;
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    layers.push_back({s.generators[i].name, &r.generation_mw[i]});
  }
  for (std::size_t k = 0; k < s.renewables.size(); ++k) {
    layers.push_back({s.renewables[k].name, &r.renewable_mw[k]});
  }
  for (std::size_t j = 0; j < s.storage.size(); ++j) {
    layers.push_back({s.storage[j].name + " discharge", &r.discharge_mw[j]});
  }
  Chart stack{.title = "Dispatch (stacked supply) and demand",
              .x_label = "time",
              .y_label = "power (MW)",
              .x_is_time = true,
              .x = times(s)};
  std::vector<double> sum(s.periods(), 0.0);
  std::vector<Series> stacked;
  for (std::size_t k = 0; k < layers.size(); ++k) {
    for (std::size_t t = 0; t < sum.size(); ++t) sum[t] += (*layers[k].second)[t];
    stacked.push_back({.label = layers[k].first,
                       .y = sum,
                       .color = kColors[k % std::size(kColors)],
                       .filled = true});
  }
  stack.series.assign(stacked.rbegin(), stacked.rend());
  std::vector<double> load = s.demand.values;
  for (std::size_t t = 0; t < load.size(); ++t) {
    for (std::size_t j = 0; j < s.storage.size(); ++j) load[t] += r.charge_mw[j][t];
  }
  stack.series.push_back({.label = "demand + storage charging", .y = load, .color = "#000000"});
  h.add_chart(decimate(stack, kBuckets));

  if (!s.storage.empty()) {
    Chart soc{.title = "Stored energy",
              .x_label = "time",
              .y_label = "energy (MWh)",
              .x_is_time = true,
              .x = times(s)};
    for (std::size_t j = 0; j < s.storage.size(); ++j) {
      soc.series.push_back({.label = s.storage[j].name, .y = r.energy_mwh[j]});
    }
    h.add_chart(decimate(soc, kBuckets));
  }

  const std::vector<double> net = dispatch::net_load_mw(s, r);
  Chart ldc{.title = "Duration curves: net load before storage, thermal output after",
            .x_label = "share of time (%)",
            .y_label = "power (MW)"};
  const std::size_t n = s.periods();
  const std::vector<double> a = sorted_descending(net);
  const std::vector<double> b = sorted_descending(r.thermal_mw);
  Series before{.label = "net load (demand + new load - renewables)"};
  Series after{.label = "thermal output after storage"};
  const std::size_t points = std::min<std::size_t>(n, 2000);
  for (std::size_t k = 0; k < points; ++k) {
    const std::size_t i = points > 1 ? k * (n - 1) / (points - 1) : 0;
    ldc.x.push_back(points > 1 ? 100.0 * static_cast<double>(k) / static_cast<double>(points - 1)
                               : 0);
    before.y.push_back(a[i]);
    after.y.push_back(b[i]);
  }
  ldc.series = {before, after};
  h.add_chart(ldc);
  return h;
}

}  // namespace ballast::dispatch
