#pragma once
/// @file Second-by-second market simulation of a battery in dReg or E-dReg: controller,
/// inverter lag, storage physics, Taipower's scoring and settlement. Streams: memory does not
/// grow with the run's length (hourly aggregates, capped violation list, decimated traces).

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ballast/control/edreg_schedule.h"
#include "ballast/control/low_frequency_rule.h"
#include "ballast/control/regulation_curve.h"
#include "ballast/control/soc_steering.h"
#include "ballast/control/taipower_rules.h"
#include "ballast/core/calendar.h"
#include "ballast/market/scoring.h"
#include "ballast/storage/storage.h"

namespace ballast::market {

/// How the battery picks its output inside the allowed band.
enum class ControllerKind {
  kNaive,    ///< the band's middle: the curve itself, no SOC management
  kManaged,  ///< SOC steering inside the band toward the schedule's SOC trajectory
};

/// "naive" or "managed".
std::string to_string(ControllerKind kind);

/// Prices, NTD. Performance price: the rulebook's when not given.
struct Prices {
  double capacity_ntd_per_mw_h = 0;      ///< capacity clearing price, NTD per MW-hour
  double performance_ntd_per_mw_h = -1;  ///< < 0: the rulebook's price for the product and day
  double loss_price_ntd_per_mwh = 0;     ///< price of the energy the battery loses, NTD/MWh
};

/// Everything a market run needs besides the frequency.
struct MarketConfig {
  taipower::Product product = taipower::Product::kEdreg;
  double bid_mw = 10;               ///< awarded capacity, MW
  StorageParams storage;            ///< the battery (power, energy, efficiency, SOC window)
  double initial_soc = 0.5;         ///< starting energy, fraction of energy_mwh
  double inverter_lag_s = 0.2;      ///< first-order inverter time constant, s (0: none)
  double line_loss = 0;             ///< fraction of terminal power lost before the meter
  control::ShiftSchedule schedule;  ///< E-dReg 15-minute targets from start_s, MW
  Prices prices;
  ControllerKind controller = ControllerKind::kManaged;
  control::SocSteeringParams steering;           ///< managed controller's gain
  double base_hz = taipower::kRules.nominal_hz;  ///< curve base frequency, Hz
  std::int64_t start_s = 0;                      ///< UTC second of the first frequency value
  /// Local time for days, tables and charts: [market] timezone (an IANA zone) or utc_offset_h;
  /// else the frequency's own offset; else Taiwan's UTC+8.
  Calendar calendar{480};
  std::size_t trace_buckets = 2000;  ///< decimation of the report traces (2 points each)

  /// Throws InputError naming the first inconsistent setting.
  void validate() const;
};

/// One settled hour.
struct HourResult {
  std::int64_t start_s = 0;         ///< UTC start of the hour
  int seconds = 0;                  ///< seconds simulated in it (3,600 unless partial)
  double execution_rate_pct = 100;  ///< minimum rolling score
  double quality_index = 1;
  double mean_score_pct = 100;      ///< mean per-second score
  double capacity_ntd = 0;          ///< capacity price x MW x index (pro rata if partial)
  double performance_ntd = 0;       ///< performance price x MW x index (pro rata if partial)
  double energy_fee_ntd = 0;        ///< E-dReg energy-service fees settled in this hour
  double loss_fee_ntd = 0;          ///< energy-loss fee for regulation-only intervals
  double discharged_mwh = 0;        ///< metered
  double charged_mwh = 0;           ///< metered
  double soc_min = 1, soc_max = 0;  ///< fraction of energy_mwh
  double payment_ntd() const { return capacity_ntd + performance_ntd; }
};

/// A broken rule or a rule firing, with its time.
struct Violation {
  std::int64_t start_s = 0;  ///< UTC second it began
  std::int64_t end_s = 0;    ///< UTC second after it ended
  std::string rule;          ///< "score below 100", "execution rate below 95 %", ...
  std::string detail;        ///< numbers and cause
};

/// Decimated traces for charts: two points a bucket (the bucket's min and max, in order).
struct Trace {
  std::vector<double> time_s, frequency_hz, power_mw, band_lo_mw, band_hi_mw, soc_pct;
};

/// A whole run.
struct MarketResult {
  MarketConfig config;
  std::int64_t seconds = 0;
  std::vector<HourResult> hours;
  double min_execution_rate_pct = 100;
  int hours_below_pass = 0;  ///< hours under the 95 % pass rate
  double capacity_ntd = 0, performance_ntd = 0, energy_fee_ntd = 0, loss_fee_ntd = 0;
  double discharged_mwh = 0, charged_mwh = 0;  ///< metered
  double soc_min = 1, soc_max = 0, soc_end = 0;
  int low_frequency_events = 0;
  std::vector<Violation> violations;  ///< first kMaxViolations, in time order
  std::int64_t violation_count = 0;   ///< all of them
  Trace trace;

  double payment_ntd() const { return capacity_ntd + performance_ntd; }
  /// Payment plus energy-service fees minus the energy-loss fee, NTD.
  double net_ntd() const { return payment_ntd() + energy_fee_ntd - loss_fee_ntd; }
};

/// Most violations a result keeps (all are counted).
inline constexpr std::size_t kMaxViolations = 10000;

/// One simulated second, for callers that stream it out (e.g. a per-second CSV).
struct SecondRecord {
  std::int64_t time_s;  ///< UTC second whose frequency is scored
  double frequency_hz;
  double shift_mw;                ///< E-dReg shifting power
  double band_lo_mw, band_hi_mw;  ///< allowed output
  double power_mw;                ///< metered at t+1
  double score_pct, rolling_pct;
  double soc;  ///< fraction of energy_mwh after the second
};

/// Streams a run: call step() once a second with the frequency, then finish().
class MarketSimulator {
 public:
  /// `expected_seconds` sizes the trace decimation (0: unknown, traces kept per hour).
  MarketSimulator(MarketConfig config, std::int64_t expected_seconds);
  ~MarketSimulator();

  /// Called for every second when set (slows the run a little).
  void on_second(std::function<void(const SecondRecord&)> sink);
  /// Simulates the second whose frequency is `frequency_hz`.
  void step(double frequency_hz);
  /// Settles the last (possibly partial) hour and returns the run.
  MarketResult finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Simulates a whole trace of one value a second.
MarketResult simulate(const MarketConfig& config, const std::vector<double>& frequency_hz);

/// The default E-dReg day (ballast's default, not the rulebook's): discharge at the bid from
/// 17:00 to 19:00 local, charge back from 10:00 to 12:30 at the power that restores the energy
/// through the round-trip and line losses (at most the bid). Intervals from `start_s` for
/// `seconds`, local days in `calendar`.
control::ShiftSchedule default_edreg_schedule(double bid_mw, const StorageParams& storage,
                                              double line_loss, std::int64_t start_s,
                                              std::int64_t seconds, const Calendar& calendar);

}  // namespace ballast::market
