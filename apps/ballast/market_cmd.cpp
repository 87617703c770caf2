// ballast market: Taipower dReg / E-dReg simulation, scoring and settlement (`run`), the
// allowed band at a frequency (`curve`), E-dReg bid checks (`bid`) and bid sizing (`size`).

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <memory>

#include "aging_output.h"
#include "ballast/control/regulation_curve.h"
#include "ballast/core/error.h"
#include "ballast/core/number_format.h"
#include "ballast/core/timestamp.h"
#include "ballast/market/bid_check.h"
#include "ballast/market/market_report.h"
#include "ballast/market/scenario.h"
#include "ballast/market/sizing.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

using market::ControllerKind;
using market::MarketResult;
using taipower::Product;

// Options that build or override a scenario: one table for `run` and `size`.
struct ScenarioOptions {
  std::string scenario, frequency, column, schedule, product, controller;  // "": scenario's
  std::optional<double> hours, deviation_hz, bid_mw, power_mw, energy_mwh, efficiency, soc_min,
      soc_max, initial_soc, lag_ms, capacity_price, performance_price, loss_price, line_loss;
  std::optional<std::uint64_t> seed;
  OutputOptions output;
  std::string out;  // per-second CSV
  double step_mw = 0.5;
  AgingOptions aging;  // market run --aging
};

void add_scenario_options(CLI::App& cmd, ScenarioOptions& o) {
  cmd.add_option("scenario", o.scenario, "Scenario TOML (e.g. examples/taiwan-edreg.toml)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--frequency", o.frequency, "Frequency CSV (0.1 s or 1 s); default synthetic")
      ->check(CLI::ExistingFile);
  cmd.add_option("--column", o.column, "Frequency column (default frequency_hz, else the 2nd)");
  cmd.add_option("--hours", o.hours, "Synthetic frequency length, hours")
      ->check(CLI::Range(1.0 / 3600, 24.0 * 366));
  cmd.add_option("--seed", o.seed, "Synthetic frequency seed");
  cmd.add_option("--deviation-hz", o.deviation_hz, "Synthetic noise standard deviation, Hz")
      ->check(CLI::Range(0.0, 0.5));
  cmd.add_option("--product", o.product, "dreg or edreg")->check(CLI::IsMember({"dreg", "edreg"}));
  cmd.add_option("--bid-mw", o.bid_mw, "Awarded capacity, MW")->check(CLI::PositiveNumber);
  cmd.add_option("--power-mw", o.power_mw, "Battery power, MW")->check(CLI::PositiveNumber);
  cmd.add_option("--energy-mwh", o.energy_mwh, "Battery energy, MWh")->check(CLI::PositiveNumber);
  cmd.add_option("--efficiency", o.efficiency, "Round-trip efficiency (0-1]")
      ->check(CLI::Range(0.01, 1.0));
  cmd.add_option("--soc-min", o.soc_min, "Lowest SOC, fraction")->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--soc-max", o.soc_max, "Highest SOC, fraction")->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--initial-soc", o.initial_soc, "Starting SOC, fraction")
      ->check(CLI::Range(0.0, 1.0));
  cmd.add_option("--lag-ms", o.lag_ms, "Inverter time constant, ms")->check(CLI::Range(0, 10000));
  cmd.add_option("--schedule", o.schedule, "E-dReg 15-minute targets CSV (shift_mw, + discharge)")
      ->check(CLI::ExistingFile);
  cmd.add_option("--capacity-price", o.capacity_price, "Capacity price, NTD/MW-h (cap 600)")
      ->check(CLI::Range(0.0, 600.0));
  cmd.add_option("--performance-price", o.performance_price,
                 "Performance price, NTD/MW-h (default: rulebook, dReg 350, E-dReg 475/275)")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--loss-price", o.loss_price, "Price of energy lost while regulating, NTD/MWh")
      ->check(CLI::NonNegativeNumber);
  cmd.add_option("--line-loss", o.line_loss, "Line loss between battery and meter, fraction")
      ->check(CLI::Range(0.0, 0.19));
  add_output_options(cmd, o.output);
}

