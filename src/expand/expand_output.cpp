// The expansion study's renderers: text tables, JSON, the HTML report and the per-period CSV.

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

#include "ballast/aging/wear_report.h"
#include "ballast/core/atomic_file.h"
#include "ballast/core/number_format.h"
#include "ballast/expand/expand_study.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::expand {
namespace {

using report::number;

// Prices at the duration curve's deciles (highest first): 0 %, 10 %, ..., 100 % of periods.
std::vector<double> deciles(const std::vector<double>& prices) {
  const std::vector<double> curve = duration_curve(prices);
  std::vector<double> out;
  if (curve.empty()) return out;
  for (int k = 0; k <= 10; ++k) {
    const std::size_t i = std::min(curve.size() - 1, curve.size() * k / 10);
    out.push_back(curve[i]);
  }
  return out;
}

nlohmann::ordered_json cost_json(const CostSplit& c) {
  return {{"capital", c.capital},
          {"fixed_om", c.fixed_om},
          {"variable", c.variable},
          {"unserved", c.unserved},
          {"total", c.total()}};
}

nlohmann::ordered_json variant_json(const ExpandVariant& v) {
  const ExpansionResult& r = v.result;
  nlohmann::ordered_json j;
  j["variant"] = v.label;
  j["years"] = r.years;
  j["cost_per_year"] = cost_json(r.cost);
  j["today_cost_per_year"] = cost_json(r.today);
  j["new_load_mwh_per_year"] = r.new_load_mwh_per_year;
  j["new_load_unserved_mwh_per_year"] = r.new_load_unserved_mwh_per_year;
  j["cost_per_new_mwh"] = r.cost_per_new_mwh;
  j["build"] = nlohmann::ordered_json::array();
  for (const BuiltAsset& b : r.built) {
    nlohmann::ordered_json a{{"name", b.name}, {"type", b.type}, {"power_mw", b.power_mw}};
    if (b.type == "storage") a["energy_mwh"] = b.energy_mwh;
    a["capital_per_year"] = b.capital_per_year;
    a["fixed_om_per_year"] = b.fixed_om_per_year;
    a["variable_per_year"] = b.variable_per_year;
    a["energy_mwh_per_year"] = b.energy_mwh_per_year;
    a["capacity_factor_frac"] = b.capacity_factor;
    a["full_load_hours"] = b.full_load_hours;
    if (b.type == "storage") a["cycles_per_year"] = b.cycles_per_year;
    a["revenue_per_year"] = b.revenue_per_year;
    a["profit_per_year"] = b.profit_per_year;
    a["at_bound"] = b.at_bound;
    j["build"].push_back(a);
  }
  j["existing"] = nlohmann::ordered_json::array();
  for (const ExistingUse& e : r.existing) {
    j["existing"].push_back({{"name", e.name},
                             {"capacity_mw", e.capacity_mw},
                             {"energy_mwh_per_year", e.energy_mwh_per_year},
                             {"today_mwh_per_year", e.today_mwh_per_year},
                             {"capacity_factor_frac", e.capacity_factor},
                             {"today_capacity_factor_frac", e.today_capacity_factor}});
  }
  j["price_duration_deciles_per_mwh"] = deciles(r.price_per_mwh);
  j["lp"] = {{"variables", r.variables},
             {"rows", r.rows},
             {"build_s", r.build_s},
             {"solve_s", r.solve_s},
             {"baseline_s", r.baseline_s}};
  return j;
}

}  // namespace

nlohmann::ordered_json to_json(const ExpandStudyResult& r) {
  const ExpansionCase& c = r.expansion_case;
  nlohmann::ordered_json j;
  j["command"] = "expand";
  j["case"] = c.name;
  j["currency"] = c.system.currency;
  j["periods"] = c.system.periods();
  j["step_s"] = c.system.demand.step_s;
  j["discount_rate_frac"] = c.discount_rate;
  if (c.fuel_price_per_mmbtu) j["fuel_price_per_mmbtu"] = *c.fuel_price_per_mmbtu;
  j["variants"] = nlohmann::ordered_json::array();
  for (const ExpandVariant& v : r.variants) j["variants"].push_back(variant_json(v));
  if (!r.wear.empty()) {
    j["aging"] = nlohmann::ordered_json::array();
    for (const aging::WearReport& w : r.wear) j["aging"].push_back(aging::wear_json(w));
  }
  return report::with_schema("expand", std::move(j));
}

