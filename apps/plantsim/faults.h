#pragma once
/// @file Faults a test can switch on in plantsim (POST /fault): each one a way a real site's
/// meter or inverter misbehaves, so ballastd's handling of it can be tested.

#include <mutex>
#include <string>
#include <vector>

namespace ballast::plantsim {

/// Which faults are on, and their parameters.
struct FaultState {
  bool drop = false;              ///< close every connection and refuse new ones
  bool freeze = false;            ///< registers (values and heartbeats) stop updating
  bool exception = false;         ///< every request answered with a Modbus exception
  int exception_code = 4;         ///< the exception code (4: server device failure)
  bool soc_out_of_range = false;  ///< the SOC register reports 120 %
  bool garbage = false;           ///< meter power and frequency hold "not implemented" patterns
  bool slow = false;              ///< every reply is delayed
  int delay_ms = 300;             ///< the delay of a slow reply, ms
  bool inverter_fault = false;    ///< inverter status 4 (fault), output goes to 0

  /// Names of the faults that are on ("drop", "freeze", ...).
  std::vector<std::string> active() const;
};

/// The fault switches, shared by the HTTP API (writer), the Modbus server and the physics
/// thread (readers). Every call holds the lock only to copy a few bytes.
class Faults {
 public:
  /// A copy of the switches now.
  FaultState get() const;
  /// Switches fault `name` ("drop", "freeze", "exception", "soc_out_of_range", "garbage",
  /// "slow", "inverter_fault"; "clear" turns every fault off). `delay_ms` (slow, 0 .. 60000)
  /// and `code` (exception, 1 .. 11) are used when > 0. Returns an empty string, or what is
  /// wrong with the command.
  std::string apply(const std::string& name, bool on, int delay_ms = 0, int code = 0);

 private:
  mutable std::mutex mutex_;
  FaultState state_;
};

}  // namespace ballast::plantsim
