// One Modbus TCP round trip on loopback (ballast::modbus::Client reading the meter block from
// plantsim's server, in process) beside its floor: a raw TCP ping-pong of the same sizes
// (12-byte request, 19-byte reply) through the same loopback stack.

#include <arpa/inet.h>
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>
#include <vector>

#include "ballast/modbus/client.h"
#include "plantsim/faults.h"
#include "plantsim/modbus_server.h"
#include "plantsim/register_images.h"

namespace {

using namespace ballast;

void BM_ModbusReadMeterBlock(benchmark::State& state) {
  const modbus::RegisterMap map = modbus::RegisterMap::defaults();
  plantsim::RegisterImages images(map, {.power = 1});
  images.publish_meter({.active_power_w = 5e7, .frequency_hz = 60, .heartbeat = 1}, false);
  plantsim::Faults faults;
  plantsim::ModbusServer server("127.0.0.1", 0, images, faults);
  server.start();
  modbus::Endpoint e = map.meter_endpoint;
  e.port = server.port();
  modbus::Client client(e, 1000);
  if (!client.connect()) state.SkipWithError("cannot connect");
  const modbus::Block b = modbus::meter_block(map.meter);
  std::vector<std::uint16_t> regs(b.count);
  for (auto _ : state) {
    if (!client.read(b.first, regs).ok()) state.SkipWithError("read failed");
  }
  server.stop();
}
BENCHMARK(BM_ModbusReadMeterBlock)->UseRealTime()->MinTime(2.0);

// The floor: an echo-style server answering 19 bytes to every 12 received.
void BM_TcpPingPongBaseline(benchmark::State& state) {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listener, reinterpret_cast<sockaddr*>(&a), sizeof a);
  listen(listener, 1);
  socklen_t n = sizeof a;
  getsockname(listener, reinterpret_cast<sockaddr*>(&a), &n);
  std::thread server([listener] {
    const int fd = accept(listener, nullptr, nullptr);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    char buf[64] = {};
    while (recv(fd, buf, 12, MSG_WAITALL) == 12) {
      if (send(fd, buf, 19, 0) != 19) break;
    }
    close(fd);
  });
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // libmodbus sets it too
  connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  char buf[64] = {};
  for (auto _ : state) {
    send(fd, buf, 12, 0);
    recv(fd, buf, 19, MSG_WAITALL);
  }
  close(fd);
  server.join();
  close(listener);
}
BENCHMARK(BM_TcpPingPongBaseline)->UseRealTime()->MinTime(2.0);

}  // namespace

BENCHMARK_MAIN();
