#include "ballast/dispatch/dispatch_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
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
// The stacked chart keeps every period up to a year of hours (the page stacks the layers, and
// min/max decimation of each layer would not add up).
constexpr std::size_t kStackPoints = 8784;

std::vector<double> times(const Scenario& s) {
  std::vector<double> x(s.periods());
  for (std::size_t t = 0; t < x.size(); ++t) x[t] = static_cast<double>(s.demand.time_s(t));
  return x;
}

std::vector<double> sorted_descending(std::vector<double> v) {
  std::sort(v.begin(), v.end(), std::greater<>());
  return v;
}

std::string objective_unit(Objective o, const std::string& currency) {
  switch (o) {
    case Objective::kCost:
      return currency;
    case Objective::kFlat:
      return "MWh";
    default:
      return "MW";
  }
}

// A layer of the stacked generation chart: one fuel, summed over its units.
struct FuelLayer {
  std::string fuel;
  std::vector<double> mw;
  std::string color;
};

// Colours people expect for each fuel; others take the next unused colour of a fallback list.
std::string fuel_color(const std::string& fuel, std::vector<std::string>& used) {
  static const std::pair<const char*, const char*> known[] = {
      {"nuclear", "#9467bd"}, {"coal", "#444444"},        {"lignite", "#6b4f2a"},
      {"lng", "#ff7f0e"},     {"gas", "#ff7f0e"},         {"ccgt", "#ff7f0e"},
      {"ocgt", "#ffbb78"},    {"cogen", "#8c564b"},       {"oil", "#7b3294"},
      {"diesel", "#c51b7d"},  {"solar", "#f2c80f"},       {"wind", "#2ca02c"},
      {"hydro", "#1f77b4"},   {"biomass", "#98df8a"},     {"geothermal", "#e7969c"},
      {"battery", "#e377c2"}, {"pumped_hydro", "#17becf"}};
  static const char* fallback[] = {"#d62728", "#bcbd22", "#393b79", "#637939", "#8c6d31",
                                   "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354",
                                   "#756bb1", "#636363", "#9edae5", "#dbdb8d", "#c49c94"};
  std::string color;
  for (const auto& [name, c] : known) {
    if (fuel.find(name) != std::string::npos &&
        std::find(used.begin(), used.end(), c) == used.end()) {
      color = c;
      break;
    }
  }
  for (std::size_t k = 0; color.empty() && k < std::size(fallback); ++k) {
    if (std::find(used.begin(), used.end(), fallback[k]) == used.end()) color = fallback[k];
  }
  if (color.empty()) color = fallback[used.size() % std::size(fallback)];
  used.push_back(color);
  return color;
}

// Generators by kind, renewables by name, storage discharge by kind; in the order each first
// appears, generators first (the base of the stack).
std::vector<FuelLayer> fuel_layers(const Scenario& s, const DispatchResult& r) {
  std::vector<FuelLayer> layers;
  const auto add = [&](const std::string& fuel, const std::vector<double>& mw) {
    auto it = std::find_if(layers.begin(), layers.end(),
                           [&](const FuelLayer& l) { return l.fuel == fuel; });
    if (it == layers.end()) {
      layers.push_back({fuel, mw, ""});
      return;
    }
    for (std::size_t t = 0; t < mw.size(); ++t) it->mw[t] += mw[t];
  };
  for (std::size_t i = 0; i < s.generators.size(); ++i) {
    add(s.generators[i].kind.empty() ? s.generators[i].name : s.generators[i].kind,
        r.generation_mw[i]);
  }
  for (std::size_t k = 0; k < s.renewables.size(); ++k)
    add(s.renewables[k].name, r.renewable_mw[k]);
  for (std::size_t j = 0; j < s.storage.size(); ++j) {
    add(s.storage[j].kind + " discharge", r.discharge_mw[j]);
  }
  add("unserved", r.unserved_mw);
  if (std::all_of(layers.back().mw.begin(), layers.back().mw.end(),
                  [](double v) { return v == 0; })) {
    layers.pop_back();
  }
  std::vector<std::string> used;
  for (FuelLayer& l : layers) l.color = fuel_color(l.fuel, used);
  return layers;
}

