#include "site_reader.h"

#include <fmt/format.h>

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
    : client(e, loop.timeout_ms),
      backoff(std::chrono::milliseconds(loop.reconnect_min_ms),
              std::chrono::milliseconds(loop.reconnect_max_ms)),
      block(b),
      regs(b.count),
      last_regs(b.count) {}

SiteReader::SiteReader(const DaemonConfig& config)
    : config_(config),
      meter_(config.registers.meter_endpoint, config.loop, meter_block(config.registers.meter)),
      inverter_(config.registers.inverter_endpoint, config.loop,
                inverter_block(config.registers.inverter)) {}

bool SiteReader::poll(Link& link, std::uint32_t comm_alarm, const char* name, SiteReading& out,
                      LatencyHistogram& rtt) {
  auto fail = [&](const std::string& why) {
    out.alarms |= comm_alarm;
    if (out.fault.empty()) out.fault = fmt::format("{}: {}", name, why);
    return false;
  };
  const Clock::time_point now = Clock::now();
  if (!link.client.connected()) {
    if (!link.backoff.due(now)) return fail("not connected (waiting to reconnect)");
    if (!link.client.connect()) {
      link.backoff.failed(Clock::now());
      return fail(fmt::format("cannot connect to {}:{}: {}", link.client.endpoint().host,
                              link.client.endpoint().port, link.client.last_error()));
    }
    link.backoff.succeeded();
    if (link.ever_connected) ++reconnects_;
    link.ever_connected = true;
  }
  const modbus::Result r = link.client.read(link.block.first, link.regs);
  if (r.round_trip_ns > 0) rtt.record(r.round_trip_ns);
  if (r.status == modbus::Status::kException) {
    return fail(fmt::format("exception {} ({})", r.exception_code, link.client.last_error()));
  }
  if (!r.ok()) {
    if (r.status == modbus::Status::kTimeout) link.backoff.failed(Clock::now());
    return fail(fmt::format("{} ({})", modbus::to_string(r.status), link.client.last_error()));
  }
  return true;
}

void SiteReader::accept(Link& link, std::uint32_t heartbeat, bool has_heartbeat) {
  // With a heartbeat, a new reading is one whose heartbeat moved; without, any register moved.
  const bool moved = !link.have_values ||
                     (has_heartbeat ? heartbeat != link.heartbeat : link.regs != link.last_regs);
  link.last_regs = link.regs;
  link.heartbeat = heartbeat;
  link.have_values = true;
  link.unchanged = !moved;
  if (moved) {
    link.last_change = Clock::now();
    link.last_change_ms = unix_ms();
  }
}

SiteReading SiteReader::read(LatencyHistogram& rtt) {
  SiteReading out;
  const modbus::RegisterMap& map = config_.registers;
  meter_.unchanged = inverter_.unchanged = false;
  if (poll(meter_, kMeterComm, "meter", out, rtt)) {
    modbus::MeterValues v;
    std::string bad = modbus::decode_meter(map, meter_.regs, v);
    if (bad.empty()) bad = implausible(v, config_.plausibility);
    if (!bad.empty()) {
      out.alarms |= kBadData;
      if (out.fault.empty()) out.fault = bad;
    } else {
      accept(meter_, v.heartbeat, map.meter.heartbeat.present());
      meter_values_ = v;
    }
  }
  if (poll(inverter_, kInverterComm, "inverter", out, rtt)) {
    modbus::InverterValues v;
    std::string bad = modbus::decode_inverter(map, inverter_.regs, v);
    if (bad.empty()) bad = implausible(v, config_.plausibility);
    if (!bad.empty()) {
      out.alarms |= kBadData;
      if (out.fault.empty()) out.fault = bad;
    } else {
      accept(inverter_, v.heartbeat, map.inverter.heartbeat.present());
      inverter_values_ = v;
    }
  }
  const Clock::time_point now = Clock::now();
  const auto stale = std::chrono::milliseconds(config_.loop.stale_ms);
  auto fresh = [&](const Link& l) { return l.have_values && now - l.last_change <= stale; };
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
  return out;
}

bool SiteReader::write_setpoint(double mw, LatencyHistogram& rtt) {
  if (!inverter_.client.connected()) return false;
  const modbus::Point& p = config_.registers.inverter.setpoint;
  const auto words = modbus::encode(p, inverter_values_.setpoint_scale_factor, mw * 1e6,
                                    config_.registers.inverter_endpoint.high_word_first);
  const modbus::Result r = inverter_.client.write(
      p.address, std::span<const std::uint16_t>(words.data(), modbus::register_count(p.type)));
  if (r.round_trip_ns > 0) rtt.record(r.round_trip_ns);
  return r.ok();
}

}  // namespace ballast::ballastd
