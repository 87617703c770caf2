#pragma once
/// @file One Modbus device (the meter or the inverter) on its own I/O thread, so that the control
/// loop never blocks on the network: the loop asks for a read and waits for it only until its
/// own deadline; a reply that comes later is used by a later cycle. The thread reconnects with
/// back-off that resets only after a request was answered, and on every new connection sends the
/// latest set-point the loop asked for before anything else.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ballast/modbus/client.h"
#include "config.h"

namespace ballast::ballastd {

/// Outcome of the newest read, as the loop sees it.
struct LinkRead {
  std::uint64_t ticket = 0;  ///< the read request this answers (0: none answered yet)
  bool ok = false;           ///< registers arrived
  std::vector<std::uint16_t> regs;
  std::chrono::steady_clock::time_point at{};  ///< when the reply (or the failure) came
  std::string error;                           ///< why not ok, in words
  std::int64_t round_trip_ns = 0;              ///< 0 when no request went out
};

/// Outcome of the newest set-point write.
struct LinkWrite {
  std::uint64_t count = 0;  ///< writes finished (acknowledged or failed)
  bool ok = false;          ///< the last one was acknowledged
  std::int64_t round_trip_ns = 0;
};

/// A device's Modbus TCP connection, served by a thread of its own.
class DeviceLink {
 public:
  using Clock = std::chrono::steady_clock;
  /// Starts the I/O thread (at `loop.realtime_priority` when that is above 0). `block` is what
  /// a read covers.
  DeviceLink(const modbus::Endpoint& endpoint, const LoopConfig& loop, modbus::Block block);
  /// Stops the thread; a request in flight ends within `timeout_ms`.
  ~DeviceLink();
  DeviceLink(const DeviceLink&) = delete;
  DeviceLink& operator=(const DeviceLink&) = delete;

  /// Asks for a read of the block; returns its ticket. A request not yet started is replaced.
  std::uint64_t request_read();
  /// Waits until the read `ticket` (or a later one) is answered or failed, or `deadline`
  /// passes; returns the newest answer either way.
  LinkRead wait_read(std::uint64_t ticket, Clock::time_point deadline);
  /// Asks to write `words` at register `address` (function 16). Only the newest unsent
  /// set-point is kept; it goes out before any read, and first on a new connection.
  void request_write(int address, const std::vector<std::uint16_t>& words);
  /// The newest write's outcome.
  LinkWrite last_write() const;
  /// Writes `words` now from the calling thread's view: queues it and waits until it was
  /// sent and answered, or `deadline` passes. True when acknowledged.
  bool write_and_wait(int address, const std::vector<std::uint16_t>& words,
                      Clock::time_point deadline);

  bool connected() const;
  /// Connections made after the first one.
  std::int64_t reconnects() const;
  /// Connection attempts so far (successful or not).
  std::int64_t connect_attempts() const;

 private:
  void run();
  void fail_read(std::uint64_t ticket, const std::string& why);  // mutex_ held

  modbus::Client client_;  // the I/O thread's only
  modbus::Backoff backoff_;
  const modbus::Block block_;
  const int priority_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;  // the I/O thread waits on it
  std::condition_variable done_;  // the loop waits on it
  bool stop_ = false;
  std::uint64_t read_wanted_ = 0;                                    // newest ticket asked for
  LinkRead read_;                                                    // newest answer
  std::optional<std::pair<int, std::vector<std::uint16_t>>> write_;  // unsent set-point
  LinkWrite write_done_;
  bool connected_ = false;
  bool ever_connected_ = false;
  std::int64_t reconnects_ = 0;
  std::int64_t attempts_ = 0;
  std::thread thread_;
};

}  // namespace ballast::ballastd
