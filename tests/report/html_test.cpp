#include "ballast/report/html.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/time_zone.h"
#include "ballast/report/uplot_assets.h"

namespace ballast::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

Chart small_chart() {
  return Chart{.id = "load",
               .title = "Load",
               .x_label = "hour",
               .y_label = "power (MW)",
               .x = {0, 1, 2, 3},
               .series = {{.label = "load", .y = {1, 2, kNaN, 4}}}};
}

// The chart data as the page's script reads it.
nlohmann::json embedded_charts(const std::string& html) {
  const std::string open = "id=\"ballast-charts\">";
  const auto begin = html.find(open);
  const auto end = html.find("</script>", begin);
  if (begin == std::string::npos || end == std::string::npos) return nullptr;
  return nlohmann::json::parse(html.substr(begin + open.size(), end - begin - open.size()));
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(HtmlEscape, EscapesMarkupCharacters) {
  EXPECT_EQ(escape_html("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
}

TEST(HtmlEscape, LeavesPlainTextAndUtf8Alone) {
  EXPECT_EQ(escape_html("Taipower 台電 50 MW"), "Taipower 台電 50 MW");
}

TEST(HtmlReport, EscapesTitleHeadingAndParagraph) {
  HtmlReport report("A<B");
  report.add_heading("<h2>");
  report.add_paragraph("x < y & z");
  const std::string html = report.render();
  EXPECT_NE(html.find("<title>A&lt;B</title>"), std::string::npos);
  EXPECT_NE(html.find("<h2>&lt;h2&gt;</h2>"), std::string::npos);
  EXPECT_NE(html.find("<p>x &lt; y &amp; z</p>"), std::string::npos);
}

TEST(HtmlReport, EscapesTableCellsAndRightAlignsNumbers) {
  HtmlReport report("t");
  report.add_table({"name", "<mw>"}, {{"a&b", "12.5"}});
  const std::string html = report.render();
  EXPECT_NE(html.find("<th>&lt;mw&gt;</th>"), std::string::npos);
  EXPECT_NE(html.find("<td>a&amp;b</td><td class=\"num\">12.5</td>"), std::string::npos);
}

TEST(HtmlReport, RejectsRaggedTableRow) {
  HtmlReport report("t");
  EXPECT_THROW(report.add_table({"a", "b"}, {{"1"}}), InputError);
}

TEST(HtmlReport, RejectsSeriesOfWrongLength) {
  Chart chart = small_chart();
  chart.series[0].y.pop_back();
  HtmlReport report("t");
  EXPECT_THROW(report.add_chart(chart), InputError);
}

TEST(HtmlReport, RejectsDecreasingX) {
  Chart chart = small_chart();
  chart.x = {0, 2, 1, 3};
  HtmlReport report("t");
  EXPECT_THROW(report.add_chart(chart), InputError);
}

TEST(HtmlReport, RejectsDuplicateChartId) {
  HtmlReport report("t");
  report.add_chart(small_chart());
  EXPECT_THROW(report.add_chart(small_chart()), InputError);
}

TEST(HtmlReport, NamesChartsWithoutId) {
  HtmlReport report("t");
  Chart chart = small_chart();
  chart.id.clear();
  report.add_chart(chart);
  EXPECT_EQ(report.chart_count(), 1u);
  EXPECT_NE(report.render().find("<div class=\"chart\" id=\"chart-1\"></div>"), std::string::npos);
}

TEST(HtmlChartJson, WritesNonFiniteValuesAsNull) {
  Chart chart = small_chart();
  chart.series[0].y = {kInf, 2, kNaN, -kInf};
  const nlohmann::json json = chart;
  EXPECT_EQ(json["series"][0]["y"].dump(), "[null,2.0,null,null]");
}

TEST(HtmlChartJson, PicksPaletteColourOnlyWhenNoneGiven) {
  Chart chart = small_chart();
  chart.series.push_back({.label = "limit", .y = {5, 5, 5, 5}, .color = "red", .dashed = true});
  const nlohmann::json json = chart;
  EXPECT_EQ(json["series"][0]["color"], "#1f77b4");
  EXPECT_EQ(json["series"][1]["color"], "red");
  EXPECT_EQ(json["series"][1]["dashed"], true);
}

TEST(HtmlReport, EmbedsChartDataAsParseableJson) {
  HtmlReport report("t");
  report.add_chart(small_chart());
  const nlohmann::json charts = embedded_charts(report.render());
  ASSERT_TRUE(charts.is_array());
  ASSERT_EQ(charts.size(), 1u);
  EXPECT_EQ(charts[0]["id"], "load");
  EXPECT_TRUE(charts[0]["series"][0]["y"][2].is_null());
}

TEST(HtmlReport, LabelCannotCloseTheDataScript) {
  HtmlReport report("t");
  Chart chart = small_chart();
  chart.series[0].label = "</script><script>alert(1)</script><!--";
  report.add_chart(chart);
  const std::string html = report.render();
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(embedded_charts(html)[0]["series"][0]["label"], chart.series[0].label);
}

TEST(HtmlReport, InlinesUplotAndItsLicence) {
  const std::string html = HtmlReport("t").render();
  EXPECT_GT(assets::kUplotJs.size(), 10000u);
  EXPECT_NE(html.find(assets::kUplotJs), std::string::npos);
  EXPECT_NE(html.find(assets::kUplotCss), std::string::npos);
  EXPECT_NE(html.find(assets::kUplotLicense), std::string::npos);
  EXPECT_NE(assets::kUplotLicense.find("MIT License"), std::string::npos);
}

TEST(HtmlReport, LoadsNothingFromOutside) {
  HtmlReport report("t");
  report.add_chart(small_chart());
  std::string html = report.render();
  EXPECT_EQ(count(html, "<script src"), 0u);
  EXPECT_EQ(count(html, "<link"), 0u);
  // URLs may appear only inside the inlined library (its banner comment).
  html.erase(html.find(assets::kUplotJs), assets::kUplotJs.size());
  EXPECT_EQ(count(html, "http://"), 0u);
  EXPECT_EQ(count(html, "https://"), 0u);
  EXPECT_EQ(count(html, "url("), 0u);
  EXPECT_NE(html.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlReport, KeepsBlocksInOrder) {
  HtmlReport report("t");
  report.add_heading("first");
  report.add_chart(small_chart());
  report.add_paragraph("last");
  const std::string html = report.render();
  EXPECT_LT(html.find("first"), html.find("id=\"load\""));
  EXPECT_LT(html.find("id=\"load\""), html.find("<p>last"));
}

Chart long_chart(std::size_t n) {
  Chart chart{.id = "long", .x_is_time = true};
  Series a{.label = "a"};
  Series b{.label = "b"};
  for (std::size_t i = 0; i < n; ++i) {
    chart.x.push_back(1.7e9 + 3600.0 * static_cast<double>(i));
    a.y.push_back(std::sin(0.37 * static_cast<double>(i)) * static_cast<double>(i % 17));
    b.y.push_back(std::cos(0.11 * static_cast<double>(i)) + static_cast<double>(i % 5));
  }
  chart.series = {a, b};
  return chart;
}

// A bound cell names its JSON pointer and, when not 1, its scale; the data block is the JSON.
TEST(HtmlReport, BindsCellsToTheDataBlock) {
  HtmlReport r("t");
  r.add_cells({"quantity", "value"},
              {{{.text = "cost"}, {.text = "1,234", .key = "/cost"}},
               {{.text = "share %"}, {.text = "12.5", .key = "/share", .scale = 100}}});
  r.set_data(nlohmann::ordered_json{{"cost", 1234.4}, {"share", 0.125}, {"x", "</script>"}});
  const std::string html = r.render();
  EXPECT_NE(html.find("<td class=\"num\" data-json=\"/cost\">1,234</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\" data-json=\"/share\" data-scale=\"100\">12.5</td>"),
            std::string::npos);
  const std::string open = "id=\"ballast-data\">";
  const auto at = html.find(open);
  ASSERT_NE(at, std::string::npos);
  const auto data = nlohmann::json::parse(
      html.substr(at + open.size(), html.find("</script>", at) - at - open.size()));
  EXPECT_EQ(data["cost"], 1234.4);
  EXPECT_EQ(data["x"], "</script>");
}

// No data block unless one is set.
TEST(HtmlReport, HasNoDataBlockUnlessSet) {
  EXPECT_EQ(HtmlReport("t").render().find("ballast-data"), std::string::npos);
}

// White for the least value, the darkest blue for the greatest; NaN blank; values as given.
TEST(HtmlReport, ShadesHeatmapCells) {
  HtmlReport r("t");
  r.add_heatmap({.title = "h",
                 .row_label = "month",
                 .column_label = "hour",
                 .unit = "MW",
                 .rows = {"Jan", "Feb"},
                 .columns = {"00", "01"},
                 .z = {{0, 10}, {kNaN, 5}},
                 .decimals = 1});
  const std::string html = r.render();
  EXPECT_NE(html.find("<td style=\"background:#ffffff\">0.0</td>"), std::string::npos);
  EXPECT_NE(html.find("<td style=\"background:#08306b;color:#fff\">10.0</td>"), std::string::npos);
  EXPECT_NE(html.find("<tr><th>Feb</th><td></td>"), std::string::npos);
  // Halfway: each channel halfway between white and the dark blue, rounded.
  EXPECT_NE(html.find("background:#8498b5"), std::string::npos);
}

TEST(HtmlReport, RejectsHeatmapOfWrongShape) {
  HtmlReport r("t");
  EXPECT_THROW(r.add_heatmap({.rows = {"a"}, .columns = {"x", "y"}, .z = {{1}}}), InputError);
  EXPECT_THROW(r.add_heatmap({.rows = {"a", "b"}, .columns = {"x"}, .z = {{1}}}), InputError);
}

// Charts of a group: one selector with each choice once, in order; only the first choice shown.
TEST(HtmlReport, GroupsChartsUnderOneSelector) {
  HtmlReport r("t");
  for (const char* choice : {"1 %", "5 %"}) {
    for (const char* part : {"a", "b"}) {
      Chart c = small_chart();
      c.id = std::string(part) + choice[0];
      c.group = "limit";
      c.choice = choice;
      r.add_chart(c);
    }
  }
  const std::string html = r.render();
  EXPECT_EQ(count(html, "<select class=\"chart-choice\" data-group=\"limit\">"), 1u);
  EXPECT_EQ(count(html, "<option value="), 2u);
  EXPECT_LT(html.find("<option value=\"1 %\">"), html.find("<option value=\"5 %\">"));
  EXPECT_EQ(count(html, "data-choice=\"1 %\"></div>"), 2u);
  EXPECT_EQ(count(html, "data-choice=\"5 %\" style=\"display:none\"></div>"), 2u);
}

// The zone a time axis is shown in.
TEST(HtmlChartZone, NamesTheZoneOrAWholeHourOffset) {
  EXPECT_EQ(chart_zone(TimeZone::named("America/Chicago")), "America/Chicago");
  EXPECT_EQ(chart_zone(TimeZone::fixed(480)), "Etc/GMT-8");
  EXPECT_EQ(chart_zone(TimeZone::fixed(-360)), "Etc/GMT+6");
  EXPECT_EQ(chart_zone(TimeZone::fixed(0)), "");
  EXPECT_EQ(chart_zone(TimeZone::fixed(330)), "");
}

TEST(HtmlDecimate, KeepsAtMostTwoPointsPerBucket) {
  const Chart out = decimate(long_chart(1001), 40);
  EXPECT_EQ(out.x.size(), 80u);
  EXPECT_EQ(out.series[0].y.size(), 80u);
  EXPECT_EQ(out.series[1].y.size(), 80u);
}

TEST(HtmlDecimate, KeepsMinAndMaxOfEachBucket) {
  const Chart in = long_chart(1001);
  const std::size_t buckets = 40;
  const Chart out = decimate(in, buckets);
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t lo = b * in.x.size() / buckets;
    const std::size_t hi = (b + 1) * in.x.size() / buckets;
    EXPECT_EQ(out.x[2 * b], in.x[lo]);
    EXPECT_EQ(out.x[2 * b + 1], in.x[hi - 1]);
    for (std::size_t s = 0; s < in.series.size(); ++s) {
      const auto& y = in.series[s].y;
      const auto [min, max] = std::minmax_element(y.begin() + lo, y.begin() + hi);
      const auto [kept_min, kept_max] =
          std::minmax(out.series[s].y[2 * b], out.series[s].y[2 * b + 1]);
      EXPECT_EQ(kept_min, *min) << "bucket " << b << " series " << s;
      EXPECT_EQ(kept_max, *max) << "bucket " << b << " series " << s;
    }
  }
}

TEST(HtmlDecimate, KeepsTheOrderOfPeakAndTrough) {
  Chart chart{.x = {0, 1, 2, 3, 4, 5}, .series = {{.label = "y", .y = {0, 9, -9, 1, 1, 1}}}};
  const Chart out = decimate(chart, 2);
  EXPECT_EQ(out.series[0].y, (std::vector<double>{9, -9, 1, 1}));
  EXPECT_EQ(out.x, (std::vector<double>{0, 2, 3, 5}));
}

TEST(HtmlDecimate, IgnoresNanAndKeepsAllNanBucketsAsGaps) {
  Chart chart{.x = {0, 1, 2, 3, 4, 5},
              .series = {{.label = "y", .y = {kNaN, kNaN, kNaN, 3, kNaN, 7}}}};
  const Chart out = decimate(chart, 2);
  EXPECT_TRUE(std::isnan(out.series[0].y[0]));
  EXPECT_TRUE(std::isnan(out.series[0].y[1]));
  EXPECT_EQ(out.series[0].y[2], 3.0);
  EXPECT_EQ(out.series[0].y[3], 7.0);
}

TEST(HtmlDecimate, ReturnsShortChartsUnchanged) {
  const Chart in = long_chart(80);
  const Chart out = decimate(in, 40);
  EXPECT_EQ(out.x, in.x);
  EXPECT_EQ(out.series[0].y, in.series[0].y);
}

TEST(HtmlDecimate, RejectsZeroBuckets) { EXPECT_THROW(decimate(long_chart(10), 0), InputError); }

}  // namespace
}  // namespace ballast::report
