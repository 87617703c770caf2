// The real `ballast expand`: a hand-checked case through the CLI, and bad cases refused with
// exit 2, the file:line:column and no output written.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli.h"

namespace {

namespace fs = std::filesystem;
using ballast::testing::ballast;

class ExpandCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ballast_expand_cli_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("demand.csv",
          "time,demand_mw\n2021-01-01T00:00Z,50\n2021-01-01T01:00Z,80\n2021-01-01T02:00Z,95\n");
    write("system.toml",
          "[grid]\ndemand = \"demand.csv\"\n[[generator]]\nname = \"base\"\ncapacity_mw = 100\n"
          "cost_per_mwh = 25\n[[generator]]\nname = \"peaker\"\ncapacity_mw = 40\n"
          "cost_per_mwh = 180\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  fs::path dir_;
};

// A 10 MW flexible load worth 150 per MWh: in the third hour 95 + 10 MW exceed the base plant's
// 100 MW, so 5 MW are curtailed rather than bought from the peaker at 180 (price 150); nothing
// is worth building at 1e6 per kW.
TEST_F(ExpandCli, PricesAndBuildOfAHandCheckedCase) {
  const std::string path = write("case.toml",
                                 "system = \"system.toml\"\n[new_load]\nmw = 10\n"
                                 "value_per_mwh = 150\n[[generator]]\nname = \"ct\"\n"
                                 "capex_per_kw = 1000000\nlifetime_years = 20\n"
                                 "variable_cost_per_mwh = 90\n");
  const auto r = ballast("expand " + path + " --json --out " + (dir_ / "out").string());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const nlohmann::json& v = j["variants"][0];
  EXPECT_EQ(v["build"][0]["name"], "ct");
  EXPECT_NEAR(v["build"][0]["power_mw"].get<double>(), 0, 1e-9);
  EXPECT_NEAR(v["new_load_unserved_mwh_per_year"].get<double>() * v["years"].get<double>(), 5,
              1e-9);
  const std::vector<double> deciles = v["price_duration_deciles_per_mwh"];
  EXPECT_NEAR(deciles.front(), 150, 1e-9);
  EXPECT_NEAR(deciles.back(), 25, 1e-9);
  const std::string csv = ballast::testing::slurp(dir_ / "out" / "expand.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "time,demand_mw,new_load_served_mw,price_per_mwh,existing_thermal_mw,ct_mw");
  EXPECT_NE(csv.find(",95,5,150,100,0\n"), std::string::npos) << csv;
}

TEST_F(ExpandCli, CandidateWithoutCostsExitsTwoWithItsPlace) {
  const std::string path = write("case.toml",
                                 "system = \"system.toml\"\n[[generator]]\nname = \"ct\"\n"
                                 "lifetime_years = 30\nvariable_cost_per_mwh = 80\n");
  const auto r = ballast("expand " + path + " --out " + (dir_ / "out").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("case.toml:2:1: [[generator]] #1 needs 'capex_per_kw'"), std::string::npos)
      << r.err;
  EXPECT_TRUE(r.out.empty());
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

}  // namespace
