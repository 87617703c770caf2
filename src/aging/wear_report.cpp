#include "ballast/aging/wear_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "ballast/core/fields_toml.h"
#include "ballast/core/toml_reader.h"
#include "ballast/report/table.h"

namespace ballast::aging {
namespace {

FieldTable<EconomicsSpec> make_economics_fields() {
  using E = EconomicsSpec;
  const std::string g = "Economics";
  const auto money = [&](std::string name, std::string help) {
    return FieldInfo{.name = std::move(name), .help = std::move(help), .min = 0, .group = g};
  };
  FieldTable<E> t;
  t.add({.name = "economics",
         .help = "TOML file with an [economics] table (keys as these options, with _ for -); "
                 "options override it",
         .kind = FieldKind::kText,
         .group = g,
         .path = true},
        &E::economics);
  t.add({.name = "currency",
         .help = "Currency of every money amount, named in output (default USD)",
         .kind = FieldKind::kText,
         .group = g},
        &E::currency);
  t.add(money("capex_per_kw", "Capital cost of power, per kW"), &E::capex_per_kw);
  t.add(money("capex_per_kwh", "Capital cost of energy, per kWh"), &E::capex_per_kwh);
  t.add(money("fixed_om_per_kw_yr", "Fixed O&M, per kW-year"), &E::fixed_om_per_kw_year);
  t.add(money("variable_om_per_mwh", "Variable O&M, per MWh out"), &E::variable_om_per_mwh);
  t.add(money("replacement_per_kwh",
              "Energy-part cost at replacement/augmentation, per kWh (default: capex)"),
        &E::replacement_per_kwh);
  t.add(money("charge_price_per_mwh", "Charging energy, per MWh"), &E::charge_price_per_mwh);
  t.add({.name = "discount_rate_pct",
         .help = "Real discount rate, %/year (default 7)",
         .unit = FieldUnit::kPercent,
         .min = 0,
         .max = 50,
         .group = g},
        &E::discount_rate_pct);
  t.add({.name = "lifetime_years",
         .help = "Project life, years (default 20)",
         .kind = FieldKind::kInteger,
         .min = 1,
         .max = 100,
         .group = g},
        &E::lifetime_years);
  t.add({.name = "end_of_life",
         .help = "At end of life: replace (default), augment or none",
         .kind = FieldKind::kChoice,
         .choices = {"replace", "augment", "none"},
         .group = g},
        &E::end_of_life);
  return t;
}

FieldTable<AgingSpec> make_aging_fields() {
  using A = AgingSpec;
  FieldTable<A> t;
  t.add({.name = "aging",
         .help = "Battery aging model: xu2018 (Xu et al. 2018) or table:FILE.csv "
                 "(dod_pct,cycles,capacity_pct); reports wear and end of life",
         .kind = FieldKind::kText,
         .group = "Aging"},
        &A::aging);
  t.add({.name = "temperature_c",
         .help = "Battery temperature, deg C",
         .min = -40,
         .max = 80,
         .group = "Aging"},
        &A::temperature_c);
  t.add({.name = "eol_pct",
         .help = "End of life: capacity left, % of nameplate",
         .unit = FieldUnit::kPercent,
         .min = 1,
         .max = 99,
         .group = "Aging"},
        &A::eol_pct);
  t.include(EconomicsSpec::fields(), &A::economics);
  return t;
}

}  // namespace

const FieldTable<EconomicsSpec>& EconomicsSpec::fields() {
  static const FieldTable<EconomicsSpec> table = make_economics_fields();
  return table;
}

const FieldTable<AgingSpec>& AgingSpec::fields() {
  static const FieldTable<AgingSpec> table = make_aging_fields();
  return table;
}

void read_economics_table(const std::string& path, EconomicsSpec& spec) {
  const TomlReader rd(path);
  const toml::table* t = rd.table(rd.root(), "economics");
  if (t == nullptr) return;
  EconomicsSpec file;
  apply_toml(EconomicsSpec::fields(), file, *t, rd);
  EconomicsSpec::fields().fill_unset(spec, file);
}

WearReport assess_wear(const AgingSpec& o, const AgingModel& model, const Wear& wear,
                       double power_mw, double energy_mwh, const Throughput& flows) {
  WearReport r;
  r.model = model.name;
  r.power_mw = power_mw;
  r.energy_mwh = energy_mwh;
  r.wear = wear;
  EconomicsSpec e = o.economics;
  if (!e.economics.empty()) read_economics_table(e.economics, e);
  const int lifetime = e.lifetime_years.value_or(20);
  r.projection = project(model, wear, o.eol_pct / 100, std::max(50, lifetime));
  r.lifetime_years = lifetime;
  r.end_of_life = parse_end_of_life(e.end_of_life.value_or("replace"));
  if (e.given() && wear.duration_s > 0) {
    const double per_year = 365.25 * 86400 / wear.duration_s;
    EconomicInputs in;
    in.currency = e.currency.value_or("USD");
    in.power_mw = power_mw;
    in.energy_mwh = energy_mwh;
    in.capex_per_kw = e.capex_per_kw.value_or(0);
    in.capex_per_kwh = e.capex_per_kwh.value_or(0);
    in.fixed_om_per_kw_year = e.fixed_om_per_kw_year.value_or(0);
    in.variable_om_per_mwh = e.variable_om_per_mwh.value_or(0);
    in.replacement_per_kwh = e.replacement_per_kwh.value_or(in.capex_per_kwh);
    in.charge_price_per_mwh = e.charge_price_per_mwh.value_or(0);
    in.discount_rate = e.discount_rate_pct.value_or(7) / 100;
    in.lifetime_years = lifetime;
    in.end_of_life = parse_end_of_life(e.end_of_life.value_or("replace"));
    in.eol_capacity = o.eol_pct / 100;
    in.discharged_mwh_per_year = flows.discharged_mwh * per_year;
    in.charged_mwh_per_year = flows.charged_mwh * per_year;
    in.new_energy_mwh_per_year = flows.new_energy_mwh * per_year;
    in.revenue_per_year = flows.revenue * per_year;
    r.economics = evaluate(in, r.projection.capacity);
  }
  return r;
}

WearReport assess_wear(const AgingSpec& o, std::span<const double> soc, double dt_s,
                       double power_mw, double energy_mwh, const Throughput& flows) {
  const AgingModel model = parse_model(o.aging);
  return assess_wear(o, model, wear_of(model, soc, dt_s, o.temperature_c), power_mw, energy_mwh,
                     flows);
}

namespace {

double per_year(const Wear& w, double x) {
  return w.duration_s > 0 ? x * 365.25 * 86400 / w.duration_s : 0;
}

std::string eol_text(const Projection& p) {
  return p.end_of_life_years < 0 ? fmt::format("beyond {} years", p.capacity.size())
                                 : fmt::format("{:.1f} years", p.end_of_life_years);
}

}  // namespace

namespace {

nlohmann::ordered_json or_null(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

}  // namespace

nlohmann::ordered_json wear_json(const WearReport& r) {
  const Wear& w = r.wear;
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (int k = 0; k < kDepthBins; ++k) {
    bins.push_back({{"depth_pct_from", 10 * k},
                    {"depth_pct_to", 10 * (k + 1)},
                    {"cycles", w.cycles_by_depth[k]}});
  }
  nlohmann::ordered_json j = {
      {"model", r.model},
      {"duration_h", w.duration_s / 3600},
      {"equivalent_full_cycles", w.equivalent_full_cycles},
      {"equivalent_full_cycles_per_year", per_year(w, w.equivalent_full_cycles)},
      {"rainflow_full_cycles", w.full_cycles},
      {"rainflow_half_cycles", w.half_cycles},
      {"cycles_by_depth", bins},
      {"mean_soc_frac", w.mean_soc},
      {"mean_temperature_c", w.mean_temp_c},
      {"fade_year1_pct", 100 * r.projection.fade_year1},
      {"end_of_life_capacity_pct", 100 * r.projection.eol_capacity},
      {"end_of_life_years", r.projection.end_of_life_years < 0
                                ? nlohmann::ordered_json(nullptr)
                                : nlohmann::ordered_json(r.projection.end_of_life_years)},
      {"capacity_pct_by_year", nlohmann::ordered_json::array()},
      {"scaled_up", aging::scaled_up(w)},
      // How a short trace was scaled up; null when it was not.
      {"note", aging::scaled_up(w) ? nlohmann::ordered_json(aging::scaling_note(w))
                                   : nlohmann::ordered_json(nullptr)}};
  for (double c : r.projection.capacity) j["capacity_pct_by_year"].push_back(100 * c);
  if (r.economics) {
    const EconomicResult& e = *r.economics;
    j["economics"] = {{"currency", e.currency},
                      {"capex", e.capex},
                      {"pv_cost", e.pv_cost},
                      {"pv_revenue", e.pv_revenue},
                      {"npv", e.npv},
                      {"lcos_per_mwh", or_null(e.lcos_per_mwh)},
                      {"cost_per_new_mwh", or_null(e.cost_per_new_mwh)},
                      {"replacements", e.replacements},
                      {"years", nlohmann::ordered_json::array()}};
    for (const CashFlowYear& f : e.years) {
      j["economics"]["years"].push_back({{"year", f.year},
                                         {"capacity_end_pct", 100 * f.capacity_end},
                                         {"discharged_mwh", f.discharged_mwh},
                                         {"cost", f.cost},
                                         {"revenue", f.revenue},
                                         {"replaced", f.replaced}});
    }
  }
  return j;
}

std::string wear_text(const WearReport& r) {
  const Wear& w = r.wear;
  std::string s = fmt::format(
      "battery wear ({}): {} equivalent full cycles/yr, fade {} %/yr in year 1, "
      "end of life ({} %) in {}\n",
      r.model, report::number(per_year(w, w.equivalent_full_cycles), 1),
      report::number(100 * r.projection.fade_year1, 2),
      report::number(100 * r.projection.eol_capacity), eol_text(r.projection));
  if (aging::scaled_up(w)) s += "  note: " + aging::scaling_note(w) + "\n";
  s += "  cycles by depth over the trace (%):";
  for (int k = 0; k < kDepthBins; ++k) {
    if (w.cycles_by_depth[k] > 0) {
      s += fmt::format(" {}-{}: {}", 10 * k, 10 * (k + 1), report::number(w.cycles_by_depth[k], 1));
    }
  }
  s += "\n";
  if (r.economics) {
    const EconomicResult& e = *r.economics;
    s += fmt::format("  economics ({}): capex {}, PV cost {}, NPV {}, LCOS {} /MWh", e.currency,
                     report::number(e.capex), report::number(e.pv_cost), report::number(e.npv),
                     e.lcos_per_mwh ? report::number(*e.lcos_per_mwh, 1) : std::string("-"));
    if (e.cost_per_new_mwh) {
      s += fmt::format(", {} per MWh of new energy", report::number(*e.cost_per_new_mwh, 1));
    }
    s += fmt::format(", {} replacement(s)\n", e.replacements);
  }
  return s;
}

std::vector<std::pair<double, double>> capacity_over_life(const WearReport& r) {
  const std::vector<double>& cap = r.projection.capacity;
  const auto cap_at = [&cap](int age) {
    if (age <= 0 || cap.empty()) return 1.0;
    return cap[std::min<std::size_t>(age, cap.size()) - 1];
  };
  std::vector<std::pair<double, double>> points{{0.0, 1.0}};
  int age = 0;
  for (int y = 1; y <= r.lifetime_years; ++y) {
    if (r.end_of_life == EndOfLife::kAugment) {
      points.emplace_back(y, 1.0);
      continue;
    }
    ++age;
    points.emplace_back(y, cap_at(age));
    // As the economics: replaced at the end of the year it reaches end of life, unless the
    // project ends then.
    if (r.end_of_life == EndOfLife::kReplace && cap_at(age) <= r.projection.eol_capacity &&
        y < r.lifetime_years) {
      points.emplace_back(y, 1.0);
      age = 0;
    }
  }
  return points;
}

void add_wear_section(report::HtmlReport& html, const WearReport& r, const std::string& key) {
  using report::Cell;
  using report::number;
  const auto bound = [&key](std::string text, const std::string& at) {
    return Cell{.text = std::move(text), .key = key.empty() ? "" : key + at};
  };
  const Wear& w = r.wear;
  html.add_heading("Battery wear (" + r.model + ")");
  if (aging::scaled_up(w)) html.add_paragraph("Note: " + aging::scaling_note(w) + ".");
  std::vector<std::vector<Cell>> rows = {
      {{.text = "equivalent full cycles per year"},
       bound(number(per_year(w, w.equivalent_full_cycles), 1), "/equivalent_full_cycles_per_year")},
      {{.text = "capacity fade in year 1 (%)"},
       bound(number(100 * r.projection.fade_year1, 2), "/fade_year1_pct")},
      {{.text = fmt::format("end of life ({} % of nameplate), years",
                            number(100 * r.projection.eol_capacity))},
       r.projection.end_of_life_years < 0
           ? Cell{.text = eol_text(r.projection)}
           : bound(number(r.projection.end_of_life_years, 1), "/end_of_life_years")},
  };
  html.add_cells({"quantity", "value"}, std::move(rows));

  report::Chart hist{.id = "rainflow" + std::to_string(html.chart_count() + 1),
                     .title = "Rainflow cycles by depth over the trace",
                     .x_label = "cycle depth (% of nameplate, bins of 10 %)",
                     .y_label = "cycles",
                     .series = {{.label = "cycles", .color = "#1f77b4", .bars = true}}};
  std::vector<std::vector<Cell>> depth_rows;
  for (int k = 0; k < kDepthBins; ++k) {
    hist.x.push_back(10.0 * k + 5);
    hist.series[0].y.push_back(w.cycles_by_depth[k]);
    depth_rows.push_back(
        {{.text = fmt::format("{}-{}", 10 * k, 10 * (k + 1))},
         bound(number(w.cycles_by_depth[k], 1), fmt::format("/cycles_by_depth/{}/cycles", k))});
  }
  html.add_chart(std::move(hist));
  html.add_cells({"cycle depth %", "cycles"}, std::move(depth_rows));

  report::Chart life{.id = "capacity-life" + std::to_string(html.chart_count() + 1),
                     .title = fmt::format("Capacity over the {}-year life ({} at end of life)",
                                          r.lifetime_years, to_string(r.end_of_life)),
                     .x_label = "year",
                     .y_label = "capacity (% of nameplate)",
                     .series = {{.label = "capacity of the battery in service"},
                                {.label = "end of life", .dashed = true}}};
  for (const auto& [year, capacity] : capacity_over_life(r)) {
    life.x.push_back(year);
    life.series[0].y.push_back(100 * capacity);
    life.series[1].y.push_back(100 * r.projection.eol_capacity);
  }
  html.add_chart(std::move(life));
  if (r.economics) {
    const EconomicResult& e = *r.economics;
    const std::string at = "/economics/";
    html.add_heading("Economics (" + e.currency + ")");
    html.add_cells(
        {"quantity", "value"},
        {{{.text = "capex"}, bound(number(e.capex), at + "capex")},
         {{.text = "present value of costs"}, bound(number(e.pv_cost), at + "pv_cost")},
         {{.text = "present value of revenue"}, bound(number(e.pv_revenue), at + "pv_revenue")},
         {{.text = "net present value"}, bound(number(e.npv), at + "npv")},
         {{.text = "levelised cost of storage per MWh"},
          e.lcos_per_mwh ? bound(number(*e.lcos_per_mwh, 1), at + "lcos_per_mwh")
                         : Cell{.text = "- (nothing discharged)"}},
         {{.text = "replacements"}, bound(std::to_string(e.replacements), at + "replacements")}});
    // Each row is the JSON's economics/years/k.
    std::vector<std::vector<Cell>> cf;
    for (std::size_t k = 0; k < e.years.size(); ++k) {
      const CashFlowYear& f = e.years[k];
      const std::string year = fmt::format("{}years/{}/", at, k);
      cf.push_back({bound(std::to_string(f.year), year + "year"),
                    bound(number(100 * f.capacity_end, 1), year + "capacity_end_pct"),
                    bound(number(f.discharged_mwh), year + "discharged_mwh"),
                    bound(number(f.cost), year + "cost"),
                    bound(number(f.revenue), year + "revenue"),
                    {.text = f.replaced ? "yes" : ""}});
    }
    html.add_cells({"year", "capacity at year end %", "MWh out (at the year's mean capacity)",
                    "cost", "revenue", "replaced at year end"},
                   std::move(cf));
  }
}

}  // namespace ballast::aging
