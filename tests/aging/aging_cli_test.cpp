// ballast aging and --aging on the planners, through the real binary. CTest runs each test in
// its own process, in parallel: temporary files carry the process id.

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <nlohmann/json.hpp>

#include "ballast/aging/assess.h"
#include "support/cli.h"

namespace ballast::aging {
namespace {

using ballast::testing::ballast;

// A year of hourly SOC: 0.1 -> 0.9 -> 0.1 every day (one 0.8 cycle a day).
std::string daily_soc_csv() {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ballast_aging_cli_soc_" + std::to_string(getpid()) + ".csv");
  std::ofstream f(path);
  f << "time,soc\n" << std::setprecision(17);
  for (int d = 0; d < 365; ++d) {
    for (int h = 0; h < 24; ++h) {
      const int x = h < 12 ? h : 24 - h;
      char ts[32];
      const std::time_t t = 1672531200 + static_cast<std::time_t>(d) * 86400 + h * 3600;
      std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", std::gmtime(&t));
      f << ts << "," << 0.1 + 0.8 * x / 12.0 << "\n";
    }
  }
  return path.string();
}

TEST(AgingCli, SocTraceReportsWhatTheLibraryComputes) {
  const std::string path = daily_soc_csv();
  const auto r = ballast("aging --soc " + path + " --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out)["wear"];
  // The trace ends an hour before the last day closes: 0.8 / 12 of travel short.
  EXPECT_NEAR(j["equivalent_full_cycles"].get<double>(), 365 * 0.8 - 0.8 / 24, 1e-9);
  // The same trace through the library.
  std::vector<double> soc;
  for (int d = 0; d < 365; ++d) {
    for (int h = 0; h < 24; ++h) soc.push_back(0.1 + 0.8 * (h < 12 ? h : 24 - h) / 12.0);
  }
  const AgingModel m = xu2018();
  const Projection p = project(m, wear_of(m, soc, 3600, 25.0), 0.8, 50);
  EXPECT_NEAR(j["end_of_life_years"].get<double>(), p.end_of_life_years, 1e-9);
  EXPECT_NEAR(j["fade_year1_pct"].get<double>(), 100 * p.fade_year1, 1e-9);
}

TEST(AgingCli, EconomicsNameTheCurrency) {
  const auto r =
      ballast("aging --soc " + daily_soc_csv() +
              " --energy-mwh 25 --power-mw 10 --capex-per-kwh 250 --currency EUR --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto e = nlohmann::json::parse(r.out)["wear"]["economics"];
  EXPECT_EQ(e["currency"], "EUR");
  EXPECT_DOUBLE_EQ(e["capex"].get<double>(), 25000 * 250.0);
  EXPECT_GT(e["lcos_per_mwh"].get<double>(), 0);
}

std::string economics_toml(const std::string& body) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("ballast_aging_economics_" + std::to_string(getpid()) + ".toml");
  std::ofstream(path) << body;
  return path.string();
}

TEST(AgingCli, EconomicsFromATomlTableWithFlagsOverriding) {
  const std::string toml =
      economics_toml("[economics]\ncurrency = \"EUR\"\ncapex_per_kwh = 250\ncapex_per_kw = 100\n");
  const std::string base = "aging --soc " + daily_soc_csv() +
                           " --energy-mwh 25 --power-mw 10 --json --economics " + toml;
  auto r = ballast(base);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto e = nlohmann::json::parse(r.out)["wear"]["economics"];
  EXPECT_EQ(e["currency"], "EUR");
  EXPECT_DOUBLE_EQ(e["capex"].get<double>(), 25000 * 250.0 + 10000 * 100.0);
  r = ballast(base + " --currency JPY --capex-per-kw 0");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  e = nlohmann::json::parse(r.out)["wear"]["economics"];
  EXPECT_EQ(e["currency"], "JPY");
  EXPECT_DOUBLE_EQ(e["capex"].get<double>(), 25000 * 250.0);
}

TEST(AgingCli, EconomicsTableErrorsNameTheLine) {
  const std::string toml = economics_toml("[economics]\ncapex_per_kwh = 250\ncapex = 3\n");
  const auto r = ballast("aging --soc " + daily_soc_csv() +
                         " --energy-mwh 25 --capex-per-kw 1 --economics " + toml);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(":3:"), std::string::npos) << r.err;
}

TEST(AgingCli, HeadroomFadesYearByYear) {
  const auto r = ballast(
      "headroom --storage 5GW/20GWh@85% --aging xu2018 --curtailment 0.5 --aging-years 1,10,20 "
      "--json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& y = j["aging"][0]["headroom_by_year"];
  ASSERT_EQ(y.size(), 3u);
  const double today = j["results"][0]["headroom_mw"].get<double>();
  EXPECT_LE(y[0]["headroom_mw"].get<double>(), today + 1e-6);
  EXPECT_LT(y[1]["headroom_mw"].get<double>(), y[0]["headroom_mw"].get<double>());
  EXPECT_LT(y[2]["headroom_mw"].get<double>(), y[1]["headroom_mw"].get<double>());
  EXPECT_LT(y[2]["capacity_pct"].get<double>(), y[0]["capacity_pct"].get<double>());
}

// A battery sized exactly for a new load hosts less of it once its energy fades. Sizing serves
// every hour of the record, so the headroom must count every hour too: with the default
// --partial-years drop it would count only 2016-2023, and a battery sized for January 2024
// has room to spare there.
TEST(AgingCli, SizedStorageHostsLessAsItFades) {
  const auto r = ballast(
      "size --new-load-mw 5000 --power-mw 5000 --aging xu2018 --aging-years 1,20 --json "
      "--partial-years weight");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& y = j["aging"][0]["headroom_by_year"];
  ASSERT_EQ(y.size(), 2u);
  EXPECT_LE(y[0]["headroom_mw"].get<double>(), 5000 + 1e-6);
  EXPECT_LT(y[1]["headroom_mw"].get<double>(), y[0]["headroom_mw"].get<double>());
}

// Peak shaving: the excess the faded battery leaves over the cap grows with its age.
TEST(AgingCli, PeakShavingLeavesMoreExcessAsItFades) {
  const auto r =
      ballast("size --cap-mw 80000 --power-mw 6000 --aging xu2018 --aging-years 1,10,20 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  const auto& y = j["aging"][0]["headroom_by_year"];
  ASSERT_EQ(y.size(), 3u);
  EXPECT_GE(y[0]["unshaved_mwh_per_year"].get<double>(), 0);
  EXPECT_LT(y[0]["unshaved_mwh_per_year"].get<double>(),
            y[1]["unshaved_mwh_per_year"].get<double>());
  EXPECT_LT(y[1]["unshaved_mwh_per_year"].get<double>(),
            y[2]["unshaved_mwh_per_year"].get<double>());
}

TEST(AgingCli, SteadyReportsWearForEachStorageSize) {
  const auto r = ballast("steady --hours 0,2,8 --aging xu2018 --aging-years 5 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["aging"].size(), 2u);  // the 0 h point has no battery
  for (const auto& a : j["aging"]) {
    EXPECT_LE(a["headroom_by_year"][0]["headroom_mw"].get<double>(),
              a["headroom_mw"].get<double>() + 1e-6);
  }
}

TEST(AgingCli, MarketRunReportsWear) {
  const auto r = ballast(std::string("market run ") + BALLAST_EXAMPLES +
                         "/taiwan-edreg.toml --aging xu2018 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto a = nlohmann::json::parse(r.out)["runs"][0]["aging"];
  EXPECT_GT(a["equivalent_full_cycles"].get<double>(), 0);
  EXPECT_EQ(a["model"], "xu2018");
}

TEST(AgingCli, TransientReportsWear) {
  const auto r = ballast(std::string("transient --scenario ") + BALLAST_EXAMPLES +
                         "/datacenter-50mw-grid-battery.toml --aging xu2018 --json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_GT(nlohmann::json::parse(r.out)["aging"]["equivalent_full_cycles"].get<double>(), 0);
}

TEST(AgingCli, BadInputsExitTwo) {
  EXPECT_EQ(ballast("headroom --aging xu2018").exit_code, 2);  // no storage
  EXPECT_EQ(ballast("aging --soc " + daily_soc_csv() + " --aging nrel").exit_code, 2);
  EXPECT_EQ(ballast("aging --soc " + daily_soc_csv() + " --column power").exit_code, 2);
  EXPECT_EQ(ballast("aging").exit_code, 2);  // no trace
}

}  // namespace
}  // namespace ballast::aging
