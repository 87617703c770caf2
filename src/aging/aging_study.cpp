#include "ballast/aging/aging_study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/field_builders.h"
#include "ballast/report/schema.h"
#include "ballast/storage/storage.h"

namespace ballast::aging {
namespace {

FieldTable<AgingRequest> make_fields() {
  using R = AgingRequest;
  FieldTable<R> t;
  t.add({.name = "soc",
         .help = "SOC trace CSV (timestamp, then soc_frac or soc: a fraction)",
         .kind = FieldKind::kText,
         .path = true},
        &R::soc);
  t.add({.name = "power",
         .help = "Power trace CSV (timestamp, power_mw: + discharge)",
         .kind = FieldKind::kText,
         .path = true},
        &R::power);
  t.add({.name = "column",
         .help = "Value column (default soc_frac, else soc; or power_mw)",
         .kind = FieldKind::kText},
        &R::column);
  t.add({.name = "temperature_trace",
         .help = "Temperature trace CSV (timestamp, temperature_c), one row per sample",
         .kind = FieldKind::kText,
         .path = true,
         .old_names = {"temperature"}},
        &R::temperature);
  t.add({.name = "power_mw",
         .help = "Battery power, MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::power_mw);
  t.add({.name = "energy_mwh",
         .help = "Battery energy, MWh",
         .unit = FieldUnit::kMwh,
         .min = 0,
         .min_exclusive = true},
        &R::energy_mwh);
  t.add(round_trip_efficiency_field(
            fmt::format("Round-trip efficiency (--power; default {} %)", 100 * kDefaultRoundTrip)),
        &R::efficiency);
  t.add(fraction_field("initial_soc", "Starting SOC (--power)"), &R::initial_soc);
  t.include(AgingSpec::fields(), &R::aging);
  return t;
}

// A trace at a fixed step, from a CSV or from memory.
struct Trace {
  SeriesValues values;  // a view of a borrowed series
  std::int64_t step_s = 0;
  std::string name;
};

// The core CSV reader: sorted, regular, no gaps or duplicates, signed values allowed (power
// charges below zero, temperatures fall below 0 C); every defect at file:line:column.
Trace read_trace(const std::string& path, const std::string& column, const std::string& flag,
                 double max_abs) {
  if (!std::filesystem::is_regular_file(path)) {
    throw InputError(fmt::format("cannot open the file; check the path given to {}", flag), {path});
  }
  CsvReadOptions o;
  o.column = column;
  o.allow_negative = true;
  o.max_abs = max_abs;  // the quantity's physical range, refused at its cell
  CsvSeries s = read_time_series_csv(path, o);
  return {std::move(s.series.values), s.series.step_s, path};
}

Trace memory_trace(const InputSeries& s, const std::string& what) {
  if (s.step_s <= 0) {
    throw InputError(
        fmt::format("the {} series has a step of {} s; give a step > 0", what, s.step_s));
  }
  if (s.values.size() < 2) {
    throw InputError(
        fmt::format("the {} series has {} value(s); give at least two", what, s.values.size()));
  }
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    if (!std::isfinite(s.values[i])) {
      throw InputError(fmt::format("the {} series' value {} is not finite", what, i));
    }
  }
  return {s.values, s.step_s,
          s.name.empty() ? what + " series in memory" : s.name + " (in memory)"};
}

// The SOC column when --column is not given: "soc_frac", the name ballast's own per-step CSVs
// give it (`market run --out`), when the header has that column, else "soc".
std::string default_soc_column(const std::string& path) {
  std::ifstream in(path);
  std::string header;
  std::getline(in, header);
  std::string name;
  for (const char c : header + ',') {
    if (c == ',' || c == ';' || c == '\t') {
      if (name == "soc_frac") return name;
      name.clear();
    } else if (c != '"' && c != ' ' && c != '\r') {
      name += c;
    }
  }
  return "soc";
}

Trace trace_of(const std::string& path, const std::optional<InputSeries>& series,
               const std::string& column, const std::string& flag, const std::string& what,
               double max_abs) {
  return series ? memory_trace(*series, what) : read_trace(path, column, flag, max_abs);
}

}  // namespace

AgingSpec aging_study_defaults() {
  AgingSpec a;
  a.aging = "xu2018";
  return a;
}

const FieldTable<AgingRequest>& AgingRequest::fields() {
  static const FieldTable<AgingRequest> table = make_fields();
  return table;
}

std::vector<double> soc_of_power(std::span<const double> power_mw, double dt_s,
                                 double battery_power_mw, double energy_mwh,
                                 double round_trip_efficiency, double initial_soc,
                                 Throughput& flows) {
  // The shared storage physics turns the power trace into SOC (+ discharge, - charge).
  const StorageParams p =
      StorageParams::with_round_trip(battery_power_mw, energy_mwh, round_trip_efficiency);
  p.validate();
  const StorageModel m(p, dt_s / 3600);
  StorageState st{initial_soc * energy_mwh};
  std::vector<double> soc;
  soc.reserve(power_mw.size() + 1);
  soc.push_back(initial_soc);
  for (double mw : power_mw) {
    m.step(st, mw);
    soc.push_back(st.energy_mwh / energy_mwh);
  }
  flows.discharged_mwh = st.discharged_mwh;
  flows.charged_mwh = st.charged_mwh;
  return soc;
}

AgingResult run(const AgingRequest& q, const Progress& progress) {
  const bool soc_given = !q.soc.empty() || q.soc_series.has_value();
  const bool power_given = !q.power.empty() || q.power_series.has_value();
  if (soc_given == power_given || (!q.soc.empty() && q.soc_series) ||
      (!q.power.empty() && q.power_series)) {
    throw InputError("give one of --soc FILE or --power FILE");
  }
  if (power_given && !(q.power_mw && q.energy_mwh)) {
    throw InputError("--power needs the battery: --power-mw and --energy-mwh");
  }
  const AgingModel model = parse_model(q.aging.aging);
  if (q.aging.economics.given() && !q.energy_mwh) {
    throw InputError("the economics need the battery's size: give --energy-mwh (and --power-mw)");
  }
  notify(progress, {"read the trace", 0, 0, ""});
  Trace trace =
      power_given
          ? trace_of(q.power, q.power_series, q.column.empty() ? "power_mw" : q.column, "--power",
                     "power", limits::kPowerMw)
          : trace_of(q.soc, q.soc_series, q.column.empty() ? default_soc_column(q.soc) : q.column,
                     "--soc", "SOC", 1);
  AgingResult r;
  r.trace = trace.name;
  r.step_s = trace.step_s;
  r.temperature_c = q.aging.temperature_c;
  const double power_mw = q.power_mw.value_or(0), energy_mwh = q.energy_mwh.value_or(0);
  const auto dt_s = static_cast<double>(trace.step_s);
  if (power_given) {
    r.soc = soc_of_power(trace.values.span(), dt_s, power_mw, energy_mwh, q.efficiency,
                         q.initial_soc, r.flows);
  } else {
    r.soc = std::move(trace.values);
    for (std::size_t i = 0; i < r.soc.size(); ++i) {
      if (!(r.soc[i] >= 0 && r.soc[i] <= 1)) {
        throw InputError(
            fmt::format("SOC {} at row {}: give SOC as a fraction in [0, 1]", r.soc[i], i + 1),
            {q.soc});
      }
    }
    // Throughput from the SOC travel at the terminals' side of the store.
    for (std::size_t i = 1; i < r.soc.size(); ++i) {
      const double d = (r.soc[i] - r.soc[i - 1]) * energy_mwh;
      (d > 0 ? r.flows.charged_mwh : r.flows.discharged_mwh) += std::abs(d);
    }
  }
  notify(progress, {"rainflow and fade", 0, 0, ""});
  Wear wear;
  if (q.temperature.empty() && !q.temperature_series) {
    wear = wear_of(model, r.soc.span(), dt_s, q.aging.temperature_c);
  } else {
    // A cell's temperature, C: beyond 200 C a number is a wrong unit or a typo.
    Trace t = trace_of(q.temperature, q.temperature_series, "temperature_c", "--temperature-trace",
                       "temperature", 200);
    r.temperature = t.name;
    if (t.step_s != trace.step_s) {
      throw InputError(fmt::format("the temperature's step is {} s and the trace's {} s: give "
                                   "one temperature per sample",
                                   t.step_s, trace.step_s),
                       {q.temperature});
    }
    // A power trace gives one more SOC than it has rows: the first temperature covers both.
    if (t.values.size() == r.soc.size() - 1 && power_given) {
      std::vector<double> both{t.values.front()};
      both.insert(both.end(), t.values.begin(), t.values.end());
      t.values = std::move(both);
    }
    if (t.values.size() != r.soc.size()) {
      throw InputError(fmt::format("{} temperatures for {} SOC samples: give one per sample",
                                   t.values.size(), r.soc.size()),
                       {q.temperature});
    }
    wear = wear_of(model, r.soc.span(), dt_s, t.values.span());
  }
  r.report = assess_wear(q.aging, model, wear, power_mw, energy_mwh, r.flows);
  return r;
}

nlohmann::ordered_json to_json(const AgingResult& r) {
  return report::with_schema("aging", {{"command", "aging"},
                                       {"trace", r.trace},
                                       {"samples", r.soc.size()},
                                       {"step_s", r.step_s},
                                       {"wear", wear_json(r.report)}});
}

std::string to_text(const AgingResult& r) {
  std::string s =
      fmt::format("trace: {}, {} samples of {} s ({:.1f} days), temperature {}\n", r.trace,
                  r.soc.size(), r.step_s, r.report.wear.duration_s / 86400,
                  r.temperature.empty() ? fmt::format("{} C", r.temperature_c) : r.temperature);
  s += wear_text(r.report);
  s += "  capacity % by year:";
  const std::vector<double>& capacity = r.report.projection.capacity;
  for (std::size_t y = 0; y < std::min<std::size_t>(20, capacity.size()); ++y) {
    s += fmt::format(" {:.1f}", 100 * capacity[y]);
  }
  return s + "\n";
}

report::HtmlReport to_html(const AgingResult& r) {
  report::HtmlReport html("ballast aging");
  html.add_paragraph(fmt::format("trace: {}, {} samples of {} s", r.trace, r.soc.size(), r.step_s));
  add_wear_section(html, r.report, "/wear");
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::aging
