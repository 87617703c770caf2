// Runs the real `ballast market` and `ballast frequency` and checks what they print.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli.h"

namespace {

using Result = ballast::testing::CliResult;
using ballast::testing::ballast;

const std::string kExample = std::string(BALLAST_TEST_DIR) + "/../../examples/taiwan-edreg.toml";

TEST(MarketCli, CurvePrintsPlus52PercentAt5986ForDreg) {
  const Result r = ballast("market curve --product dreg --frequency 59.86");
  EXPECT_NE(r.out.find("+52.0 %"), std::string::npos) << r.out;
}
TEST(MarketCli, ARejectedBidExitsWith2) {
  EXPECT_EQ(ballast("market bid --bid-mw 10 --energy-mwh 25 --min-soc-mwh 2 --max-soc-mwh 22.5")
                .exit_code,
            2);
}
TEST(MarketCli, TheExampleKeepsEveryHourAt95PercentWithTheManagedController) {
  const Result r = ballast("market run " + kExample + " --json");
  ASSERT_EQ(r.exit_code, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["runs"][0]["hours_below_95_pct"], 0);
}
TEST(MarketCli, TheExampleRunsBothControllers) {
  const auto j =
      nlohmann::json::parse(ballast("market run " + kExample + " --controller both --json").out);
  EXPECT_EQ(j["runs"][1]["controller"], "naive");
}
TEST(MarketCli, FrequencySummaryIsDeterministic) {
  EXPECT_EQ(ballast("frequency --hours 1 --seed 3 --json").out,
            ballast("frequency --hours 1 --seed 3 --json").out);
}

}  // namespace
