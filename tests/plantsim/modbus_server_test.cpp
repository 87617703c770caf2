#include "plantsim/modbus_server.h"

#include <gtest/gtest.h>
#include <modbus/modbus.h>

#include <cerrno>

#include "live_plant.h"

namespace ballast::plantsim {
namespace {

using ballast::testing::eventually;
using modbus::Client;
using modbus::Status;
using testing::LivePlant;

TEST(ModbusServer, MeterValuesEqualPlantTruth) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(meter.connect()) << meter.last_error();
  modbus::MeterValues v;
  ASSERT_TRUE(testing::read_meter(meter, plant.map(), v).ok());
  const PlantTruth t = plant.runner.truth();
  EXPECT_NEAR(v.active_power_w, t.upstream_mw * 1e6, 10);  // one 10 W register step
  EXPECT_NEAR(v.frequency_hz, t.frequency_hz, 0.001);
}

TEST(ModbusServer, InverterReportsItsState) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  ASSERT_TRUE(inverter.connect());
  modbus::InverterValues v;
  ASSERT_TRUE(testing::read_inverter(inverter, plant.map(), v).ok());
  EXPECT_NEAR(v.soc_pct, plant.runner.truth().soc * 100, 0.1);
  EXPECT_EQ(v.max_discharge_power_w, 60e6);
  EXPECT_EQ(v.max_charge_power_w, 60e6);
  EXPECT_EQ(v.status, 3);
  EXPECT_EQ(v.setpoint_scale_factor, 1);
}

TEST(ModbusServer, WrittenSetpointMovesTheBattery) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(inverter.connect() && meter.connect());
  ASSERT_TRUE(testing::write_setpoint(inverter, plant.map(), 10).ok());
  modbus::InverterValues v;
  EXPECT_TRUE(eventually([&] {
    return testing::read_inverter(inverter, plant.map(), v).ok() &&
           std::abs(v.active_power_w - 10e6) < 1e3;
  }));
  EXPECT_EQ(plant.runner.truth().setpoint_mw, 10);
  modbus::MeterValues m;
  ASSERT_TRUE(testing::read_meter(meter, plant.map(), m).ok());
  EXPECT_NEAR(m.active_power_w, 40e6, 1e3);
}

TEST(ModbusServer, ServesSeveralClientsAtOnce) {
  LivePlant plant;
  Client a(plant.endpoint(1), 1000);
  Client b(plant.endpoint(2), 1000);
  ASSERT_TRUE(a.connect() && b.connect());
  modbus::MeterValues m;
  modbus::InverterValues v;
  EXPECT_TRUE(testing::read_meter(a, plant.map(), m).ok());
  EXPECT_TRUE(testing::read_inverter(b, plant.map(), v).ok());
  EXPECT_TRUE(testing::read_meter(a, plant.map(), m).ok());
  EXPECT_TRUE(eventually([&] { return plant.server.clients() == 2; }));
  EXPECT_GE(plant.server.requests(), 3u);
}

TEST(ModbusServer, UnknownUnitIdIsAGatewayException) {
  LivePlant plant;
  Client c(plant.endpoint(9), 1000);
  ASSERT_TRUE(c.connect());
  std::uint16_t regs[2];
  const modbus::Result r = c.read(0, regs);
  EXPECT_EQ(r.status, Status::kException);
  EXPECT_EQ(r.exception_code, 11);
}

TEST(ModbusServer, MeasurementsAreReadOnly) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(inverter.connect() && meter.connect());
  const std::uint16_t value[1] = {500};
  const modbus::Result soc = inverter.write(plant.map().inverter.soc.address, value);
  EXPECT_EQ(soc.status, Status::kException);
  EXPECT_EQ(soc.exception_code, 2);
  const modbus::Result power = meter.write(0, value);
  EXPECT_EQ(power.exception_code, 2);
  // The connection survives an exception.
  modbus::MeterValues m;
  EXPECT_TRUE(testing::read_meter(meter, plant.map(), m).ok());
}

// A careful inverter takes a multi-register set-point only whole: half of the 32-bit value
// would combine with the other half of an earlier write into a value nobody sent.
TEST(ModbusServer, PartialWritesOfTheSetpointAreRefused) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  ASSERT_TRUE(inverter.connect());
  ASSERT_TRUE(testing::write_setpoint(inverter, plant.map(), 10).ok());
  const int address = plant.map().inverter.setpoint.address;
  const std::uint64_t writes = plant.images.last_setpoint().count;
  const std::uint16_t half[1] = {0x7FFF};
  for (const int at : {address, address + 1}) {  // function 16, one register
    const modbus::Result r = inverter.write(at, half);
    EXPECT_EQ(r.status, Status::kException) << at;
    EXPECT_EQ(r.exception_code, 2) << at;
  }
  // Function 6 (write single register), through libmodbus directly.
  modbus_t* ctx = modbus_new_tcp("127.0.0.1", plant.server.port());
  ASSERT_NE(ctx, nullptr);
  modbus_set_slave(ctx, 2);
  ASSERT_EQ(modbus_connect(ctx), 0);
  EXPECT_EQ(modbus_write_register(ctx, address + 1, 0x7FFF), -1);
  EXPECT_EQ(errno, MODBUS_ENOBASE + 2);
  modbus_close(ctx);
  modbus_free(ctx);
  EXPECT_EQ(plant.images.last_setpoint().count, writes);
  EXPECT_EQ(plant.images.last_setpoint().setpoint_w, 10e6);
  // A whole write is still taken.
  EXPECT_TRUE(testing::write_setpoint(inverter, plant.map(), -5).ok());
  EXPECT_EQ(plant.images.last_setpoint().setpoint_w, -5e6);
}

TEST(ModbusServer, ReadBeyondTheImageIsIllegalAddress) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(meter.connect());
  std::uint16_t regs[4];
  const modbus::Result r = meter.read(100, regs);
  EXPECT_EQ(r.status, Status::kException);
  EXPECT_EQ(r.exception_code, 2);
}

TEST(ModbusServer, PortZeroPicksAFreePort) {
  LivePlant a;
  LivePlant b;
  EXPECT_GT(a.server.port(), 0);
  EXPECT_NE(a.server.port(), b.server.port());
}

}  // namespace
}  // namespace ballast::plantsim
