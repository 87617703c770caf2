#include "ballast/plan/plan_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <limits>
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

std::string chart_zone(const Grid& grid) { return report::chart_zone(grid.calendar.zone()); }

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

// The mean of `values` for each local month (rows) and local hour of day (columns).
report::Heatmap month_hour(const Grid& grid, const std::vector<double>& values, std::string id,
                           std::string title, std::string unit, std::string group,
                           std::string choice) {
  static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<std::vector<double>> sum(12, std::vector<double>(24, 0.0));
  std::vector<std::vector<double>> count(12, std::vector<double>(24, 0.0));
  for (std::size_t t = 0; t < values.size(); ++t) {
    const std::int64_t local = grid.calendar.local_s(grid.load.time_s(t));
    const CivilDate date = civil_from_days(floor_days(local));
    const auto hour = static_cast<std::size_t>((local - floor_days(local) * 86400) / 3600);
    sum[date.month - 1][hour] += values[t];
    count[date.month - 1][hour] += 1;
  }
  report::Heatmap h{.id = std::move(id),
                    .title = std::move(title),
                    .row_label = "month",
                    .column_label = "hour (" + grid.calendar.zone().name() + ")",
                    .unit = std::move(unit),
                    .group = std::move(group),
                    .choice = std::move(choice)};
  for (int m = 0; m < 12; ++m) {
    if (std::all_of(count[m].begin(), count[m].end(), [](double c) { return c == 0; })) continue;
    h.rows.push_back(kMonths[m]);
    std::vector<double>& row = h.z.emplace_back();
    for (int k = 0; k < 24; ++k) {
      row.push_back(count[m][k] > 0 ? sum[m][k] / count[m][k]
                                    : std::numeric_limits<double>::quiet_NaN());
    }
  }
  for (int k = 0; k < 24; ++k) h.columns.push_back(fmt::format("{:02}", k));
  return h;
}

}  // namespace

