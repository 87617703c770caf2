#include "ballast/market/market_report.h"

#include <fmt/format.h>

#include <limits>

#include "ballast/core/error.h"
#include "ballast/core/time_zone.h"
#include "ballast/core/timestamp.h"
#include "ballast/report/html.h"
#include "ballast/report/table.h"

namespace ballast::market {

nlohmann::ordered_json to_json(const MarketResult& r) {
  const MarketConfig& c = r.config;
  using J = nlohmann::ordered_json;
  J j;
  j["product"] = taipower::to_string(c.product);
  j["controller"] = to_string(c.controller);
  j["bid_mw"] = c.bid_mw;
  j["battery"] = {{"power_mw", c.storage.discharge_power_mw},
                  {"energy_mwh", c.storage.energy_mwh},
                  {"round_trip_efficiency_frac", c.storage.round_trip_efficiency()},
                  {"soc_min_frac", c.storage.soc_min},
                  {"soc_max_frac", c.storage.soc_max},
                  {"initial_soc_frac", c.initial_soc},
                  {"inverter_lag_ms", 1000 * c.inverter_lag_s},
                  {"line_loss_frac", c.line_loss}};
  j["start"] = c.calendar.format(c.start_s);
  j["seconds"] = r.seconds;
  j["min_execution_rate_pct"] = r.min_execution_rate_pct;
  j["hours_below_95_pct"] = r.hours_below_pass;
  j["capacity_ntd"] = r.capacity_ntd;
  j["performance_ntd"] = r.performance_ntd;
  j["payment_ntd"] = r.payment_ntd();
  j["energy_service_fee_ntd"] = r.energy_fee_ntd;
  j["energy_loss_fee_ntd"] = r.loss_fee_ntd;
  j["net_ntd"] = r.net_ntd();
  j["discharged_mwh"] = r.discharged_mwh;
  j["charged_mwh"] = r.charged_mwh;
  j["soc"] = {{"min_frac", r.soc_min}, {"max_frac", r.soc_max}, {"end_frac", r.soc_end}};
  j["low_frequency_events"] = r.low_frequency_events;
  j["hours"] = J::array();
  for (const HourResult& h : r.hours) {
    j["hours"].push_back({{"start", c.calendar.format(h.start_s)},
                          {"seconds", h.seconds},
                          {"execution_rate_pct", h.execution_rate_pct},
                          {"quality_index", h.quality_index},
                          {"mean_score_pct", h.mean_score_pct},
                          {"capacity_ntd", h.capacity_ntd},
                          {"performance_ntd", h.performance_ntd},
                          {"payment_ntd", h.payment_ntd()},
                          {"energy_service_fee_ntd", h.energy_fee_ntd},
                          {"energy_loss_fee_ntd", h.loss_fee_ntd},
                          {"discharged_mwh", h.discharged_mwh},
                          {"charged_mwh", h.charged_mwh},
                          {"soc_min_frac", h.soc_min},
                          {"soc_max_frac", h.soc_max}});
  }
  j["violation_count"] = r.violation_count;
  j["violations"] = J::array();
  for (const Violation& v : r.violations) {
    j["violations"].push_back({{"start", c.calendar.format(v.start_s)},
                               {"end", c.calendar.format(v.end_s)},
                               {"rule", v.rule},
                               {"detail", v.detail}});
  }
  return j;
}

nlohmann::ordered_json to_json(const SizingResult& s) {
  nlohmann::ordered_json j;
  j["rows"] = nlohmann::ordered_json::array();
  for (const SizingRow& row : s.rows) {
    j["rows"].push_back(
        {{"bid_mw", row.bid_mw},
         {"bid_accepted", row.bid_accepted},
         {"bid_problem", row.bid_accepted ? nlohmann::ordered_json(nullptr)
                                          : nlohmann::ordered_json(row.bid_problem)},
         {"min_execution_rate_pct", row.min_execution_rate_pct},
         {"hours_below_95_pct", row.hours_below_pass},
         {"payment_ntd", row.payment_ntd},
         {"energy_service_fee_ntd", row.energy_fee_ntd},
         {"energy_loss_fee_ntd", row.loss_fee_ntd},
         {"net_ntd", row.net_ntd},
         {"feasible", row.feasible}});
  }
  j["best_bid_mw"] =
      s.best ? nlohmann::ordered_json(s.rows[*s.best].bid_mw) : nlohmann::ordered_json(nullptr);
  return j;
}

report::HtmlReport html_report(const std::vector<const MarketResult*>& runs,
                               const std::string& title) {
  using report::Cell;
  using report::number;
  if (runs.empty()) throw InternalError("a market report without a run");
  const MarketResult& r = *runs.front();
  const MarketConfig& c = r.config;
  const std::string zone = report::chart_zone(c.calendar.zone());
  report::HtmlReport page(title);
  page.add_paragraph(fmt::format(
      "{} {} MW on a {} MW / {} MWh battery, {} s from {}. Rules: Taipower rulebook v5 "
      "(docs/market.md). Charts show the {} controller; times are local. Drag across a chart to "
      "zoom, double-click to zoom out.",
      taipower::to_string(c.product), c.bid_mw, c.storage.discharge_power_mw, c.storage.energy_mwh,
      r.seconds, c.calendar.format(c.start_s), to_string(c.controller)));
  std::vector<std::vector<Cell>> totals;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const MarketResult& m = *runs[i];
    const std::string at = fmt::format("/runs/{}/", i);
    const auto bound = [&at](std::string text, const char* key) {
      return Cell{.text = std::move(text), .key = at + key};
    };
    totals.push_back({{.text = to_string(m.config.controller)},
                      bound(number(m.min_execution_rate_pct, 2), "min_execution_rate_pct"),
                      bound(std::to_string(m.hours_below_pass), "hours_below_95_pct"),
                      bound(number(m.payment_ntd()), "payment_ntd"),
                      bound(number(m.energy_fee_ntd), "energy_service_fee_ntd"),
                      bound(number(m.loss_fee_ntd), "energy_loss_fee_ntd"),
                      bound(number(m.net_ntd()), "net_ntd"),
                      bound(std::to_string(m.violation_count), "violation_count")});
  }
  page.add_heading("Totals");
  page.add_cells(
      {"controller", "lowest hourly execution %", "hours below 95 %", "payment NTD",
       "energy-service fees NTD", "energy-loss fee NTD", "net NTD", "violations and rule events"},
      std::move(totals));
  const Trace& t = r.trace;
  page.add_chart({.id = "frequency",
                  .title = "Frequency (min/max per bucket)",
                  .x_label = "time",
                  .y_label = "frequency (Hz)",
                  .x_is_time = true,
                  .time_zone = zone,
                  .x = t.time_s,
                  .series = {{.label = "frequency", .y = t.frequency_hz}}});
  page.add_chart({.id = "power",
                  .title = "Metered power against the allowed band",
                  .x_label = "time",
                  .y_label = "power (MW, + discharge)",
                  .x_is_time = true,
                  .time_zone = zone,
                  .x = t.time_s,
                  .series = {{.label = "allowed low", .y = t.band_lo_mw, .dashed = true},
                             {.label = "allowed high", .y = t.band_hi_mw, .dashed = true},
                             {.label = "metered", .y = t.power_mw}}});
  page.add_chart({.id = "soc",
                  .title = "State of charge",
                  .x_label = "time",
                  .y_label = "SOC (%)",
                  .x_is_time = true,
                  .time_zone = zone,
                  .x = t.time_s,
                  .series = {{.label = "SOC", .y = t.soc_pct}}});
  report::Chart hourly{.id = "execution-rate",
                       .title = "Hourly execution rate",
                       .x_label = "time",
                       .y_label = "execution rate (%)",
                       .x_is_time = true,
                       .time_zone = zone};
  for (const HourResult& h : r.hours) hourly.x.push_back(static_cast<double>(h.start_s));
  for (const MarketResult* o : runs) {
    report::Series s{.label = to_string(o->config.controller)};
    for (std::size_t i = 0; i < hourly.x.size(); ++i) {
      s.y.push_back(i < o->hours.size() ? o->hours[i].execution_rate_pct
                                        : std::numeric_limits<double>::quiet_NaN());
    }
    hourly.series.push_back(std::move(s));
  }
  hourly.series.push_back(
      {.label = "95 % pass", .y = std::vector<double>(hourly.x.size(), 95.0), .dashed = true});
  page.add_chart(std::move(hourly));
  // Each hour's numbers are the JSON's /runs/0/hours/k (the first run's, as the charts).
  std::vector<std::vector<Cell>> rows;
  for (std::size_t k = 0; k < r.hours.size(); ++k) {
    const HourResult& h = r.hours[k];
    const std::string at = fmt::format("/runs/0/hours/{}/", k);
    const auto bound = [&at](std::string text, const char* key, double scale = 1) {
      return Cell{.text = std::move(text), .key = at + key, .scale = scale};
    };
    rows.push_back({{.text = c.calendar.format(h.start_s)},
                    bound(number(h.execution_rate_pct, 2), "execution_rate_pct"),
                    bound(number(h.quality_index, 1), "quality_index"),
                    bound(number(h.payment_ntd()), "payment_ntd"),
                    bound(number(h.energy_fee_ntd), "energy_service_fee_ntd"),
                    bound(number(100 * h.soc_min, 1), "soc_min_frac", 100),
                    bound(number(100 * h.soc_max, 1), "soc_max_frac", 100)});
  }
  page.add_heading("Hours (" + to_string(c.controller) + " controller)");
  page.add_cells(
      {"hour", "execution %", "index", "payment NTD", "energy fee NTD", "SOC min %", "SOC max %"},
      std::move(rows));
  for (const MarketResult* m : runs) {
    std::vector<std::vector<std::string>> vrows;
    for (std::size_t i = 0; i < m->violations.size() && i < 500; ++i) {
      const Violation& v = m->violations[i];
      vrows.push_back({c.calendar.format(v.start_s), v.rule, v.detail});
    }
    page.add_heading(fmt::format("Violations and rule events: {} controller ({})",
                                 to_string(m->config.controller), m->violation_count));
    if (vrows.empty()) {
      page.add_paragraph("None.");
    } else {
      if (m->violation_count > static_cast<std::int64_t>(vrows.size())) {
        page.add_paragraph(fmt::format("The first {} are listed.", vrows.size()));
      }
      page.add_table({"start", "rule", "detail"}, std::move(vrows));
    }
  }
  return page;
}

