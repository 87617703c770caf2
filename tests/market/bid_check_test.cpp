// E-dReg bid checks (digest, "Products" and "E-dReg specifics", rulebook v5): min SOC >= 0.25 x
// bid, max SOC <= MWh - 0.25 x bid, span >= 2 x bid, >= 1 MW and >= 2.5 MWh.

#include "ballast/market/bid_check.h"

#include <gtest/gtest.h>

namespace {

using namespace ballast::market;

std::string first_rule(const Bid& b) {
  const BidCheck c = check_edreg_bid(b);
  return c.accepted() ? "" : c.problems.front().rule;
}

TEST(BidCheck, TenMwOn25MwhWithTheQuarterHourMarginsPasses) {
  EXPECT_TRUE(check_edreg_bid({10, 25, 2.5, 22.5, 10}).accepted());
}
TEST(BidCheck, MinSocBelowAQuarterHourFails) {
  EXPECT_EQ(first_rule({10, 25, 2.4, 22.5, 10}), "min SOC >= 0.25 x bid");
}
TEST(BidCheck, MaxSocAboveEnergyLessAQuarterHourFails) {
  EXPECT_EQ(first_rule({10, 25, 2.5, 22.6, 10}), "max SOC <= MWh - 0.25 x bid");
}
TEST(BidCheck, SpanBelowTwoHoursFails) {
  EXPECT_EQ(first_rule({10, 30, 5, 24, 10}), "max SOC - min SOC >= 2 x bid");
}
TEST(BidCheck, BidBelow1MwFails) { EXPECT_EQ(first_rule({0.5, 5, 1, 4, 1}), "bid >= 1 MW"); }
TEST(BidCheck, EnergyBelow25MwhFails) {
  EXPECT_EQ(first_rule({1, 2.4, 0.25, 2.15, 1}), "energy >= 2.5 MWh");
}
TEST(BidCheck, BidAboveThePowerFails) {
  EXPECT_EQ(first_rule({10, 25, 2.5, 22.5, 8}), "bid <= power");
}
TEST(BidCheck, TheReasonSaysWhatToChange) {
  const BidCheck c = check_edreg_bid({10, 25, 2.4, 22.5, 10});
  EXPECT_NE(c.problems.front().reason.find("raise the declared minimum to 2.5 MWh"),
            std::string::npos);
}
TEST(BidCheck, LargestBidOfA25MwhWindowIs10Mw) {
  EXPECT_DOUBLE_EQ(check_edreg_bid({12, 25, 2.5, 22.5, 0}).largest_bid_mw, 10);
}

}  // namespace
