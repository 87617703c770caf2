#include "ballast/modbus/device.h"

#include <gtest/gtest.h>

#include <vector>

namespace ballast::modbus {
namespace {

// What a client reads: the block of a server image.
std::vector<std::uint16_t> read_block(const std::vector<std::uint16_t>& image, Block b) {
  return {image.begin() + b.first, image.begin() + b.first + b.count};
}

TEST(Device, MeterValuesRoundTripThroughTheServedImage) {
  const RegisterMap map = RegisterMap::defaults();
  std::vector<std::uint16_t> image(image_size(map.meter), 0);
  encode_meter(map, {.active_power_w = 49'876'540, .frequency_hz = 59.987, .heartbeat = 42},
               {.power = 1}, image);
  MeterValues v;
  EXPECT_EQ(decode_meter(map, read_block(image, meter_block(map.meter)), v), "");
  EXPECT_DOUBLE_EQ(v.active_power_w, 49'876'540);
  EXPECT_NEAR(v.frequency_hz, 59.987, 1e-9);
  EXPECT_EQ(v.heartbeat, 42u);
}

TEST(Device, NegativeImportSurvivesTheRoundTrip) {
  const RegisterMap map = RegisterMap::defaults();
  std::vector<std::uint16_t> image(image_size(map.meter), 0);
  encode_meter(map, {.active_power_w = -12'000'000, .frequency_hz = 60}, {.power = 0}, image);
  MeterValues v;
  EXPECT_EQ(decode_meter(map, read_block(image, meter_block(map.meter)), v), "");
  EXPECT_DOUBLE_EQ(v.active_power_w, -12'000'000);
}

TEST(Device, InverterValuesRoundTripAndCarryTheSetpointExponent) {
  const RegisterMap map = RegisterMap::defaults();
  std::vector<std::uint16_t> image(image_size(map.inverter), 0);
  encode_inverter(map,
                  {.soc_pct = 55.5,
                   .active_power_w = -30'000'000,
                   .max_discharge_power_w = 60'000'000,
                   .max_charge_power_w = 60'000'000,
                   .status = 3,
                   .heartbeat = 9},
                  {.power = 2}, image);
  InverterValues v;
  EXPECT_EQ(decode_inverter(map, read_block(image, inverter_block(map.inverter)), v), "");
  EXPECT_NEAR(v.soc_pct, 55.5, 1e-9);
  EXPECT_DOUBLE_EQ(v.active_power_w, -30'000'000);
  EXPECT_DOUBLE_EQ(v.max_charge_power_w, 60'000'000);
  EXPECT_EQ(v.status, 3);
  EXPECT_EQ(v.setpoint_scale_factor, 2);
}

TEST(Device, WrittenSetpointIsDecodedByTheServer) {
  const RegisterMap map = RegisterMap::defaults();
  std::vector<std::uint16_t> image(image_size(map.inverter), 0);
  const auto words = encode(map.inverter.setpoint, 1, -12'345'670, true);
  image[map.inverter.setpoint.address] = words[0];
  image[map.inverter.setpoint.address + 1] = words[1];
  EXPECT_DOUBLE_EQ(served_setpoint_w(map, {.power = 1}, image), -12'345'670);
}

TEST(Device, GarbageRegistersNameThePoint) {
  const RegisterMap map = RegisterMap::defaults();
  std::vector<std::uint16_t> image(image_size(map.meter), 0);
  encode_meter(map, {.active_power_w = 1e6, .frequency_hz = 60}, {.power = 0}, image);
  image[map.meter.frequency.address] = 0xFFFF;
  MeterValues v;
  const std::string error = decode_meter(map, read_block(image, meter_block(map.meter)), v);
  EXPECT_NE(error.find("frequency"), std::string::npos) << error;
}

}  // namespace
}  // namespace ballast::modbus