std::string describe(const MarketScenario& sc, const std::string& frequency_source,
                     std::int64_t seconds) {
  const MarketConfig& c = sc.config;
  const auto& p = sc.frequency.synthetic;
  const std::string freq =
      frequency_source.empty()
          ? fmt::format("synthetic (seed {}, sigma {} Hz, {} trip(s) on {} MW)", p.seed,
                        p.deviation_hz, p.trips.size(), report::number(p.system_mw))
          : frequency_source;
  return fmt::format(
      "{} {} MW on a {} MW / {} MWh battery (round trip {:.0f} %, SOC {:.0f}-{:.0f} %, start "
      "{:.0f} %, lag {} ms, line loss {:.1f} %)\nfrequency: {}, {} s from {}\n",
      c.product == taipower::Product::kEdreg ? "E-dReg" : "dReg", c.bid_mw,
      c.storage.discharge_power_mw, c.storage.energy_mwh, 100 * c.storage.round_trip_efficiency(),
      100 * c.storage.soc_min, 100 * c.storage.soc_max, 100 * c.initial_soc,
      1000 * c.inverter_lag_s, 100 * c.line_loss, freq,
      report::number(static_cast<double>(seconds)), c.calendar.format(c.start_s));
}

std::string runs_text(const std::vector<MarketResult>& runs) {
  if (runs.empty()) return "";
  std::string s;
  report::Table totals({"controller", "min exec %", "hours <95 %", "payment NTD", "energy fees NTD",
                        "loss fee NTD", "net NTD", "SOC min-max %", "violations"});
  for (const MarketResult& r : runs) {
    totals.add_row({to_string(r.config.controller), report::number(r.min_execution_rate_pct, 2),
                    std::to_string(r.hours_below_pass), report::number(r.payment_ntd()),
                    report::number(r.energy_fee_ntd), report::number(r.loss_fee_ntd),
                    report::number(r.net_ntd()),
                    fmt::format("{:.1f}-{:.1f}", 100 * r.soc_min, 100 * r.soc_max),
                    std::to_string(r.violation_count)});
  }
  s += totals.render() + "\n";
  const MarketResult& m = runs.front();
  std::vector<std::string> header{"hour",        "exec %",         "index",
                                  "payment NTD", "energy fee NTD", "SOC %"};
  for (std::size_t i = 1; i < runs.size(); ++i) {
    header.push_back(to_string(runs[i].config.controller) + " exec %");
    header.push_back(to_string(runs[i].config.controller) + " index");
  }
  report::Table hours(header);
  const Calendar& calendar = m.config.calendar;
  for (std::size_t h = 0; h < m.hours.size(); ++h) {
    const HourResult& x = m.hours[h];
    std::vector<std::string> row{calendar.format(x.start_s).substr(0, 16),
                                 report::number(x.execution_rate_pct, 2),
                                 report::number(x.quality_index, 1),
                                 report::number(x.payment_ntd()),
                                 report::number(x.energy_fee_ntd),
                                 fmt::format("{:.0f}-{:.0f}", 100 * x.soc_min, 100 * x.soc_max)};
    for (std::size_t i = 1; i < runs.size(); ++i) {
      const bool has = h < runs[i].hours.size();
      row.push_back(has ? report::number(runs[i].hours[h].execution_rate_pct, 2) : "");
      row.push_back(has ? report::number(runs[i].hours[h].quality_index, 1) : "");
    }
    hours.add_row(std::move(row));
  }
  if (m.hours.size() <= 48) s += hours.render() + "\n";  // longer runs: --json or --report
  constexpr std::size_t kListed = 8;
  for (const MarketResult& r : runs) {
    s += fmt::format("{} controller: {} violation(s) and rule events\n",
                     to_string(r.config.controller), r.violation_count);
    for (std::size_t i = 0; i < r.violations.size() && i < kListed; ++i) {
      const Violation& v = r.violations[i];
      s += fmt::format("  {}  {}: {}\n", calendar.format(v.start_s), v.rule, v.detail);
    }
    if (r.violation_count > static_cast<std::int64_t>(kListed)) {
      s += fmt::format("  ... {} more (--json lists them)\n",
                       r.violation_count - static_cast<std::int64_t>(kListed));
    }
  }
  return s;
}

