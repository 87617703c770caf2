#include "device_link.h"

#include <fmt/format.h>

#include "timing.h"

namespace ballast::ballastd {

DeviceLink::DeviceLink(const modbus::Endpoint& endpoint, const LoopConfig& loop,
                       modbus::Block block)
    : client_(endpoint, loop.timeout_ms),
      backoff_(std::chrono::milliseconds(loop.reconnect_min_ms),
               std::chrono::milliseconds(loop.reconnect_max_ms)),
      block_(block),
      priority_(loop.realtime_priority),
      thread_([this] { run(); }) {}

DeviceLink::~DeviceLink() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

std::uint64_t DeviceLink::request_read() {
  std::lock_guard lock(mutex_);
  ++read_wanted_;
  wake_.notify_one();
  return read_wanted_;
}

LinkRead DeviceLink::wait_read(std::uint64_t ticket, Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  done_.wait_until(lock, deadline, [&] { return read_.ticket >= ticket; });
  return read_;
}

void DeviceLink::request_write(int address, const std::vector<std::uint16_t>& words) {
  std::lock_guard lock(mutex_);
  write_.emplace(address, words);
  wake_.notify_one();
}

LinkWrite DeviceLink::last_write() const {
  std::lock_guard lock(mutex_);
  return write_done_;
}

bool DeviceLink::write_and_wait(int address, const std::vector<std::uint16_t>& words,
                                Clock::time_point deadline) {
  std::unique_lock lock(mutex_);
  const std::uint64_t before = write_done_.count;
  write_.emplace(address, words);
  wake_.notify_one();
  // Done when this write (the newest: nothing is queued behind it) has finished.
  done_.wait_until(lock, deadline, [&] { return !write_ && write_done_.count > before; });
  return !write_ && write_done_.count > before && write_done_.ok;
}

bool DeviceLink::connected() const {
  std::lock_guard lock(mutex_);
  return connected_;
}

std::int64_t DeviceLink::reconnects() const {
  std::lock_guard lock(mutex_);
  return reconnects_;
}

std::int64_t DeviceLink::connect_attempts() const {
  std::lock_guard lock(mutex_);
  return attempts_;
}

void DeviceLink::fail_read(std::uint64_t ticket, const std::string& why) {
  read_.ticket = ticket;
  read_.ok = false;
  read_.at = Clock::now();
  read_.error = why;
  read_.round_trip_ns = 0;
  done_.notify_all();
}

void DeviceLink::run() {
  use_realtime_priority(priority_);
  std::vector<std::uint16_t> regs(static_cast<std::size_t>(block_.count));
  std::unique_lock lock(mutex_);
  std::uint64_t read_served = 0;
  for (;;) {
    // Work: a set-point to send, or a read nobody has answered yet.
    const auto has_work = [&] { return stop_ || write_ || read_wanted_ > read_served; };
    if (connected_ || backoff_.due(Clock::now())) {
      wake_.wait(lock, has_work);
    } else {
      // Waiting out the back-off: reads fail at once (the loop must not wait for them); a
      // set-point stays queued for the next connection.
      if (read_wanted_ > read_served) {
        read_served = read_wanted_;
        fail_read(read_served, "not connected (waiting to reconnect)");
      }
      wake_.wait_until(lock, backoff_.next_attempt(), [&] {
        return stop_ || read_wanted_ > read_served || backoff_.due(Clock::now());
      });
      continue;
    }
    if (stop_) return;

    if (!connected_) {
      ++attempts_;
      lock.unlock();
      const bool ok = client_.connect();
      lock.lock();
      if (!ok) {
        backoff_.failed(Clock::now());
        if (read_wanted_ > read_served) {
          read_served = read_wanted_;
          fail_read(read_served, fmt::format("cannot connect to {}:{}: {}", client_.endpoint().host,
                                             client_.endpoint().port, client_.last_error()));
        }
        continue;
      }
      // The back-off is not reset here: a gateway that accepts and then closes at once would
      // otherwise be reconnected to every cycle. Only an answered request resets it.
      connected_ = true;
      if (ever_connected_) ++reconnects_;
      ever_connected_ = true;
    }

    modbus::Result r;
    if (write_) {
      const auto [address, words] = std::move(*write_);
      write_.reset();
      lock.unlock();
      r = client_.write(address, words);
      lock.lock();
      ++write_done_.count;
      write_done_.ok = r.ok();
      write_done_.round_trip_ns = r.round_trip_ns;
      done_.notify_all();
    } else {
      const std::uint64_t ticket = read_wanted_;
      lock.unlock();
      r = client_.read(block_.first, regs);
      lock.lock();
      read_served = ticket;
      if (r.ok()) {
        read_.ticket = ticket;
        read_.ok = true;
        read_.regs = regs;
        read_.at = Clock::now();
        read_.error.clear();
        read_.round_trip_ns = r.round_trip_ns;
        done_.notify_all();
      } else {
        fail_read(ticket,
                  r.status == modbus::Status::kException
                      ? fmt::format("exception {} ({})", r.exception_code, client_.last_error())
                      : fmt::format("{} ({})", modbus::to_string(r.status), client_.last_error()));
        read_.round_trip_ns = r.round_trip_ns;
      }
    }
    if (r.ok()) backoff_.succeeded();
    if (!client_.connected()) {
      connected_ = false;
      backoff_.failed(Clock::now());
    }
  }
}

}  // namespace ballast::ballastd
