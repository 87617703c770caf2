#include "ballast/market/run_study.h"

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <span>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/number_format.h"
#include "ballast/core/timestamp.h"
#include "ballast/market/market_report.h"
#include "ballast/report/schema.h"

namespace ballast::market {
namespace {

FieldTable<MarketRunRequest> make_fields() {
  using R = MarketRunRequest;
  FieldTable<R> t;
  t.include(MarketScenarioSpec::fields(), &R::scenario);
  t.add({.name = "controller",
         .help = "naive, managed or both (default: the scenario's, else managed)",
         .kind = FieldKind::kChoice,
         .choices = {"naive", "managed", "both"}},
        &R::controller);
  t.add({.name = "out",
         .help = "Per-second CSV (score, rolling score, band, power, SOC)",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  t.include(aging::AgingSpec::fields(), &R::aging);
  return t;
}

std::vector<ControllerKind> controllers(const std::string& choice, ControllerKind scenario) {
  if (choice == "both") return {ControllerKind::kManaged, ControllerKind::kNaive};
  if (choice == "naive") return {ControllerKind::kNaive};
  if (choice == "managed") return {ControllerKind::kManaged};
  return {scenario};
}

// The per-second CSV goes out in blocks of this many bytes (constant memory for a year).
constexpr std::size_t kCsvBlock = 1 << 16;

// The CSV's columns after time, kept in memory (MarketRunRequest::keep_steps).
StepTable seconds_table(const MarketConfig& c, std::size_t seconds) {
  StepTable t({"frequency_hz", "shift_mw", "band_lo_mw", "band_hi_mw", "power_mw", "score_pct",
               "rolling_score_pct", "soc_frac"},
              c.start_s * 1'000'000, 1'000'000, c.calendar.zone());
  t.reserve(seconds);
  return t;
}

// One controller over the whole trace; the per-second sinks (CSV, table, wear meter) when
// given.
MarketResult run_one(MarketConfig c, std::span<const double> f, AtomicFileWriter* csv,
                     StepTable* table, aging::WearMeter* meter, double temperature_c,
                     const Progress& progress) {
  const std::string phase = "simulate " + to_string(c.controller);
  MarketSimulator sim(c, static_cast<std::int64_t>(f.size()));
  std::string block;
  if (csv != nullptr || table != nullptr || meter != nullptr) {
    sim.on_second([&](const SecondRecord& s) {
      if (csv != nullptr) {
        append_seconds_csv_row(block, s, c.calendar);
        if (block.size() >= kCsvBlock) {
          csv->write(block);
          block.clear();
        }
      }
      if (table != nullptr) {
        table->add({s.frequency_hz, s.shift_mw, s.band_lo_mw, s.band_hi_mw, s.power_mw, s.score_pct,
                    s.rolling_pct, s.soc});
      }
      if (meter != nullptr) meter->push(s.soc, temperature_c);  // 1-s SOC into the wear meter
    });
  }
  const auto total = static_cast<double>(f.size());
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (progress && i % 3600 == 0) notify(progress, {phase, static_cast<double>(i), total, ""});
    sim.step(f[i]);
  }
  if (csv != nullptr) csv->write(block);
  return sim.finish();
}

}  // namespace

aging::AgingSpec market_aging_defaults() {
  aging::AgingSpec a;
  a.economics.currency = "NTD";
  return a;
}

const FieldTable<MarketRunRequest>& MarketRunRequest::fields() {
  static const FieldTable<MarketRunRequest> table = make_fields();
  return table;
}

std::string seconds_csv_header() {
  return "time,frequency_hz,shift_mw,band_lo_mw,band_hi_mw,power_mw,score_pct,rolling_score_pct,"
         "soc_frac\n";
}

void append_seconds_csv_row(std::string& out, const SecondRecord& s, const Calendar& calendar) {
  // Shortest round-trip numbers: a re-read SOC counts the same cycles, and a frequency keeps
  // the side of the dead band it fell on.
  out += calendar.format(s.time_s);
  for (double x : {s.frequency_hz, s.shift_mw, s.band_lo_mw, s.band_hi_mw, s.power_mw, s.score_pct,
                   s.rolling_pct, s.soc}) {
    out += ',';
    append_number(out, x);
  }
  out += '\n';
}

MarketRunResult run(const MarketRunRequest& q, const Progress& progress) {
  PreparedMarket p = prepare_market(q.scenario);
  MarketRunResult r;
  r.scenario = std::move(p.scenario);
  r.frequency_source = std::move(p.frequency_source);
  r.seconds = static_cast<std::int64_t>(p.frequency_hz.size());
  r.out = q.out;
  const MarketConfig& base = r.scenario.config;
  std::optional<aging::AgingModel> model;
  if (q.aging.enabled()) model = aging::parse_model(q.aging.aging);
  aging::AgingSpec wear_spec = q.aging;  // the scenario may carry an [economics] table
  if (wear_spec.economics.economics.empty()) wear_spec.economics.economics = q.scenario.scenario;
  std::unique_ptr<AtomicFileWriter> csv;
  if (!q.out.empty()) {
    csv = std::make_unique<AtomicFileWriter>(q.out);
    csv->write(seconds_csv_header());
  }
  const std::vector<ControllerKind> kinds = controllers(q.controller, base.controller);
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    MarketConfig c = base;
    c.controller = kinds[i];
    std::optional<aging::WearMeter> meter;
    if (model) meter.emplace(*model, 1.0);
    if (i == 0 && q.keep_steps) r.steps = seconds_table(c, p.frequency_hz.size());
    r.runs.push_back(run_one(c, p.frequency_hz.span(), i == 0 ? csv.get() : nullptr,
                             i == 0 && r.steps ? &*r.steps : nullptr, meter ? &*meter : nullptr,
                             q.aging.temperature_c, progress));
    if (meter) {
      const MarketResult& m = r.runs.back();
      const aging::Throughput flows{
          .discharged_mwh = m.discharged_mwh, .charged_mwh = m.charged_mwh, .revenue = m.net_ntd()};
      r.wear.push_back(aging::assess_wear(wear_spec, *model, meter->finish(),
                                          m.config.storage.discharge_power_mw,
                                          m.config.storage.energy_mwh, flows));
    }
  }
  if (csv) csv->commit();
  return r;
}

nlohmann::ordered_json to_json(const MarketRunResult& r) {
  nlohmann::ordered_json j = {{"command", "market run"}, {"runs", nlohmann::ordered_json::array()}};
  for (const MarketResult& m : r.runs) j["runs"].push_back(to_json(m));
  for (std::size_t i = 0; i < r.wear.size(); ++i)
    j["runs"][i]["aging"] = aging::wear_json(r.wear[i]);
  return report::with_schema("market_run", std::move(j));
}

std::string to_text(const MarketRunResult& r) {
  std::string s = describe(r.scenario, r.frequency_source, r.seconds) + "\n";
  s += runs_text(r.runs);
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    s += fmt::format("\n{} controller, if run all year: ", to_string(r.runs[i].config.controller));
    s += aging::wear_text(r.wear[i]);
  }
  return s;
}

report::HtmlReport to_html(const MarketRunResult& r) {
  if (r.runs.empty()) throw InternalError("a market run without a run");
  std::vector<const MarketResult*> runs;
  for (const MarketResult& m : r.runs) runs.push_back(&m);
  report::HtmlReport html = html_report(
      runs, "ballast market: " + std::string(taipower::to_string(r.scenario.config.product)));
  html.set_data(to_json(r));
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    aging::add_wear_section(html, r.wear[i], fmt::format("/runs/{}/aging", i));
  }
  return html;
}

}  // namespace ballast::market
