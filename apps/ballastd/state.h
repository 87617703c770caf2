#pragma once
/// @file What the control loop shares with the HTTP API and the historian: loop samples,
/// per-second history rows, the status snapshot and operator commands. The loop publishes
/// under a short lock and never waits on a reader.

#include <array>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ballast::ballastd {

/// The wall clock as Unix time, ms (history rows, events and status times use it).
std::int64_t unix_ms();

/// What the loop does with the battery.
enum class Mode {
  kStandby,      ///< set-point 0
  kManual,       ///< the operator's set-point (POST /setpoint)
  kSmoothing,    ///< ramp-limit the power the site draws upstream
  kPeakShaving,  ///< keep the site's import under a threshold, recharge below it
  kRegulation,   ///< dReg / E-dReg: follow the frequency-power curve
};
/// "standby", "manual", "smoothing", "peak_shaving", "regulation".
const char* to_string(Mode mode);
/// The mode named `name`, or nullopt.
std::optional<Mode> parse_mode(std::string_view name);

/// Alarms, one bit each; a sample carries those active in its cycle.
enum Alarm : std::uint32_t {
  kMeterComm = 1u << 0,           ///< the meter did not answer (timeout, exception, no link)
  kInverterComm = 1u << 1,        ///< the inverter did not answer
  kStaleData = 1u << 2,           ///< no fresh reading within stale_ms: safe set-point
  kFrozenData = 1u << 3,          ///< heartbeat or values stopped changing
  kBadData = 1u << 4,             ///< a register held a not-implemented or implausible value
  kInverterNotRunning = 1u << 5,  ///< the inverter's status is not a running code
  kSocLimit = 1u << 6,            ///< the set-point was cut at the SOC window's edge
  kPowerLimit = 1u << 7,          ///< the set-point was cut to the inverter's available power
  kWatchdog = 1u << 8,            ///< a cycle overran the watchdog time
};
inline constexpr int kAlarmCount = 9;
/// Name of alarm bit `i` (0-based): "meter_comm", "inverter_comm", "stale_data", ...
const char* alarm_name(int i);
/// Names of the bits set in `alarms`, in bit order.
std::vector<std::string> alarm_names(std::uint32_t alarms);

/// One control cycle. Powers in MW; NaN where unknown (no fresh reading).
struct Sample {
  std::int64_t time_ms = 0;  ///< Unix time of the cycle's start, ms
  Mode mode = Mode::kStandby;
  bool safe = false;        ///< the safe set-point was sent (stale or bad data)
  double site_mw = 0;       ///< site load: upstream import + battery output
  double upstream_mw = 0;   ///< import at the meter (positive = from the grid)
  double battery_mw = 0;    ///< inverter output (positive = discharge)
  double setpoint_mw = 0;   ///< set-point written this cycle
  double soc = 0;           ///< state of charge, fraction
  double frequency_hz = 0;  ///< grid frequency at the meter
  std::uint32_t alarms = 0;
};

/// One second of history: means of the second's samples (last value for set-point, SOC and
/// frequency), the alarms raised in it and the mode at its end.
struct HistoryRow {
  std::int64_t time_s = 0;  ///< Unix second
  Mode mode = Mode::kStandby;
  bool safe = false;  ///< any sample of the second was safe
  double site_mw = 0, upstream_mw = 0, battery_mw = 0;
  double setpoint_mw = 0, soc = 0, frequency_hz = 0;
  std::uint32_t alarms = 0;
  int samples = 0;  ///< cycles in the second
};

/// Folds samples into per-second rows.
class SecondAggregator {
 public:
  /// Adds a sample; returns the previous second's row when `s` starts a new second.
  std::optional<HistoryRow> add(const Sample& s);
  /// The row of the second in progress, if any sample was added.
  std::optional<HistoryRow> flush();

 private:
  HistoryRow row_{};
  int finite_[3] = {0, 0, 0};  // samples with a finite site, upstream, battery
  bool open_ = false;
};

/// Percentiles of one timing, microseconds.
struct TimingSummary {
  double p50_us = 0, p99_us = 0, max_us = 0;
  std::int64_t count = 0;
};

/// The status the API reports (GET /status) and the metrics it exports.
struct Status {
  Sample last{};                   ///< the last cycle
  std::string state = "starting";  ///< "starting", "running", "safe", "stopping"
  double manual_setpoint_mw = 0;
  bool meter_connected = false, inverter_connected = false;
  std::string last_fault;              ///< the latest communication or data problem, in words
  std::int64_t last_fresh_ms = 0;      ///< Unix ms of the last fresh meter+inverter reading
  std::int64_t safe_since_ms = 0;      ///< Unix ms the safe set-point began (0 when not safe)
  bool setpoint_acknowledged = false;  ///< the inverter acknowledged the newest finished write
  TimingSummary period_jitter;         ///< actual cycle start minus its deadline
  TimingSummary cycle;                 ///< time a cycle takes (reads, control, write)
  TimingSummary modbus_rtt;            ///< one Modbus request's round trip
  std::array<std::int64_t, kAlarmCount> alarm_cycles{};  ///< cycles each alarm was active
  std::int64_t cycles = 0;
  std::int64_t reconnects = 0;
  std::int64_t history_rows = 0;    ///< rows the historian committed
  std::int64_t history_errors = 0;  ///< rows or events it failed to write or dropped
  std::string history_error;        ///< its latest write error, "" if none
  std::int64_t started_ms = 0;      ///< Unix ms the daemon started
  double period_ms = 0;
  std::int64_t api_auth_failures = 0;  ///< API requests refused for a missing or wrong token
  std::int64_t api_evictions = 0;      ///< API connections closed to make room for new ones
};

/// An operator's request, applied by the loop at its next cycle.
struct Command {
  std::optional<Mode> mode;
  std::optional<double> setpoint_mw;  ///< new manual set-point
};

/// The meeting point of the loop (writer) and the API and historian (readers).
class SharedState {
 public:
  /// `keep_seconds` rows of recent history for the live page.
  explicit SharedState(std::size_t keep_seconds = 600) : keep_(keep_seconds) {}
  /// Loop side: replace the status.
  void publish(const Status& status);
  /// Loop side: a completed second.
  void add_row(const HistoryRow& row);
  /// Historian side: rows committed, failed writes and the latest error so far.
  void set_history(std::int64_t rows, std::int64_t errors, const std::string& error);
  /// API side: counts of refused tokens and evicted connections so far.
  void set_api(std::int64_t auth_failures, std::int64_t evictions);
  /// API side: a copy of the status.
  Status status() const;
  /// API side: rows of the last `seconds` seconds, oldest first.
  std::vector<HistoryRow> recent(std::size_t seconds) const;
  /// API side: queue a command.
  void request(const Command& c);
  /// Loop side: take the queued commands (oldest first).
  std::vector<Command> take_commands();

 private:
  mutable std::mutex mutex_;
  Status status_;
  std::deque<HistoryRow> recent_;
  std::size_t keep_;
  std::vector<Command> commands_;
};

}  // namespace ballast::ballastd
