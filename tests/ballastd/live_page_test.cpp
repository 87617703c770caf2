// Loads the live page from a running HttpApi in headless Chromium and checks that its script
// fetched /status and /history and drew the charts.

#include "live_page.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <string>

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
    const fs::path log = dir_ / "chromium.log";
    const std::string command =
        "timeout 120 " BALLAST_CHROMIUM
        " --headless --no-sandbox --disable-gpu --disable-quic --no-first-run"
        " --disable-background-networking --disable-component-update --disable-sync"
        " --user-data-dir='" +
        (dir_ / "profile").string() + "' --virtual-time-budget=4000 --dump-dom" +
        " http://127.0.0.1:" + std::to_string(api_.port()) + "/ 2>'" + log.string() + "'";
    std::string out;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return out;
    char buffer[4096];
    for (std::size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(pclose(pipe), 0) << command;
    return out;
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
  std::size_t canvases = 0;
  for (auto at = dom.find("<canvas"); at != std::string::npos; at = dom.find("<canvas", at + 1)) {
    ++canvases;
  }
  EXPECT_EQ(canvases, 3u);
  EXPECT_NE(dom.find("<dd id=\"mode\">peak_shaving</dd>"), std::string::npos);
  EXPECT_NE(dom.find("soc_limit"), std::string::npos);
  EXPECT_NE(dom.find(">running<"), std::string::npos);
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