std::string sizing_text(const SizingResult& sz) {
  report::Table t({"bid MW", "bid rules", "min exec %", "hours <95 %", "payment NTD",
                   "energy fees NTD", "net NTD", "feasible"});
  for (const SizingRow& r : sz.rows) {
    t.add_row({report::number(r.bid_mw, 1), r.bid_accepted ? "pass" : "fail",
               report::number(r.min_execution_rate_pct, 2), std::to_string(r.hours_below_pass),
               report::number(r.payment_ntd), report::number(r.energy_fee_ntd),
               report::number(r.net_ntd), r.feasible ? "yes" : "no"});
  }
  std::string s = t.render() + "\n";
  if (sz.best) {
    s += fmt::format("best bid: {} MW, net {} NTD over the trace, every hour >= 95 %\n",
                     report::number(sz.rows[*sz.best].bid_mw, 1),
                     report::number(sz.rows[*sz.best].net_ntd));
  }
  return s;
}

void add_sizing_section(report::HtmlReport& page, const SizingResult& sz) {
  report::Chart net{.title = "Net revenue against the bid",
                    .x_label = "bid (MW)",
                    .y_label = "net (NTD over the trace)"};
  report::Chart exec{.title = "Lowest hourly execution rate against the bid",
                     .x_label = "bid (MW)",
                     .y_label = "execution rate (%)"};
  report::Series net_s{.label = "net"}, exec_s{.label = "lowest hour"};
  report::Series pass{.label = "95 % pass", .dashed = true};
  std::vector<std::vector<report::Cell>> rows;
  for (std::size_t i = 0; i < sz.rows.size(); ++i) {
    const SizingRow& r = sz.rows[i];
    const std::string at = fmt::format("/rows/{}/", i);
    const auto bound = [&at](std::string text, const char* key) {
      return report::Cell{.text = std::move(text), .key = at + key};
    };
    net.x.push_back(r.bid_mw);
    exec.x.push_back(r.bid_mw);
    net_s.y.push_back(r.net_ntd);
    exec_s.y.push_back(r.min_execution_rate_pct);
    pass.y.push_back(95);
    rows.push_back({bound(report::number(r.bid_mw, 1), "bid_mw"),
                    {.text = r.bid_accepted ? "pass" : r.bid_problem},
                    bound(report::number(r.min_execution_rate_pct, 2), "min_execution_rate_pct"),
                    bound(std::to_string(r.hours_below_pass), "hours_below_95_pct"),
                    bound(report::number(r.payment_ntd), "payment_ntd"),
                    bound(report::number(r.energy_fee_ntd), "energy_service_fee_ntd"),
                    bound(report::number(r.net_ntd), "net_ntd"),
                    {.text = r.feasible ? "yes" : "no"}});
  }
  net.series.push_back(std::move(net_s));
  exec.series.push_back(std::move(exec_s));
  exec.series.push_back(std::move(pass));
  page.add_chart(std::move(net));
  page.add_chart(std::move(exec));
  page.add_heading("Bids");
  page.add_cells({"bid MW", "bid rules", "min exec %", "hours <95 %", "payment NTD",
                  "energy fees NTD", "net NTD", "feasible"},
                 std::move(rows));
}

}  // namespace ballast::market
