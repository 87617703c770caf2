// dReg over Modbus TCP: plantsim's meter reports ballast's synthetic grid frequency, ballastd
// follows Taipower's frequency-power curve, and the plant's battery lands inside the band.

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <sstream>
#include <thread>

#include "ballast/control/regulation_curve.h"
#include "site.h"

namespace ballast::testing {
namespace {

TEST(Regulation, BatteryFollowsTheDregCurveOfTheMeasuredFrequency) {
  // The example plant, with the synthetic frequency instead of a constant 60 Hz.
  const std::filesystem::path dir = scratch_dir("ballastd_regulation_plant");
  std::string plant = read_text(BALLAST_EXAMPLES "/plantsim-50mw-training.toml");
  const auto at = plant.find("frequency_hz = 60.0");
  ASSERT_NE(at, std::string::npos);
  plant.replace(at, 19, "frequency_hz = \"synthetic\"");
  std::ofstream(dir / "plant.toml") << plant;

  Site site("ballastd_regulation", "regulation", (dir / "plant.toml").string());
  ASSERT_TRUE(site.reaches("running"));
  std::this_thread::sleep_for(std::chrono::seconds(20));
  site.daemon().signal(SIGTERM);
  EXPECT_EQ(site.daemon().wait(), 0);
  site.plant().signal(SIGTERM);
  EXPECT_EQ(site.plant().wait(), 0);

  // 1-s means of the plant's truth: the curve's band at each row's frequency, battery output.
  const control::RegulationCurve curve(taipower::Product::kDreg);
  std::map<long, std::array<double, 4>> seconds;  // sum of band lo, band hi, battery; rows
  std::ifstream in(site.dir() / "trace.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    std::istringstream s(line);
    double t, site_mw, battery, upstream, soc, setpoint, f;
    char c;
    if (s >> t >> c >> site_mw >> c >> battery >> c >> upstream >> c >> soc >> c >> setpoint >> c >>
        f) {
      auto& acc = seconds[static_cast<long>(t)];
      const control::Band band = curve.band_pu(f);
      acc[0] += band.lo * 10;  // bid 10 MW
      acc[1] += band.hi * 10;
      acc[2] += battery;
      acc[3] += 1;
    }
  }
  ASSERT_GT(seconds.size(), 20u);
  seconds.erase(seconds.begin());           // before ballastd was running
  seconds.erase(std::prev(seconds.end()));  // after it stopped
  double largest = 0;
  for (const auto& [t, acc] : seconds) {
    const double lo = acc[0] / acc[3], hi = acc[1] / acc[3], battery = acc[2] / acc[3];
    // Within 1 % of the bid (the battery answers the frequency some 30 ms late).
    EXPECT_LE(lo - 0.1, battery) << "second " << t;
    EXPECT_GE(hi + 0.1, battery) << "second " << t;
    largest = std::max(largest, std::fabs(battery));
  }
  EXPECT_GT(largest, 0.1);  // it did regulate
}

}  // namespace
}  // namespace ballast::testing