market::MarketScenario build_scenario(const ScenarioOptions& o) {
  market::MarketScenario sc;
  if (!o.scenario.empty()) {
    sc = market::read_market_scenario(o.scenario);
  } else if (!o.energy_mwh) {
    throw InputError(
        "give a scenario file (e.g. examples/taiwan-edreg.toml) or at least "
        "--energy-mwh for the battery");
  } else {
    sc.config.storage = StorageParams::with_round_trip(o.power_mw.value_or(10), 0, 0.88);
  }
  market::MarketConfig& c = sc.config;
  if (!o.product.empty()) c.product = o.product == "dreg" ? Product::kDreg : Product::kEdreg;
  if (o.bid_mw) c.bid_mw = *o.bid_mw;
  if (o.power_mw) c.storage.discharge_power_mw = c.storage.charge_power_mw = *o.power_mw;
  if (o.scenario.empty() && !o.power_mw) {
    c.storage.discharge_power_mw = c.storage.charge_power_mw = c.bid_mw;
  }
  if (o.energy_mwh) c.storage.energy_mwh = *o.energy_mwh;
  if (o.efficiency)
    c.storage.charge_efficiency = c.storage.discharge_efficiency = std::sqrt(*o.efficiency);
  if (o.soc_min) c.storage.soc_min = *o.soc_min;
  if (o.soc_max) c.storage.soc_max = *o.soc_max;
  if (o.initial_soc) c.initial_soc = *o.initial_soc;
  if (o.lag_ms) c.inverter_lag_s = *o.lag_ms / 1000;
  if (o.capacity_price) c.prices.capacity_ntd_per_mw_h = *o.capacity_price;
  if (o.performance_price) c.prices.performance_ntd_per_mw_h = *o.performance_price;
  if (o.loss_price) c.prices.loss_price_ntd_per_mwh = *o.loss_price;
  if (o.line_loss) c.line_loss = *o.line_loss;
  if (!o.frequency.empty()) sc.frequency.file = o.frequency;
  if (!o.column.empty()) sc.frequency.column = o.column;
  if (o.hours) sc.frequency.duration_h = *o.hours;
  if (o.seed) sc.frequency.synthetic.seed = *o.seed;
  if (o.deviation_hz) sc.frequency.synthetic.deviation_hz = *o.deviation_hz;
  if (!o.schedule.empty()) sc.schedule_file = o.schedule;
  return sc;
}

std::string describe(const market::MarketScenario& sc, std::size_t seconds) {
  const market::MarketConfig& c = sc.config;
  const auto& p = sc.frequency.synthetic;
  const std::string freq =
      sc.frequency.file.empty()
          ? fmt::format("synthetic (seed {}, sigma {} Hz, {} trip(s) on {} MW)", p.seed,
                        p.deviation_hz, p.trips.size(), report::number(p.system_mw))
          : sc.frequency.file;
  return fmt::format(
      "{} {} MW on a {} MW / {} MWh battery (round trip {:.0f} %, SOC {:.0f}-{:.0f} %, start "
      "{:.0f} %, lag {} ms, line loss {:.1f} %)\nfrequency: {}, {} s from {}\n",
      c.product == Product::kEdreg ? "E-dReg" : "dReg", c.bid_mw, c.storage.discharge_power_mw,
      c.storage.energy_mwh, 100 * c.storage.round_trip_efficiency(), 100 * c.storage.soc_min,
      100 * c.storage.soc_max, 100 * c.initial_soc, 1000 * c.inverter_lag_s, 100 * c.line_loss,
      freq, report::number(static_cast<double>(seconds)),
      format_timestamp(c.start_s, c.utc_offset_min));
}

