// Settlement: the worked example, prices and caps, energy-service fees (digest, "Settlement",
// rulebook v5).

#include "ballast/market/settlement.h"

#include <gtest/gtest.h>

#include <vector>

#include "ballast/core/error.h"
#include "ballast/market/simulation.h"

namespace {

using namespace ballast::market;
using ballast::taipower::Product;

TEST(Settlement, WorkedExampleFullHourIs4025) {
  // 455 x 5 + 350 x 5 = 4,025 NTD for the hour.
  EXPECT_DOUBLE_EQ(hourly_payment_ntd(455, 350, 5, 1.0), 4025);
}
TEST(Settlement, WorkedExampleAtIndex08Is3220) {
  EXPECT_DOUBLE_EQ(hourly_payment_ntd(455, 350, 5, 0.8), 3220);
}
TEST(Settlement, IndexMinus1MakesThePaymentNegative) {
  EXPECT_DOUBLE_EQ(hourly_payment_ntd(455, 350, 5, -1.0), -4025);
}
TEST(Prices, DregPerformanceIs350) { EXPECT_EQ(performance_price(Product::kDreg, false), 350); }
TEST(Prices, SregPerformanceIs275) { EXPECT_EQ(performance_price(Product::kSreg, false), 275); }
TEST(Prices, EdregPerformanceIs475OnShiftingDays) {
  EXPECT_EQ(performance_price(Product::kEdreg, true), 475);
}
TEST(Prices, EdregPerformanceIs275WithoutShifting) {
  EXPECT_EQ(performance_price(Product::kEdreg, false), 275);
}
TEST(Prices, EdregCapacityCapIs600) { EXPECT_EQ(capacity_price_cap(Product::kEdreg), 600); }
TEST(Prices, DregCapacityCapIs600) { EXPECT_EQ(capacity_price_cap(Product::kDreg), 600); }
TEST(Prices, ReserveCapsAre400And350) {
  EXPECT_EQ(ballast::taipower::kRules.capacity_cap_spinning, 400);
  EXPECT_EQ(ballast::taipower::kRules.capacity_cap_supplemental, 350);
}
TEST(Prices, ACapacityPriceAtTheCapIsAccepted) {
  EXPECT_NO_THROW(check_capacity_price(Product::kEdreg, 600));
}
TEST(Prices, ACapacityPriceAboveTheCapIsRejected) {
  EXPECT_THROW(check_capacity_price(Product::kEdreg, 600.5), ballast::InputError);
}
TEST(EnergyFee, DischargeIsPaid2000PerMwh) {
  // 10 MW average over 15 minutes = 2.5 MWh x 2,000 NTD/MWh.
  EXPECT_DOUBLE_EQ(energy_service_fee_ntd(10, 900), 5000);
}
TEST(EnergyFee, ChargingPays500PerMwh) { EXPECT_DOUBLE_EQ(energy_service_fee_ntd(-8, 900), -1000); }

TEST(Settlement, APerfectDregHourThroughTheSimulatorPaysTheWorkedExample) {
  MarketConfig c;
  c.product = Product::kDreg;
  c.bid_mw = 5;
  c.storage = ballast::StorageParams::with_round_trip(5, 10, 1);
  c.inverter_lag_s = 0;
  c.prices.capacity_ntd_per_mw_h = 455;
  const MarketResult r = simulate(c, std::vector<double>(3600, 60.0));
  EXPECT_DOUBLE_EQ(r.payment_ntd(), 4025);
}

}  // namespace
