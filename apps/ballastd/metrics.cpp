#include "metrics.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string_view>

namespace ballast::ballastd {
namespace {

// A sample value as the format spells it: NaN, +Inf, -Inf, or the shortest exact decimal.
std::string number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

std::string number(std::int64_t v) { return std::to_string(v); }

// Label values escape backslash, double quote and line feed (format 0.0.4).
std::string label_value(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  return out;
}

class Writer {
 public:
  // Starts a metric family: its # HELP and # TYPE lines.
  void family(std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(out_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name,
                   type);
  }
  void sample(std::string_view name, const std::string& value, std::string_view labels = {}) {
    out_ += name;
    if (!labels.empty()) fmt::format_to(std::back_inserter(out_), "{{{}}}", labels);
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }
  void gauge(std::string_view name, std::string_view help, double value) {
    family(name, "gauge", help);
    sample(name, number(value));
  }
  void counter(std::string_view name, std::string_view help, std::int64_t value) {
    family(name, "counter", help);
    sample(name, number(value));
  }
  // A summary of a timing kept in microseconds, exported in seconds, and its maximum as a gauge.
  void timing(std::string_view name, std::string_view help, const TimingSummary& t) {
    family(name, "summary", help);
    sample(name, number(t.p50_us * 1e-6), "quantile=\"0.5\"");
    sample(name, number(t.p99_us * 1e-6), "quantile=\"0.99\"");
    sample(std::string(name) + "_count", number(t.count));
    const std::string max_name = std::string(name) + "_max";
    family(max_name, "gauge", fmt::format("Largest value of {}", name));
    sample(max_name, number(t.max_us * 1e-6));
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

constexpr Mode kModes[] = {Mode::kStandby, Mode::kManual, Mode::kSmoothing, Mode::kPeakShaving,
                           Mode::kRegulation};

}  // namespace

std::string prometheus_text(const Status& status, std::int64_t now_ms) {
  const Sample& last = status.last;
  Writer w;
  w.gauge("ballastd_site_megawatts", "Site load: upstream import plus battery output (MW)",
          last.site_mw);
  w.gauge("ballastd_upstream_megawatts", "Import at the meter, positive from the grid (MW)",
          last.upstream_mw);
  w.gauge("ballastd_battery_megawatts", "Inverter output, positive when discharging (MW)",
          last.battery_mw);
  w.gauge("ballastd_setpoint_megawatts", "Battery set-point written in the last cycle (MW)",
          last.setpoint_mw);
  w.gauge("ballastd_manual_setpoint_megawatts", "Operator's set-point for manual mode (MW)",
          status.manual_setpoint_mw);
  w.gauge("ballastd_soc_ratio", "Battery state of charge (fraction of capacity)", last.soc);
  w.gauge("ballastd_frequency_hertz", "Grid frequency at the meter (Hz)", last.frequency_hz);
  w.gauge("ballastd_safe", "1 when the last cycle sent the safe set-point", last.safe ? 1 : 0);

  w.family("ballastd_mode", "gauge", "1 for the active control mode, 0 for the others");
  for (Mode m : kModes) {
    w.sample("ballastd_mode", m == last.mode ? "1" : "0",
             fmt::format("mode=\"{}\"", label_value(to_string(m))));
  }
  w.family("ballastd_alarm", "gauge", "1 while the alarm is active in the last cycle");
  for (int i = 0; i < kAlarmCount; ++i) {
    w.sample("ballastd_alarm", (last.alarms & (1u << i)) ? "1" : "0",
             fmt::format("alarm=\"{}\"", alarm_name(i)));
  }
  w.family("ballastd_alarm_cycles_total", "counter",
           "Control cycles in which the alarm was active");
  for (int i = 0; i < kAlarmCount; ++i) {
    w.sample("ballastd_alarm_cycles_total",
             number(status.alarm_cycles[static_cast<std::size_t>(i)]),
             fmt::format("alarm=\"{}\"", alarm_name(i)));
  }
  w.family("ballastd_connected", "gauge", "1 while the Modbus TCP connection to the device is up");
  w.sample("ballastd_connected", status.meter_connected ? "1" : "0", "device=\"meter\"");
  w.sample("ballastd_connected", status.inverter_connected ? "1" : "0", "device=\"inverter\"");

  w.counter("ballastd_cycles_total", "Control cycles run", status.cycles);
  w.counter("ballastd_reconnects_total", "Modbus TCP reconnections", status.reconnects);
  w.counter("ballastd_history_rows_total", "History rows the historian committed",
            status.history_rows);
  w.counter("ballastd_history_errors_total",
            "History rows or events the historian failed to write or dropped",
            status.history_errors);
  w.counter("ballastd_api_auth_failures_total",
            "API requests refused for a missing or wrong bearer token", status.api_auth_failures);
  w.counter("ballastd_api_evictions_total",
            "API connections closed to make room for a new connection", status.api_evictions);
  w.gauge("ballastd_setpoint_acknowledged",
          "1 when the inverter acknowledged the newest set-point write that finished",
          status.setpoint_acknowledged ? 1.0 : 0.0);

  w.timing("ballastd_period_jitter_seconds", "Cycle start minus its deadline (s)",
           status.period_jitter);
  w.timing("ballastd_cycle_duration_seconds", "Time one control cycle takes (s)", status.cycle);
  w.timing("ballastd_modbus_round_trip_seconds", "Round trip of one Modbus request (s)",
           status.modbus_rtt);
  w.gauge("ballastd_period_seconds", "Configured control period (s)", status.period_ms * 1e-3);

  const double uptime_s =
      status.started_ms > 0 ? static_cast<double>(now_ms - status.started_ms) * 1e-3 : 0.0;
  w.gauge("ballastd_uptime_seconds", "Time since the daemon started (s)", uptime_s);
  return w.take();
}

std::string prometheus_text(const Status& status) {
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return prometheus_text(status, now);
}

}  // namespace ballast::ballastd
