// Renders a report in headless Chromium and checks that the page's script drew every chart.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "ballast/plan/plan_report.h"
#include "ballast/report/html.h"
#include "support/chromium.h"
#include "support/grids.h"

namespace ballast::report {
namespace {

namespace fs = std::filesystem;

// A day of hourly load with a gap, a dashed limit, and a chart on a plain numeric x axis.
std::string two_chart_report() {
  HtmlReport report("Render test");
  report.add_paragraph("Two charts: a time axis with a gap, and a numeric axis.");
  Chart load{.id = "load",
             .title = "Load and limit",
             .y_label = "power (MW)",
             .x_is_time = true,
             .series = {{.label = "load"}, {.label = "limit", .color = "#d62728", .dashed = true}}};
  for (int h = 0; h < 48; ++h) {
    load.x.push_back(1704067200.0 + 3600.0 * h);  // 2024-01-01T00:00:00Z
    load.series[0].y.push_back(h == 20 ? std::numeric_limits<double>::quiet_NaN()
                                       : 60 + 25 * std::sin(h * 3.14159 / 12));
    load.series[1].y.push_back(80);
  }
  report.add_chart(load);
  Chart sizing{.id = "sizing",
               .title = "Headroom against storage energy",
               .x_label = "storage energy (MWh)",
               .y_label = "headroom (MW)",
               .series = {{.label = "headroom"}}};
  for (int e = 0; e <= 20; ++e) {
    sizing.x.push_back(10.0 * e);
    sizing.series[0].y.push_back(30 * std::sqrt(e));
  }
  report.add_chart(sizing);
  report.add_table({"storage (MWh)", "headroom (MW)"}, {{"0", "0"}, {"100", "94.9"}});
  return report.render();
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class HtmlRender : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(BALLAST_CHROMIUM))
        << "Chromium not found at " BALLAST_CHROMIUM
           ". The HTML report test needs it: apt-get install chromium (the project's setup does)"
           ", or configure with -DBALLAST_CHROMIUM=/path/to/chromium.";
    std::string pattern = (fs::temp_directory_path() / "ballast-html-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    page_ = dir_ / "report.html";
    write_page(two_chart_report());
  }

  void write_page(const std::string& html) { std::ofstream(page_, std::ios::binary) << html; }

  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Runs headless Chromium on the page with `extra` flags; returns its stdout.
  std::string chromium(const std::string& extra) {
    const testing::ChromiumRun run = testing::run_chromium(
        dir_, "--virtual-time-budget=5000 " + extra, "file://" + page_.string());
    EXPECT_EQ(run.status, 0) << run.command << "\n" << read_file(dir_ / "chromium.log");
    return run.out;
  }

  fs::path dir_;
  fs::path page_;
};

TEST_F(HtmlRender, DrawsEveryChartWithoutScriptErrors) {
  const std::string dom = chromium("--dump-dom");
  ASSERT_FALSE(dom.empty()) << "no DOM dumped; see " << (dir_ / "chromium.log");
  EXPECT_EQ(dom.find("data-error"), std::string::npos) << dom.substr(0, 2000);
  EXPECT_NE(dom.find("data-rendered=\"2\""), std::string::npos);
  EXPECT_EQ(testing::occurrences(dom, "<canvas"), 2u);
  EXPECT_NE(dom.find("class=\"u-legend"), std::string::npos);
  EXPECT_NE(dom.find("Headroom against storage energy"), std::string::npos);
}

// The checks above would pass vacuously if a failing script went unnoticed.
TEST_F(HtmlRender, ReportsAScriptError) {
  std::string html = two_chart_report();
  const auto at = html.find("new uPlot(");
  ASSERT_NE(at, std::string::npos);
  html.replace(at, 10, "new NoSuchChart(");
  write_page(html);
  const std::string dom = chromium("--dump-dom");
  EXPECT_NE(dom.find("data-error=\"ReferenceError: NoSuchChart"), std::string::npos);
  EXPECT_EQ(dom.find("data-rendered"), std::string::npos);
}

TEST_F(HtmlRender, PaintsAScreenshot) {
  const fs::path png = dir_ / "report.png";
  chromium("--screenshot='" + png.string() + "' --window-size=1200,1600");
  ASSERT_TRUE(fs::exists(png));
  // A blank 1200x1600 page compresses to a few kB; two drawn charts and text do not.
  EXPECT_GT(fs::file_size(png), 20000u);
  EXPECT_EQ(read_file(png).substr(1, 3), "PNG");
}

// Every planner's report, on a small grid with a daily peak, draws all its charts.
TEST_F(HtmlRender, DrawsEveryPlanningReport) {
  std::vector<double> load;
  for (int h = 0; h < 24 * 14; ++h) load.push_back(h % 24 >= 17 && h % 24 < 21 ? 100 : 50);
  const plan::Grid g = testing::small_grid(load, std::vector<double>(load.size(), 100.0));
  const plan::StorageOption storage{StorageParams::with_round_trip(20, 80, 0.9), SocStart::kCyclic};
  const std::vector<plan::HeadroomRow> rows = plan::headroom_table(g, {0, 0.01}, storage);
  const StorageParams unit = StorageParams::with_round_trip(kUnlimited, 0, 0.9);
  const plan::SizingResult sized =
      plan::min_storage_energy(g, g.capacity_mw, 10, unit, SocStart::kCyclic);
  const struct {
    std::string html;
    int charts;
  } reports[] = {
      // Per limit (two): output, storage energy, per-year bars, duration curves; and the
      // headroom curve.
      {plan::headroom_report(g, "test grid", rows, storage).render(), 2 * 4 + 1},
      {plan::sizing_report(g, "test grid", g.capacity_mw, 10, unit, SocStart::kCyclic, sized)
           .render(),
       2},
      {plan::sweep_report(g, "test grid",
                          plan::storage_sweep(g, {10, 20}, {1, 4}, 0.9, SocStart::kCyclic))
           .render(),
       1},
      {plan::steady_report(g, "test grid",
                           plan::steady_curve(g, {0, 1, 4}, unit, SocStart::kCyclic, 2))
           .render(),
       1},
  };
  for (const auto& report : reports) {
    write_page(report.html);
    const std::string dom = chromium("--dump-dom");
    EXPECT_EQ(dom.find("data-error"), std::string::npos) << dom.substr(0, 2000);
    EXPECT_NE(dom.find("data-rendered=\"" + std::to_string(report.charts) + "\""),
              std::string::npos);
  }
}

}  // namespace
}  // namespace ballast::report
