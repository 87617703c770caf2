// Tests src/storage/shorthand.cpp: "POWER/ENERGY[@RTE]".

#include "ballast/storage/shorthand.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "ballast/core/error.h"

namespace ballast {
namespace {

using ::testing::DoubleEq;
using ::testing::HasSubstr;
using ::testing::Optional;

std::string error_of(std::string_view text) {
  try {
    parse_storage_shorthand(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

constexpr std::string_view kForm = "write POWER/ENERGY[@RTE], e.g. 10GW/40GWh@85% or 500MW/4h@90%";

TEST(StorageShorthand, GigawattPower) {
  EXPECT_EQ(parse_storage_shorthand("10GW/40GWh@85%").power_mw, 10000);
}

TEST(StorageShorthand, GigawattHourEnergy) {
  EXPECT_EQ(parse_storage_shorthand("10GW/40GWh@85%").energy_mwh, 40000);
}

TEST(StorageShorthand, PercentEfficiency) {
  EXPECT_THAT(parse_storage_shorthand("10GW/40GWh@85%").round_trip_efficiency,
              Optional(DoubleEq(0.85)));
}

TEST(StorageShorthand, DurationTimesPowerIsTheEnergy) {
  EXPECT_EQ(parse_storage_shorthand("500MW/4h@90%").energy_mwh, 2000);
}

TEST(StorageShorthand, DurationKeepsThePower) {
  EXPECT_EQ(parse_storage_shorthand("500MW/4h@90%").power_mw, 500);
}

TEST(StorageShorthand, DurationWithEfficiency) {
  EXPECT_THAT(parse_storage_shorthand("500MW/4h@90%").round_trip_efficiency,
              Optional(DoubleEq(0.9)));
}

TEST(StorageShorthand, EfficiencyIsOptional) {
  EXPECT_EQ(parse_storage_shorthand("500MW/4h").round_trip_efficiency, std::nullopt);
}

TEST(StorageShorthand, DurationWithoutEfficiency) {
  EXPECT_EQ(parse_storage_shorthand("500MW/4h").energy_mwh, 2000);
}

TEST(StorageShorthand, FractionalGigawatts) {
  EXPECT_EQ(parse_storage_shorthand("0.5GW/2000MWh@0.9").power_mw, 500);
}

TEST(StorageShorthand, MegawattHourEnergy) {
  EXPECT_EQ(parse_storage_shorthand("0.5GW/2000MWh@0.9").energy_mwh, 2000);
}

TEST(StorageShorthand, DecimalEfficiency) {
  EXPECT_THAT(parse_storage_shorthand("0.5GW/2000MWh@0.9").round_trip_efficiency, Optional(0.9));
}

TEST(StorageShorthand, BareNumbersAreMwAndMwh) {
  EXPECT_EQ(parse_storage_shorthand("100/400").energy_mwh, 400);
}

TEST(StorageShorthand, FractionalDuration) {
  EXPECT_EQ(parse_storage_shorthand("1GW/0.5h").energy_mwh, 500);
}

TEST(StorageShorthand, KilowattUnits) {
  EXPECT_DOUBLE_EQ(parse_storage_shorthand("250kW/1MWh").power_mw, 0.25);
}

TEST(StorageShorthand, UppercaseWhIsAnEnergy) {
  EXPECT_EQ(parse_storage_shorthand("10GW/40GWH").energy_mwh, 40000);
}

TEST(StorageShorthand, HundredPercentIsAllowed) {
  EXPECT_THAT(parse_storage_shorthand("1/1@100%").round_trip_efficiency, Optional(1.0));
}

TEST(StorageShorthand, ZeroPowerIsAllowed) {
  EXPECT_EQ(parse_storage_shorthand("0MW/0MWh").power_mw, 0);
}

// --- malformed: an InputError that shows the expected form ---

TEST(StorageShorthandErrors, NoSlash) { EXPECT_THAT(error_of("10GW"), HasSubstr(kForm)); }

TEST(StorageShorthandErrors, NoSlashSaysSo) {
  EXPECT_THAT(error_of("10GW@85%"), HasSubstr("no '/' between power and energy"));
}

TEST(StorageShorthandErrors, Empty) { EXPECT_THAT(error_of(""), HasSubstr(kForm)); }

TEST(StorageShorthandErrors, QuotesTheInput) {
  EXPECT_THAT(error_of("10GW"), HasSubstr("--storage '10GW'"));
}

TEST(StorageShorthandErrors, MissingPower) {
  EXPECT_THAT(error_of("/40GWh"), HasSubstr("the power is not a number"));
}

TEST(StorageShorthandErrors, PowerWithEnergyUnit) {
  EXPECT_THAT(error_of("10GWh/40GWh"), HasSubstr("the power is not a number"));
}

TEST(StorageShorthandErrors, NegativePower) {
  EXPECT_THAT(error_of("-10GW/40GWh"), HasSubstr("the power is not a number"));
}

TEST(StorageShorthandErrors, MissingEnergy) {
  EXPECT_THAT(error_of("10GW/"), HasSubstr("the energy is not a number"));
}

TEST(StorageShorthandErrors, EnergyWithPowerUnit) {
  EXPECT_THAT(error_of("10GW/40GW"), HasSubstr("the energy is not a number"));
}

TEST(StorageShorthandErrors, NegativeEnergy) {
  EXPECT_THAT(error_of("10GW/-40GWh"), HasSubstr("the energy is not a number"));
}

TEST(StorageShorthandErrors, NegativeDuration) {
  EXPECT_THAT(error_of("10GW/-4h"), HasSubstr("the duration is not a number of hours"));
}

TEST(StorageShorthandErrors, WordDuration) {
  EXPECT_THAT(error_of("10GW/fourh"), HasSubstr(kForm));
}

TEST(StorageShorthandErrors, MissingEfficiency) {
  EXPECT_THAT(error_of("10GW/40GWh@"), HasSubstr("the efficiency must be in (0, 100%]"));
}

TEST(StorageShorthandErrors, ZeroEfficiency) {
  EXPECT_THAT(error_of("10GW/40GWh@0%"), HasSubstr("the efficiency must be in (0, 100%]"));
}

TEST(StorageShorthandErrors, EfficiencyAboveOne) {
  EXPECT_THAT(error_of("10GW/40GWh@120%"), HasSubstr("the efficiency must be in (0, 100%]"));
}

TEST(StorageShorthandErrors, TwoEfficiencies) {
  EXPECT_THAT(error_of("10GW/40GWh@85%@90%"), HasSubstr(kForm));
}

TEST(StorageShorthandErrors, TwoSlashes) {
  EXPECT_THAT(error_of("10GW/40GWh/4h"), HasSubstr(kForm));
}

}  // namespace
}  // namespace ballast
