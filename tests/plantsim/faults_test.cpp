// Each fault as a client sees it, through the in-process server.
#include "plantsim/faults.h"

#include <gtest/gtest.h>

#include "live_plant.h"

namespace ballast::plantsim {
namespace {

using ballast::testing::eventually;
using modbus::Client;
using modbus::Status;
using testing::LivePlant;

TEST(Faults, ApplyRejectsUnknownNamesAndCodes) {
  Faults f;
  EXPECT_NE(f.apply("explode", true), "");
  EXPECT_NE(f.apply("exception", true, 0, 12), "");
  EXPECT_EQ(f.apply("slow", true, 250), "");
  EXPECT_EQ(f.get().delay_ms, 250);
  EXPECT_EQ(f.get().active(), std::vector<std::string>{"slow"});
  EXPECT_EQ(f.apply("clear", true), "");
  EXPECT_TRUE(f.get().active().empty());
}

TEST(Faults, DropClosesConnectionsUntilCleared) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 500);
  ASSERT_TRUE(meter.connect());
  modbus::MeterValues m;
  ASSERT_TRUE(testing::read_meter(meter, plant.map(), m).ok());
  plant.faults.apply("drop", true);
  EXPECT_TRUE(eventually([&] { return !testing::read_meter(meter, plant.map(), m).ok(); }));
  // New connections are closed at once while the fault is on.
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(meter.connect() && testing::read_meter(meter, plant.map(), m).ok());
  }
  plant.faults.apply("drop", false);
  EXPECT_TRUE(eventually(
      [&] { return meter.connect() && testing::read_meter(meter, plant.map(), m).ok(); }));
}

TEST(Faults, FreezeStopsTheHeartbeat) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(meter.connect());
  plant.faults.apply("freeze", true);
  modbus::MeterValues before;
  modbus::MeterValues after;
  // A publish already under way when the fault was set may still land: wait until it has.
  ASSERT_TRUE(eventually([&] {
    const bool ok = testing::read_meter(meter, plant.map(), before).ok();
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return ok && testing::read_meter(meter, plant.map(), after).ok() &&
           after.heartbeat == before.heartbeat;
  }));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));  // ten update periods
  ASSERT_TRUE(testing::read_meter(meter, plant.map(), after).ok());
  EXPECT_EQ(after.heartbeat, before.heartbeat);
  plant.faults.apply("freeze", false);
  EXPECT_TRUE(eventually([&] {
    return testing::read_meter(meter, plant.map(), after).ok() &&
           after.heartbeat != before.heartbeat;
  }));
}

TEST(Faults, ExceptionAnswersWithTheCode) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(meter.connect());
  plant.faults.apply("exception", true);
  modbus::MeterValues m;
  modbus::Result r = testing::read_meter(meter, plant.map(), m);
  EXPECT_EQ(r.status, Status::kException);
  EXPECT_EQ(r.exception_code, 4);
  plant.faults.apply("exception", true, 0, 6);
  r = testing::read_meter(meter, plant.map(), m);
  EXPECT_EQ(r.exception_code, 6);
  plant.faults.apply("clear", true);
  EXPECT_TRUE(testing::read_meter(meter, plant.map(), m).ok());
}

TEST(Faults, GarbageIsNotImplemented) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 1000);
  ASSERT_TRUE(meter.connect());
  plant.faults.apply("garbage", true);
  std::string error;
  modbus::MeterValues m;
  EXPECT_TRUE(eventually(
      [&] { return testing::read_meter(meter, plant.map(), m, &error).ok() && !error.empty(); }));
  EXPECT_NE(error.find("not implemented"), std::string::npos) << error;
}

TEST(Faults, SocOutOfRangeReads120Percent) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  ASSERT_TRUE(inverter.connect());
  plant.faults.apply("soc_out_of_range", true);
  modbus::InverterValues v;
  EXPECT_TRUE(eventually(
      [&] { return testing::read_inverter(inverter, plant.map(), v).ok() && v.soc_pct == 120.0; }));
}

TEST(Faults, SlowDelaysEveryReply) {
  LivePlant plant;
  Client meter(plant.endpoint(1), 3000);
  ASSERT_TRUE(meter.connect());
  plant.faults.apply("slow", true, 200);
  modbus::MeterValues m;
  const modbus::Result r = testing::read_meter(meter, plant.map(), m);
  ASSERT_TRUE(r.ok());
  EXPECT_GE(r.round_trip_ns, 200'000'000);  // a lower bound: never a speed check
}

TEST(Faults, InverterFaultReportsStatus4AndStops) {
  LivePlant plant;
  Client inverter(plant.endpoint(2), 1000);
  ASSERT_TRUE(inverter.connect());
  plant.faults.apply("inverter_fault", true);
  ASSERT_TRUE(testing::write_setpoint(inverter, plant.map(), 10).ok());
  modbus::InverterValues v;
  EXPECT_TRUE(eventually(
      [&] { return testing::read_inverter(inverter, plant.map(), v).ok() && v.status == 4; }));
  EXPECT_EQ(plant.runner.truth().setpoint_mw, 0);
  EXPECT_EQ(plant.runner.truth().battery_mw, 0);
}

}  // namespace
}  // namespace ballast::plantsim
