// Reading a dispatch scenario from TOML, with file:line:column on every error.

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <set>

#include "ballast/core/calendar.h"
#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/time_zone.h"
#include "ballast/core/toml_reader.h"
#include "ballast/dispatch/scenario.h"
#include "ballast/storage/spec.h"

namespace ballast::dispatch {
namespace {

namespace fs = std::filesystem;

class Reader {
 public:
  explicit Reader(const std::string& path) : rd_(path) {}

  CsvSeries read_csv(const toml::table& t, const std::string& file_key, const std::string& where,
                     const std::string& default_column, double max_abs = limits::kPowerMw) const {
    const std::optional<std::string> file = text(t, file_key.c_str());
    if (!file) fail(&t, fmt::format("{} needs '{}' (a CSV file)", where, file_key));
    CsvReadOptions o;
    o.column = text(t, "column").value_or(default_column);
    const std::string fill = text(t, "fill").value_or("none");
    if (fill != "none" && fill != "linear") fail(t.get("fill"), "'fill' must be none or linear");
    o.fill = fill == "linear" ? FillMode::kLinear : FillMode::kNone;
    const std::string label = text(t, "time_label").value_or("start");
    if (label != "start" && label != "end") {
      fail(t.get("time_label"), "'time_label' must be start or end");
    }
    o.label = label == "end" ? TimeLabel::kEnd : TimeLabel::kStart;
    o.max_abs = max_abs;
    o.zone = zone_;  // every file of the scenario on the grid's clock
    return read_time_series_csv(rd_.resolve(*file), o);
  }

  // A profile aligned to the demand's grid: same step, covering the demand's span.
  std::vector<double> profile(const toml::table& t, const std::string& file_key,
                              const std::string& where, const TimeSeries& demand,
                              double max_abs = limits::kPowerMw) const {
    const TimeSeries s = read_csv(t, file_key, where, "", max_abs).series;
    const toml::node* at = t.get(file_key);
    if (s.step_s != demand.step_s) {
      fail(at, fmt::format("{}: the profile's step is {} s but the demand's is {} s", where,
                           s.step_s, demand.step_s));
    }
    try {
      return on_grid(s, demand);
    } catch (const InputError& e) {
      fail(at, fmt::format("{}: {}", where, e.reason()));
    }
  }

  // A number in [lo, hi] or a CSV profile of such numbers (|x| <= hi).
  std::vector<double> number_or_profile(const toml::table& t, const char* key,
                                        const std::string& where, const TimeSeries& demand,
                                        double lo, double hi) const {
    const toml::node* n = t.get(key);
    if (n == nullptr) fail(&t, fmt::format("{} needs '{}'", where, key));
    if (n->is_number()) return {rd_.number(t, key, lo, hi, 0)};
    if (const toml::table* sub = n->as_table()) {
      check_keys(*sub, {"file", "column", "fill", "time_label"}, where + " " + key);
      return profile(*sub, "file", where, demand, hi);
    }
    fail(n, fmt::format("{}: '{}' must be a number or a table {{ file = \"...\", column = "
                        "\"...\" }}",
                        where, key));
  }

  Scenario read() {
    const toml::table& doc = rd_.root();
    check_keys(doc,
               {"name", "currency", "value_of_lost_load_per_mwh", "reserve_margin",
                "thermal_cap_mw", "grid", "generator", "renewable", "storage", "new_load",
                "economics"},  // [economics]: read by --aging (docs/aging.md)
               "the scenario");
    Scenario s;
    s.name = text(doc, "name").value_or(fs::path(rd_.path()).stem().string());
    s.currency = text(doc, "currency").value_or("USD");
    s.value_of_lost_load_per_mwh =
        number_in(doc, "value_of_lost_load_per_mwh", 0, limits::kPricePerMwh, 10000);
    s.reserve_margin = number(doc, "reserve_margin", 0, 10);
    s.thermal_cap_mw = number(doc, "thermal_cap_mw", 0, limits::kPowerMw);
    read_grid(doc, s);
    rd_.for_each_table(doc, "generator", [&](const toml::table& t, const std::string& where) {
      s.generators.push_back(read_generator(t, where, s.demand));
    });
    rd_.for_each_table(doc, "renewable", [&](const toml::table& t, const std::string& where) {
      s.renewables.push_back(read_renewable(t, where, s.demand));
    });
    rd_.for_each_table(doc, "storage", [&](const toml::table& t, const std::string& where) {
      s.storage.push_back(read_storage(t, where));
    });
    rd_.for_each_table(doc, "new_load", [&](const toml::table& t, const std::string& where) {
      s.new_loads.push_back(read_new_load(t, where, s.demand));
    });
    try {
      validate(s);
    } catch (const InputError& e) {
      throw InputError(e.reason(), {rd_.path()});
    }
    return s;
  }

