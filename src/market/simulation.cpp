#include "ballast/market/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "ballast/control/regulation_controller.h"
#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"
#include "ballast/market/settlement.h"

namespace ballast::market {

using taipower::kRules;
using taipower::Product;

namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Min and max of one channel over a bucket, remembering which came first.
struct Extent {
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  int min_at = 0, max_at = 0, n = 0;
  void add(double v) {
    if (v < min) min = v, min_at = n;
    if (v > max) max = v, max_at = n;
    ++n;
  }
  double first() const { return min_at <= max_at ? min : max; }
  double second() const { return min_at <= max_at ? max : min; }
};

}  // namespace

std::string to_string(ControllerKind kind) {
  return kind == ControllerKind::kNaive ? "naive" : "managed";
}

void MarketConfig::validate() const {
  const auto check = [](bool ok, const std::string& what) {
    if (!ok) throw InputError(what);
  };
  storage.validate();
  check(product != Product::kSreg,
        "the market simulation scores dReg and E-dReg; sReg has only a trigger/hold controller");
  check(bid_mw > 0 && std::isfinite(bid_mw), fmt::format("bid must be > 0 MW (got {})", bid_mw));
  check(bid_mw <= storage.discharge_power_mw + 1e-9 && bid_mw <= storage.charge_power_mw + 1e-9,
        fmt::format("bid {} MW exceeds the battery's power ({} MW); bid at most the inverter's "
                    "rating",
                    bid_mw, std::min(storage.discharge_power_mw, storage.charge_power_mw)));
  if (product == Product::kEdreg) {
    // E-dReg: grid-connected batteries of at least 1 MW and 2.5 MWh (digest, "Products").
    check(bid_mw >= kRules.edreg_min_bid_mw - 1e-9,
          fmt::format("E-dReg needs a bid of at least {} MW (got {})", kRules.edreg_min_bid_mw,
                      bid_mw));
    check(storage.energy_mwh >= kRules.edreg_min_energy_mwh - 1e-9,
          fmt::format("E-dReg needs a battery of at least {} MWh (got {})",
                      kRules.edreg_min_energy_mwh, storage.energy_mwh));
  } else {
    check(!schedule.has_shifting(), "a shifting schedule is for E-dReg only; drop it for dReg");
  }
  check(initial_soc >= storage.soc_min - 1e-12 && initial_soc <= storage.soc_max + 1e-12,
        fmt::format("initial SOC {} is outside the battery's window {}..{}", initial_soc,
                    storage.soc_min, storage.soc_max));
  check(inverter_lag_s >= 0 && inverter_lag_s <= 10,
        fmt::format("inverter lag must be in 0..10 s (got {})", inverter_lag_s));
  check(line_loss >= 0 && line_loss < 0.2,
        fmt::format("line loss must be in [0, 0.2) (got {})", line_loss));
  check(prices.loss_price_ntd_per_mwh >= 0, "the energy-loss price must be >= 0 NTD/MWh");
  check_capacity_price(product, prices.capacity_ntd_per_mw_h);
  check(base_hz >= 59 && base_hz <= 61,
        fmt::format("base frequency {} Hz is outside 59-61", base_hz));
  check(trace_buckets > 0, "trace_buckets must be > 0");
}

struct MarketSimulator::Impl {
  MarketConfig c;
  control::RegulationController regulation;
  StorageModel model;
  StorageState state;
  double keep;             // inverter lag: share of the old output kept after one second
  double pass_through;     // 1 - line loss
  double terminal_mw = 0;  // inverter output at the battery terminals
  double reference_mwh;    // energy the schedule alone would leave: the steering target
  RollingScore rolling;
  std::int64_t t = 0;
  std::set<std::int64_t> shifting_days;
  std::function<void(const SecondRecord&)> sink;
  MarketResult r;

  // The open hour.
  bool hour_open = false;
  HourResult hour;
  double hour_score_sum = 0;
  // The open 15-minute fee interval.
  std::int64_t fee_interval = 0;
  double fee_sum_mw = 0;
  int fee_seconds = 0;
  // The open episode of rolling scores under the pass rate.
  bool in_episode = false;
  Violation episode;
  double episode_worst = 100;
  // The open trace bucket.
  std::int64_t bucket_s;
  std::int64_t bucket_first = 0, bucket_last = 0;
  int bucket_n = 0;
  Extent ext[5];