HtmlReport headroom_report(const Grid& grid, const std::string& source,
                           const std::vector<HeadroomRow>& rows,
                           const std::optional<StorageOption>& storage) {
  using report::Cell;
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
  std::vector<std::vector<Cell>> table;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HeadroomRow& row = rows[i];
    const std::string at = fmt::format("/results/{}/", i);
    const auto bound = [&at](std::string text, const char* key) {
      return Cell{.text = std::move(text), .key = at + key};
    };
    table.push_back(
        {bound(number(row.limit * 100, 2), "curtailment_limit_pct"),
         bound(number(row.headroom_mw), "headroom_mw"),
         bound(number(100 * row.headroom_mw / grid.peak_mw, 1), "headroom_pct_of_peak"),
         bound(number(row.stats.curtailed_hours_per_year, 1), "curtailed_hours_per_year"),
         bound(number(row.stats.mean_event_h, 1), "mean_event_h"),
         bound(number(100 * row.stats.winter_share), "winter_share_pct"),
         bound(number(row.stats.new_energy_twh_per_year, 1), "new_energy_twh_per_year"),
         bound(number(row.stats.energy_multiplier, 3), "energy_multiplier")});
  }
  r.add_heading("Headroom by curtailment limit");
  r.add_cells({"limit %", "headroom MW", "% of peak", "curtailed h/yr", "mean event h", "winter %",
               "new TWh/yr", "energy x"},
              std::move(table));
  if (rows.empty()) return r;

  r.add_heading("The record with the new load");
  r.add_paragraph(
      "Pick a curtailment limit: the charts and tables below show the record with that limit's "
      "headroom as the new load. Times are local; drag across a chart to zoom, double-click to "
      "zoom out.");
  const std::string zone = chart_zone(grid);
  const std::string group = "curtailment limit";
  const Calendar& cal = grid.calendar;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const HeadroomRow& row = rows[i];
    const double d = row.headroom_mw;
    const std::string choice = number(row.limit * 100, 2) + " %";
    const std::string suffix = fmt::format("-{}", i + 1);
    // What the power plants produce: today's load + the new load served + storage charging -
    // storage discharging. It stays under the threshold by construction.
    std::vector<double> fleet(grid.size());
    std::vector<double> curtailed;
    std::vector<double> energy;
    if (storage) {
      const SimulationResult sim = plan::simulate(grid, d, storage->params, storage->start, true);
      for (std::size_t t = 0; t < fleet.size(); ++t) {
        fleet[t] = grid.load.values[t] + d - sim.curtailed_mw[t] - sim.storage_mw[t];
      }
      curtailed = sim.curtailed_mw;
      energy = sim.energy_mwh;
    } else {
      curtailed = plan::curtailment_without_storage(grid, d);
      for (std::size_t t = 0; t < fleet.size(); ++t) {
        fleet[t] = grid.load.values[t] + d - curtailed[t];
      }
    }
    r.add_chart(
        decimate(Chart{.id = "fleet" + suffix,
                       .title = fmt::format("Power plant output with {} MW of new load ({} limit)",
                                            number(d), choice),
                       .x_label = "time",
                       .y_label = "power (MW)",
                       .x_is_time = true,
                       .time_zone = zone,
                       .x = times(grid),
                       .series = {{.label = "today's load", .y = grid.load.values.to_vector()},
                                  {.label = "fleet output with the new load", .y = fleet},
                                  {.label = "threshold", .y = grid.threshold_mw, .dashed = true}},
                       .group = group,
                       .choice = choice},
                 kBuckets));
    if (storage) {
      r.add_chart(decimate(Chart{.id = "storage" + suffix,
                                 .title = fmt::format("Storage energy ({} limit)", choice),
                                 .x_label = "time",
                                 .y_label = "stored energy (MWh)",
                                 .x_is_time = true,
                                 .time_zone = zone,
                                 .x = times(grid),
                                 .series = {{.label = "stored energy", .y = energy}},
                                 .group = group,
                                 .choice = choice},
                           kBuckets));
    }
    // Per local year that counts in the per-year figures: the new load's energy curtailed.
    const double dt_h = static_cast<double>(grid.load.step_s) / 3600;
    std::map<int, double> by_year;
    for (std::size_t t = 0; t < curtailed.size(); ++t) {
      if (t < grid.counted.size() && !grid.counted[t]) continue;
      by_year[cal.date(grid.load.time_s(t)).year] += curtailed[t] * dt_h / 1000;
    }
    Chart years{.id = "years" + suffix,
                .title = fmt::format("New load curtailed each counted year ({} limit)", choice),
                .x_label = "year",
                .y_label = "curtailed energy (GWh)",
                .series = {{.label = "curtailed", .color = "#d62728", .bars = true}},
                .group = group,
                .choice = choice};
    for (const auto& [year, gwh] : by_year) {
      years.x.push_back(year);
      years.series[0].y.push_back(gwh);
    }
    r.add_chart(std::move(years));
    r.add_heatmap(month_hour(grid, curtailed, "curtailment" + suffix,
                             fmt::format("Mean curtailment of the new load by month and local "
                                         "hour ({} limit)",
                                         choice),
                             "MW", group, choice));
    if (storage && storage->params.energy_mwh > 0) {
      std::vector<double> soc(energy.size());
      for (std::size_t t = 0; t < soc.size(); ++t) {
        soc[t] = 100 * energy[t] / storage->params.energy_mwh;
      }
      r.add_heatmap(month_hour(
          grid, soc, "soc" + suffix,
          fmt::format("Mean storage state of charge by month and local hour ({} limit)", choice),
          "% of energy capacity", group, choice));
    }
    Chart ldc = duration_curves({{"today's load", grid.load.values.to_vector()},
                                 {"fleet output with the new load", fleet},
                                 {"threshold", grid.threshold_mw}});
    ldc.id = "duration" + suffix;
    ldc.group = group;
    ldc.choice = choice;
    r.add_chart(std::move(ldc));
  }

  Chart curve{.id = "headroom-curve",
              .title = "Headroom against the curtailment limit",
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
                         const StorageParams& unit, SocStart start, const SizingResult& result,
                         double curtailment_limit) {
  using report::Cell;
  HtmlReport r("ballast size");
  r.add_paragraph(summary(grid, source));
  const auto bound = [](std::string text, const char* key) {
    return Cell{.text = std::move(text), .key = key};
  };
  r.add_heading(new_load_mw > 0
                    ? fmt::format("Storage for {} MW of new constant load", number(new_load_mw))
                    : "Storage to keep today's load under the limit");
  std::vector<std::vector<Cell>> rows;
  if (new_load_mw > 0) {
    rows.push_back(
        {{.text = "new constant load (MW)"}, bound(number(new_load_mw), "/new_load_mw")});
    rows.push_back({{.text = "curtailment allowed (% of the new load's energy)"},
                    bound(number(100 * curtailment_limit, 2), "/curtailment_limit_pct")});
  }
  rows.push_back(
      {{.text = "smallest storage energy (MWh)"}, bound(number(result.energy_mwh), "/energy_mwh")});
  rows.push_back(
      {{.text = "usable energy (MWh)"}, bound(number(result.usable_mwh), "/usable_mwh")});
  rows.push_back(
      {{.text = "discharge power needed (MW)"}, bound(number(result.power_mw), "/power_mw")});
  rows.push_back({{.text = "days drawing on storage"},
                  bound(std::to_string(result.days_with_drawdown), "/days_with_drawdown")});
  rows.push_back({{.text = "energy delivered (MWh/yr)"},
                  bound(number(result.discharged_mwh_per_year), "/discharged_mwh_per_year")});
  r.add_cells({"quantity", "value"}, std::move(rows));
  Grid sized = grid;  // run the greedy against the limit the sizing used
  sized.capacity_mw = capacity_mw;
  StorageParams p = unit;
  p.energy_mwh = result.energy_mwh * (1 + 1e-9);
  const SimulationResult sim = plan::simulate(sized, new_load_mw, p, start, true);
  std::vector<double> demand = grid.load.values.to_vector();
  for (double& v : demand) v += new_load_mw;
  r.add_chart(decimate(
      Chart{.title = new_load_mw > 0 ? fmt::format("Load with the {} MW new load against "
                                                   "the limit",
                                                   number(new_load_mw))
                                     : "Load against the limit",
            .x_label = "time",
            .y_label = "power (MW)",
            .x_is_time = true,
            .time_zone = chart_zone(grid),
            .x = times(grid),
            .series = {{.label = new_load_mw > 0 ? fmt::format("today's load + {} MW new load",
                                                               number(new_load_mw))
                                                 : "load",
                        .y = demand},
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
  std::vector<std::vector<report::Cell>> table;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const SweepCell& cell = cells[i];
    const std::string at = fmt::format("/sweep/{}/", i);
    const auto bound = [&at](std::string text, const char* key) {
      return report::Cell{.text = std::move(text), .key = at + key};
    };
    if (c.x.empty() || cell.power_mw > c.x.back()) c.x.push_back(cell.power_mw);
    Series& s = by_hours[cell.hours];
    s.label = fmt::format("{} h", cell.hours);
    s.y.push_back(cell.headroom_mw);
    table.push_back({bound(number(cell.power_mw), "power_mw"),
                     bound(fmt::format("{}", cell.hours), "duration_h"),
                     bound(number(cell.energy_mwh), "energy_mwh"),
                     bound(number(cell.headroom_mw), "headroom_mw"),
                     bound(number(cell.energy_multiplier, 3), "energy_multiplier")});
  }
  for (auto& [h, s] : by_hours) c.series.push_back(std::move(s));
  r.add_chart(c);
  r.add_cells({"power MW", "hours", "energy MWh", "headroom MW", "energy x"}, std::move(table));
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
  // Each row is the JSON's /points/k.
  std::vector<std::vector<report::Cell>> table;
  for (std::size_t k = 0; k < curve.points.size(); ++k) {
    const SteadyPoint& p = curve.points[k];
    c.x.push_back(p.storage_hours);
    m.y.push_back(p.energy_multiplier);
    ceiling.y.push_back(curve.ceiling);
    const std::string at = fmt::format("/points/{}/", k);
    const auto bound = [&at](std::string text, const char* key) {
      return report::Cell{.text = std::move(text), .key = at + key};
    };
    table.push_back({bound(number(p.storage_hours, 1), "storage_mean_load_h"),
                     bound(number(p.storage_mwh), "storage_mwh"),
                     bound(number(p.headroom_mw), "headroom_mw"),
                     bound(number(p.energy_multiplier, 3), "energy_multiplier")});
  }
  c.series = {m, ceiling};
  r.add_chart(c);
  r.add_cells({"storage h", "storage MWh", "new load MW", "energy x"}, std::move(table));
  return r;
}

}  // namespace ballast::plan
