#include "site_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace ballast::ballastd {

namespace {

// Why a plausibly-decoded meter reading is still garbage ("" if it is not).
std::string implausible(const modbus::MeterValues& m, const PlausibilityConfig& p) {
  if (!(std::fabs(m.active_power_w) <= p.max_abs_site_mw * 1e6)) {
    return fmt::format("meter active power {:.3f} MW is beyond +-{} MW", m.active_power_w / 1e6,
                       p.max_abs_site_mw);
  }
  if (!(m.frequency_hz >= p.min_frequency_hz && m.frequency_hz <= p.max_frequency_hz)) {
    return fmt::format("meter frequency {:.3f} Hz is outside [{}, {}] Hz", m.frequency_hz,
                       p.min_frequency_hz, p.max_frequency_hz);
  }
  return "";
}

std::string implausible(const modbus::InverterValues& v, const PlausibilityConfig& p) {
  if (!(v.soc_pct >= 0 && v.soc_pct <= 100)) {
    return fmt::format("inverter SOC {:.1f} % is outside [0, 100] %", v.soc_pct);
  }
  const double limit_w = p.max_abs_site_mw * 1e6;
  if (!(std::fabs(v.active_power_w) <= limit_w)) {
    return fmt::format("inverter active power {:.3f} MW is beyond +-{} MW", v.active_power_w / 1e6,
                       p.max_abs_site_mw);
  }
  if (!(v.max_discharge_power_w >= 0 && v.max_discharge_power_w <= limit_w &&
        v.max_charge_power_w >= 0 && v.max_charge_power_w <= limit_w)) {
    return "inverter available power is negative or implausibly large";
  }
  return "";
}

}  // namespace

SiteReader::Link::Link(const modbus::Endpoint& e, const LoopConfig& loop, modbus::Block b)
    : link(std::make_unique<DeviceLink>(e, loop, b)), regs(b.count), last_regs(b.count) {}

SiteReader::SiteReader(const DaemonConfig& config)
    : config_(config),
      meter_(config.registers.meter_endpoint, config.loop, meter_block(config.registers.meter)),
      inverter_(config.registers.inverter_endpoint, config.loop,
                inverter_block(config.registers.inverter)) {}

bool SiteReader::take(Link& link, const LinkRead& r, std::uint32_t comm_alarm, const char* name,
                      SiteReading& out, LatencyHistogram& rtt) {
  if (r.ticket <= link.taken) return false;  // nothing new: the request is still in flight
  link.taken = r.ticket;
  if (r.round_trip_ns > 0) rtt.record(r.round_trip_ns);
  if (!r.ok) {
    out.alarms |= comm_alarm;
    if (out.fault.empty()) out.fault = fmt::format("{}: {}", name, r.error);
    return false;
  }
  link.regs = r.regs;
  return true;
}

void SiteReader::accept(Link& link, std::uint32_t heartbeat, bool has_heartbeat,
                        Clock::time_point at) {
  // With a heartbeat, a new reading is one whose heartbeat moved; without, any register moved.
  const bool moved = !link.have_values ||
                     (has_heartbeat ? heartbeat != link.heartbeat : link.regs != link.last_regs);
  link.last_regs = link.regs;
  link.heartbeat = heartbeat;
  link.have_values = true;
  link.unchanged = !moved;
  if (moved) {
    link.last_change = at;
    link.last_change_ms =
        unix_ms() -
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - at).count();
  }
}

