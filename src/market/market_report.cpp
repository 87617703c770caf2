#include "ballast/market/market_report.h"

#include <fmt/format.h>

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
                  {"round_trip_efficiency", c.storage.round_trip_efficiency()},
                  {"soc_min", c.storage.soc_min},
                  {"soc_max", c.storage.soc_max},
                  {"initial_soc", c.initial_soc},
                  {"inverter_lag_s", c.inverter_lag_s},
                  {"line_loss", c.line_loss}};
  j["start"] = format_timestamp(c.start_s, c.utc_offset_min);
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
  j["soc"] = {{"min", r.soc_min}, {"max", r.soc_max}, {"end", r.soc_end}};
  j["low_frequency_events"] = r.low_frequency_events;
  j["hours"] = J::array();
  for (const HourResult& h : r.hours) {
    j["hours"].push_back({{"start", format_timestamp(h.start_s, c.utc_offset_min)},
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
                          {"soc_min", h.soc_min},
                          {"soc_max", h.soc_max}});
  }
  j["violation_count"] = r.violation_count;
  j["violations"] = J::array();
  for (const Violation& v : r.violations) {
    j["violations"].push_back({{"start", format_timestamp(v.start_s, c.utc_offset_min)},
                               {"end", format_timestamp(v.end_s, c.utc_offset_min)},
                               {"rule", v.rule},
                               {"detail", v.detail}});
  }
  return j;
}

nlohmann::ordered_json to_json(const SizingResult& s) {
  nlohmann::ordered_json j;
  j["rows"] = nlohmann::ordered_json::array();
  for (const SizingRow& row : s.rows) {
    j["rows"].push_back({{"bid_mw", row.bid_mw},
                         {"bid_accepted", row.bid_accepted},
                         {"bid_problem", row.bid_problem},
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

report::HtmlReport html_report(const MarketResult& r, const std::string& title,
                               const std::vector<const MarketResult*>& extra) {
  const MarketConfig& c = r.config;
  report::HtmlReport page(title);
  page.add_paragraph(fmt::format(
      "{} {} MW on a {} MW / {} MWh battery, {} controller, {} s from {}. Lowest hourly "
      "execution rate {:.2f} %, {} hours below 95 %. Payment {} NTD, energy-service fees {} NTD, "
      "energy-loss fee {} NTD, net {} NTD. Rules: Taipower rulebook v5 (docs/market.md).",
      taipower::to_string(c.product), c.bid_mw, c.storage.discharge_power_mw, c.storage.energy_mwh,
      to_string(c.controller), r.seconds, format_timestamp(c.start_s, c.utc_offset_min),
      r.min_execution_rate_pct, r.hours_below_pass, report::number(r.payment_ntd()),
      report::number(r.energy_fee_ntd), report::number(r.loss_fee_ntd),
      report::number(r.net_ntd())));
  const Trace& t = r.trace;
  page.add_chart({.title = "Frequency (min/max per bucket)",
                  .x_label = "time",
                  .y_label = "frequency (Hz)",
                  .x_is_time = true,
                  .x = t.time_s,
                  .series = {{.label = "frequency", .y = t.frequency_hz}}});
  page.add_chart({.title = "Metered power against the allowed band",
                  .x_label = "time",
                  .y_label = "power (MW, + discharge)",
                  .x_is_time = true,
                  .x = t.time_s,
                  .series = {{.label = "allowed low", .y = t.band_lo_mw, .dashed = true},
                             {.label = "allowed high", .y = t.band_hi_mw, .dashed = true},
                             {.label = "metered", .y = t.power_mw}}});
  page.add_chart({.title = "State of charge",
                  .x_label = "time",
                  .y_label = "SOC (%)",
                  .x_is_time = true,
                  .x = t.time_s,
                  .series = {{.label = "SOC", .y = t.soc_pct}}});
  report::Chart hourly{.title = "Hourly execution rate",
                       .x_label = "time",
                       .y_label = "execution rate (%)",
                       .x_is_time = true};
  report::Series mine{.label = to_string(c.controller)};
  report::Series pass{.label = "95 % pass", .dashed = true};
  for (const HourResult& h : r.hours) {
    hourly.x.push_back(static_cast<double>(h.start_s));
    mine.y.push_back(h.execution_rate_pct);
    pass.y.push_back(95);
  }
  hourly.series.push_back(std::move(mine));
  for (const MarketResult* o : extra) {
    report::Series s{.label = to_string(o->config.controller)};
    for (std::size_t i = 0; i < hourly.x.size(); ++i) {
      s.y.push_back(i < o->hours.size() ? o->hours[i].execution_rate_pct : 0.0);
    }
    hourly.series.push_back(std::move(s));
  }
  hourly.series.push_back(std::move(pass));
  page.add_chart(std::move(hourly));
  std::vector<std::vector<std::string>> rows;
  for (const HourResult& h : r.hours) {
    rows.push_back({format_timestamp(h.start_s, c.utc_offset_min),
                    report::number(h.execution_rate_pct, 2), report::number(h.quality_index, 1),
                    report::number(h.payment_ntd()), report::number(h.energy_fee_ntd),
                    report::number(100 * h.soc_min, 1), report::number(100 * h.soc_max, 1)});
  }
  page.add_heading("Hours");
  page.add_table(
      {"hour", "execution %", "index", "payment NTD", "energy fee NTD", "SOC min %", "SOC max %"},
      std::move(rows));
  std::vector<std::vector<std::string>> vrows;
  for (std::size_t i = 0; i < r.violations.size() && i < 500; ++i) {
    const Violation& v = r.violations[i];
    vrows.push_back({format_timestamp(v.start_s, c.utc_offset_min), v.rule, v.detail});
  }
  page.add_heading(fmt::format("Violations and rule events ({})", r.violation_count));
  page.add_table({"start", "rule", "detail"}, std::move(vrows));
  return page;
}

}  // namespace ballast::market
