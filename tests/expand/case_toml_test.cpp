// Reading expansion cases: a good file, and bad ones refused with file:line:column.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"
#include "ballast/expand/case.h"

namespace ballast::expand {
namespace {

namespace fs = std::filesystem;

class CaseToml : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ballast_expand_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    write("demand.csv",
          "time,demand_mw\n2021-01-01T00:00Z,50\n2021-01-01T01:00Z,80\n2021-01-01T02:00Z,120\n"
          "2021-01-01T03:00Z,60\n");
    write("solar.csv",
          "time,solar_mw\n2021-01-01T00:00Z,0\n2021-01-01T01:00Z,5\n"
          "2021-01-01T02:00Z,10\n2021-01-01T03:00Z,2\n");
    write("short.csv", "time,solar_mw\n2021-01-01T00:00Z,0\n2021-01-01T01:00Z,5\n");
    write("system.toml",
          "[grid]\ndemand = \"demand.csv\"\n[[generator]]\nname = \"base\"\ncapacity_mw = 100\n"
          "cost_per_mwh = 25\n");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  // The error load_case throws for `text`.
  InputError error_of(const std::string& text) {
    const std::string path = write("case.toml", text);
    try {
      load_case(path);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "no error for:\n" << text;
    return InputError("none");
  }

  fs::path dir_;
};

constexpr const char* kGood = R"(system = "system.toml"
discount_rate = 0.05
fuel_price_per_mmbtu = 10
[new_load]
mw = 20
curtailment_allowance = 0.01
[[storage]]
name = "battery"
capex_per_kw = 200
capex_per_kwh = 250
lifetime_years = 15
round_trip_efficiency = 0.81
max_duration_h = 8
[[generator]]
name = "cc"
capex_per_kw = 1000
lifetime_years = 30
heat_rate_mmbtu_per_mwh = 6.5
vom_per_mwh = 2
max_mw = 50
[[renewable]]
name = "solar"
capex_per_kw = 900
lifetime_years = 25
profile = { file = "solar.csv", column = "solar_mw", scale = "peak" }
)";

TEST_F(CaseToml, ReadsEveryKindOfCandidate) {
  const ExpansionCase c = load_case(write("case.toml", kGood));
  EXPECT_EQ(c.system.periods(), 4u);
  EXPECT_DOUBLE_EQ(c.discount_rate, 0.05);
  EXPECT_EQ(c.load.mw, (std::vector<double>{20, 20, 20, 20}));
  EXPECT_DOUBLE_EQ(c.load.curtailment_allowance, 0.01);
  ASSERT_EQ(c.storage.size(), 1u);
  EXPECT_NEAR(c.storage[0].charge_efficiency, 0.9, 1e-12);
  EXPECT_DOUBLE_EQ(c.storage[0].energy.capex_per_kw, 250);
  EXPECT_DOUBLE_EQ(*c.storage[0].max_duration_h, 8);
  EXPECT_DOUBLE_EQ(variable_cost(c.generators[0], c), 6.5 * 10 + 2);
  EXPECT_EQ(c.renewables[0].profile, (std::vector<double>{0, 0.5, 1, 0.2}));
}

TEST_F(CaseToml, CandidateWithoutCapitalCostIsRefusedAtItsTable) {
  std::string text = kGood;
  text.replace(text.find("capex_per_kw = 1000\n"), 20, "");
  const InputError e = error_of(text);
  EXPECT_NE(e.reason().find("capex_per_kw"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 14);  // the [[generator]] table
  EXPECT_GT(e.where().column, 0);
  EXPECT_NE(e.where().file.find("case.toml"), std::string::npos);
}

TEST_F(CaseToml, ProfileOfTheWrongLengthIsRefusedAtItsFileKey) {
  std::string text = kGood;
  text.replace(text.find("\"solar.csv\""), 11, "\"short.csv\"");
  const InputError e = error_of(text);
  EXPECT_NE(e.reason().find("does not cover"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 25);
  EXPECT_GT(e.where().column, 1);
}

TEST_F(CaseToml, NegativeBoundIsRefusedAtItsValue) {
  std::string text = kGood;
  text.replace(text.find("max_mw = 50"), 11, "max_mw = -5");
  const InputError e = error_of(text);
  EXPECT_NE(e.reason().find("max_mw"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 20);
  EXPECT_GT(e.where().column, 1);
}

TEST_F(CaseToml, UnknownKeyIsRefusedWithTheKnownOnes) {
  std::string text = kGood;
  text.replace(text.find("max_duration_h"), 14, "max_duraton_h");
  const InputError e = error_of(text);
  EXPECT_NE(e.reason().find("max_duraton_h"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 13);
}

TEST_F(CaseToml, GeneratorNeedsAVariableCostOrAHeatRate) {
  std::string text = kGood;
  text.replace(text.find("heat_rate_mmbtu_per_mwh = 6.5\n"), 30, "");
  const InputError e = error_of(text);
  EXPECT_NE(e.reason().find("variable_cost_per_mwh"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 14);
}

}  // namespace
}  // namespace ballast::expand