std::string to_text(const ExpandStudyResult& result) {
  const ExpansionCase& c = result.expansion_case;
  const std::string& cur = c.system.currency;
  std::string out = fmt::format(
      "case: {} — {} periods of {} s ({:.3g} years), discount rate {} %\n", c.name,
      c.system.periods(), c.system.demand.step_s, c.years(), number(c.discount_rate * 100, 1));
  for (const ExpandVariant& v : result.variants) {
    const ExpansionResult& r = v.result;
    out += fmt::format("\n== {} ==\n", v.label);
    report::Table b({"build", "type", "MW", "MWh", "capacity factor", "full-load h/yr", "cycles/yr",
                     "revenue/yr", "profit/yr"});
    for (const BuiltAsset& a : r.built) {
      b.add_row({a.name, a.type, number(a.power_mw),
                 a.type == "storage" ? number(a.energy_mwh) : "", number(a.capacity_factor, 3),
                 number(a.full_load_hours), a.type == "storage" ? number(a.cycles_per_year, 1) : "",
                 number(a.revenue_per_year), number(a.profit_per_year)});
    }
    out += b.render();
    report::Table k({"cost per year (" + cur + ")", "with new load", "today"});
    k.add_row({"capital", number(r.cost.capital), number(r.today.capital)});
    k.add_row({"fixed O&M", number(r.cost.fixed_om), number(r.today.fixed_om)});
    k.add_row({"variable", number(r.cost.variable), number(r.today.variable)});
    k.add_row({"unserved", number(r.cost.unserved), number(r.today.unserved)});
    k.add_row({"total", number(r.cost.total()), number(r.today.total())});
    out += '\n' + k.render();
    out += fmt::format(
        "new load served {} MWh/yr (not served {} MWh/yr); cost per MWh of new load "
        "{} {}\n",
        number(r.new_load_mwh_per_year), number(r.new_load_unserved_mwh_per_year),
        number(r.cost_per_new_mwh, 2), cur);
    const std::vector<double> d = deciles(r.price_per_mwh);
    if (!d.empty()) {
      out += fmt::format(
          "price duration ({}/MWh) at 0/10/50/90/100 % of periods: {} / {} / {} / "
          "{} / {}\n",
          cur, number(d[0], 2), number(d[1], 2), number(d[5], 2), number(d[9], 2),
          number(d[10], 2));
    }
    report::Table e({"existing", "MW", "capacity factor", "today", "MWh/yr more"});
    for (const ExistingUse& x : r.existing) {
      e.add_row({x.name, number(x.capacity_mw), number(x.capacity_factor, 3),
                 number(x.today_capacity_factor, 3),
                 number(x.energy_mwh_per_year - x.today_mwh_per_year)});
    }
    out += '\n' + e.render();
    out += fmt::format(
        "LP: {} variables, {} rows; build {:.2f} s, solve {:.2f} s (today's dispatch "
        "{:.2f} s)\n",
        r.variables, r.rows, r.build_s, r.solve_s, r.baseline_s);
  }
  for (const aging::WearReport& w : result.wear) {
    out += "\n" + aging::wear_text(w);
  }
  return out;
}

report::HtmlReport to_html(const ExpandStudyResult& result) {
  const ExpansionCase& c = result.expansion_case;
  report::HtmlReport h("Capacity expansion: " + c.name);
  for (const ExpandVariant& v : result.variants) {
    const ExpansionResult& r = v.result;
    h.add_heading(v.label);
    std::vector<std::vector<std::string>> rows;
    for (const BuiltAsset& a : r.built) {
      rows.push_back({a.name, a.type, number(a.power_mw),
                      a.type == "storage" ? number(a.energy_mwh) : "", number(a.capacity_factor, 3),
                      number(a.revenue_per_year), number(a.profit_per_year)});
    }
    h.add_table({"build", "type", "MW", "MWh", "capacity factor", "revenue/yr", "profit/yr"}, rows);
    h.add_paragraph(
        fmt::format("Total cost {} {} per year ({} today); cost per MWh of new load {}.",
                    number(r.cost.total()), c.system.currency, number(r.today.total()),
                    number(r.cost_per_new_mwh, 2)));
    report::Chart curve{.title = "Price duration curve (" + v.label + ")",
                        .x_label = "share of periods (%)",
                        .y_label = "price (" + c.system.currency + "/MWh)"};
    const std::vector<double> d = duration_curve(r.price_per_mwh);
    for (std::size_t i = 0; i < d.size(); ++i) {
      curve.x.push_back(100.0 * static_cast<double>(i) / static_cast<double>(d.size()));
    }
    curve.series.push_back({.label = "price", .y = d});
    h.add_chart(report::decimate(curve, 1000));
  }
  for (std::size_t i = 0; i < result.wear.size(); ++i) {
    h.add_heading("Wear: " + result.wear[i].model);
    aging::add_wear_section(h, result.wear[i]);
  }
  return h;
}

std::string to_csv(const ExpandStudyResult& result) {
  const ExpansionCase& c = result.expansion_case;
  const ExpansionResult& r = result.variants.front().result;
  std::string out = "time,demand_mw,new_load_served_mw,price_per_mwh,existing_thermal_mw";
  for (const BuiltAsset& a : r.built) {
    out += "," + a.name + (a.type == "storage" ? "_net_mw," + a.name + "_stored_mwh" : "_mw");
  }
  out += '\n';
  for (std::size_t t = 0; t < c.system.periods(); ++t) {
    out += c.system.calendar.format(c.system.demand.time_s(t));
    for (double x :
         {c.system.demand.values[t], r.new_load_served_mw.empty() ? 0.0 : r.new_load_served_mw[t],
          r.price_per_mwh[t], r.dispatch.thermal_mw[t]}) {
      out += ',';
      append_number(out, clean_zero(x, 1e-9));
    }
    for (const BuiltAsset& a : r.built) {
      out += ',';
      append_number(out, clean_zero(a.output_mw[t], 1e-9));
      if (a.type == "storage") {
        out += ',';
        append_number(out, clean_zero(a.stored_mwh[t], 1e-9));
      }
    }
    out += '\n';
  }
  return out;
}

std::string write_csv(const ExpandStudyResult& result, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string path = (std::filesystem::path(dir) / "expand.csv").string();
  write_file_atomically(path, to_csv(result));
  return path;
}

}  // namespace ballast::expand
