// Loads the live page from a running HttpApi in headless Chromium and checks that its script
// fetched /status and /history and drew the charts.

#include "live_page.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "../support/chromium.h"
#include "http_api.h"

namespace ballast::ballastd {
namespace {

namespace fs = std::filesystem;

class LivePage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(BALLAST_CHROMIUM)) GTEST_SKIP() << "Chromium not found at " BALLAST_CHROMIUM;
    std::string pattern = (fs::temp_directory_path() / "ballastd-page-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    for (int t = 0; t < 120; ++t) {
      HistoryRow row{.time_s = 1'700'000'000 + t,
                     .mode = Mode::kPeakShaving,
                     .site_mw = 50.0 + t % 7,
                     .upstream_mw = 45,
                     .battery_mw = 5.0 + t % 7,
                     .setpoint_mw = 5,
                     .soc = 0.5 - t * 0.001,
                     .frequency_hz = 60 + 0.01 * (t % 5),
                     .samples = 100};
      state_.add_row(row);
    }
    Status s;
    s.last.mode = Mode::kPeakShaving;
    s.last.alarms = kSocLimit;
    s.state = "running";
    state_.publish(s);
    api_.start();
  }
  void TearDown() override {
    if (!HasFailure() && !dir_.empty()) fs::remove_all(dir_);
  }

  // The DOM after the page's script ran for a few seconds of virtual time.
  std::string dump_dom() {
    const testing::ChromiumRun run =
        testing::run_chromium(dir_, "--virtual-time-budget=4000 --dump-dom",
                              "http://127.0.0.1:" + std::to_string(api_.port()) + "/");
    EXPECT_EQ(run.status, 0) << run.command;
    return run.out;
  }

  fs::path dir_;
  SharedState state_;
  HttpApi api_{ApiConfig{.host = "127.0.0.1", .port = 0, .token = "t"}, state_};
};

TEST_F(LivePage, DrawsTheChartsFromTheApi) {
  const std::string dom = dump_dom();
  ASSERT_FALSE(dom.empty()) << "no DOM dumped; see " << (dir_ / "chromium.log");
  EXPECT_EQ(dom.find("data-error"), std::string::npos) << dom.substr(0, 2000);
  EXPECT_EQ(dom.find("data-fetch-error"), std::string::npos) << dom.substr(0, 2000);
  EXPECT_NE(dom.find("data-points=\"120\""), std::string::npos);
  EXPECT_EQ(testing::occurrences(dom, "<canvas"), 3u);
  EXPECT_NE(dom.find("<dd id=\"mode\">peak_shaving</dd>"), std::string::npos);
  EXPECT_NE(dom.find("soc_limit"), std::string::npos);
  EXPECT_NE(dom.find(">running<"), std::string::npos);
  // The frequency axis spans the data (60.00-60.04 Hz) padded by 0.02 Hz: [59.98, 60.06].
  const std::string key = "data-frequency-axis=\"";
  const auto at = dom.find(key);
  ASSERT_NE(at, std::string::npos) << dom.substr(0, 2000);
  const std::string axis =
      dom.substr(at + key.size(), dom.find('"', at + key.size()) - at - key.size());
  const double lo = std::stod(axis.substr(0, axis.find(',')));
  const double hi = std::stod(axis.substr(axis.find(',') + 1));
  EXPECT_NEAR(lo, 59.98, 1e-9) << axis;
  EXPECT_NEAR(hi, 60.06, 1e-9) << axis;
}

TEST(LivePageHtml, IsSelfContained) {
  const std::string page = live_page_html();
  EXPECT_EQ(page.find("@UPLOT"), std::string::npos);  // every marker was filled
  EXPECT_EQ(page.find("src=\"http"), std::string::npos);
  EXPECT_EQ(page.find("href=\"http"), std::string::npos);
  EXPECT_NE(page.find("connect-src 'self'"), std::string::npos);
}

}  // namespace
}  // namespace ballast::ballastd
