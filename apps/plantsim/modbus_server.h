#pragma once
/// @file plantsim's Modbus TCP server: one thread, select() over the listening socket and every
/// client, requests routed by unit id to the meter's or the inverter's registers, faults
/// applied on the way.

#include <atomic>
#include <cstdint>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "plantsim/faults.h"
#include "plantsim/register_images.h"

typedef struct _modbus modbus_t;                    // libmodbus's context
typedef struct _modbus_mapping_t modbus_mapping_t;  // libmodbus's register tables

namespace ballast::plantsim {

/// Applies one request PDU (function code first, as received after the MBAP header) from a
/// client of `device` to `images`: function 3 copies the registers read into `table` (indexed
/// by address, `table_size` registers), 6 and 16 write. Returns 0 (answer normally) or the
/// Modbus exception code to answer with; never reads beyond `pdu`.
int apply_request(RegisterImages& images, Device device, std::span<const std::uint8_t> pdu,
                  std::uint16_t* table, int table_size);

/// Serves holding registers: function codes 3 (read), 6 and 16 (write the set-point only).
class ModbusServer {
 public:
  /// Listens on `host` (an IPv4 address) and `port` (0: a free port) now; throws InputError
  /// when it cannot. `images` and `faults` must outlive the server.
  ModbusServer(const std::string& host, int port, RegisterImages& images, const Faults& faults);
  ~ModbusServer();
  ModbusServer(const ModbusServer&) = delete;
  ModbusServer& operator=(const ModbusServer&) = delete;

  /// The port it listens on.
  int port() const { return port_; }
  /// Starts serving in its own thread.
  void start();
  /// Stops serving and closes every connection (within about 20 ms; a slow reply in progress
  /// is abandoned).
  void stop();
  /// Requests received so far.
  std::uint64_t requests() const { return requests_.load(); }
  /// Clients connected now.
  int clients() const { return clients_count_.load(); }

 private:
  void run();
  // Answers one request on `fd`; false when the connection must be closed.
  bool serve(int fd);
  void close_all();

  RegisterImages& images_;
  const Faults& faults_;
  modbus_t* ctx_ = nullptr;
  modbus_mapping_t* mapping_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::vector<int> clients_;  // owned by the server thread
  std::atomic<bool> stop_{false};
  std::atomic<std::uint64_t> requests_{0};
  std::atomic<int> clients_count_{0};
  std::thread thread_;
};

}  // namespace ballast::plantsim