 private:
  [[noreturn]] void fail(const toml::node* node, const std::string& what) const {
    rd_.fail(node, what);
  }
  void check_keys(const toml::table& t, const std::set<std::string>& known,
                  const std::string& where) const {
    rd_.check_keys(t, known, where);
  }
  std::optional<double> number(const toml::table& t, const char* key, double lo, double hi) const {
    return rd_.optional_number(t, key, lo, hi);
  }
  double required_number(const toml::table& t, const char* key, const std::string& where, double lo,
                         double hi) const {
    return rd_.required(t, key, lo, hi, where);
  }
  double number_in(const toml::table& t, const char* key, double lo, double hi,
                   double fallback) const {
    return rd_.number(t, key, lo, hi, fallback);
  }
  std::optional<std::string> text(const toml::table& t, const char* key) const {
    return rd_.text(t, key);
  }
  bool flag(const toml::table& t, const char* key, bool fallback) const {
    return rd_.flag(t, key, fallback);
  }

  void read_grid(const toml::table& doc, Scenario& s) {
    const toml::table* g = doc["grid"].as_table();
    if (g == nullptr) fail(&doc, "the scenario needs a [grid] table with 'demand' (a CSV file)");
    check_keys(*g, {"demand", "column", "utc_offset_h", "timezone", "fill", "time_label", "year"},
               "[grid]");
    // The local clock: an IANA zone (its daylight saving kept) or a fixed offset, not both.
    if (const std::optional<std::string> name = text(*g, "timezone")) {
      if (g->get("utc_offset_h") != nullptr) {
        fail(g->get("utc_offset_h"),
             "give either 'timezone' or 'utc_offset_h' in [grid], not both");
      }
      try {
        zone_ = TimeZone::named(*name);
      } catch (const InputError& e) {
        fail(g->get("timezone"), e.reason());
      }
    }
    const CsvSeries csv = read_csv(*g, "demand", "[grid]", "");
    s.demand = csv.series;
    if (s.demand.step_s < 60) {
      fail(g->get("demand"), "dispatch needs a time step from 1 min to 1 h");
    }
    const std::optional<double> offset = number(*g, "utc_offset_h", -14, 14);
    s.calendar = zone_ ? Calendar(*zone_)
                       : Calendar(offset ? static_cast<int>(std::lround(*offset * 60))
                                         : csv.utc_offset_min.value_or(0));
    if (g->get("year") != nullptr) {
      const auto year = static_cast<int>(rd_.integer(*g, "year", 1000, 9999, 0));
      try {
        s.demand = select_year(s.demand, s.calendar, year);
      } catch (const InputError& e) {
        fail(g->get("year"), e.reason());
      }
    }
  }

