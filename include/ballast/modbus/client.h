#pragma once
/// @file A Modbus TCP client for the real-time loop (libmodbus underneath): bounded waits,
/// statuses instead of exceptions, round-trip times, and reconnection with back-off.

#include <chrono>
#include <cstdint>
#include <span>
#include <string>

#include "ballast/modbus/register_map.h"

typedef struct _modbus modbus_t;  // libmodbus's context (kept out of our headers)

namespace ballast::modbus {

/// What became of one request.
enum class Status {
  kOk,            ///< answered
  kTimeout,       ///< no answer within the timeout (the connection is closed: a late reply
                  ///< must not be taken for the next one)
  kException,     ///< the device answered with a Modbus exception (connection kept)
  kDisconnected,  ///< not connected, or the connection broke
};

/// Outcome and timing of one request.
struct Result {
  Status status = Status::kDisconnected;
  int exception_code = 0;          ///< Modbus exception code when status is kException
  std::int64_t round_trip_ns = 0;  ///< request sent to reply parsed, ns (0 when not sent)
  bool ok() const { return status == Status::kOk; }
};

/// Readable name of a status ("timeout", ...).
const char* to_string(Status status);

/// When to try connecting again: waits double from `min` to `max` after each failure.
class Backoff {
 public:
  using Clock = std::chrono::steady_clock;
  Backoff(std::chrono::milliseconds min, std::chrono::milliseconds max) : min_(min), max_(max) {}
  /// True when an attempt is due at `now`.
  bool due(Clock::time_point now) const { return now >= next_; }
  /// An attempt failed at `now`: wait, then wait longer next time.
  void failed(Clock::time_point now);
  /// A request was answered: the next failure waits `min` again. Call it after an answered
  /// request, not after a bare TCP connect (a gateway that accepts and closes at once would
  /// otherwise be reconnected to without any wait).
  void succeeded() { wait_ = std::chrono::milliseconds(0); }
  /// When the next attempt is due.
  Clock::time_point next_attempt() const { return next_; }

 private:
  std::chrono::milliseconds min_, max_, wait_{0};
  Clock::time_point next_{};
};

/// One TCP connection to one unit. Not thread-safe: one owner, one thread.
class Client {
 public:
  /// `timeout_ms` bounds connecting and every reply. Throws InputError for a bad host.
  Client(Endpoint endpoint, int timeout_ms);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// One connection attempt (bounded by the timeout); true when connected.
  bool connect();
  /// Closes the connection (the next request reports kDisconnected).
  void close();
  bool connected() const { return connected_; }

  /// Reads holding registers [first, first + out.size()) (function code 3).
  Result read(int first, std::span<std::uint16_t> out);
  /// Writes holding registers from `first` (function code 16).
  Result write(int first, std::span<const std::uint16_t> values);

  /// libmodbus's description of the last failure.
  const std::string& last_error() const { return last_error_; }
  const Endpoint& endpoint() const { return endpoint_; }

 private:
  Result finish(int rc, std::chrono::steady_clock::time_point start);

  Endpoint endpoint_;
  modbus_t* ctx_ = nullptr;
  bool connected_ = false;
  std::string last_error_;
};

}  // namespace ballast::modbus