  Impl(MarketConfig config, std::int64_t expected_seconds)
      : c((config.validate(), std::move(config))),
        regulation({.product = c.product,
                    .bid_mw = c.bid_mw,
                    .base_hz = c.base_hz,
                    .schedule = c.schedule,
                    .steering = c.steering,
                    .steer = c.controller == ControllerKind::kManaged}),
        model(c.storage, kRules.meter_step_s / 3600.0),
        keep(c.inverter_lag_s > 0 ? std::exp(-kRules.meter_step_s / c.inverter_lag_s) : 0.0),
        pass_through(1 - c.line_loss) {
    state.energy_mwh = c.initial_soc * c.storage.energy_mwh;
    reference_mwh = centered_reference_start();
    const auto buckets = static_cast<std::int64_t>(c.trace_buckets);
    bucket_s = expected_seconds > 0
                   ? std::max<std::int64_t>(1, (expected_seconds + buckets - 1) / buckets)
                   : 3600;
    const auto interval = static_cast<std::int64_t>(kRules.schedule_interval_s);
    for (std::size_t k = 0; k < c.schedule.size(); ++k) {
      if (c.schedule.targets_mw()[k] == 0) continue;
      const std::int64_t at = c.start_s + static_cast<std::int64_t>(k) * interval;
      shifting_days.insert(c.calendar.local_day(at));
    }
    r.soc_min = r.soc_max = c.initial_soc;
  }

  // The steering target starts where the schedule's whole swing of stored energy sits in the
  // middle of the SOC window, so regulation keeps equal room above and below (dReg: 50 %).
  double centered_reference_start() const {
    const double hours = kRules.schedule_interval_s / 3600.0;
    double e = 0, lo = 0, hi = 0;
    for (double target : c.schedule.targets_mw()) {
      e -= store_change_mw(target) * hours;
      lo = std::min(lo, e);
      hi = std::max(hi, e);
    }
    return 0.5 * (model.min_energy_mwh() + model.max_energy_mwh()) - 0.5 * (lo + hi);
  }

  // Rate at which metered shifting power `shift_mw` empties the store, MW.
  double store_change_mw(double shift_mw) const {
    return shift_mw >= 0 ? shift_mw / pass_through / c.storage.discharge_efficiency
                         : shift_mw * pass_through * c.storage.charge_efficiency;
  }

  void add_violation(Violation v) {
    ++r.violation_count;
    if (r.violations.size() < kMaxViolations) r.violations.push_back(std::move(v));
  }

  void close_hour() {
    if (!hour_open) return;
    const double fraction = hour.seconds / kRules.hour_s;
    hour.quality_index = quality_index(hour.execution_rate_pct);
    hour.mean_score_pct = hour_score_sum / hour.seconds;
    const bool shifting_day = shifting_days.count(c.calendar.local_day(hour.start_s)) > 0;
    const double performance = c.prices.performance_ntd_per_mw_h >= 0
                                   ? c.prices.performance_ntd_per_mw_h
                                   : performance_price(c.product, shifting_day);
    // Hourly payment = (capacity + performance) x MW x index (digest, "Settlement"); a
    // partial hour at either end of a run is paid pro rata.
    hour.capacity_ntd =
        hourly_payment_ntd(c.prices.capacity_ntd_per_mw_h, 0, c.bid_mw, hour.quality_index) *
        fraction;
    hour.performance_ntd =
        hourly_payment_ntd(0, performance, c.bid_mw, hour.quality_index) * fraction;
    if (hour.execution_rate_pct < kRules.pass_rate_pct) {
      ++r.hours_below_pass;
      add_violation({hour.start_s, hour.start_s + hour.seconds, "execution rate below 95 %",
                     fmt::format("execution rate {:.2f} %, quality index {}",
                                 hour.execution_rate_pct, hour.quality_index)});
    }
    r.hours.push_back(hour);
    hour_open = false;
  }

  void close_fee_interval() {
    if (fee_seconds == 0) return;
    if (c.product == Product::kEdreg && c.schedule.target_mw(fee_interval) != 0) {
      // Energy-service fee per 15 minutes on average metered power (digest, "Settlement").
      hour.energy_fee_ntd += energy_service_fee_ntd(fee_sum_mw / fee_seconds, fee_seconds);
    }
    fee_sum_mw = 0;
    fee_seconds = 0;
  }

