#pragma once
/// @file Reads the site meter and the battery inverter every cycle and decides whether the
/// data can be trusted: communication, garbage (not-implemented or implausible registers),
/// frozen values and staleness. Writes the set-point. Never throws in the loop.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "ballast/modbus/client.h"
#include "ballast/modbus/device.h"
#include "config.h"
#include "timing.h"

namespace ballast::ballastd {

/// What one cycle's reads gave.
struct SiteReading {
  bool fresh = false;               ///< both devices gave a new, plausible reading within stale_ms
  modbus::MeterValues meter;        ///< the latest plausible meter values
  modbus::InverterValues inverter;  ///< the latest plausible inverter values
  bool have_inverter = false;       ///< inverter values were read at least once
  std::uint32_t alarms = 0;         ///< kMeterComm, kInverterComm, kBadData, kFrozenData
  std::string fault;                ///< this cycle's first problem, in words ("" if none)
  std::int64_t last_fresh_ms = 0;   ///< Unix ms of the older device's last fresh reading
};

/// The two Modbus links and what is known about each device.
class SiteReader {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SiteReader(const DaemonConfig& config);

  /// Reads both devices (reconnecting when due); round trips go into `rtt`.
  SiteReading read(LatencyHistogram& rtt);
  /// Writes a set-point, MW (> 0 discharge); false when the inverter is not reachable.
  bool write_setpoint(double mw, LatencyHistogram& rtt);

  bool meter_connected() const { return meter_.client.connected(); }
  bool inverter_connected() const { return inverter_.client.connected(); }
  /// Successful reconnections after a lost link.
  std::int64_t reconnects() const { return reconnects_; }

 private:
  struct Link {
    Link(const modbus::Endpoint& e, const LoopConfig& loop, modbus::Block b);
    modbus::Client client;
    modbus::Backoff backoff;
    modbus::Block block;
    std::vector<std::uint16_t> regs, last_regs;
    bool ever_connected = false;
    bool have_values = false;
    std::uint32_t heartbeat = 0;      // of the last accepted reading
    bool unchanged = false;           // the last read was accepted but had not changed
    Clock::time_point last_change{};  // last reading that differed from the one before
    std::int64_t last_change_ms = 0;  // the same, Unix ms
  };
  // Reads one link; true when a plausible reading arrived (regs hold it).
  bool poll(Link& link, std::uint32_t comm_alarm, const char* name, SiteReading& out,
            LatencyHistogram& rtt);
  void accept(Link& link, std::uint32_t heartbeat, bool has_heartbeat);

  const DaemonConfig& config_;
  Link meter_, inverter_;
  modbus::MeterValues meter_values_;
  modbus::InverterValues inverter_values_;
  std::int64_t reconnects_ = 0;
};

}  // namespace ballast::ballastd