SiteReading SiteReader::read(Clock::time_point deadline, LatencyHistogram& rtt) {
  SiteReading out;
  const modbus::RegisterMap& map = config_.registers;
  meter_.unchanged = inverter_.unchanged = false;
  const std::uint64_t meter_ticket = meter_.link->request_read();
  const std::uint64_t inverter_ticket = inverter_.link->request_read();
  const LinkRead meter_reply = meter_.link->wait_read(meter_ticket, deadline);
  const LinkRead inverter_reply = inverter_.link->wait_read(inverter_ticket, deadline);
  if (take(meter_, meter_reply, kMeterComm, "meter", out, rtt)) {
    modbus::MeterValues v;
    std::string bad = modbus::decode_meter(map, meter_.regs, v);
    if (bad.empty()) bad = implausible(v, config_.plausibility);
    if (!bad.empty()) {
      out.alarms |= kBadData;
      if (out.fault.empty()) out.fault = bad;
    } else {
      accept(meter_, v.heartbeat, map.meter.heartbeat.present(), meter_reply.at);
      meter_values_ = v;
    }
  }
  if (take(inverter_, inverter_reply, kInverterComm, "inverter", out, rtt)) {
    modbus::InverterValues v;
    std::string bad = modbus::decode_inverter(map, inverter_.regs, v);
    if (bad.empty()) bad = implausible(v, config_.plausibility);
    if (!bad.empty()) {
      out.alarms |= kBadData;
      if (out.fault.empty()) out.fault = bad;
    } else {
      accept(inverter_, v.heartbeat, map.inverter.heartbeat.present(), inverter_reply.at);
      inverter_values_ = v;
    }
  }
  const Clock::time_point now = Clock::now();
  const auto stale = std::chrono::milliseconds(config_.loop.stale_ms);
  // Fresh: still younger than stale_ms when the next cycle decides, allowing that cycle to
  // start a whole period late and to wait its whole reply time (2.5 periods from now; less
  // when stale_ms is shorter). So the cycle that goes safe is one before the data's age passes
  // stale_ms, not the first one after it: the safe set-point goes out by stale_ms even when the
  // loop runs up to a period late.
  const auto period = std::chrono::milliseconds(config_.loop.period_ms);
  const auto lookahead =
      std::clamp(2 * period + period / 2, std::chrono::milliseconds(0), stale - period);
  auto fresh = [&](const Link& l) {
    return l.have_values && now + lookahead - l.last_change <= stale;
  };
  out.fresh = fresh(meter_) && fresh(inverter_);
  // Answers that keep arriving but never change: the device (or a gateway) froze.
  for (const Link* l : {&meter_, &inverter_}) {
    if (l->unchanged && !fresh(*l)) {
      out.alarms |= kFrozenData;
      if (out.fault.empty()) {
        out.fault = fmt::format(
            "{} values have not changed for {} ms", l == &meter_ ? "meter" : "inverter",
            std::chrono::duration_cast<std::chrono::milliseconds>(now - l->last_change).count());
      }
    }
  }
  out.meter = meter_values_;
  out.inverter = inverter_values_;
  out.have_inverter = inverter_.have_values;
  out.last_fresh_ms = std::min(meter_.last_change_ms, inverter_.last_change_ms);
  out.last_fresh = std::min(meter_.last_change, inverter_.last_change);
  return out;
}

std::vector<std::uint16_t> SiteReader::setpoint_words(double mw) const {
  const modbus::Point& p = config_.registers.inverter.setpoint;
  const auto words = modbus::encode(p, inverter_values_.setpoint_scale_factor, mw * 1e6,
                                    config_.registers.inverter_endpoint.high_word_first);
  return {words.begin(), words.begin() + modbus::register_count(p.type)};
}

void SiteReader::send_setpoint(double mw) {
  inverter_.link->request_write(config_.registers.inverter.setpoint.address, setpoint_words(mw));
}

bool SiteReader::send_setpoint_and_wait(double mw, Clock::time_point deadline) {
  return inverter_.link->write_and_wait(config_.registers.inverter.setpoint.address,
                                        setpoint_words(mw), deadline);
}

bool SiteReader::setpoint_acknowledged(LatencyHistogram& rtt) {
  const LinkWrite w = inverter_.link->last_write();
  if (w.count > writes_seen_ && w.round_trip_ns > 0) rtt.record(w.round_trip_ns);
  writes_seen_ = w.count;
  return w.ok;
}

}  // namespace ballast::ballastd
