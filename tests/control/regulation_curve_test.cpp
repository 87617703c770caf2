// The dReg and E-dReg curves at every breakpoint and between them (digest, "Frequency-power
// curves", rulebook v5); numbers are the digest's, checked against the one rules table.

#include "ballast/control/regulation_curve.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"

namespace {

using ballast::control::Band;
using ballast::control::RegulationCurve;
using ballast::taipower::Product;

Band dreg(double hz) { return RegulationCurve(Product::kDreg).band_pu(hz); }
Band edreg(double hz) { return RegulationCurve(Product::kEdreg).band_pu(hz); }

TEST(DregCurve, FullDischargeAt5975) { EXPECT_DOUBLE_EQ(dreg(59.75).lo, 1.0); }
TEST(DregCurve, FiftyTwoPercentAt5986) { EXPECT_NEAR(dreg(59.86).lo, 0.52, 1e-12); }
TEST(DregCurve, DeadBandLowEdgeAt5998IsPlusMinus9) {
  EXPECT_NEAR(dreg(59.98).lo, -0.09, 1e-12);
  EXPECT_NEAR(dreg(59.98).hi, 0.09, 1e-12);
}
TEST(DregCurve, DeadBandAt60IsPlusMinus9) {
  EXPECT_DOUBLE_EQ(dreg(60.0).lo, -0.09);
  EXPECT_DOUBLE_EQ(dreg(60.0).hi, 0.09);
}
TEST(DregCurve, DeadBandHighEdgeAt6002IsPlusMinus9) {
  EXPECT_NEAR(dreg(60.02).lo, -0.09, 1e-12);
  EXPECT_NEAR(dreg(60.02).hi, 0.09, 1e-12);
}
TEST(DregCurve, MinusFiftyTwoPercentAt6014) { EXPECT_NEAR(dreg(60.14).lo, -0.52, 1e-12); }
TEST(DregCurve, FullChargeAt6025) { EXPECT_DOUBLE_EQ(dreg(60.25).lo, -1.0); }
TEST(DregCurve, LinearBetween5975And5986) {
  EXPECT_NEAR(dreg(59.80).lo, 0.52 + 0.48 * 0.06 / 0.11, 1e-9);
}
TEST(DregCurve, LinearBetween5986And5998) { EXPECT_NEAR(dreg(59.92).lo, 0.305, 1e-9); }
TEST(DregCurve, LinearBetween6002And6014) { EXPECT_NEAR(dreg(60.08).lo, -0.305, 1e-9); }
TEST(DregCurve, OutsideTheDeadBandTheBandIsALine) {
  EXPECT_DOUBLE_EQ(dreg(59.92).lo, dreg(59.92).hi);
}
TEST(DregCurve, ClampedBelow5975) { EXPECT_DOUBLE_EQ(dreg(59.40).hi, 1.0); }
TEST(DregCurve, ClampedAbove6025) { EXPECT_DOUBLE_EQ(dreg(60.60).lo, -1.0); }

TEST(EdregCurve, FullDischargeAt5950) { EXPECT_DOUBLE_EQ(edreg(59.50).lo, 1.0); }
TEST(EdregCurve, FortyEightPercentAt5975) { EXPECT_NEAR(edreg(59.75).lo, 0.48, 1e-12); }
TEST(EdregCurve, DeadBandAt5998IsPlusMinus9) { EXPECT_NEAR(edreg(59.98).hi, 0.09, 1e-12); }
TEST(EdregCurve, DeadBandAt6002IsPlusMinus9) { EXPECT_NEAR(edreg(60.02).lo, -0.09, 1e-12); }
TEST(EdregCurve, MinusFortyEightPercentAt6025) { EXPECT_NEAR(edreg(60.25).lo, -0.48, 1e-12); }
TEST(EdregCurve, FullChargeAt6050) { EXPECT_DOUBLE_EQ(edreg(60.50).lo, -1.0); }
TEST(EdregCurve, LinearBetween5950And5975) { EXPECT_NEAR(edreg(59.625).lo, 0.74, 1e-9); }
TEST(EdregCurve, LinearBetween5975And5998) {
  EXPECT_NEAR(edreg(59.865).lo, 0.48 + (0.09 - 0.48) * 0.115 / 0.23, 1e-9);
}

TEST(CurveBase, ShiftedBaseMovesTheBreakpoints) {
  // Taipower may shift the base frequency; the breakpoints move with it (base - 0.14 Hz: 52 %).
  RegulationCurve c(Product::kDreg, 60.05);
  EXPECT_NEAR(c.band_pu(59.91).lo, 0.52, 1e-9);
}
TEST(CurveBase, SregHasNoCurve) {
  EXPECT_THROW(RegulationCurve{Product::kSreg}, ballast::InputError);
}

TEST(BandDistance, InsideIsZero) { EXPECT_DOUBLE_EQ((Band{-1, 1}).distance(0.5), 0.0); }
TEST(BandDistance, BelowIsToTheLowEdge) { EXPECT_DOUBLE_EQ((Band{-1, 1}).distance(-3), 2.0); }

}  // namespace