// Per-second CSV, streamed to a temporary file and renamed at the end (never half-written).
class SecondsCsv {
 public:
  SecondsCsv(std::string path, int offset_min)
      : path_(std::move(path)),
        tmp_(path_ + ".tmp." + std::to_string(::getpid())),
        offset_min_(offset_min) {
    file_ = std::fopen(tmp_.c_str(), "wb");
    if (file_ == nullptr) throw InputError("cannot write the output file", {path_});
    std::fputs(
        "time,frequency_hz,shift_mw,band_lo_mw,band_hi_mw,power_mw,score_pct,"
        "rolling_score_pct,soc\n",
        file_);
  }
  ~SecondsCsv() {
    if (file_ != nullptr) {
      std::fclose(file_);
      std::remove(tmp_.c_str());
    }
  }
  void write(const market::SecondRecord& s) {
    // Shortest round-trip numbers: a re-read SOC counts the same cycles, and a frequency keeps
    // the side of the dead band it fell on.
    line_ = format_timestamp(s.time_s, offset_min_);
    for (double x : {s.frequency_hz, s.shift_mw, s.band_lo_mw, s.band_hi_mw, s.power_mw,
                     s.score_pct, s.rolling_pct, s.soc}) {
      line_ += ',';
      append_number(line_, x);
    }
    line_ += '\n';
    std::fputs(line_.c_str(), file_);
  }
  void commit() {
    const bool ok = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!ok || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
      std::remove(tmp_.c_str());
      throw InputError("cannot write the output file", {path_});
    }
  }

 private:
  std::string path_, tmp_;
  int offset_min_;
  std::FILE* file_ = nullptr;
  std::string line_;  // reused for every second
};

MarketResult run_one(market::MarketConfig c, ControllerKind kind, const std::vector<double>& f,
                     SecondsCsv* csv, aging::WearMeter* meter = nullptr, double temp_c = 25) {
  c.controller = kind;
  market::MarketSimulator sim(c, static_cast<std::int64_t>(f.size()));
  if (csv != nullptr || meter != nullptr) {
    sim.on_second([csv, meter, temp_c](const market::SecondRecord& s) {
      if (csv != nullptr) csv->write(s);
      if (meter != nullptr) meter->push(s.soc, temp_c);  // --aging: 1-s SOC into the wear meter
    });
  }
  for (double hz : f) sim.step(hz);
  return sim.finish();
}

