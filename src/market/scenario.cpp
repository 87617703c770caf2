#include "ballast/market/scenario.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/timestamp.h"
#include "ballast/core/toml_reader.h"

namespace ballast::market {
namespace {

using taipower::Product;

// "HH:MM[:SS]" after the start, in seconds; at most a year (the longest run, 24 x 366 h).
double clock_s(const TomlReader& rd, const toml::node* n) {
  const std::optional<std::string> v = n->value<std::string>();
  const auto fail = [&] {
    rd.fail(n,
            "'after' must be a time after the start written \"HH:MM\" or \"HH:MM:SS\" "
            "(hours up to 8784, a year)");
  };
  if (!v) fail();
  // Each part: 1 to 4 digits (hours) or exactly 2 (minutes, seconds); no signs, no spaces.
  std::vector<int> parts;
  std::size_t at = 0;
  while (true) {
    const std::size_t colon = std::min(v->find(':', at), v->size());
    const std::string part = v->substr(at, colon - at);
    const std::size_t width = parts.empty() ? 4 : 2;
    if (part.empty() || part.size() > width ||
        part.find_first_not_of("0123456789") != std::string::npos) {
      fail();
    }
    parts.push_back(std::stoi(part));
    if (colon == v->size()) break;
    at = colon + 1;
  }
  if (parts.size() < 2 || parts.size() > 3 || parts[0] > 24 * 366 || parts[1] > 59 ||
      (parts.size() == 3 && parts[2] > 59)) {
    fail();
  }
  return parts[0] * 3600.0 + parts[1] * 60.0 + (parts.size() == 3 ? parts[2] : 0);
}

}  // namespace

MarketScenario read_market_scenario(const std::string& path) {
  const TomlReader rd(path);
  const toml::table& root = rd.root();
  MarketScenario sc;
  sc.source = path;
  MarketConfig& c = sc.config;
  // [economics] is read by market run --aging (docs/aging.md).
  rd.check_keys(root, {"market", "battery", "bid", "schedule", "frequency", "economics"},
                "the scenario");

  if (const toml::table* m = rd.table(root, "market")) {
    rd.check_keys(*m,
                  {"product", "bid_mw", "controller", "capacity_price_ntd_per_mw_h",
                   "performance_price_ntd_per_mw_h", "loss_price_ntd_per_mwh", "line_loss",
                   "base_hz", "utc_offset_h", "timezone"},
                  "[market]");
    const std::string product = rd.choice(*m, "product", "edreg", {"dreg", "edreg"});
    c.product = product == "dreg" ? Product::kDreg : Product::kEdreg;
    c.bid_mw = rd.number(*m, "bid_mw", 0.001, 1e5, c.bid_mw);
    c.controller = rd.choice(*m, "controller", "managed", {"naive", "managed"}) == "naive"
                       ? ControllerKind::kNaive
                       : ControllerKind::kManaged;
    c.prices.capacity_ntd_per_mw_h = rd.number(*m, "capacity_price_ntd_per_mw_h", 0, 600, 0);
    c.prices.performance_ntd_per_mw_h = rd.number(*m, "performance_price_ntd_per_mw_h", 0, 1e6, -1);
    c.prices.loss_price_ntd_per_mwh = rd.number(*m, "loss_price_ntd_per_mwh", 0, 1e6, 0);
    c.line_loss = rd.number(*m, "line_loss", 0, 0.19, 0);
    c.base_hz = rd.number(*m, "base_hz", 59, 61, c.base_hz);
    const toml::node* zone = m->get("timezone");
    const toml::node* offset = m->get("utc_offset_h");
    if (zone != nullptr && offset != nullptr) {
      rd.fail(offset, "give 'timezone' or 'utc_offset_h', not both");
    }
    if (zone != nullptr) {
      const std::string name = rd.choice(*m, "timezone", "");
      const std::optional<TimeZone> tz = TimeZone::find(name);
      if (!tz) {
        rd.fail(zone, "unknown time zone '" + name +
                          "': give an IANA name such as \"Asia/Taipei\" (the system's tzdata)");
      }
      c.calendar = Calendar(*tz);
    } else if (offset != nullptr) {
      c.calendar =
          Calendar(static_cast<int>(std::lround(60 * rd.number(*m, "utc_offset_h", -14, 14, 8))));
    }
    sc.clock_given = zone != nullptr || offset != nullptr;
  }
  const toml::table* b = rd.table(root, "battery");
  if (b == nullptr) rd.fail(&root, "the scenario needs a [battery] table");
  // The storage keys, defaults and bounds every scenario format shares; the rest is market's.
  StorageTable& bt = sc.battery;
  apply_toml(StorageTable::fields(), bt, *b, rd, {"inverter_lag_ms", "full_correction_mwh"});
  if (!bt.energy_mwh) rd.fail(b, "[battery] needs 'energy_mwh'");
  if (!bt.power_mw) bt.power_mw = c.bid_mw;  // a battery sized to its bid unless stated
  try {
    c.storage = storage_params(bt);
  } catch (const InputError& e) {
    rd.fail(b, "[battery] " + e.reason());
  }
  c.initial_soc = bt.initial_soc.value_or(c.initial_soc);
  c.inverter_lag_s = rd.number(*b, "inverter_lag_ms", 0, 10000, 1000 * c.inverter_lag_s) / 1000;
  c.steering.full_correction_mwh =
      rd.number(*b, "full_correction_mwh", 1e-6, 1e6, c.steering.full_correction_mwh);

  if (const toml::table* bid = rd.table(root, "bid")) {
    rd.check_keys(*bid, {"min_soc_mwh", "max_soc_mwh"}, "[bid]");
    sc.declared_min_soc_mwh = rd.optional_number(*bid, "min_soc_mwh", 0, limits::kEnergyMwh);
    sc.declared_max_soc_mwh = rd.optional_number(*bid, "max_soc_mwh", 0, limits::kEnergyMwh);
  }
  if (const toml::table* s = rd.table(root, "schedule")) {
    rd.check_keys(*s, {"file", "column"}, "[schedule]");
    const std::string file = rd.choice(*s, "file", "");
    if (!file.empty()) sc.schedule_file = rd.resolve(file);
    sc.schedule_column = rd.choice(*s, "column", sc.schedule_column);
  }
  if (const toml::table* f = rd.table(root, "frequency")) {
    rd.check_keys(*f,
                  {"file", "column", "start", "duration_h", "step_s", "deviation_hz", "reversion_s",
                   "seed", "system_mw", "inertia_s", "droop_pu", "governor_s", "agc_s", "trips"},
                  "[frequency]");
    FrequencySpec& fs = sc.frequency;
    const std::string file = rd.choice(*f, "file", "");
    if (!file.empty()) fs.file = rd.resolve(file);
    fs.column = rd.choice(*f, "column", "");
    if (const toml::node* start = f->get("start")) {
      const auto ts = parse_timestamp(rd.choice(*f, "start", ""));
      if (!ts) rd.fail(start, "'start' must be an ISO-8601 time, e.g. 2025-07-01T00:00:00+08:00");
      c.start_s = ts->utc_s;
      if (ts->offset_min && !sc.clock_given) c.calendar = Calendar(*ts->offset_min);
    }
    SyntheticFrequencyParams& p = fs.synthetic;
    fs.duration_h = rd.number(*f, "duration_h", 1.0 / 3600, 24 * 366, fs.duration_h);
    p.deviation_hz = rd.number(*f, "deviation_hz", 0, 0.5, p.deviation_hz);
    p.reversion_s = rd.number(*f, "reversion_s", 0.1, 1e5, p.reversion_s);
    p.seed = static_cast<std::uint64_t>(rd.number(*f, "seed", 0, 9e15, 1));
    p.system_mw = rd.number(*f, "system_mw", 1, 1e7, p.system_mw);
    p.inertia_s = rd.number(*f, "inertia_s", 0.1, 30, p.inertia_s);
    p.droop_pu = rd.number(*f, "droop_pu", 0.001, 1, p.droop_pu);
    p.governor_s = rd.number(*f, "governor_s", 0.1, 600, p.governor_s);
    p.agc_s = rd.number(*f, "agc_s", 1, 1e5, p.agc_s);
    if (const toml::node* trips = f->get("trips")) {
      const toml::array* arr = trips->as_array();
      if (arr == nullptr) rd.fail(trips, "'trips' must be an array of {after, lost_mw} tables");
      for (const toml::node& n : *arr) {
        const toml::table* t = n.as_table();
        if (t == nullptr) rd.fail(&n, "each trip must be a table {after = \"HH:MM\", lost_mw}");
        rd.check_keys(*t, {"after", "lost_mw"}, "a trip");
        const toml::node* after = t->get("after");
        if (after == nullptr) rd.fail(&n, "a trip needs 'after' (\"HH:MM\" after the start)");
        if (t->get("lost_mw") == nullptr) rd.fail(&n, "a trip needs 'lost_mw'");
        p.trips.push_back({clock_s(rd, after), rd.number(*t, "lost_mw", 0.001, p.system_mw, 0)});
      }
    }
  }
  return sc;
}

std::vector<double> load_frequency(MarketScenario& sc) {
  if (!sc.frequency.file.empty()) {
    FrequencyTrace tr = read_frequency_csv(sc.frequency.file, sc.frequency.column);
    sc.config.start_s = tr.start_s;
    if (tr.utc_offset_min != 0 && !sc.clock_given) sc.config.calendar = Calendar(tr.utc_offset_min);
    return std::move(tr.hz);
  }
  const auto n = static_cast<std::size_t>(std::llround(sc.frequency.duration_h * 3600));
  SyntheticFrequencyParams p = sc.frequency.synthetic;
  p.step_s = 1;
  return synthetic_frequency(p, n);
}

void prepare_schedule(MarketScenario& sc, std::int64_t seconds) {
  MarketConfig& c = sc.config;
  if (c.product != Product::kEdreg) return;
  if (sc.schedule_file.empty()) {
    c.schedule =
        default_edreg_schedule(c.bid_mw, c.storage, c.line_loss, c.start_s, seconds, c.calendar);
    return;
  }
  const SignedSeries s = read_signed_csv(sc.schedule_file, sc.schedule_column);
  const auto interval = static_cast<std::int64_t>(taipower::kRules.schedule_interval_s);
  if (s.values.size() > 1 && s.step_s != interval) {
    throw InputError(fmt::format("the schedule's step is {} s; Taipower's targets come every "
                                 "{} s (one row per 15-minute interval)",
                                 s.step_s, interval),
                     {sc.schedule_file, 3, 1});
  }
  if ((s.start_s - c.start_s) % interval != 0) {
    throw InputError(
        "the schedule does not start on a 15-minute boundary of the frequency's "
        "start; align its first timestamp",
        {sc.schedule_file, 2, 1});
  }
  // Re-index onto the run's intervals: intervals outside the file are 0 MW.
  const std::int64_t offset = (s.start_s - c.start_s) / interval;
  const std::int64_t n = (seconds + interval - 1) / interval;
  std::vector<double> targets(static_cast<std::size_t>(std::max<std::int64_t>(n, 0)), 0.0);
  for (std::size_t i = 0; i < s.values.size(); ++i) {
    const std::int64_t k = offset + static_cast<std::int64_t>(i);
    if (k >= 0 && k < n) targets[static_cast<std::size_t>(k)] = s.values[i];
  }
  c.schedule = control::ShiftSchedule(std::move(targets));
}

Bid declared_bid(const MarketScenario& sc) {
  const MarketConfig& c = sc.config;
  return {c.bid_mw, c.storage.energy_mwh,
          sc.declared_min_soc_mwh.value_or(c.storage.min_energy_mwh()),
          sc.declared_max_soc_mwh.value_or(c.storage.max_energy_mwh()),
          std::min(c.storage.discharge_power_mw, c.storage.charge_power_mw)};
}

}  // namespace ballast::market
