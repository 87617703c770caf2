#pragma once
/// @file Reads the site meter and the battery inverter every cycle and decides whether the
/// data can be trusted: communication, garbage (not-implemented or implausible registers),
/// frozen values and staleness. Sends the set-point. The Modbus I/O runs on one thread per
/// device (DeviceLink): the loop waits for a cycle's replies only until its own deadline, so a
/// slow or dead link never stretches a cycle. Never throws in the loop.

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "ballast/modbus/device.h"
#include "config.h"
#include "device_link.h"
#include "timing.h"

namespace ballast::ballastd {

/// What one cycle's reads gave.
struct SiteReading {
  bool fresh = false;               ///< both devices' last plausible new readings stay
                                    ///< younger than stale_ms for 2.5 more periods
  modbus::MeterValues meter;        ///< the latest plausible meter values
  modbus::InverterValues inverter;  ///< the latest plausible inverter values
  bool have_inverter = false;       ///< inverter values were read at least once
  std::uint32_t alarms = 0;         ///< kMeterComm, kInverterComm, kBadData, kFrozenData
  std::string fault;                ///< this cycle's first problem, in words ("" if none)
  std::int64_t last_fresh_ms = 0;   ///< Unix ms of the older device's last fresh reading
  /// Steady-clock time of the older device's last fresh reading (epoch when there was none).
  std::chrono::steady_clock::time_point last_fresh{};
};

/// The two Modbus links and what is known about each device.
class SiteReader {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SiteReader(const DaemonConfig& config);

  /// Asks both devices for a reading and waits for the replies until `deadline`; a reply that
  /// comes later is taken by a later call. A reading counts as fresh while it will still be
  /// younger than stale_ms 2.5 periods later (the next cycle's decision, even if it starts a
  /// period late and waits its whole reply time). Round trips go into `rtt`.
  SiteReading read(Clock::time_point deadline, LatencyHistogram& rtt);
  /// Sends a set-point, MW (> 0 discharge), without waiting: the inverter's thread sends it as
  /// soon as it can (first thing on a new connection).
  void send_setpoint(double mw);
  /// Sends a set-point and waits until it is acknowledged or `deadline` passes (shutdown).
  bool send_setpoint_and_wait(double mw, Clock::time_point deadline);
  /// Whether the newest set-point write that finished was acknowledged; its round trip goes
  /// into `rtt` once.
  bool setpoint_acknowledged(LatencyHistogram& rtt);

  bool meter_connected() const { return meter_.link->connected(); }
  bool inverter_connected() const { return inverter_.link->connected(); }
  /// Successful reconnections after a lost link.
  std::int64_t reconnects() const {
    return meter_.link->reconnects() + inverter_.link->reconnects();
  }

 private:
  struct Link {
    Link(const modbus::Endpoint& e, const LoopConfig& loop, modbus::Block b);
    std::unique_ptr<DeviceLink> link;
    std::uint64_t taken = 0;  // the newest reply ticket already used
    std::vector<std::uint16_t> regs, last_regs;
    bool have_values = false;
    std::uint32_t heartbeat = 0;      // of the last accepted reading
    bool unchanged = false;           // the last read was accepted but had not changed
    Clock::time_point last_change{};  // last reading that differed from the one before
    std::int64_t last_change_ms = 0;  // the same, Unix ms
  };
  // Takes a link's newest reply; true when a new one arrived (regs hold it).
  bool take(Link& link, const LinkRead& r, std::uint32_t comm_alarm, const char* name,
            SiteReading& out, LatencyHistogram& rtt);
  void accept(Link& link, std::uint32_t heartbeat, bool has_heartbeat, Clock::time_point at);
  std::vector<std::uint16_t> setpoint_words(double mw) const;

  const DaemonConfig& config_;
  Link meter_, inverter_;
  modbus::MeterValues meter_values_;
  modbus::InverterValues inverter_values_;
  std::uint64_t writes_seen_ = 0;
};

}  // namespace ballast::ballastd
