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

// Issue 13: a trip's time is read without overflow; hours beyond a year are refused.
TEST(Scenario, ATripTimeIsCheckedNotOverflowed) {
  const auto line_of_error = [](const std::string& after) {
    const std::string p = write("mkt_s9.toml",
                                "[battery]\nenergy_mwh = 25\n[frequency]\n"
                                "trips = [\n  { after = \"" +
                                    after + "\", lost_mw = 100 },\n]\n");
    try {
      const MarketScenario s = read_market_scenario(p);
      return s.frequency.synthetic.trips.size() == 1 ? -s.frequency.synthetic.trips[0].time_s : 0.0;
    } catch (const ballast::InputError& e) {
      return static_cast<double>(e.where().line);
    }
  };
  EXPECT_EQ(line_of_error("99999999999:00"), 5);
  EXPECT_EQ(line_of_error("-1:00"), 5);
  EXPECT_EQ(line_of_error("1:60"), 5);
  EXPECT_EQ(line_of_error("1: 30"), 5);
  EXPECT_EQ(line_of_error("8785:00"), 5);  // a year is 8,784 h at most
  EXPECT_EQ(line_of_error("19:20"), -(19 * 3600.0 + 20 * 60));
  EXPECT_EQ(line_of_error("8784:00:59"), -(8784 * 3600.0 + 59));
}
TEST(Scenario, NonFiniteOrHugeSocBoundsAreRefusedAtTheirLine) {
  for (const std::string bad : {"nan", "inf", "-inf", "1e300"}) {
    const std::string p =
        write("mkt_s10.toml", "[battery]\nenergy_mwh = 25\n[bid]\nmin_soc_mwh = " + bad + "\n");
    try {
      read_market_scenario(p);
      ADD_FAILURE() << bad;
    } catch (const ballast::InputError& e) {
      EXPECT_EQ(e.where().line, 4) << bad;
    }
  }
}

TEST(Scenario, TheClockDefaultsToTaiwanOrTheStartsOffset) {
  EXPECT_EQ(read_market_scenario(kExample).config.calendar.offset_min(0), 480);
  const std::string p = write("mkt_tz0.toml",
                              "[battery]\nenergy_mwh = 25\n[frequency]\n"
                              "start = \"2023-07-01T00:00:00-05:00\"\n");
  EXPECT_EQ(read_market_scenario(p).config.calendar.offset_min(0), -300);
}
TEST(Scenario, ATimezoneKeepsDaylightSavingAndWinsOverTheStartsOffset) {
  const std::string p = write("mkt_tz1.toml",
                              "[market]\ntimezone = \"America/Chicago\"\n[battery]\n"
                              "energy_mwh = 25\n[frequency]\n"
                              "start = \"2023-01-01T00:00:00+08:00\"\n");
  const ballast::Calendar& c = read_market_scenario(p).config.calendar;
  EXPECT_EQ(c.offset_min(1672531200), -360);  // 2023-01-01T00:00Z: CST
  EXPECT_EQ(c.offset_min(1688169600), -300);  // 2023-07-01T00:00Z: CDT
}
TEST(Scenario, AnUnknownTimezoneOrBothClocksAreErrorsAtTheirLine) {
  const std::string bad = write("mkt_tz2.toml",
                                "[market]\ntimezone = \"Asia/Taipe\"\n[battery]\n"
                                "energy_mwh = 25\n");
  try {
    read_market_scenario(bad);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_NE(std::string(e.what()).find("Asia/Taipe"), std::string::npos);
  }
  const std::string both = write("mkt_tz3.toml",
                                 "[market]\ntimezone = \"Asia/Taipei\"\nutc_offset_h = 8\n"
                                 "[battery]\nenergy_mwh = 25\n");
  try {
    read_market_scenario(both);
    FAIL();
  } catch (const ballast::InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
}

}  // namespace