// Each line sorted descending and sampled at ~2000 points, x in % of time.
Chart duration_chart(std::string id, std::string title, std::string y_label,
                     const std::vector<std::pair<std::string, std::vector<double>>>& lines) {
  Chart c{.id = std::move(id),
          .title = std::move(title),
          .x_label = "share of time (%)",
          .y_label = std::move(y_label)};
  const std::size_t n = lines.empty() ? 0 : lines.front().second.size();
  const std::size_t points = std::min<std::size_t>(n, 2000);
  for (std::size_t k = 0; k < points; ++k) {
    c.x.push_back(points > 1 ? 100.0 * static_cast<double>(k) / static_cast<double>(points - 1)
                             : 0);
  }
  for (const auto& [label, values] : lines) {
    const std::vector<double> sorted = sorted_descending(values);
    Series line{.label = label};
    for (std::size_t k = 0; k < points; ++k) {
      line.y.push_back(sorted[points > 1 ? k * (n - 1) / (points - 1) : 0]);
    }
    c.series.push_back(std::move(line));
  }
  return c;
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
  const PriceSummary& p = d.price;
  j["marginal_price"] = {
      {"mean_per_mwh", p.mean_per_mwh},
      {"demand_weighted_mean_per_mwh", p.demand_weighted_mean_per_mwh
                                           ? nlohmann::ordered_json(*p.demand_weighted_mean_per_mwh)
                                           : nlohmann::ordered_json(nullptr)},
      {"min_per_mwh", p.min_per_mwh},
      {"max_per_mwh", p.max_per_mwh},
      {"value_of_lost_load_per_mwh", s.value_of_lost_load_per_mwh},
      {"hours_at_value_of_lost_load", p.hours_at_value_of_lost_load},
      {"hours_at_or_below_zero", p.hours_at_or_below_zero}};
  j["generators"] = nlohmann::ordered_json::array();
  for (const GeneratorSummary& g : d.generators) {
    j["generators"].push_back({{"name", g.name},
                               {"kind", g.kind},
                               {"energy_mwh", g.energy_mwh},
                               {"capacity_factor_frac", g.capacity_factor},
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

namespace {

// An asset's name as part of a CSV column name: lower case, every run of characters other than
// letters and digits one '_' ("Taichung coal" -> "taichung_coal"), so columns have no spaces.
std::string column_part(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += static_cast<char>(std::tolower(u));
    } else if (!out.empty() && out.back() != '_') {
      out += '_';
    }
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

}  // namespace

std::string dispatch_csv(const Scenario& s, const DispatchResult& r) {
  std::string out = "time,demand_mw,thermal_mw";
  for (const auto& g : s.generators) out += ",gen_" + column_part(g.name) + "_mw";
  for (const auto& ren : s.renewables) out += ",renewable_" + column_part(ren.name) + "_mw";
  for (const auto& u : s.storage) {
    const std::string n = column_part(u.name);
    out += ",charge_" + n + "_mw,discharge_" + n + "_mw,energy_" + n + "_mwh";
  }
  for (const auto& l : s.new_loads) out += ",new_load_" + column_part(l.name) + "_served_mw";
  if (r.new_load_mw) out += ",added_load_served_mw";
  out += ",unserved_mw,spill_mw,marginal_price_per_mwh\n";
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
    out += ',';
    append_number(out, r.marginal_price_per_mwh[t]);
    out += '\n';
  }
  return out;
}

std::string objective_text(const DispatchResult& r, const std::string& currency) {
  return fmt::format("{}: {} {}", dispatch::to_string(r.objective), number(r.objective_value),
                     objective_unit(r.objective, currency));
}

HtmlReport dispatch_html(const Scenario& s, const DispatchResult& r, const DispatchSummary& d) {
  using report::Cell;
  const auto bound = [](std::string text, std::string key) {
    return Cell{.text = std::move(text), .key = std::move(key)};
  };
  HtmlReport h("ballast dispatch: " + s.name);
  const std::string zone = report::chart_zone(s.calendar.zone());
  h.add_paragraph(fmt::format(
      "{} periods of {} s in {} LP window(s). Times are local ({}). Charts: drag across a chart "
      "to zoom, double-click to zoom out; click a legend entry to switch it off or on.",
      s.periods(), s.demand.step_s, r.windows, zone.empty() ? "UTC" : zone));
  std::vector<std::vector<Cell>> summary = {
      {{.text = "objective"}, {.text = dispatch::to_string(r.objective)}, {.text = ""}}};
  // The cost objective's value is the production cost (plus any wear priced in the LP).
  if (r.objective != Objective::kCost || r.wear_cost > 0) {
    summary.push_back({{.text = "objective value"},
                       bound(number(r.objective_value), "/objective_value"),
                       {.text = objective_unit(r.objective, s.currency)}});
  }
  summary.insert(
      summary.end(),
      {
          {{.text = "production cost"}, bound(number(d.cost), "/cost"), {.text = s.currency}},
          {{.text = "unserved energy"},
           bound(number(d.unserved_mwh), "/unserved_mwh"),
           {.text = "MWh"}},
          {{.text = "renewables curtailed"},
           bound(number(d.renewable_curtailed_mwh), "/curtailed_mwh"),
           {.text = "MWh"}},
          {{.text = "net load peak"},
           bound(number(d.net_load_peak_mw), "/net_load_peak_mw"),
           {.text = "MW"}},
          {{.text = "thermal peak"},
           bound(number(d.thermal_peak_mw), "/thermal/peak_mw"),
           {.text = "MW"}},
          {{.text = "hours at >= 99 % of the thermal peak"},
           bound(number(d.thermal_hours_near_peak, 1), "/thermal/hours_near_peak"),
           {.text = "h"}},
      });
  if (r.new_load_mw) {
    summary.push_back({{.text = "largest constant new load"},
                       bound(number(*r.new_load_mw), "/new_load_mw"),
                       {.text = "MW"}});
  }
  h.add_heading("Summary");
  h.add_cells({"quantity", "value", "unit"}, std::move(summary));

  std::vector<std::vector<Cell>> gens;
  for (std::size_t i = 0; i < d.generators.size(); ++i) {
    const GeneratorSummary& g = d.generators[i];
    const std::string at = fmt::format("/generators/{}/", i);
    gens.push_back({{.text = g.name},
                    {.text = g.kind},
                    bound(number(g.energy_mwh), at + "energy_mwh"),
                    bound(number(g.capacity_factor, 3), at + "capacity_factor_frac"),
                    bound(number(g.hours_at_full, 1), at + "hours_at_full_output"),
                    bound(number(g.starts_proxy, 1), at + "starts_proxy")});
  }
  h.add_heading("Generators");
  h.add_cells({"name", "kind", "energy MWh", "capacity factor", "hours at full", "starts proxy"},
              std::move(gens));
  if (!d.storage.empty()) {
    std::vector<std::vector<Cell>> units;
    for (std::size_t j = 0; j < d.storage.size(); ++j) {
      const StorageSummary& u = d.storage[j];
      const std::string at = fmt::format("/storage/{}/", j);
      units.push_back({{.text = u.name},
                       {.text = u.kind},
                       bound(number(u.energy_in_mwh), at + "energy_in_mwh"),
                       bound(number(u.energy_out_mwh), at + "energy_out_mwh"),
                       bound(number(u.equivalent_full_cycles, 1), at + "equivalent_full_cycles"),
                       bound(number(u.losses_mwh), at + "losses_mwh")});
    }
    h.add_heading("Storage");
    h.add_cells({"name", "kind", "in MWh", "out MWh", "full cycles", "losses MWh"},
                std::move(units));
  }

  // Generation by fuel: the layers of the stack, each summed over its units.
  const std::vector<FuelLayer> layers = fuel_layers(s, r);
  std::vector<double> load = s.demand.values;
  for (std::size_t t = 0; t < load.size(); ++t) {
    for (std::size_t j = 0; j < s.storage.size(); ++j) load[t] += r.charge_mw[j][t];
    for (const auto& l : r.new_load_served_mw) load[t] += l[t];
    if (r.new_load_mw) load[t] += r.added_load_served_mw[t];
  }
  const auto stack_chart = [&](std::string id, std::string title, std::size_t from,
                               std::size_t to) {
    Chart c{.id = std::move(id),
            .title = std::move(title),
            .x_label = "time",
            .y_label = "power (MW)",
            .x_is_time = true,
            .time_zone = zone};
    const std::vector<double> x = times(s);
    c.x.assign(x.begin() + from, x.begin() + to);
    for (const FuelLayer& l : layers) {
      c.series.push_back({.label = l.fuel,
                          .y = {l.mw.begin() + from, l.mw.begin() + to},
                          .color = l.color,
                          .stacked = true});
    }
    c.series.push_back({.label = "demand + new load + storage charging",
                        .y = {load.begin() + from, load.begin() + to},
                        .color = "#000000"});
    return c;
  };
  h.add_heading("Generation by fuel");
  const std::size_t n = s.periods();
  Chart all = stack_chart("dispatch-stack", "Generation by fuel (stacked) and demand", 0, n);
  h.add_chart(n > kStackPoints ? decimate(all, kStackPoints / 2) : all);
  // The week around the thermal peak, every period.
  const std::size_t peak_t = static_cast<std::size_t>(
      std::max_element(r.thermal_mw.begin(), r.thermal_mw.end()) - r.thermal_mw.begin());
  const std::size_t week = std::min<std::size_t>(
      n, static_cast<std::size_t>(std::lround(7 * 86400.0 / s.demand.step_s)));
  const std::size_t from = std::min(n - week, peak_t > week / 2 ? peak_t - week / 2 : 0);
  h.add_chart(stack_chart("dispatch-week", "The week around the thermal peak", from, from + week));

  if (!s.storage.empty()) {
    Chart soc{.id = "stored-energy",
              .title = "Stored energy",
              .x_label = "time",
              .y_label = "energy (MWh)",
              .x_is_time = true,
              .time_zone = zone,
              .x = times(s)};
    for (std::size_t j = 0; j < s.storage.size(); ++j) {
      soc.series.push_back({.label = s.storage[j].name, .y = r.energy_mwh[j]});
    }
    h.add_chart(decimate(soc, kBuckets));
  }

  h.add_heading("Marginal price");
  h.add_paragraph(fmt::format(
      "The price of one more MWh of demand in each period ({}/MWh): the LP dual of the period's "
      "balance constraint.{}",
      s.currency,
      r.objective == Objective::kCost
          ? ""
          : " With this objective, the dual of the cost stage solved with the " +
                dispatch::to_string(r.objective) + " objective held at its optimum."));
  const PriceSummary& p = d.price;
  const std::string per_mwh = s.currency + "/MWh";
  std::vector<std::vector<Cell>> prices = {
      {{.text = "mean over time"},
       bound(number(p.mean_per_mwh, 2), "/marginal_price/mean_per_mwh"),
       {.text = per_mwh}},
      {{.text = "mean weighted by demand"},
       p.demand_weighted_mean_per_mwh ? bound(number(*p.demand_weighted_mean_per_mwh, 2),
                                              "/marginal_price/demand_weighted_mean_per_mwh")
                                      : Cell{.text = "n/a (no demand)"},
       {.text = per_mwh}},
      {{.text = "lowest"},
       bound(number(p.min_per_mwh, 2), "/marginal_price/min_per_mwh"),
       {.text = per_mwh}},
      {{.text = "highest"},
       bound(number(p.max_per_mwh, 2), "/marginal_price/max_per_mwh"),
       {.text = per_mwh}},
      {{.text = "hours at the value of lost load (" + number(s.value_of_lost_load_per_mwh) + ")"},
       bound(number(p.hours_at_value_of_lost_load, 1),
             "/marginal_price/hours_at_value_of_lost_load"),
       {.text = "h"}},
      {{.text = "hours at or below zero"},
       bound(number(p.hours_at_or_below_zero, 1), "/marginal_price/hours_at_or_below_zero"),
       {.text = "h"}}};
  h.add_cells({"marginal price", "value", "unit"}, std::move(prices));
  h.add_chart(decimate(Chart{.id = "marginal-price",
                             .title = "Marginal price",
                             .x_label = "time",
                             .y_label = "price (" + s.currency + "/MWh)",
                             .x_is_time = true,
                             .time_zone = zone,
                             .x = times(s),
                             .series = {{.label = "marginal price",
                                         .y = r.marginal_price_per_mwh,
                                         .color = "#d62728"}}},
                       kBuckets));

  h.add_heading("Duration curves");
  const std::vector<double> net = dispatch::net_load_mw(s, r);
  h.add_chart(duration_chart("duration-power",
                             "Duration curves: net load before storage, thermal output after",
                             "power (MW)",
                             {{"net load (demand + new load - renewables)", net},
                              {"thermal output after storage", r.thermal_mw}}));
  std::vector<std::pair<std::string, std::vector<double>>> by_fuel;
  for (const FuelLayer& l : layers) by_fuel.emplace_back(l.fuel, l.mw);
  h.add_chart(duration_chart("duration-fuel", "Duration curves by fuel", "power (MW)", by_fuel));
  h.add_chart(duration_chart("duration-price", "Price duration curve",
                             "price (" + s.currency + "/MWh)",
                             {{"marginal price", r.marginal_price_per_mwh}}));
  return h;
}

}  // namespace ballast::dispatch
