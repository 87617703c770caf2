#include "control_loop.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "historian.h"
#include "modes.h"
#include "safety.h"
#include "site_reader.h"
#include "timing.h"

namespace ballast::ballastd {

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t steady_ns(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

}  // namespace

Watchdog::Watchdog(std::chrono::milliseconds alarm_after, std::chrono::milliseconds abort_after)
    : alarm_after_(alarm_after), abort_after_(abort_after), thread_([this] { watch(); }) {}

Watchdog::~Watchdog() {
  stop_ = true;
  thread_.join();
}

void Watchdog::watch() {
  const auto poll = std::max(std::chrono::milliseconds(1), alarm_after_ / 4);
  while (!stop_) {
    std::this_thread::sleep_for(poll);
    const std::int64_t start = cycle_start_ns.load();
    if (start == 0) continue;
    const auto running = std::chrono::nanoseconds(steady_ns(Clock::now()) - start);
    if (running > alarm_after_) tripped = true;
    if (running > abort_after_) {
      // The loop is stuck (it cannot even send the safe set-point). End the process so that a
      // supervisor restarts it; meanwhile the inverter's own communication timeout applies.
      std::fprintf(stderr, "ballastd: watchdog: a control cycle has run for %lld ms; exiting\n",
                   static_cast<long long>(
                       std::chrono::duration_cast<std::chrono::milliseconds>(running).count()));
      _exit(3);
    }
  }
}

ControlLoop::ControlLoop(const DaemonConfig& config, SharedState& shared, Historian* historian)
    : config_(config), shared_(shared), historian_(historian) {}

void ControlLoop::run(const std::atomic<bool>& stop) {
  use_realtime_priority(config_.loop.realtime_priority);
  const auto period = std::chrono::milliseconds(config_.loop.period_ms);
  // The longest a cycle waits for its Modbus replies; a later reply is used by a later cycle.
  const auto reply_wait = period / 2;
  SiteReader site(config_);
  ModeController modes(config_);
  LatencyHistogram jitter, cycle, rtt;
  SecondAggregator seconds;
  Watchdog watchdog(std::chrono::milliseconds(config_.loop.watchdog_ms),
                    std::chrono::milliseconds(config_.loop.watchdog_abort_ms));

  Status status;
  status.started_ms = unix_ms();
  status.period_ms = config_.loop.period_ms;
  status.manual_setpoint_mw = modes.manual();
  Mode mode = config_.initial_mode;
  bool restart = true;  // the mode starts from the present state at the next trusted cycle
  bool safe = false;
  auto log = [&](const std::string& kind, const std::string& detail) {
    if (historian_ != nullptr) historian_->event(unix_ms(), kind, detail);
  };

  auto push_row = [&](const std::optional<HistoryRow>& row) {
    if (!row) return;
    shared_.add_row(*row);
    if (historian_ != nullptr) historian_->push(*row);
  };

  Clock::time_point deadline = Clock::now();
  while (!stop.load()) {
    std::this_thread::sleep_until(deadline);
    const Clock::time_point start = Clock::now();
    watchdog.cycle_start_ns = steady_ns(start);
    jitter.record(std::chrono::duration_cast<std::chrono::nanoseconds>(start - deadline).count());

    for (const Command& c : shared_.take_commands()) {
      if (c.setpoint_mw) modes.set_manual(*c.setpoint_mw);
      if (c.mode && *c.mode != mode) {
        if (!modes.available(*c.mode)) {
          log("mode_refused", fmt::format("{} is not configured", to_string(*c.mode)));
          continue;
        }
        mode = *c.mode;
        restart = true;
      }
    }

    const SiteReading reading = site.read(start + reply_wait, rtt);
    Sample s;
    s.time_ms = unix_ms();
    s.mode = mode;
    s.alarms = reading.alarms;
    const auto& inv = reading.inverter;
    Measurements m;
    m.upstream_mw = reading.meter.active_power_w / 1e6;
    m.battery_mw = inv.active_power_w / 1e6;
    m.site_mw = m.upstream_mw + m.battery_mw;
    m.stored_mwh = inv.soc_pct / 100 * config_.battery.energy_mwh;
    m.frequency_hz = reading.meter.frequency_hz;
    m.time_ms = s.time_ms;

    double setpoint = config_.battery.safe_setpoint_mw;
    const bool running = std::find(config_.registers.inverter.running_status.begin(),
                                   config_.registers.inverter.running_status.end(),
                                   inv.status) != config_.registers.inverter.running_status.end();
    if (!reading.fresh) {
      s.alarms |= kStaleData;
      if (!safe) {
        status.safe_since_ms = s.time_ms;
        log("safe", reading.fault);
      }
      safe = true;
      restart = true;
    } else if (!running) {
      s.alarms |= kInverterNotRunning;
      setpoint = 0;
      restart = true;
    } else {
      if (safe) log("recovered", "fresh data again");
      safe = false;
      status.safe_since_ms = 0;
      if (restart) modes.restart(mode, m);
      restart = false;
      const Limited limited = limit_setpoint(modes.setpoint(mode, m), config_.battery, inv);
      setpoint = limited.mw;
      s.alarms |= limited.alarms;
    }
    site.send_setpoint(setpoint);
    status.setpoint_acknowledged = site.setpoint_acknowledged(rtt);

    s.safe = safe;
    s.setpoint_mw = setpoint;
    s.upstream_mw = reading.fresh ? m.upstream_mw : kNaN;
    s.battery_mw = reading.fresh ? m.battery_mw : kNaN;
    s.site_mw = reading.fresh ? m.site_mw : kNaN;
    s.soc = reading.fresh ? inv.soc_pct / 100 : kNaN;
    s.frequency_hz = reading.fresh ? m.frequency_hz : kNaN;

    const Clock::time_point end = Clock::now();
    cycle.record(std::chrono::duration_cast<std::chrono::nanoseconds>(end - start).count());
    if (end - start > std::chrono::milliseconds(config_.loop.watchdog_ms) ||
        watchdog.tripped.exchange(false)) {
      s.alarms |= kWatchdog;
    }
    watchdog.cycle_start_ns = 0;

    for (int i = 0; i < kAlarmCount; ++i) {
      if (s.alarms & (1u << i)) ++status.alarm_cycles[i];
    }
    push_row(seconds.add(s));

    status.last = s;
    status.state = safe ? "safe" : "running";
    status.manual_setpoint_mw = modes.manual();
    status.meter_connected = site.meter_connected();
    status.inverter_connected = site.inverter_connected();
    if (!reading.fault.empty()) status.last_fault = reading.fault;
    status.last_fresh_ms = reading.last_fresh_ms;
    if (status.cycles % 10 == 0) {  // percentiles scan the histograms: not every cycle
      status.period_jitter = jitter.summary();
      status.cycle = cycle.summary();
      status.modbus_rtt = rtt.summary();
    }
    status.reconnects = site.reconnects();
    ++status.cycles;
    shared_.publish(status);

    // Absolute deadlines keep the rate; a cycle that overran skips the missed ones instead of
    // bursting (a burst would ramp the set-point faster than the limit allows).
    deadline += period;
    if (deadline < Clock::now()) deadline = Clock::now() + period;
  }

  // Stopping: the safe set-point goes out before anything else (waiting at most two Modbus
  // timeouts: one for a request in flight, one for this write).
  const bool written = site.send_setpoint_and_wait(
      config_.battery.safe_setpoint_mw,
      Clock::now() + 2 * std::chrono::milliseconds(config_.loop.timeout_ms));
  log("shutdown",
      written ? "safe set-point written" : "inverter unreachable: safe set-point not written");
  push_row(seconds.flush());
  status.state = "stopping";
  status.last.setpoint_mw = config_.battery.safe_setpoint_mw;
  shared_.publish(status);
}

}  // namespace ballast::ballastd
