// Tests src/core/quantity.cpp: quantities with units, fractions, number lists and ranges.

#include "ballast/core/quantity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <vector>

namespace ballast {
namespace {

using ::testing::DoubleEq;
using ::testing::ElementsAre;
using ::testing::Optional;
using ::testing::SizeIs;

// --- power ---

TEST(ParsePowerMw, BareNumberIsMw) { EXPECT_THAT(parse_power_mw("500"), Optional(500.0)); }

TEST(ParsePowerMw, Mw) { EXPECT_THAT(parse_power_mw("500MW"), Optional(500.0)); }

TEST(ParsePowerMw, Gw) { EXPECT_THAT(parse_power_mw("10GW"), Optional(10000.0)); }

TEST(ParsePowerMw, Kw) { EXPECT_THAT(parse_power_mw("250kW"), Optional(DoubleEq(0.25))); }

TEST(ParsePowerMw, Tw) { EXPECT_THAT(parse_power_mw("2TW"), Optional(2e6)); }

TEST(ParsePowerMw, W) { EXPECT_THAT(parse_power_mw("500000W"), Optional(DoubleEq(0.5))); }

TEST(ParsePowerMw, Decimal) { EXPECT_THAT(parse_power_mw("1.5GW"), Optional(1500.0)); }

TEST(ParsePowerMw, Exponent) { EXPECT_THAT(parse_power_mw("1e3MW"), Optional(1000.0)); }

TEST(ParsePowerMw, SpacesAroundAndBeforeUnit) {
  EXPECT_THAT(parse_power_mw(" 10 GW "), Optional(10000.0));
}

TEST(ParsePowerMw, UnitLetterIsCaseInsensitive) {
  EXPECT_THAT(parse_power_mw("500Mw"), Optional(500.0));
}

TEST(ParsePowerMw, Negative) { EXPECT_THAT(parse_power_mw("-5MW"), Optional(-5.0)); }

TEST(ParsePowerMw, MilliwattIsRejected) { EXPECT_EQ(parse_power_mw("500mW"), std::nullopt); }

TEST(ParsePowerMw, LowercasePrefixIsRejected) { EXPECT_EQ(parse_power_mw("10gW"), std::nullopt); }

TEST(ParsePowerMw, EnergyUnitIsRejected) { EXPECT_EQ(parse_power_mw("10GWh"), std::nullopt); }

TEST(ParsePowerMw, UnitAloneIsRejected) { EXPECT_EQ(parse_power_mw("MW"), std::nullopt); }

TEST(ParsePowerMw, EmptyIsRejected) { EXPECT_EQ(parse_power_mw(""), std::nullopt); }

TEST(ParsePowerMw, WordIsRejected) { EXPECT_EQ(parse_power_mw("ten"), std::nullopt); }

TEST(ParsePowerMw, UnknownPrefixIsRejected) { EXPECT_EQ(parse_power_mw("10XW"), std::nullopt); }

TEST(ParsePowerMw, TextAfterUnitIsRejected) { EXPECT_EQ(parse_power_mw("10MW5"), std::nullopt); }

TEST(ParsePowerMw, TwoSignsAreRejected) { EXPECT_EQ(parse_power_mw("1-2MW"), std::nullopt); }

TEST(ParsePowerMw, InfinityIsRejected) { EXPECT_EQ(parse_power_mw("infMW"), std::nullopt); }

// --- energy ---

TEST(ParseEnergyMwh, BareNumberIsMwh) { EXPECT_THAT(parse_energy_mwh("400"), Optional(400.0)); }

TEST(ParseEnergyMwh, Mwh) { EXPECT_THAT(parse_energy_mwh("400MWh"), Optional(400.0)); }

TEST(ParseEnergyMwh, Gwh) { EXPECT_THAT(parse_energy_mwh("40GWh"), Optional(40000.0)); }

TEST(ParseEnergyMwh, Twh) { EXPECT_THAT(parse_energy_mwh("10TWh"), Optional(1e7)); }

TEST(ParseEnergyMwh, Kwh) { EXPECT_THAT(parse_energy_mwh("500kWh"), Optional(DoubleEq(0.5))); }

TEST(ParseEnergyMwh, Wh) { EXPECT_THAT(parse_energy_mwh("1000000Wh"), Optional(DoubleEq(1.0))); }

TEST(ParseEnergyMwh, UppercaseWhIsAccepted) {
  EXPECT_THAT(parse_energy_mwh("40GWH"), Optional(40000.0));
}

TEST(ParseEnergyMwh, PowerUnitIsRejected) { EXPECT_EQ(parse_energy_mwh("40GW"), std::nullopt); }

TEST(ParseEnergyMwh, HoursAreRejected) { EXPECT_EQ(parse_energy_mwh("4h"), std::nullopt); }

TEST(ParseEnergyMwh, MilliwattHourIsRejected) { EXPECT_EQ(parse_energy_mwh("4mWh"), std::nullopt); }

// --- fraction ---

TEST(ParseFraction, Percent) { EXPECT_THAT(parse_fraction("85%"), Optional(DoubleEq(0.85))); }

TEST(ParseFraction, Decimal) { EXPECT_THAT(parse_fraction("0.85"), Optional(0.85)); }

TEST(ParseFraction, SpaceBeforePercent) {
  EXPECT_THAT(parse_fraction("85 %"), Optional(DoubleEq(0.85)));
}

TEST(ParseFraction, HundredPercentIsOne) { EXPECT_THAT(parse_fraction("100%"), Optional(1.0)); }

TEST(ParseFraction, PercentAloneIsRejected) { EXPECT_EQ(parse_fraction("%"), std::nullopt); }

TEST(ParseFraction, WordPercentIsRejected) { EXPECT_EQ(parse_fraction("most%"), std::nullopt); }

TEST(ParseFraction, DoublePercentIsRejected) { EXPECT_EQ(parse_fraction("85%%"), std::nullopt); }

TEST(ParseFraction, EmptyIsRejected) { EXPECT_EQ(parse_fraction(""), std::nullopt); }

// --- plain numbers ---

TEST(ParseDouble, Decimal) { EXPECT_THAT(parse_double("1.5"), Optional(1.5)); }

TEST(ParseDouble, LeadingPlus) { EXPECT_THAT(parse_double("+2"), Optional(2.0)); }

TEST(ParseDouble, Negative) { EXPECT_THAT(parse_double("-3"), Optional(-3.0)); }

TEST(ParseDouble, SpacesAreTrimmed) { EXPECT_THAT(parse_double(" 4 "), Optional(4.0)); }

TEST(ParseDouble, Exponent) { EXPECT_THAT(parse_double("1e3"), Optional(1000.0)); }

TEST(ParseDouble, NanIsRejected) { EXPECT_EQ(parse_double("nan"), std::nullopt); }

TEST(ParseDouble, InfinityIsRejected) { EXPECT_EQ(parse_double("inf"), std::nullopt); }

TEST(ParseDouble, OverflowIsRejected) { EXPECT_EQ(parse_double("1e400"), std::nullopt); }

TEST(ParseDouble, PlusMinusIsRejected) { EXPECT_EQ(parse_double("+-5"), std::nullopt); }

TEST(ParseDouble, HexIsRejected) { EXPECT_EQ(parse_double("0x10"), std::nullopt); }

TEST(ParseDouble, DecimalCommaIsRejected) { EXPECT_EQ(parse_double("1,5"), std::nullopt); }

TEST(ParseDouble, TrailingTextIsRejected) { EXPECT_EQ(parse_double("5abc"), std::nullopt); }

TEST(ParseDouble, EmptyIsRejected) { EXPECT_EQ(parse_double(""), std::nullopt); }

TEST(ParseDouble, SignAloneIsRejected) { EXPECT_EQ(parse_double("+"), std::nullopt); }

// --- lists and ranges ---

TEST(ParseNumberList, ThreeItems) {
  EXPECT_THAT(parse_number_list("1,2,3"), Optional(ElementsAre(1, 2, 3)));
}

TEST(ParseNumberList, OneItem) { EXPECT_THAT(parse_number_list("7"), Optional(ElementsAre(7))); }

TEST(ParseNumberList, SpacesAroundItems) {
  EXPECT_THAT(parse_number_list(" 1 , 2 "), Optional(ElementsAre(1, 2)));
}

TEST(ParseNumberList, EmptyItemIsRejected) { EXPECT_EQ(parse_number_list("1,,2"), std::nullopt); }

TEST(ParseNumberList, TrailingCommaIsRejected) {
  EXPECT_EQ(parse_number_list("1,2,"), std::nullopt);
}

TEST(ParseNumberList, WordIsRejected) { EXPECT_EQ(parse_number_list("1,x"), std::nullopt); }

TEST(ParseNumberList, EmptyIsRejected) { EXPECT_EQ(parse_number_list(""), std::nullopt); }

TEST(ParseRangeOrList, RangeIncludesStop) {
  EXPECT_THAT(parse_range_or_list("1000:20000:1000"), Optional(SizeIs(20)));
}

TEST(ParseRangeOrList, RangeStartsAtStart) {
  EXPECT_EQ(parse_range_or_list("1000:20000:1000")->front(), 1000);
}

TEST(ParseRangeOrList, RangeEndsAtStop) {
  EXPECT_EQ(parse_range_or_list("1000:20000:1000")->back(), 20000);
}

TEST(ParseRangeOrList, FractionalStep) {
  EXPECT_THAT(parse_range_or_list("0:1:0.25"), Optional(ElementsAre(0, 0.25, 0.5, 0.75, 1)));
}

TEST(ParseRangeOrList, StopWithinRoundingIsIncluded) {
  EXPECT_THAT(parse_range_or_list("0:0.3:0.1"), Optional(SizeIs(4)));
}

TEST(ParseRangeOrList, StopOffTheGridIsNotReached) {
  EXPECT_THAT(parse_range_or_list("0:10:4"), Optional(ElementsAre(0, 4, 8)));
}

TEST(ParseRangeOrList, SinglePointRange) {
  EXPECT_THAT(parse_range_or_list("5:5:1"), Optional(ElementsAre(5)));
}

TEST(ParseRangeOrList, ListWithoutColons) {
  EXPECT_THAT(parse_range_or_list("3,1,2"), Optional(ElementsAre(3, 1, 2)));
}

TEST(ParseRangeOrList, DescendingRangeIsRejected) {
  EXPECT_EQ(parse_range_or_list("5:1:1"), std::nullopt);
}

TEST(ParseRangeOrList, ZeroStepIsRejected) {
  EXPECT_EQ(parse_range_or_list("1:5:0"), std::nullopt);
}

TEST(ParseRangeOrList, NegativeStepIsRejected) {
  EXPECT_EQ(parse_range_or_list("5:1:-1"), std::nullopt);
}

TEST(ParseRangeOrList, TwoPartsAreRejected) { EXPECT_EQ(parse_range_or_list("1:5"), std::nullopt); }

TEST(ParseRangeOrList, FourPartsAreRejected) {
  EXPECT_EQ(parse_range_or_list("1:5:1:2"), std::nullopt);
}

TEST(ParseRangeOrList, MoreThanAMillionPointsAreRejected) {
  EXPECT_EQ(parse_range_or_list("0:1e7:1"), std::nullopt);
}

TEST(ParseRangeOrList, WordsAreRejected) { EXPECT_EQ(parse_range_or_list("a:b:c"), std::nullopt); }

TEST(ParseRangeOrList, UnitsAreRejected) {
  EXPECT_EQ(parse_range_or_list("1GW:2GW:1GW"), std::nullopt);
}

}  // namespace
}  // namespace ballast