  Generator read_generator(const toml::table& t, const std::string& where,
                           const TimeSeries& demand) const {
    check_keys(
        t,
        {"name", "kind", "capacity_mw", "min_stable_mw", "ramp_mw_per_min", "ramp_up_mw_per_min",
         "ramp_down_mw_per_min", "cost_per_mwh", "must_run", "thermal", "availability"},
        where);
    Generator g;
    g.name = text(t, "name").value_or(where);
    g.kind = text(t, "kind").value_or("thermal");
    g.capacity_mw = required_number(t, "capacity_mw", where, 0, limits::kPowerMw);
    g.min_stable_mw = number(t, "min_stable_mw", 0, limits::kPowerMw).value_or(0);
    const std::optional<double> ramp = number(t, "ramp_mw_per_min", 0, limits::kPowerMw);
    g.ramp_up_mw_per_min = number(t, "ramp_up_mw_per_min", 0, limits::kPowerMw);
    g.ramp_down_mw_per_min = number(t, "ramp_down_mw_per_min", 0, limits::kPowerMw);
    if (ramp) {
      if (!g.ramp_up_mw_per_min) g.ramp_up_mw_per_min = ramp;
      if (!g.ramp_down_mw_per_min) g.ramp_down_mw_per_min = ramp;
    }
    g.cost_per_mwh = number_or_profile(t, "cost_per_mwh", where, demand, -limits::kPricePerMwh,
                                       limits::kPricePerMwh);
    g.must_run = flag(t, "must_run", false);
    g.thermal = flag(t, "thermal", true);
    if (const toml::table* a = t["availability"].as_table()) {
      check_keys(*a, {"file", "column", "fill", "time_label"}, where + " availability");
      g.availability = profile(*a, "file", where + " availability", demand, 1);
    } else if (t.get("availability") != nullptr) {
      fail(t.get("availability"),
           "'availability' must be a table { file = \"...\", column = "
           "\"...\" } of per-unit values");
    }
    return g;
  }

  Renewable read_renewable(const toml::table& t, const std::string& where,
                           const TimeSeries& demand) const {
    check_keys(
        t,
        {"name", "profile", "column", "fill", "time_label", "unit", "capacity_mw", "curtailable"},
        where);
    Renewable r;
    r.name = text(t, "name").value_or(where);
    r.available_mw = profile(t, "profile", where, demand);
    const std::string unit = text(t, "unit").value_or("mw");
    const std::optional<double> cap = number(t, "capacity_mw", 0, limits::kPowerMw);
    if (unit == "per_unit") {
      if (!cap) fail(&t, where + " (unit = per_unit) needs 'capacity_mw'");
      for (double& v : r.available_mw) v *= *cap;
    } else if (unit != "mw") {
      fail(t.get("unit"), "'unit' must be mw (absolute) or per_unit (times capacity_mw)");
    }
    r.curtailable = flag(t, "curtailable", true);
    return r;
  }

  // Power, energy, efficiencies, SOC window, standing loss and initial_soc are the keys every
  // scenario's storage shares (StorageTable: one set of names, defaults and bounds); the rest
  // are dispatch's own.
  StorageUnit read_storage(const toml::table& t, const std::string& where) const {
    static const std::set<std::string> kOwn = {"name", "kind", "final_soc_min", "wear_cost_per_mwh",
                                               "cycle_cost_per_mwh"};
    const FieldTable<StorageTable>& fields = StorageTable::fields();
    for (const auto& [key, node] : t) {
      const std::string name(key.str());
      if (kOwn.count(name) || fields.find(name) != nullptr) continue;
      std::vector<std::string> known(kOwn.begin(), kOwn.end());
      for (const auto& f : fields.fields()) known.push_back(f.info.name);
      fail(&node, fmt::format("unknown key {} in {}; {}", quote_input(name), where,
                              nearest_and_known(name, known)));
    }
    StorageTable table;
    apply_toml(fields, table, t, rd_, kOwn);
    StorageUnit u;
    u.name = text(t, "name").value_or(where);
    u.kind = text(t, "kind").value_or("battery");
    try {
      u.params = storage_params(table);
    } catch (const InputError& e) {
      fail(&t, where + ": " + e.reason());
    }
    u.initial_soc = table.initial_soc;  // none: cyclic
    u.wear_cost_per_mwh = number_in(t, "wear_cost_per_mwh", 0, limits::kPricePerMwh, 0);
    if (const toml::node* n = t.get("cycle_cost_per_mwh")) {  // docs/aging.md
      const toml::array* arr = n->as_array();
      if (arr == nullptr || arr->empty() || arr->size() > 100) {
        fail(n, where + ": 'cycle_cost_per_mwh' must be a list of 1 to 100 costs per MWh");
      }
      for (const toml::node& x : *arr) {
        const std::optional<double> v = x.is_number() ? x.value<double>() : std::nullopt;
        if (!v) fail(&x, where + ": each cycle_cost_per_mwh must be a number >= 0");
        check_range(*v, 0, limits::kPricePerMwh, rd_.location(&x), "cycle_cost_per_mwh");
        u.cycle_cost_per_mwh.push_back(*v);
      }
    }
    if (number(t, "final_soc_min", 0, 1)) u.final_soc_min = number_in(t, "final_soc_min", 0, 1, 0);
    return u;
  }