void print_run(const market::MarketScenario& sc, const std::vector<MarketResult>& runs,
               std::size_t seconds) {
  std::cout << describe(sc, seconds) << "\n";
  report::Table totals({"controller", "min exec %", "hours <95 %", "payment NTD", "energy fees NTD",
                        "loss fee NTD", "net NTD", "SOC min-max %", "violations"});
  for (const MarketResult& r : runs) {
    totals.add_row({market::to_string(r.config.controller),
                    report::number(r.min_execution_rate_pct, 2), std::to_string(r.hours_below_pass),
                    report::number(r.payment_ntd()), report::number(r.energy_fee_ntd),
                    report::number(r.loss_fee_ntd), report::number(r.net_ntd()),
                    fmt::format("{:.1f}-{:.1f}", 100 * r.soc_min, 100 * r.soc_max),
                    std::to_string(r.violation_count)});
  }
  std::cout << totals.render() << "\n";
  const MarketResult& m = runs.front();
  std::vector<std::string> header{"hour",        "exec %",         "index",
                                  "payment NTD", "energy fee NTD", "SOC %"};
  for (std::size_t i = 1; i < runs.size(); ++i) {
    header.push_back(market::to_string(runs[i].config.controller) + " exec %");
    header.push_back(market::to_string(runs[i].config.controller) + " index");
  }
  report::Table hours(header);
  const int offset = m.config.utc_offset_min;
  for (std::size_t h = 0; h < m.hours.size(); ++h) {
    const market::HourResult& x = m.hours[h];
    std::vector<std::string> row{format_timestamp(x.start_s, offset).substr(0, 16),
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
  if (m.hours.size() <= 48) std::cout << hours.render() << "\n";
  for (const MarketResult& r : runs) {
    std::cout << fmt::format("{} controller: {} violation(s) and rule events\n",
                             market::to_string(r.config.controller), r.violation_count);
    for (std::size_t i = 0; i < r.violations.size() && i < 8; ++i) {
      const market::Violation& v = r.violations[i];
      std::cout << fmt::format("  {}  {}: {}\n", format_timestamp(v.start_s, offset), v.rule,
                               v.detail);
    }
    if (r.violation_count > 8) {
      std::cout << fmt::format("  ... {} more (--json lists them)\n", r.violation_count - 8);
    }
  }
}

void run_market(const ScenarioOptions& o) {
  market::MarketScenario sc = build_scenario(o);
  const std::vector<double> f = market::load_frequency(sc);
  market::prepare_schedule(sc, static_cast<std::int64_t>(f.size()));
  std::vector<ControllerKind> kinds;
  if (o.controller == "both") {
    kinds = {ControllerKind::kManaged, ControllerKind::kNaive};
  } else if (!o.controller.empty()) {
    kinds = {o.controller == "naive" ? ControllerKind::kNaive : ControllerKind::kManaged};
  } else {
    kinds = {sc.config.controller};
  }
  std::unique_ptr<SecondsCsv> csv;
  if (!o.out.empty()) csv = std::make_unique<SecondsCsv>(o.out, sc.config.utc_offset_min);
  std::vector<MarketResult> runs;
  std::optional<aging::AgingModel> model;
  if (o.aging.enabled()) model = aging::parse_model(o.aging.aging);
  std::vector<WearReport> wear;
  for (std::size_t i = 0; i < kinds.size(); ++i) {
    std::optional<aging::WearMeter> meter;
    if (model) meter.emplace(*model, 1.0);
    runs.push_back(run_one(sc.config, kinds[i], f, i == 0 ? csv.get() : nullptr,
                           meter ? &*meter : nullptr, o.aging.temperature_c));
    if (meter) {
      const MarketResult& r = runs.back();
      Throughput flows{
          .discharged_mwh = r.discharged_mwh, .charged_mwh = r.charged_mwh, .revenue = r.net_ntd()};
      AgingOptions ao = o.aging;  // the scenario may carry [economics]
      if (ao.economics.economics.empty()) ao.economics.economics = o.scenario;
      wear.push_back(assess_wear(ao, *model, meter->finish(), r.config.storage.discharge_power_mw,
                                 r.config.storage.energy_mwh, flows));
    }
  }
  if (csv) csv->commit();
  if (!o.output.report.empty()) {
    std::vector<const MarketResult*> extra;
    for (std::size_t i = 1; i < runs.size(); ++i) extra.push_back(&runs[i]);
    report::HtmlReport html = market::html_report(
        runs.front(), "ballast market: " + std::string(taipower::to_string(sc.config.product)),
        extra);
    for (const WearReport& w : wear) add_wear_section(html, w);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "market run"},
                                {"runs", nlohmann::ordered_json::array()}};
    for (const MarketResult& r : runs) j["runs"].push_back(market::to_json(r));
    for (std::size_t i = 0; i < wear.size(); ++i) j["runs"][i]["aging"] = wear_json(wear[i]);
    std::cout << j.dump(2) << "\n";
    return;
  }
  print_run(sc, runs, f.size());
  for (std::size_t i = 0; i < wear.size(); ++i) {
    std::cout << fmt::format("\n{} controller, if run all year: ",
                             market::to_string(runs[i].config.controller))
              << wear_text(wear[i]);
  }
}

