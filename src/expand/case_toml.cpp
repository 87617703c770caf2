// Reading an expansion case from TOML, with file:line:column on every error.

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/toml_reader.h"
#include "ballast/expand/case.h"

namespace ballast::expand {
namespace {

namespace fs = std::filesystem;
constexpr double kBig = 1e9;

// Keeps `count` periods of the system from `first` (every per-period series with them).
void keep_periods(dispatch::Scenario& s, std::size_t first, std::size_t count) {
  const std::size_t n = s.periods();
  const auto cut = [&](std::vector<double>& v) {
    if (v.size() != n) return;
    v = std::vector<double>(v.begin() + static_cast<std::ptrdiff_t>(first),
                            v.begin() + static_cast<std::ptrdiff_t>(first + count));
  };
  for (auto& g : s.generators) {
    cut(g.cost_per_mwh);
    cut(g.availability);
  }
  for (auto& r : s.renewables) cut(r.available_mw);
  for (auto& l : s.new_loads) cut(l.mw);
  s.demand.start_s += static_cast<std::int64_t>(first) * s.demand.step_s;
  cut(s.demand.values);
}

class Reader {
 public:
  explicit Reader(const std::string& path) : rd_(path) {}

  ExpansionCase read() {
    const toml::table& doc = rd_.root();
    rd_.check_keys(doc,
                   {"name", "system", "years", "step_h", "thermal_cap_mw", "discount_rate",
                    "fuel_price_per_mmbtu", "new_load", "storage", "generator", "renewable"},
                   "the expansion case");
    ExpansionCase c;
    c.name = rd_.text(doc, "name").value_or(fs::path(rd_.path()).stem().string());
    const std::optional<std::string> system = rd_.text(doc, "system");
    if (!system) fail(&doc, "the case needs 'system' (today's system: a dispatch scenario TOML)");
    c.system = dispatch::load_scenario(rd_.resolve(*system));
    read_years(doc, c.system);
    if (doc.get("thermal_cap_mw") != nullptr) {
      c.system.thermal_cap_mw = rd_.number(doc, "thermal_cap_mw", 0, kBig, 0);
    }
    grid_ = c.system.demand;
    c.discount_rate = rd_.number(doc, "discount_rate", 0, 0.99, 0.07);
    if (doc.get("step_h") != nullptr) {
      c.step_h = rd_.number(doc, "step_h", 1.0 / 60, 24, 1);
      const double steps = *c.step_h * 3600 / static_cast<double>(c.system.demand.step_s);
      if (std::abs(steps - std::round(steps)) > 1e-9) {
        fail(doc.get("step_h"), fmt::format("'step_h' must be a whole multiple of the system's "
                                            "{} s step",
                                            c.system.demand.step_s));
      }
    }
    if (doc.get("fuel_price_per_mmbtu") != nullptr) {
      c.fuel_price_per_mmbtu = rd_.number(doc, "fuel_price_per_mmbtu", 0, 1e4, 0);
    }
    if (const toml::table* t = rd_.table(doc, "new_load")) c.load = read_load(*t);
    rd_.for_each_table(doc, "storage", [&](const toml::table& t, const std::string& where) {
      c.storage.push_back(read_storage(t, where));
    });
    rd_.for_each_table(doc, "generator", [&](const toml::table& t, const std::string& where) {
      c.generators.push_back(read_generator(t, where));
    });
    rd_.for_each_table(doc, "renewable", [&](const toml::table& t, const std::string& where) {
      c.renewables.push_back(read_renewable(t, where));
    });
    try {
      validate(c);
    } catch (const InputError& e) {
      throw InputError(e.reason(), {rd_.path()});
    }
    return c;
  }

 private:
  [[noreturn]] void fail(const toml::node* n, const std::string& what) const { rd_.fail(n, what); }