  NewLoad read_new_load(const toml::table& t, const std::string& where,
                        const TimeSeries& demand) const {
    check_keys(t, {"name", "mw", "curtailment_allowance"}, where);
    NewLoad n;
    n.name = text(t, "name").value_or(where);
    n.mw = number_or_profile(t, "mw", where, demand, 0, limits::kPowerMw);
    if (n.mw.size() == 1) n.mw.assign(demand.size(), n.mw[0]);
    n.curtailment_allowance = number_in(t, "curtailment_allowance", 0, 1, 0);
    return n;
  }

  TomlReader rd_;
  std::optional<TimeZone> zone_;  // [grid] timezone: the clock of timestamps without an offset
};

}  // namespace

Scenario load_scenario(const std::string& path) { return Reader(path).read(); }

std::vector<double> on_grid(const TimeSeries& profile, const TimeSeries& grid) {
  const std::int64_t offset = (grid.start_s - profile.start_s) / profile.step_s;
  if (profile.step_s != grid.step_s || (grid.start_s - profile.start_s) % profile.step_s != 0 ||
      offset < 0 ||
      offset + static_cast<std::int64_t>(grid.size()) > static_cast<std::int64_t>(profile.size())) {
    throw InputError("the profile does not cover the demand's span on the same time grid");
  }
  const auto first = profile.values.begin() + offset;
  return {first, first + static_cast<std::ptrdiff_t>(grid.size())};
}

void validate(const Scenario& s) {
  const std::size_t n = s.periods();
  if (n == 0) throw InputError("the demand series is empty");
  const auto check = [](bool ok, const std::string& what) {
    if (!ok) throw InputError(what);
  };
  for (const Generator& g : s.generators) {
    check(g.capacity_mw >= 0, fmt::format("generator '{}': capacity_mw must be >= 0", g.name));
    check(g.min_stable_mw >= 0 && g.min_stable_mw <= g.capacity_mw,
          fmt::format("generator '{}': min_stable_mw must be in [0, capacity_mw]", g.name));
    check(g.cost_per_mwh.size() == 1 || g.cost_per_mwh.size() == n,
          fmt::format("generator '{}': one cost or one per period", g.name));
    check(g.availability.empty() || g.availability.size() == n,
          fmt::format("generator '{}': availability needs one value per period", g.name));
    for (double a : g.availability) {
      check(a >= 0 && a <= 1,
            fmt::format("generator '{}': availability must be in [0, 1] (got {})", g.name, a));
    }
    for (const auto& r : {g.ramp_up_mw_per_min, g.ramp_down_mw_per_min}) {
      check(!r || *r >= 0, fmt::format("generator '{}': ramp limits must be >= 0", g.name));
    }
  }
  for (const Renewable& r : s.renewables) {
    check(r.available_mw.size() == n,
          fmt::format("renewable '{}': needs one value per period", r.name));
  }
  for (const StorageUnit& u : s.storage) {
    u.params.validate();
  }
  for (const NewLoad& l : s.new_loads) {
    check(l.mw.size() == n, fmt::format("new load '{}': needs one value per period", l.name));
  }
  check(!s.reserve_margin || (*s.reserve_margin >= 0 && *s.reserve_margin < 10),
        "reserve_margin must be a fraction of demand, e.g. 0.1");
}

}  // namespace ballast::dispatch
