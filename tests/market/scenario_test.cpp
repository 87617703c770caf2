// Reading market scenarios: the shipped example, and errors with file:line:column.

#include "ballast/market/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace {

using namespace ballast::market;

const std::string kExample = std::string(BALLAST_TEST_DIR) + "/../../examples/taiwan-edreg.toml";

std::string write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

TEST(Scenario, TheExampleIsTenMwOn25Mwh) {
  const MarketScenario s = read_market_scenario(kExample);
  EXPECT_EQ(s.config.bid_mw, 10);
  EXPECT_EQ(s.config.storage.energy_mwh, 25);
}
TEST(Scenario, TheExampleHasOneTripOf2GwOn35Gw) {
  const MarketScenario s = read_market_scenario(kExample);
  ASSERT_EQ(s.frequency.synthetic.trips.size(), 1u);
  EXPECT_EQ(s.frequency.synthetic.trips[0].lost_mw, 2000);
  EXPECT_EQ(s.frequency.synthetic.system_mw, 35000);
}
TEST(Scenario, TheExamplesBidPassesTheSocRules) {
  EXPECT_TRUE(check_edreg_bid(declared_bid(read_market_scenario(kExample))).accepted());
}
TEST(Scenario, AnUnknownKeyIsReportedAtItsLineAndColumn) {
  const std::string p = write("mkt_s1.toml", "[battery]\nenergy_mwh = 25\n  enrgy = 3\n");
  try {
    read_market_scenario(p);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 11);
  }
}
TEST(Scenario, ABadTomlSyntaxIsReportedAtItsLine) {
  const std::string p = write("mkt_s2.toml", "[battery]\nenergy_mwh = = 25\n");
  try {
    read_market_scenario(p);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().line, 2);
  }
}
TEST(Scenario, ACapacityPriceAboveTheCapIsRejected) {
  const std::string p = write("mkt_s3.toml",
                              "[market]\ncapacity_price_ntd_per_mw_h = 700\n[battery]\n"
                              "energy_mwh = 25\n");
  EXPECT_THROW(read_market_scenario(p), ballast::InputError);
}

}  // namespace
