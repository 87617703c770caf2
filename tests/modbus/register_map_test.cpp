#include "ballast/modbus/register_map.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "ballast/core/error.h"

namespace ballast::modbus {
namespace {

std::string write_toml(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / (name + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(RegisterMap, DefaultsAreValid) { EXPECT_NO_THROW(validate(RegisterMap::defaults())); }

TEST(RegisterMap, DefaultBlocksCoverEveryReadPoint) {
  const RegisterMap m = RegisterMap::defaults();
  EXPECT_EQ(meter_block(m.meter).first, 0);
  EXPECT_EQ(meter_block(m.meter).count, 5);
  EXPECT_EQ(inverter_block(m.inverter).first, 0);
  EXPECT_EQ(inverter_block(m.inverter).count, 10);  // the set-point (10-11) is only written
}

TEST(RegisterMap, EncodeDecodeRoundTripsEveryTypeAndWordOrder) {
  std::mt19937 rng(3);
  for (PointType type :
       {PointType::kInt16, PointType::kUint16, PointType::kInt32, PointType::kUint32}) {
    const bool is_signed = type == PointType::kInt16 || type == PointType::kInt32;
    const double range = register_count(type) == 1 ? 30000 : 2e9;
    std::uniform_real_distribution<double> raw(is_signed ? -range : 0, range);
    for (bool high_first : {true, false}) {
      for (int sf = -3; sf <= 3; ++sf) {
        const Point p{.address = 4, .type = type, .scale_factor = sf};
        for (int i = 0; i < 200; ++i) {
          const double value = std::round(raw(rng)) * std::pow(10.0, sf);
          const auto words = encode(p, sf, value, high_first);
          std::vector<std::uint16_t> regs(8, 0);
          regs[4] = words[0];
          regs[5] = words[1];
          double back = 0;
          ASSERT_EQ(decode(p, {0, 8}, regs, high_first, back), Decode::kOk);
          EXPECT_NEAR(back, value, 1e-9 * std::fabs(value) + 1e-12);
        }
      }
    }
  }
}

TEST(RegisterMap, WordOrderPutsTheHighWordFirstByDefault) {
  const Point p{.address = 0, .type = PointType::kInt32};
  const auto words = encode(p, 0, 65536 * 3 + 7, true);
  EXPECT_EQ(words[0], 3);
  EXPECT_EQ(words[1], 7);
  const auto swapped = encode(p, 0, 65536 * 3 + 7, false);
  EXPECT_EQ(swapped[0], 7);
  EXPECT_EQ(swapped[1], 3);
}

TEST(RegisterMap, ScaleFactorComesFromItsRegister) {
  const Point p{.address = 0, .type = PointType::kInt16, .scale_factor_address = 1};
  const std::vector<std::uint16_t> regs = {static_cast<std::uint16_t>(-1234),
                                           static_cast<std::uint16_t>(-2)};
  double v = 0;
  ASSERT_EQ(decode(p, {0, 2}, regs, true, v), Decode::kOk);
  EXPECT_DOUBLE_EQ(v, -12.34);
}

TEST(RegisterMap, NotImplementedPatternsAreRecognised) {
  for (PointType type :
       {PointType::kInt16, PointType::kUint16, PointType::kInt32, PointType::kUint32}) {
    const Point p{.address = 0, .type = type};
    const std::uint32_t raw = not_implemented_raw(type);
    std::vector<std::uint16_t> regs = {static_cast<std::uint16_t>(raw), 0};
    if (register_count(type) == 2)
      regs = {static_cast<std::uint16_t>(raw >> 16), static_cast<std::uint16_t>(raw & 0xFFFF)};
    double v = 0;
    EXPECT_EQ(decode(p, {0, 2}, regs, true, v), Decode::kNotImplemented);
  }
  const Point scaled{.address = 0, .type = PointType::kInt16, .scale_factor_address = 1};
  double v = 0;
  EXPECT_EQ(decode(scaled, {0, 2}, std::vector<std::uint16_t>{5, 0x8000}, true, v),
            Decode::kNotImplemented);
}

TEST(RegisterMap, EncodeSaturatesInsteadOfWrapping) {
  const Point p{.address = 0, .type = PointType::kInt16};
  EXPECT_EQ(static_cast<std::int16_t>(encode(p, 0, 1e9, true)[0]), 32767);
  EXPECT_EQ(static_cast<std::int16_t>(encode(p, 0, -1e9, true)[0]), -32767);  // never 0x8000
  EXPECT_EQ(encode(Point{.type = PointType::kUint16}, 0, 1e9, true)[0], 65534);
}

TEST(RegisterMap, ReadsOverridesFromToml) {
  const std::string path = write_toml("rm_ok", R"(
[meter]
host = "10.0.0.5"
port = 502
unit_id = 7
word_order = "little"
[meter.points.frequency]
address = 40
type = "uint16"
scale_factor = -2
[inverter]
running_status = [3, 5]
)");
  const RegisterMap m = read_register_map(path);
  EXPECT_EQ(m.meter_endpoint.host, "10.0.0.5");
  EXPECT_EQ(m.meter_endpoint.port, 502);
  EXPECT_EQ(m.meter_endpoint.unit_id, 7);
  EXPECT_FALSE(m.meter_endpoint.high_word_first);
  EXPECT_EQ(m.meter.frequency.address, 40);
  EXPECT_EQ(m.meter.frequency.scale_factor, -2);
  EXPECT_EQ(m.inverter.running_status, (std::vector<int>{3, 5}));
}

TEST(RegisterMap, UnknownPointIsAnErrorAtItsPlace) {
  const std::string path = write_toml("rm_unknown", "[meter.points.voltage]\naddress = 3\n");
  try {
    read_register_map(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 1);
    EXPECT_NE(e.reason().find("voltage"), std::string::npos);
  }
}

TEST(RegisterMap, OverlappingPointsAreRejected) {
  const std::string path = write_toml("rm_overlap", "[meter.points.frequency]\naddress = 1\n");
  try {
    read_register_map(path);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.reason().find("register 1"), std::string::npos) << e.what();
  }
}

TEST(RegisterMap, BlockLongerThanOneReadIsRejected) {
  const std::string path = write_toml("rm_far", "[meter.points.frequency]\naddress = 300\n");
  EXPECT_THROW(read_register_map(path), InputError);
}

TEST(RegisterMap, MissingRequiredPointIsRejected) {
  const std::string path = write_toml("rm_missing", "[inverter.points.soc]\naddress = -1\n");
  EXPECT_THROW(read_register_map(path), InputError);
}

}  // namespace
}  // namespace ballast::modbus
