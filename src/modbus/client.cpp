#include "ballast/modbus/client.h"

#include <fmt/format.h>
#include <modbus/modbus.h>

#include <algorithm>
#include <cerrno>

#include "ballast/core/error.h"

namespace ballast::modbus {

const char* to_string(Status status) {
  switch (status) {
    case Status::kOk:
      return "ok";
    case Status::kTimeout:
      return "timeout";
    case Status::kException:
      return "exception";
    case Status::kDisconnected:
      return "disconnected";
  }
  return "?";
}

void Backoff::failed(Clock::time_point now) {
  wait_ = wait_.count() == 0 ? min_ : std::min(max_, wait_ * 2);
  next_ = now + wait_;
}

Client::Client(Endpoint endpoint, int timeout_ms) : endpoint_(std::move(endpoint)) {
  ctx_ = modbus_new_tcp(endpoint_.host.c_str(), endpoint_.port);
  if (ctx_ == nullptr) {
    throw InputError(fmt::format("cannot use Modbus endpoint {}:{}: {}", endpoint_.host,
                                 endpoint_.port, modbus_strerror(errno)));
  }
  modbus_set_slave(ctx_, endpoint_.unit_id);
  const auto us = static_cast<std::uint32_t>(timeout_ms) * 1000u;
  modbus_set_response_timeout(ctx_, us / 1000000u, us % 1000000u);
  // A reply's bytes arrive together on a LAN; a gap inside one is a broken peer.
  modbus_set_byte_timeout(ctx_, us / 1000000u, us % 1000000u);
}

Client::~Client() {
  close();
  modbus_free(ctx_);
}

bool Client::connect() {
  close();
  if (modbus_connect(ctx_) == -1) {
    last_error_ = modbus_strerror(errno);
    return false;
  }
  connected_ = true;
  return true;
}

void Client::close() {
  if (connected_) modbus_close(ctx_);
  connected_ = false;
}

Result Client::finish(int rc, std::chrono::steady_clock::time_point start) {
  const int err = errno;
  Result r;
  r.round_trip_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start)
          .count();
  if (rc != -1) {
    r.status = Status::kOk;
    return r;
  }
  last_error_ = modbus_strerror(err);
  if (err > MODBUS_ENOBASE && err < MODBUS_ENOBASE + 12) {  // an exception reply
    r.status = Status::kException;
    r.exception_code = err - MODBUS_ENOBASE;
    return r;
  }
  r.status = err == ETIMEDOUT ? Status::kTimeout : Status::kDisconnected;
  close();
  return r;
}

Result Client::read(int first, std::span<std::uint16_t> out) {
  if (!connected_) return {};
  const auto start = std::chrono::steady_clock::now();
  const int rc = modbus_read_registers(ctx_, first, static_cast<int>(out.size()), out.data());
  return finish(rc, start);
}

Result Client::write(int first, std::span<const std::uint16_t> values) {
  if (!connected_) return {};
  const auto start = std::chrono::steady_clock::now();
  const int rc =
      modbus_write_registers(ctx_, first, static_cast<int>(values.size()), values.data());
  return finish(rc, start);
}

}  // namespace ballast::modbus