  // years = [first, last]: keep those local calendar years of the system's span.
  void read_years(const toml::table& doc, dispatch::Scenario& s) const {
    const toml::node* n = doc.get("years");
    if (n == nullptr) return;
    const toml::array* arr = n->as_array();
    const auto year = [&](std::size_t i) -> int {
      const std::optional<std::int64_t> y = arr->get(i)->value<std::int64_t>();
      if (!y || *y < 1900 || *y > 2200) fail(arr->get(i), "each year must be a whole year");
      return static_cast<int>(*y);
    };
    if (arr == nullptr || arr->size() != 2) {
      fail(n, "'years' must be [first, last], e.g. [2016, 2024]");
    }
    const int first = year(0), last = year(1);
    if (last < first) fail(n, "'years': the last year comes before the first");
    const std::int64_t from = s.calendar.year_start_s(first);
    const std::int64_t to = s.calendar.year_start_s(last + 1);
    const std::int64_t step = s.demand.step_s;
    // The part of those years the demand covers (a record in UTC may stop a few hours short of
    // the local year's end).
    const std::int64_t n_periods = static_cast<std::int64_t>(s.periods());
    const std::int64_t begin =
        std::clamp<std::int64_t>((from - s.demand.start_s + step - 1) / step, 0, n_periods);
    const std::int64_t end = std::clamp<std::int64_t>((to - s.demand.start_s) / step, 0, n_periods);
    if (begin >= end) {
      fail(n, fmt::format("'years': the system's demand has no period in {} to {}", first, last));
    }
    keep_periods(s, static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
  }

  // A per-period profile on the system's grid: { file, column, fill, time_label }.
  std::vector<double> profile(const toml::table& t, const std::string& where,
                              const TimeSeries& grid) const {
    rd_.check_keys(t, {"file", "column", "fill", "time_label", "scale", "capacity_mw"}, where);
    const std::optional<std::string> file = rd_.text(t, "file");
    if (!file) fail(&t, where + " needs 'file' (a CSV file)");
    CsvReadOptions o;
    o.column = rd_.text(t, "column").value_or("");
    o.fill = rd_.choice(t, "fill", "none", {"none", "linear"}) == "linear" ? FillMode::kLinear
                                                                           : FillMode::kNone;
    o.label = rd_.choice(t, "time_label", "start", {"start", "end"}) == "end" ? TimeLabel::kEnd
                                                                              : TimeLabel::kStart;
    const TimeSeries s = read_time_series_csv(rd_.resolve(*file), o).series;
    try {
      return dispatch::on_grid(s, grid);
    } catch (const InputError& e) {
      fail(t.get("file"),
           fmt::format("{}: {} (the profile has {} values every {} s; the system "
                       "has {} every {} s)",
                       where, e.reason(), s.size(), s.step_s, grid.size(), grid.step_s));
    }
  }

  Costs costs(const toml::table& t, const std::string& where, const char* capex,
              const char* fixed) const {
    Costs c;
    c.capex_per_kw = rd_.required(t, capex, 0, 1e6, where);
    c.fixed_om_per_kw_year = rd_.number(t, fixed, 0, 1e6, 0);
    c.lifetime_years = rd_.required(t, "lifetime_years", 1, 100, where);
    return c;
  }

  void size_bounds(const toml::table& t, const char* lo_key, const char* hi_key, double& lo,
                   double& hi) const {
    lo = rd_.number(t, lo_key, 0, kBig, 0);
    hi = rd_.number(t, hi_key, 0, kBig, kBig);
    if (hi < lo) fail(t.get(hi_key), fmt::format("'{}' is below '{}'", hi_key, lo_key));
  }

  StorageCandidate read_storage(const toml::table& t, const std::string& where) const {
    rd_.check_keys(
        t,
        {"name", "capex_per_kw", "capex_per_kwh", "fixed_om_per_kw_year", "fixed_om_per_kwh_year",
         "lifetime_years", "variable_cost_per_mwh", "round_trip_efficiency", "charge_efficiency",
         "discharge_efficiency", "soc_min", "soc_max", "standing_loss_per_h", "min_power_mw",
         "max_power_mw", "min_energy_mwh", "max_energy_mwh", "min_duration_h", "max_duration_h"},
        where);
    StorageCandidate s;
    s.name = rd_.text(t, "name").value_or(where);
    s.power = costs(t, where, "capex_per_kw", "fixed_om_per_kw_year");
    s.energy = costs(t, where, "capex_per_kwh", "fixed_om_per_kwh_year");
    s.variable_cost_per_mwh = rd_.number(t, "variable_cost_per_mwh", 0, 1e6, 0);
    // 85 %: a lithium-ion battery at its terminals (NREL ATB 2023), as every ballast storage.
    const double rte = rd_.number(t, "round_trip_efficiency", 0.01, 1, 0.85);
    s.charge_efficiency = rd_.number(t, "charge_efficiency", 0.01, 1, std::sqrt(rte));
    s.discharge_efficiency = rd_.number(t, "discharge_efficiency", 0.01, 1, std::sqrt(rte));
    s.soc_min = rd_.number(t, "soc_min", 0, 1, 0);
    s.soc_max = rd_.number(t, "soc_max", 0, 1, 1);
    if (s.soc_max <= s.soc_min) fail(t.get("soc_max"), where + ": soc_max must exceed soc_min");
    s.standing_loss_per_h = rd_.number(t, "standing_loss_per_h", 0, 0.99, 0);
    size_bounds(t, "min_power_mw", "max_power_mw", s.min_power_mw, s.max_power_mw);
    size_bounds(t, "min_energy_mwh", "max_energy_mwh", s.min_energy_mwh, s.max_energy_mwh);
    if (t.get("min_duration_h")) s.min_duration_h = rd_.number(t, "min_duration_h", 0, 1e4, 0);
    if (t.get("max_duration_h")) s.max_duration_h = rd_.number(t, "max_duration_h", 0, 1e4, 0);
    if (s.min_duration_h && s.max_duration_h && *s.max_duration_h < *s.min_duration_h) {
      fail(t.get("max_duration_h"), "'max_duration_h' is below 'min_duration_h'");
    }
    return s;
  }

  GeneratorCandidate read_generator(const toml::table& t, const std::string& where) const {
    rd_.check_keys(t,
                   {"name", "kind", "capex_per_kw", "fixed_om_per_kw_year", "lifetime_years",
                    "variable_cost_per_mwh", "heat_rate_mmbtu_per_mwh", "vom_per_mwh",
                    "availability", "ramp_pct_per_min", "min_mw", "max_mw"},
                   where);
    GeneratorCandidate g;
    g.name = rd_.text(t, "name").value_or(where);
    g.kind = rd_.text(t, "kind").value_or("thermal");
    g.costs = costs(t, where, "capex_per_kw", "fixed_om_per_kw_year");
    const bool heat = t.get("heat_rate_mmbtu_per_mwh") != nullptr;
    if (heat == (t.get("variable_cost_per_mwh") != nullptr)) {
      fail(&t, where +
                   " needs either 'variable_cost_per_mwh' or 'heat_rate_mmbtu_per_mwh' "
                   "(with the case's fuel_price_per_mmbtu)");
    }
    if (heat) {
      g.heat_rate_mmbtu_per_mwh = rd_.number(t, "heat_rate_mmbtu_per_mwh", 1, 30, 7);
      g.vom_per_mwh = rd_.number(t, "vom_per_mwh", 0, 1e4, 0);
    } else {
      g.variable_cost_per_mwh = rd_.number(t, "variable_cost_per_mwh", 0, 1e6, 0);
    }
    if (const toml::table* a = t["availability"].as_table()) {
      g.availability = profile(*a, where + " availability", grid_);
    } else {
      g.availability = {rd_.number(t, "availability", 0, 1, 1)};
    }
    if (t.get("ramp_pct_per_min"))
      g.ramp_pct_per_min = rd_.number(t, "ramp_pct_per_min", 0.001, 100, 100);
    size_bounds(t, "min_mw", "max_mw", g.min_mw, g.max_mw);
    return g;
  }

  RenewableCandidate read_renewable(const toml::table& t, const std::string& where) const {
    rd_.check_keys(t,
                   {"name", "capex_per_kw", "fixed_om_per_kw_year", "lifetime_years", "profile",
                    "curtailable", "min_mw", "max_mw"},
                   where);
    RenewableCandidate r;
    r.name = rd_.text(t, "name").value_or(where);
    r.costs = costs(t, where, "capex_per_kw", "fixed_om_per_kw_year");
    const toml::table* p = t["profile"].as_table();
    if (p == nullptr) {
      fail(t.get("profile") ? t.get("profile") : &t,
           where + " needs 'profile = { file = \"...\", column = \"...\", scale = \"peak\" }'");
    }
    r.profile = profile(*p, where + " profile", grid_);
    // Per unit of the built capacity: values already per unit, or MW over an installed
    // capacity, or MW over the profile's own peak (a new plant shaped like the observed fleet).
    if (p->get("capacity_mw") != nullptr) {
      const double cap = rd_.number(*p, "capacity_mw", 1e-6, kBig, 1);
      for (double& v : r.profile) v /= cap;
    } else {
      const std::string scale = rd_.choice(*p, "scale", "per_unit", {"per_unit", "peak"});
      if (scale == "peak") {
        const double peak = *std::max_element(r.profile.begin(), r.profile.end());
        if (peak <= 0) fail(p, where + ": the profile is never above zero");
        for (double& v : r.profile) v /= peak;
      }
    }
    for (double& v : r.profile) v = std::max(0.0, v);  // tiny negative readings at night
    r.curtailable = rd_.flag(t, "curtailable", true);
    size_bounds(t, "min_mw", "max_mw", r.min_mw, r.max_mw);
    return r;
  }

  NewLoad read_load(const toml::table& t) const {
    rd_.check_keys(t, {"name", "mw", "curtailment_allowance", "value_per_mwh"}, "[new_load]");
    NewLoad l;
    l.name = rd_.text(t, "name").value_or("new load");
    const toml::node* mw = t.get("mw");
    if (mw == nullptr) fail(&t, "[new_load] needs 'mw' (a number or a profile table)");
    if (const toml::table* p = mw->as_table()) {
      l.mw = profile(*p, "[new_load] mw", grid_);
    } else {
      l.mw.assign(grid_.size(), rd_.number(t, "mw", 0, kBig, 0));
    }
    l.curtailment_allowance = rd_.number(t, "curtailment_allowance", 0, 1, 0);
    if (t.get("value_per_mwh")) l.value_per_mwh = rd_.number(t, "value_per_mwh", 0, 1e6, 0);
    return l;
  }

  TomlReader rd_;
  TimeSeries grid_;  // the system's time grid, set once the system is read
};

}  // namespace

ExpansionCase load_case(const std::string& path) {
  Reader r(path);
  return r.read();
}

}  // namespace ballast::expand