  void close_bucket() {
    if (bucket_n == 0) return;
    Trace& tr = r.trace;
    std::vector<double>* ch[5] = {&tr.frequency_hz, &tr.power_mw, &tr.band_lo_mw, &tr.band_hi_mw,
                                  &tr.soc_pct};
    tr.time_s.push_back(static_cast<double>(bucket_first));
    for (int i = 0; i < 5; ++i) ch[i]->push_back(ext[i].first());
    if (bucket_n > 1) {
      tr.time_s.push_back(static_cast<double>(bucket_last));
      for (int i = 0; i < 5; ++i) ch[i]->push_back(ext[i].second());
    }
    bucket_n = 0;
    for (Extent& e : ext) e = Extent{};
  }

  std::string shortfall_cause(double request_mw, double delivered_mw) const {
    if (std::abs(request_mw - delivered_mw) <= 1e-9) return "inverter lag on a set-point jump";
    if (request_mw > 0 && state.energy_mwh <= model.min_energy_mwh() + 1e-9) return "SOC at floor";
    if (request_mw < 0 && state.energy_mwh >= model.max_energy_mwh() - 1e-9) {
      return "SOC at ceiling";
    }
    return "power limit";
  }

  void step(double f_hz) {
    const std::int64_t now = c.start_s + t;
    // Shifting power, the low-frequency rule (E-dReg), the band and the output in it.
    const control::RegulationStep d =
        regulation.step(t, f_hz, state.energy_mwh,
                        std::clamp(reference_mwh, model.min_energy_mwh(), model.max_energy_mwh()));
    if (d.cancelled_until_s) {
      add_violation({now, c.start_s + *d.cancelled_until_s, "low-frequency rule",
                     fmt::format("{:.3f} Hz while charging: charging stopped, next 15-minute "
                                 "schedule cancelled, regulation only until {}",
                                 f_hz, c.calendar.format(c.start_s + *d.cancelled_until_s))});
    }
    const double shift = d.shift_mw;
    const control::Band& band = d.band_mw;
    const double set_mw = d.setpoint_mw;
    // The steering target follows what the schedule alone does to the stored energy.
    reference_mwh -= store_change_mw(shift) * model.dt_h();
    // Inverter lag, then the storage physics; the meter reads what is left after line loss.
    const double request = set_mw >= 0 ? set_mw / pass_through : set_mw * pass_through;
    const double lagged = request + (terminal_mw - request) * keep;
    terminal_mw = model.step(state, lagged);
    const double meter_mw =
        terminal_mw >= 0 ? terminal_mw * pass_through : terminal_mw / pass_through;
    // Frequency at t is scored against the power metered at t+1 (the end of this second).
    const double score = second_score_pct(band, meter_mw, c.bid_mw);
    const double rolled = rolling.push(score);
    const double soc = state.energy_mwh / c.storage.energy_mwh;

    // Fees: energy-service fee on shifting intervals; the energy-loss fee prices the net
    // energy drawn while only regulating (ballast's reading, docs/market.md).
    if (fee_seconds == static_cast<int>(kRules.fee_interval_s)) {
      close_fee_interval();
      ++fee_interval;
    }
    const std::int64_t interval = fee_interval;
    // Hour bookkeeping: the execution rate is the minimum rolling score of the hour.
    if (hour_open && now >= hour.start_s + 3600) close_hour();
    if (!hour_open) {
      hour = HourResult{};
      hour.start_s = floor_div(now, 3600) * 3600;
      hour_score_sum = 0;
      hour_open = true;
    }
    ++hour.seconds;
    hour.execution_rate_pct = std::min(hour.execution_rate_pct, rolled);
    hour_score_sum += score;
    const double mwh = meter_mw * model.dt_h();
    (mwh >= 0 ? hour.discharged_mwh : hour.charged_mwh) += std::abs(mwh);
    hour.soc_min = std::min(hour.soc_min, soc);
    hour.soc_max = std::max(hour.soc_max, soc);
    fee_sum_mw += meter_mw;
    ++fee_seconds;
    if (c.product != Product::kEdreg || c.schedule.target_mw(interval) == 0) {
      hour.loss_fee_ntd -= mwh * c.prices.loss_price_ntd_per_mwh;
    }
    // Episodes of rolling scores under the pass rate.
    if (rolled < kRules.pass_rate_pct) {
      if (!in_episode) {
        in_episode = true;
        episode = {now, now + 1, "rolling score below 95 %", shortfall_cause(lagged, terminal_mw)};
        episode_worst = rolled;
      }
      episode.end_s = now + 1;
      episode_worst = std::min(episode_worst, rolled);
    } else if (in_episode) {
      close_episode();
    }
    // Trace.
    if (bucket_n == 0) bucket_first = now;
    bucket_last = now;
    ++bucket_n;
    ext[0].add(f_hz);
    ext[1].add(meter_mw);
    ext[2].add(band.lo);
    ext[3].add(band.hi);
    ext[4].add(100 * soc);
    if (bucket_n == bucket_s) close_bucket();

    r.soc_min = std::min(r.soc_min, soc);
    r.soc_max = std::max(r.soc_max, soc);
    if (sink) sink({now, f_hz, shift, band.lo, band.hi, meter_mw, score, rolled, soc});
    ++t;
  }