void run_size(const ScenarioOptions& o) {
  market::MarketScenario sc = build_scenario(o);
  const std::vector<double> f = market::load_frequency(sc);
  market::prepare_schedule(sc, static_cast<std::int64_t>(f.size()));
  if (!o.controller.empty()) {
    sc.config.controller =
        o.controller == "naive" ? ControllerKind::kNaive : ControllerKind::kManaged;
  }
  std::cerr << "ballast: simulating each bid...\n";
  const market::SizingResult s =
      market::size_bid(sc.config, f, o.step_mw, sc.schedule_file.empty());
  if (o.output.json) {
    nlohmann::ordered_json j = market::to_json(s);
    j = {{"command", "market size"}, {"rows", j["rows"]}, {"best_bid_mw", j["best_bid_mw"]}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << describe(sc, f.size()) << "\n";
  report::Table t({"bid MW", "bid rules", "min exec %", "hours <95 %", "payment NTD",
                   "energy fees NTD", "net NTD", "feasible"});
  for (const market::SizingRow& r : s.rows) {
    t.add_row({report::number(r.bid_mw, 1), r.bid_accepted ? "pass" : "fail",
               report::number(r.min_execution_rate_pct, 2), std::to_string(r.hours_below_pass),
               report::number(r.payment_ntd), report::number(r.energy_fee_ntd),
               report::number(r.net_ntd), r.feasible ? "yes" : "no"});
  }
  std::cout << t.render() << "\n";
  if (s.best) {
    std::cout << fmt::format("best bid: {} MW, net {} NTD over the trace, every hour >= 95 %\n",
                             report::number(s.rows[*s.best].bid_mw, 1),
                             report::number(s.rows[*s.best].net_ntd));
  } else {
    throw InfeasibleError(
        "no bid keeps every hour's execution rate at or above 95 % within the "
        "bid rules; try a smaller --step-mw, more energy or --controller "
        "managed");
  }
}

struct CurveOptions {
  std::string product = "dreg";
  double frequency_hz = 60;
  double base_hz = 60;
  std::optional<double> bid_mw;
  bool json = false;
};

void run_curve(const CurveOptions& o) {
  const control::RegulationCurve curve(o.product == "edreg" ? Product::kEdreg : Product::kDreg,
                                       o.base_hz);
  const control::Band b = curve.band_pu(o.frequency_hz);
  if (o.json) {
    nlohmann::ordered_json j = {{"command", "market curve"},      {"product", o.product},
                                {"frequency_hz", o.frequency_hz}, {"base_hz", o.base_hz},
                                {"low_pct", 100 * b.lo},          {"high_pct", 100 * b.hi}};
    if (o.bid_mw) {
      j["low_mw"] = b.lo * *o.bid_mw;
      j["high_mw"] = b.hi * *o.bid_mw;
    }
    std::cout << j.dump(2) << "\n";
    return;
  }
  const auto pct = [](double x) { return fmt::format("{:+.1f} %", 100 * x); };
  std::string line = b.lo == b.hi ? pct(b.lo) : fmt::format("{} to {}", pct(b.lo), pct(b.hi));
  if (o.bid_mw) {
    line += b.lo == b.hi
                ? fmt::format(" ({:+.3f} MW)", b.lo * *o.bid_mw)
                : fmt::format(" ({:+.3f} to {:+.3f} MW)", b.lo * *o.bid_mw, b.hi * *o.bid_mw);
  }
  std::cout << fmt::format("{} at {} Hz (base {} Hz): {} of bid (+ discharge)\n", o.product,
                           o.frequency_hz, o.base_hz, line);
}

struct BidOptions {
  market::Bid bid;
  bool json = false;
};

void run_bid(const BidOptions& o) {
  const market::BidCheck c = market::check_edreg_bid(o.bid);
  if (o.json) {
    nlohmann::ordered_json j = {{"command", "market bid"},
                                {"accepted", c.accepted()},
                                {"largest_bid_mw", c.largest_bid_mw},
                                {"problems", nlohmann::ordered_json::array()}};
    for (const auto& p : c.problems)
      j["problems"].push_back({{"rule", p.rule}, {"reason", p.reason}});
    std::cout << j.dump(2) << "\n";
  } else {
    std::cout << fmt::format("E-dReg bid {} MW, {} MWh, SOC window {}-{} MWh: {}\n", o.bid.bid_mw,
                             o.bid.energy_mwh, o.bid.min_soc_mwh, o.bid.max_soc_mwh,
                             c.accepted() ? "accepted" : "rejected");
    for (const auto& p : c.problems) std::cout << fmt::format("  {}: {}\n", p.rule, p.reason);
    std::cout << fmt::format("largest bid this battery and window pass: {:.2f} MW\n",
                             c.largest_bid_mw);
  }
  if (!c.accepted()) {
    throw InputError(
        fmt::format("the bid breaks {} E-dReg rule(s) (rulebook v5)", c.problems.size()));
  }
}

}  // namespace

void register_market(CLI::App& app) {
  CLI::App* market = app.add_subcommand(
      "market", "Taipower dReg / E-dReg: simulate, score and settle; curves; bid checks; sizing");
  market->require_subcommand(1);

  auto ro = std::make_shared<ScenarioOptions>();
  CLI::App* run = market->add_subcommand(
      "run", "Simulate a battery second by second, score and settle it as Taipower does");
  add_scenario_options(*run, *ro);
  run->add_option("--controller", ro->controller,
                  "naive, managed or both (default: the scenario's, else managed)")
      ->check(CLI::IsMember({"naive", "managed", "both"}));
  run->add_option("--out", ro->out, "Per-second CSV (score, rolling score, band, power, SOC)")
      ->option_text("FILE.csv");
  ro->aging.economics.currency = "NTD";  // the settlement's currency, so revenue adds up
  add_aging_options(*run, ro->aging);
  run->callback([ro] { run_market(*ro); });

  auto so = std::make_shared<ScenarioOptions>();
  CLI::App* size = market->add_subcommand(
      "size", "The bid MW that earns most while every hour's execution rate stays >= 95 %");
  add_scenario_options(*size, *so);
  size->add_option("--controller", so->controller,
                   "naive or managed (default: the scenario's, else managed)")
      ->check(CLI::IsMember({"naive", "managed"}));
  size->add_option("--step-mw", so->step_mw, "Bid step, MW")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  size->callback([so] { run_size(*so); });

  auto co = std::make_shared<CurveOptions>();
  CLI::App* curve =
      market->add_subcommand("curve", "The allowed output band at a frequency (dReg / E-dReg)");
  curve->add_option("--product", co->product, "dreg or edreg")
      ->check(CLI::IsMember({"dreg", "edreg"}))
      ->capture_default_str();
  curve->add_option("--frequency", co->frequency_hz, "Frequency, Hz")
      ->required()
      ->check(CLI::Range(55.0, 65.0));
  curve->add_option("--base-hz", co->base_hz, "Curve base frequency, Hz")
      ->check(CLI::Range(59.0, 61.0))
      ->capture_default_str();
  curve->add_option("--bid-mw", co->bid_mw, "Bid MW, to print the band in MW")
      ->check(CLI::PositiveNumber);
  curve->add_flag("--json", co->json, "Machine-readable output on stdout");
  curve->callback([co] { run_curve(*co); });

  auto bo = std::make_shared<BidOptions>();
  CLI::App* bid = market->add_subcommand(
      "bid", "Check an E-dReg bid against the SOC rules and explain a rejection (exit 2)");
  bid->add_option("--bid-mw", bo->bid.bid_mw, "Offered capacity, MW")
      ->required()
      ->check(CLI::PositiveNumber);
  bid->add_option("--energy-mwh", bo->bid.energy_mwh, "Registered energy, MWh")
      ->required()
      ->check(CLI::PositiveNumber);
  bid->add_option("--min-soc-mwh", bo->bid.min_soc_mwh, "Declared lowest SOC, MWh")
      ->required()
      ->check(CLI::NonNegativeNumber);
  bid->add_option("--max-soc-mwh", bo->bid.max_soc_mwh, "Declared highest SOC, MWh")
      ->required()
      ->check(CLI::NonNegativeNumber);
  bid->add_option("--power-mw", bo->bid.power_mw, "Inverter rating, MW (checks bid <= power)")
      ->check(CLI::NonNegativeNumber);
  bid->add_flag("--json", bo->json, "Machine-readable output on stdout");
  bid->callback([bo] { run_bid(*bo); });
}

}  // namespace ballast::cli
