#include "ballast/plan/plan_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>

#include "ballast/plan/curtailment.h"
#include "ballast/plan/simulate.h"
#include "ballast/report/html.h"
#include "ballast/report/table.h"

namespace ballast::plan {

using report::Chart;
using report::HtmlReport;
using report::number;
using report::Series;
namespace {

constexpr std::size_t kBuckets = 2500;  // a long record is drawn from its per-bucket min/max

std::vector<double> times(const Grid& grid) {
  std::vector<double> x(grid.size());
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = static_cast<double>(grid.load.time_s(i));
  return x;
}

std::string summary(const Grid& g, const std::string& source) {
  std::string s = fmt::format(
      "Load: {} — {} steps of {} s ({:.2f} years, times in {}); peak {} MW, mean {} MW, load "
      "factor {:.3f}. Threshold: {}.",
      source, g.size(), g.load.step_s, g.years, g.calendar.zone().name(), number(g.peak_mw),
      number(g.mean_mw), g.load_factor(), g.threshold_label);
  for (const std::string& n : g.notes) s += " Note: " + n + ".";
  return s;
}

// The zone the time axes show: an IANA name for the browser; a whole-hour fixed offset as
// Etc/GMT-N (POSIX sign: Etc/GMT+6 is UTC-6); other fixed offsets stay UTC.
std::string chart_zone(const Grid& grid) {
  const TimeZone& z = grid.calendar.zone();
  if (!z.is_fixed()) return z.name();
  const int off = z.standard_offset_min();
  if (off == 0 || off % 60 != 0) return "";
  return fmt::format("Etc/GMT{}{}", off < 0 ? '+' : '-', std::abs(off) / 60);
}

// Sorted descending and sampled at ~2000 points, x in % of time.
Chart duration_curves(const std::vector<std::pair<std::string, std::vector<double>>>& lines) {
  Chart c{.title = "Load duration curve", .x_label = "share of time (%)", .y_label = "power (MW)"};
  const std::size_t n = lines.front().second.size();
  const std::size_t points = std::min<std::size_t>(n, 2000);
  for (std::size_t k = 0; k < points; ++k) {
    c.x.push_back(100.0 * static_cast<double>(k) /
                  static_cast<double>(std::max<std::size_t>(1, points - 1)));
  }
  for (const auto& [label, values] : lines) {
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    Series s{.label = label};
    for (std::size_t k = 0; k < points; ++k) {
      s.y.push_back(sorted[k * (n - 1) / std::max<std::size_t>(1, points - 1)]);
    }
    c.series.push_back(std::move(s));
  }
  return c;
}

}  // namespace

HtmlReport headroom_report(const Grid& grid, const std::string& source,
                           const std::vector<HeadroomRow>& rows,
                           const std::optional<StorageOption>& storage) {
  HtmlReport r("ballast headroom");
  r.add_paragraph(summary(grid, source));
  if (storage) {
    const StorageParams& p = storage->params;
    r.add_paragraph(fmt::format(
        "Storage: {} MW / {} MWh, round-trip efficiency {:.1f} %, start "
        "{}.",
        number(p.discharge_power_mw), number(p.energy_mwh), 100 * p.round_trip_efficiency(),
        storage->start == SocStart::kCyclic ? "cyclic" : "fixed"));
  }
  std::vector<std::vector<std::string>> table;
  for (const HeadroomRow& row : rows) {
    table.push_back({number(row.limit * 100, 2), number(row.headroom_mw),
                     number(100 * row.headroom_mw / grid.peak_mw, 1),
                     number(row.stats.curtailed_hours_per_year, 1),
                     number(row.stats.mean_event_h, 1), number(100 * row.stats.winter_share),
                     number(row.stats.new_energy_twh_per_year, 1),
                     number(row.stats.energy_multiplier, 3)});
  }
  r.add_heading("Headroom by curtailment limit");
  r.add_table({"limit %", "headroom MW", "% of peak", "curtailed h/yr", "mean event h", "winter %",
               "new TWh/yr", "energy x"},
              table);
  if (rows.empty()) return r;

  const HeadroomRow& shown = rows.back();
  const double d = shown.headroom_mw;
  // What the power plants produce: today's load + the new load served + storage charging -
  // storage discharging. It stays under the threshold by construction.
  std::vector<double> fleet(grid.size());
  std::vector<double> energy;
  if (storage) {
    const SimulationResult sim = plan::simulate(grid, d, storage->params, storage->start, true);
    for (std::size_t i = 0; i < fleet.size(); ++i) {
      fleet[i] = grid.load.values[i] + d - sim.curtailed_mw[i] - sim.storage_mw[i];
    }
    energy = sim.energy_mwh;
  } else {
    const std::vector<double> curtailed = plan::curtailment_without_storage(grid, d);
    for (std::size_t i = 0; i < fleet.size(); ++i) {
      fleet[i] = grid.load.values[i] + d - curtailed[i];
    }
  }

  r.add_heading(fmt::format("The record with {} MW of new load ({} % limit)", number(d),
                            number(shown.limit * 100, 2)));
  r.add_chart(
      decimate(Chart{.title = "Power plant output before and after the new load",
                     .x_label = "time",
                     .y_label = "power (MW)",
                     .x_is_time = true,
                     .time_zone = chart_zone(grid),
                     .x = times(grid),
                     .series = {{.label = "today's load", .y = grid.load.values.to_vector()},
                                {.label = "fleet output with the new load", .y = fleet},
                                {.label = "threshold", .y = grid.threshold_mw, .dashed = true}}},
               kBuckets));
  if (storage) {
    r.add_chart(decimate(Chart{.title = "Storage energy",
                               .x_label = "time",
                               .y_label = "stored energy (MWh)",
                               .x_is_time = true,
                               .time_zone = chart_zone(grid),
                               .x = times(grid),
                               .series = {{.label = "stored energy", .y = energy}}},
                         kBuckets));
  }
  r.add_chart(duration_curves({{"today's load", grid.load.values.to_vector()},
                               {"fleet output with the new load", fleet},
                               {"threshold", grid.threshold_mw}}));

  Chart curve{.title = "Headroom against the curtailment limit",
              .x_label = "curtailment limit (% of the new load's energy)",
              .y_label = "new constant load (MW)"};
  Series without{.label = "without storage"};
  Series with{.label = "with storage"};
  for (int k = 0; k <= 40; ++k) {
    const double limit = k * 0.25 / 100;
    curve.x.push_back(limit * 100);
    without.y.push_back(plan::headroom_without_storage(grid, limit));
    if (storage) with.y.push_back(plan::headroom(grid, limit, storage));
  }
  curve.series.push_back(without);
  if (storage) curve.series.push_back(with);
  r.add_chart(curve);
  return r;
}

HtmlReport sizing_report(const Grid& grid, const std::string& source,
                         const std::vector<double>& capacity_mw, double new_load_mw,
                         const StorageParams& unit, SocStart start, const SizingResult& result) {
  HtmlReport r("ballast size");
  r.add_paragraph(summary(grid, source));
  r.add_table(
      {"energy MWh", "usable MWh", "power MW", "days drawing on storage", "discharged MWh/yr"},
      {{number(result.energy_mwh), number(result.usable_mwh), number(result.power_mw),
        std::to_string(result.days_with_drawdown), number(result.discharged_mwh_per_year)}});
  Grid sized = grid;  // run the greedy against the limit the sizing used
  sized.capacity_mw = capacity_mw;
  StorageParams p = unit;
  p.energy_mwh = result.energy_mwh * (1 + 1e-9);
  const SimulationResult sim = plan::simulate(sized, new_load_mw, p, start, true);
  std::vector<double> demand = grid.load.values.to_vector();
  for (double& v : demand) v += new_load_mw;
  r.add_chart(decimate(Chart{.title = "Load against the limit",
                             .x_label = "time",
                             .y_label = "power (MW)",
                             .x_is_time = true,
                             .time_zone = chart_zone(grid),
                             .x = times(grid),
                             .series = {{.label = "load", .y = demand},
                                        {.label = "limit", .y = capacity_mw, .dashed = true}}},
                       kBuckets));
  r.add_chart(decimate(Chart{.title = "Storage energy at the smallest size",
                             .x_label = "time",
                             .y_label = "stored energy (MWh)",
                             .x_is_time = true,
                             .time_zone = chart_zone(grid),
                             .x = times(grid),
                             .series = {{.label = "stored energy", .y = sim.energy_mwh}}},
                       kBuckets));
  return r;
}

HtmlReport sweep_report(const Grid& grid, const std::string& source,
                        const std::vector<SweepCell>& cells) {
  HtmlReport r("ballast size: storage sweep");
  r.add_paragraph(summary(grid, source));
  std::map<double, Series> by_hours;
  Chart c{.title = "Zero-curtailment headroom against storage power",
          .x_label = "storage power (MW)",
          .y_label = "new constant load (MW)"};
  std::vector<std::vector<std::string>> table;
  for (const SweepCell& cell : cells) {
    if (c.x.empty() || cell.power_mw > c.x.back()) c.x.push_back(cell.power_mw);
    Series& s = by_hours[cell.hours];
    s.label = fmt::format("{} h", cell.hours);
    s.y.push_back(cell.headroom_mw);
    table.push_back({number(cell.power_mw), fmt::format("{}", cell.hours), number(cell.energy_mwh),
                     number(cell.headroom_mw), number(cell.energy_multiplier, 3)});
  }
  for (auto& [h, s] : by_hours) c.series.push_back(std::move(s));
  r.add_chart(c);
  r.add_table({"power MW", "hours", "energy MWh", "headroom MW", "energy x"}, table);
  return r;
}

HtmlReport steady_report(const Grid& grid, const std::string& source, const SteadyCurve& curve) {
  HtmlReport r("ballast steady");
  r.add_paragraph(summary(grid, source));
  r.add_paragraph(
      fmt::format("Ceiling: {:.3f}x today's energy (the fleet at its limit every "
                  "hour).",
                  curve.ceiling));
  Chart c{.title = "Energy the fleet delivers against storage size",
          .x_label = "storage (hours of today's mean load)",
          .y_label = "energy multiplier (x today's)"};
  Series m{.label = "energy multiplier"};
  Series ceiling{.label = "ceiling", .dashed = true};
  std::vector<std::vector<std::string>> table;
  for (const SteadyPoint& p : curve.points) {
    c.x.push_back(p.storage_hours);
    m.y.push_back(p.energy_multiplier);
    ceiling.y.push_back(curve.ceiling);
    table.push_back({number(p.storage_hours, 1), number(p.storage_mwh), number(p.headroom_mw),
                     number(p.energy_multiplier, 3)});
  }
  c.series = {m, ceiling};
  r.add_chart(c);
  r.add_table({"storage h", "storage MWh", "new load MW", "energy x"}, table);
  return r;
}

}  // namespace ballast::plan