  void close_episode() {
    episode.detail = fmt::format("worst rolling score {:.1f} % over {} s; cause: {}", episode_worst,
                                 episode.end_s - episode.start_s, episode.detail);
    add_violation(episode);
    in_episode = false;
  }

  MarketResult finish() {
    if (in_episode) close_episode();
    close_fee_interval();
    close_hour();
    close_bucket();
    r.config = c;
    r.seconds = t;
    r.low_frequency_events = regulation.low_frequency_events();
    r.soc_end = state.energy_mwh / c.storage.energy_mwh;
    for (const HourResult& h : r.hours) {
      r.min_execution_rate_pct = std::min(r.min_execution_rate_pct, h.execution_rate_pct);
      r.capacity_ntd += h.capacity_ntd;
      r.performance_ntd += h.performance_ntd;
      r.energy_fee_ntd += h.energy_fee_ntd;
      r.loss_fee_ntd += h.loss_fee_ntd;
      r.discharged_mwh += h.discharged_mwh;
      r.charged_mwh += h.charged_mwh;
    }
    std::stable_sort(r.violations.begin(), r.violations.end(),
                     [](const Violation& a, const Violation& b) { return a.start_s < b.start_s; });
    return std::move(r);
  }
};

MarketSimulator::MarketSimulator(MarketConfig config, std::int64_t expected_seconds)
    : impl_(std::make_unique<Impl>(std::move(config), expected_seconds)) {}

MarketSimulator::~MarketSimulator() = default;

void MarketSimulator::on_second(std::function<void(const SecondRecord&)> sink) {
  impl_->sink = std::move(sink);
}

void MarketSimulator::step(double frequency_hz) { impl_->step(frequency_hz); }

MarketResult MarketSimulator::finish() { return impl_->finish(); }

MarketResult simulate(const MarketConfig& config, std::span<const double> frequency_hz) {
  MarketSimulator sim(config, static_cast<std::int64_t>(frequency_hz.size()));
  for (double f : frequency_hz) sim.step(f);
  return sim.finish();
}

control::ShiftSchedule default_edreg_schedule(double bid_mw, const StorageParams& storage,
                                              double line_loss, std::int64_t start_s,
                                              std::int64_t seconds, const Calendar& calendar) {
  // Two hours of discharge at the bid (the E-dReg product's shifting duty, digest "E-dReg
  // specifics"); 2.5 hours of charging restore that energy through the losses.
  constexpr std::int64_t kDischargeFrom = 17 * 3600, kDischargeTo = 19 * 3600;
  constexpr std::int64_t kChargeFrom = 10 * 3600, kChargeTo = 12 * 3600 + 1800;
  const double through = (1 - line_loss) * (1 - line_loss);
  const double charge_mw = std::min(
      bid_mw,
      std::ceil(bid_mw * 2.0 / 2.5 / (storage.round_trip_efficiency() * through) * 1000) / 1000);
  const auto interval = static_cast<std::int64_t>(kRules.schedule_interval_s);
  const std::int64_t n = (seconds + interval - 1) / interval;
  std::vector<double> targets(static_cast<std::size_t>(n), 0.0);
  for (std::int64_t k = 0; k < n; ++k) {
    const std::int64_t local = calendar.local_s(start_s + k * interval);
    const std::int64_t tod = local - floor_div(local, 86400) * 86400;
    if (tod >= kDischargeFrom && tod < kDischargeTo) targets[static_cast<std::size_t>(k)] = bid_mw;
    if (tod >= kChargeFrom && tod < kChargeTo) targets[static_cast<std::size_t>(k)] = -charge_mw;
  }
  return control::ShiftSchedule(std::move(targets));
}

}  // namespace ballast::market
