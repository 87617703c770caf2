#include "plantsim/modbus_server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <modbus/modbus.h>
#include <netinet/in.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "ballast/core/error.h"

namespace ballast::plantsim {

namespace {

// How often the server thread looks at the stop flag and the drop fault, ms.
constexpr int kPollMs = 20;
// Registers in one request (Modbus Application Protocol v1.1b3, 6.3 and 6.12).
constexpr int kMaxRead = 125;
constexpr int kMaxWrite = 123;
constexpr int kIllegalDataValue = 3;

int word_at(const std::uint8_t* p) { return (p[0] << 8) | p[1]; }

}  // namespace

int apply_request(RegisterImages& images, Device device, std::span<const std::uint8_t> pdu,
                  std::uint16_t* table, int table_size) {
  if (device == Device::kNone) return kGatewayTargetFailed;  // no device at this unit id
  if (pdu.empty()) return kIllegalFunction;
  const std::size_t n = pdu.size();
  switch (pdu[0]) {
    case MODBUS_FC_READ_HOLDING_REGISTERS: {
      if (n < 5) return kIllegalDataValue;
      const int address = word_at(&pdu[1]);
      const int count = word_at(&pdu[3]);
      if (count < 1 || count > kMaxRead) return kIllegalDataValue;
      std::uint16_t regs[kMaxRead];
      const int code =
          images.read(device, address, std::span(regs, static_cast<std::size_t>(count)));
      if (code != 0) return code;
      if (address + count > table_size) return kIllegalDataAddress;
      std::copy_n(regs, count, table + address);
      return 0;
    }
    case MODBUS_FC_WRITE_SINGLE_REGISTER: {
      if (n < 5) return kIllegalDataValue;
      const auto value = static_cast<std::uint16_t>(word_at(&pdu[3]));
      return images.write(device, word_at(&pdu[1]), std::span(&value, 1));
    }
    case MODBUS_FC_WRITE_MULTIPLE_REGISTERS: {
      if (n < 6) return kIllegalDataValue;
      const int count = word_at(&pdu[3]);
      if (count < 1 || count > kMaxWrite || pdu[5] != 2 * count ||
          n < 6 + 2 * static_cast<std::size_t>(count)) {
        return kIllegalDataValue;
      }
      std::uint16_t values[kMaxWrite];
      for (int i = 0; i < count; ++i) {
        values[i] = static_cast<std::uint16_t>(word_at(&pdu[6 + 2 * static_cast<std::size_t>(i)]));
      }
      return images.write(device, word_at(&pdu[1]),
                          std::span(values, static_cast<std::size_t>(count)));
    }
    default:
      return kIllegalFunction;
  }
}

ModbusServer::ModbusServer(const std::string& host, int port, RegisterImages& images,
                           const Faults& faults)
    : images_(images), faults_(faults) {
  ctx_ = modbus_new_tcp(host.c_str(), port);
  if (ctx_ == nullptr) {
    throw InputError(
        fmt::format("cannot serve Modbus on {}:{}: {}", host, port, modbus_strerror(errno)));
  }
  listen_fd_ = modbus_tcp_listen(ctx_, 16);
  if (listen_fd_ == -1) {
    const std::string why = modbus_strerror(errno);
    modbus_free(ctx_);
    throw InputError(
        fmt::format("cannot listen for Modbus on {}:{}: {}; give a free port (0 "
                    "picks one) and an IPv4 address of this host",
                    host, port, why));
  }
  sockaddr_in addr{};
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  // One table as large as the larger image: modbus_reply checks addresses against it.
  const int size =
      std::max(modbus::image_size(images_.map().meter), modbus::image_size(images_.map().inverter));
  mapping_ = modbus_mapping_new(0, 0, size, 0);
}

ModbusServer::~ModbusServer() {
  stop();
  close_all();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  modbus_mapping_free(mapping_);
  modbus_set_socket(ctx_, -1);  // every socket is closed already
  modbus_free(ctx_);
}

void ModbusServer::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void ModbusServer::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void ModbusServer::close_all() {
  for (int fd : clients_) ::close(fd);
  clients_.clear();
  clients_count_ = 0;
}

void ModbusServer::run() {
  while (!stop_) {
    const bool drop = faults_.get().drop;
    if (drop) close_all();
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(listen_fd_, &readable);
    int top = listen_fd_;
    for (int fd : clients_) {
      FD_SET(fd, &readable);
      top = std::max(top, fd);
    }
    timeval wait{0, kPollMs * 1000};
    const int n = select(top + 1, &readable, nullptr, nullptr, &wait);
    if (n <= 0) continue;  // a timeout, or a signal (EINTR)
    if (FD_ISSET(listen_fd_, &readable)) {
      const int fd = modbus_tcp_accept(ctx_, &listen_fd_);
      if (fd >= 0 && drop) {
        ::close(fd);  // the dropped device refuses every connection
      } else if (fd >= 0) {
        clients_.push_back(fd);
      }
    }
    // Serve a copy: serve() may remove entries.
    for (int fd : std::vector<int>(clients_)) {
      if (!FD_ISSET(fd, &readable)) continue;
      if (!serve(fd)) {
        ::close(fd);
        std::erase(clients_, fd);
      }
    }
    clients_count_ = static_cast<int>(clients_.size());
  }
  close_all();
}

bool ModbusServer::serve(int fd) {
  modbus_set_socket(ctx_, fd);
  std::uint8_t req[MODBUS_TCP_MAX_ADU_LENGTH];
  const int length = modbus_receive(ctx_, req);
  if (length == -1) return false;  // closed by the client, or a malformed frame
  if (length == 0) return true;    // nothing to answer
  ++requests_;
  const FaultState f = faults_.get();
  if (f.drop) return false;
  if (f.slow) {
    // Sleeps in short steps so stop() is never held up by a long delay.
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(f.delay_ms);
    while (!stop_ && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
          std::chrono::milliseconds(kPollMs), until - std::chrono::steady_clock::now()));
    }
    if (stop_) return false;
  }
  if (f.exception) {
    return modbus_reply_exception(ctx_, req, static_cast<unsigned>(f.exception_code)) != -1;
  }
  const int hl = modbus_get_header_length(ctx_);
  const Device device = images_.device_of(req[hl - 1]);
  const int code =
      apply_request(images_, device,
                    std::span<const std::uint8_t>(req + hl, static_cast<std::size_t>(length - hl)),
                    mapping_->tab_registers, mapping_->nb_registers);
  if (code != 0) return modbus_reply_exception(ctx_, req, static_cast<unsigned>(code)) != -1;
  return modbus_reply(ctx_, req, length, mapping_) != -1;
}

}  // namespace ballast::plantsim
