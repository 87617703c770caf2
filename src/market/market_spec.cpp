#include "ballast/market/market_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/control/taipower_rules.h"
#include "ballast/core/error.h"
#include "ballast/core/field_builders.h"

namespace ballast::market {
namespace {

using taipower::Product;

FieldTable<MarketScenarioSpec> make_fields() {
  using S = MarketScenarioSpec;
  const auto fraction = [](std::string name, std::string help) {
    return fraction_field(std::move(name), std::move(help));
  };
  FieldTable<S> t;
  t.add({.name = "scenario",
         .help = "Scenario TOML (e.g. examples/taiwan-edreg.toml)",
         .kind = FieldKind::kText,
         .positional = true,
         .path = true},
        &S::scenario);
  t.add({.name = "frequency",
         .help = "Frequency CSV (0.1 s or 1 s); default synthetic",
         .kind = FieldKind::kText,
         .path = true},
        &S::frequency);
  t.add({.name = "column",
         .help = "Frequency column (default frequency_hz, else the 2nd)",
         .kind = FieldKind::kText},
        &S::column);
  t.add({.name = "duration_s",
         .help = "Synthetic frequency length, s",
         .unit = FieldUnit::kSeconds,
         .min = 1,
         .max = 86400.0 * 366,
         .old_names = {"hours"},
         .old_scale = 3600},
        &S::duration_s);
  t.add({.name = "seed", .help = "Synthetic frequency seed", .kind = FieldKind::kInteger, .min = 0},
        &S::seed);
  t.add({.name = "deviation_hz",
         .help = "Synthetic noise standard deviation, Hz",
         .min = 0,
         .max = 0.5},
        &S::deviation_hz);
  t.add({.name = "product",
         .help = "dreg or edreg",
         .kind = FieldKind::kChoice,
         .choices = {"dreg", "edreg"}},
        &S::product);
  t.add({.name = "bid_mw",
         .help = "Awarded capacity, MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &S::bid_mw);
  t.add({.name = "power_mw",
         .help = "Battery power, MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &S::power_mw);
  t.add({.name = "energy_mwh",
         .help = "Battery energy, MWh",
         .unit = FieldUnit::kMwh,
         .min = 0,
         .min_exclusive = true},
        &S::energy_mwh);
  FieldInfo rte = round_trip_efficiency_field(fmt::format(
      "Round-trip efficiency (default: the scenario's, else {} %)", 100 * kDefaultRoundTrip));
  t.add(rte, &S::efficiency);
  t.add(fraction("soc_min", "Lowest SOC, fraction"), &S::soc_min);
  t.add(fraction("soc_max", "Highest SOC, fraction"), &S::soc_max);
  t.add(fraction("initial_soc", "Starting SOC, fraction"), &S::initial_soc);
  t.add({.name = "inverter_lag_ms",
         .help = "Inverter time constant, ms",
         .min = 0,
         .max = 10000,
         .old_names = {"lag_ms"}},
        &S::lag_ms);
  t.add({.name = "schedule",
         .help = "E-dReg 15-minute targets CSV (shift_mw, + discharge)",
         .kind = FieldKind::kText,
         .path = true},
        &S::schedule);
  t.add({.name = "capacity_price_per_mw_h",
         .help = "Capacity price, NTD per MW per hour (cap 600)",
         .min = 0,
         .max = std::max(taipower::kRules.capacity_cap_dreg, taipower::kRules.capacity_cap_edreg),
         .old_names = {"capacity_price"}},
        &S::capacity_price);
  t.add({.name = "performance_price_per_mw_h",
         .help = "Performance price, NTD per MW per hour (default: rulebook, dReg 350, E-dReg "
                 "475/275)",
         .min = 0,
         .old_names = {"performance_price"}},
        &S::performance_price);
  t.add({.name = "loss_price_per_mwh",
         .help = "Price of energy lost while regulating, NTD per MWh",
         .min = 0,
         .old_names = {"loss_price"}},
        &S::loss_price);
  t.add({.name = "line_loss",
         .help = "Line loss between battery and meter, fraction",
         .unit = FieldUnit::kFraction,
         .min = 0,
         .max = 0.19},
        &S::line_loss);
  return t;
}

}  // namespace

const FieldTable<MarketScenarioSpec>& MarketScenarioSpec::fields() {
  static const FieldTable<MarketScenarioSpec> table = make_fields();
  return table;
}

MarketScenario build_scenario(const MarketScenarioSpec& o) {
  MarketScenario sc;
  if (!o.scenario.empty()) {
    sc = read_market_scenario(o.scenario);
  } else if (!o.energy_mwh) {
    throw InputError(
        "give a scenario file (e.g. examples/taiwan-edreg.toml) or at least "
        "--energy-mwh for the battery");
  }
  MarketConfig& c = sc.config;
  if (!o.product.empty()) c.product = o.product == "dreg" ? Product::kDreg : Product::kEdreg;
  if (o.bid_mw) c.bid_mw = *o.bid_mw;
  // The battery: the scenario's storage table with the options written over it, then the one
  // set of defaults and checks every scenario format shares (storage/spec.h).
  StorageTable& b = sc.battery;
  if (o.scenario.empty()) b.power_mw = c.bid_mw;  // no file: a battery sized to the bid
  if (o.power_mw) {
    b.power_mw = o.power_mw;
    b.charge_power_mw.reset();
    b.discharge_power_mw.reset();
  }
  if (o.energy_mwh) b.energy_mwh = o.energy_mwh;
  if (o.efficiency) {
    b.round_trip_efficiency = o.efficiency;
    b.charge_efficiency.reset();
    b.discharge_efficiency.reset();
  }
  if (o.soc_min) b.soc_min = *o.soc_min;
  if (o.soc_max) b.soc_max = *o.soc_max;
  if (o.initial_soc) b.initial_soc = o.initial_soc;
  c.storage = storage_params(b);
  if (o.initial_soc) c.initial_soc = *o.initial_soc;
  if (o.lag_ms) c.inverter_lag_s = *o.lag_ms / 1000;
  if (o.capacity_price) c.prices.capacity_ntd_per_mw_h = *o.capacity_price;
  if (o.performance_price) c.prices.performance_ntd_per_mw_h = *o.performance_price;
  if (o.loss_price) c.prices.loss_price_ntd_per_mwh = *o.loss_price;
  if (o.line_loss) c.line_loss = *o.line_loss;
  if (!o.frequency.empty()) sc.frequency.file = o.frequency;
  if (!o.column.empty()) sc.frequency.column = o.column;
  if (o.duration_s) sc.frequency.duration_h = *o.duration_s / 3600;
  if (o.seed) sc.frequency.synthetic.seed = *o.seed;
  if (o.deviation_hz) sc.frequency.synthetic.deviation_hz = *o.deviation_hz;
  if (!o.schedule.empty()) sc.schedule_file = o.schedule;
  return sc;
}

void check_frequency_series(const InputSeries& s) {
  if (s.step_s != 1) {
    throw InputError(
        fmt::format("the frequency series has a step of {} s; give one value a second", s.step_s));
  }
  if (s.values.empty()) throw InputError("the frequency series is empty");
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const double hz = s.values[i];
    if (!(hz >= 55 && hz <= 65)) {
      throw InputError(
          fmt::format("frequency series value {} is {} Hz, outside 55-65 Hz; is it in Hz?", i, hz));
    }
  }
}

PreparedMarket prepare_market(const MarketScenarioSpec& spec) {
  PreparedMarket p;
  p.scenario = build_scenario(spec);
  if (spec.frequency_series) {
    check_frequency_series(*spec.frequency_series);
    p.frequency_hz = spec.frequency_series->values;
    p.scenario.config.start_s = spec.frequency_series->start_s;
    p.frequency_source = spec.frequency_series->name.empty()
                             ? "series in memory"
                             : spec.frequency_series->name + " (in memory)";
  } else {
    p.frequency_hz = load_frequency(p.scenario);
    p.frequency_source = p.scenario.frequency.file;
  }
  prepare_schedule(p.scenario, static_cast<std::int64_t>(p.frequency_hz.size()));
  return p;
}

}  // namespace ballast::market
