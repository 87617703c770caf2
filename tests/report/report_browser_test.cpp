// Every study's HTML report, made by the real CLI from real data, opened offline (file://) in
// headless Chromium: it renders without a script error, its charts hold the series expected,
// its data block is the study's --json output, and every number of its tables that names a
// key of that JSON shows that number.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/chromium.h"
#include "support/cli.h"

namespace ballast {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kExamples = std::string(BALLAST_SOURCE_DIR) + "/examples/";

// Hour `h` after 2024-01-01T00:00Z, for a trace within January.
std::string fmt_time(int h) {
  char text[32];
  std::snprintf(text, sizeof text, "2024-01-%02dT%02d:00:00Z", 1 + h / 24, h % 24);
  return text;
}

// The text between `open` (after position `from`) and the next `close`.
std::string between(const std::string& text, const std::string& open, const std::string& close,
                    std::size_t from = 0) {
  const std::size_t a = text.find(open, from);
  if (a == std::string::npos) return "";
  const std::size_t b = text.find(close, a + open.size());
  return text.substr(a + open.size(), b - a - open.size());
}

// A table cell bound to the data block.
struct BoundCell {
  std::string key;
  double scale = 1;
  std::string text;
};

std::vector<BoundCell> bound_cells(const std::string& dom) {
  std::vector<BoundCell> cells;
  const std::string tag = "data-json=\"";
  for (std::size_t at = dom.find(tag); at != std::string::npos; at = dom.find(tag, at + 1)) {
    BoundCell c;
    c.key = dom.substr(at + tag.size(), dom.find('"', at + tag.size()) - at - tag.size());
    const std::size_t end = dom.find('>', at);
    const std::string attributes = dom.substr(at, end - at);
    const std::string scale = between(attributes, "data-scale=\"", "\"");
    if (!scale.empty()) c.scale = std::stod(scale);
    c.text = dom.substr(end + 1, dom.find("</td>", end) - end - 1);
    cells.push_back(c);
  }
  return cells;
}

// The shown number and the tolerance its digits imply (half a unit of the last digit).
bool shown_number(const std::string& text, double& value, double& tolerance) {
  std::string digits;
  for (char ch : text) {
    if (ch != ',') digits += ch;
  }
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (error != std::errc{} || end != digits.data() + digits.size()) return false;
  const std::size_t dot = digits.find('.');
  const std::size_t exp = digits.find_first_of("eE");
  int decimals = dot == std::string::npos
                     ? 0
                     : int((exp == std::string::npos ? digits.size() : exp) - dot - 1);
  int exponent = exp == std::string::npos ? 0 : std::stoi(digits.substr(exp + 1));
  tolerance = 0.5 * std::pow(10.0, exponent - decimals) * (1 + 1e-9);
  return true;
}

// Table cells that show a number but name no key of the JSON.
std::size_t unbound_numbers(const std::string& dom) {
  return testing::occurrences(dom, "<td class=\"num\">");
}

struct Page {
  std::string dom;
  json data;    // the data block
  json charts;  // the chart definitions the page drew
  json study;   // --json
};

class ReportBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(BALLAST_CHROMIUM)) << "Chromium not found at " BALLAST_CHROMIUM;
    std::string pattern = (fs::temp_directory_path() / "ballast-report-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    if (!HasFailure()) fs::remove_all(dir_);
  }

  // Runs `args --json --report FILE`, opens the report and checks what every report must do.
  Page open(const std::string& args) {
    Page p;
    const fs::path html = dir_ / "report.html";
    fs::remove(html);
    const testing::CliResult r =
        testing::ballast(args + " --json --quiet --report '" + html.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    if (r.exit_code != 0) return p;
    p.study = json::parse(r.out);
    const testing::ChromiumRun run = testing::run_chromium(
        dir_, "--virtual-time-budget=10000 --dump-dom", "file://" + html.string());
    EXPECT_EQ(run.status, 0) << run.command;
    p.dom = run.out;
    EXPECT_EQ(p.dom.find("data-error"), std::string::npos)
        << args << ": " << between(p.dom, "data-error=\"", "\"");
    p.charts = json::parse(between(p.dom, "id=\"ballast-charts\">", "</script>"));
    p.data = json::parse(between(p.dom, "id=\"ballast-data\">", "</script>"));
    // The page drew every chart it holds, each on its canvas.
    EXPECT_NE(p.dom.find("data-rendered=\"" + std::to_string(p.charts.size()) + "\""),
              std::string::npos)
        << args;
    EXPECT_EQ(testing::occurrences(p.dom, "<canvas"), p.charts.size()) << args;
    // The page carries the study's JSON as it was printed.
    EXPECT_EQ(p.data, p.study) << args;
    // Every bound number is the JSON's.
    const std::vector<BoundCell> cells = bound_cells(p.dom);
    for (const BoundCell& c : cells) {
      const json::json_pointer pointer(c.key);
      if (!p.study.contains(pointer)) {
        ADD_FAILURE() << args << ": no " << c.key << " in the JSON";
        continue;
      }
      const json& v = p.study.at(pointer);
      double shown = 0, tolerance = 0;
      if (!v.is_number() || !shown_number(c.text, shown, tolerance)) {
        ADD_FAILURE() << args << ": " << c.key << " is " << v.dump() << ", shown as '" << c.text
                      << "'";
        continue;
      }
      EXPECT_NEAR(shown, v.get<double>() * c.scale, tolerance)
          << args << ": " << c.key << " shows " << c.text;
    }
    bound_ = cells.size();
    return p;
  }

  // The chart with `id`, or null.
  static const json* chart(const Page& p, const std::string& id) {
    for (const json& c : p.charts) {
      if (c["id"] == id) return &c;
    }
    return nullptr;
  }
  static std::vector<std::string> labels(const json& chart) {
    std::vector<std::string> out;
    for (const json& s : chart["series"]) out.push_back(s["label"]);
    return out;
  }
  static double sum(const json& values) {
    double s = 0;
    for (const json& v : values) s += v.is_null() ? 0.0 : v.get<double>();
    return s;
  }

  fs::path dir_;
  std::size_t bound_ = 0;
};

// Taiwan's summer (its first two weeks, every 10 minutes, the example's fleet): fuels stacked
// with one colour each, the peak week, duration curves, the marginal price (also in the CSV)
// and the summary in plain digits.
TEST_F(ReportBrowser, Dispatch) {
  const std::string data = "../data/taipower/derived/system_10min_2021-05-20_2021-08-01.csv";
  const fs::path trimmed = dir_ / "taiwan-two-weeks.csv";
  {
    std::ifstream in(kExamples + data);
    std::ofstream out(trimmed);
    std::string line;
    for (int k = 0; k <= 14 * 144 && std::getline(in, line); ++k) out << line << "\n";
  }
  std::string toml = testing::slurp(kExamples + "taiwan-2021-summer.toml");
  for (auto at = toml.find(data); at != std::string::npos; at = toml.find(data)) {
    toml.replace(at, data.size(), trimmed.string());
  }
  const fs::path scenario = dir_ / "taiwan-two-weeks.toml";
  std::ofstream(scenario) << toml;
  const fs::path out = dir_ / "out";
  const Page p = open("dispatch '" + scenario.string() + "' --out '" + out.string() + "'");
  ASSERT_FALSE(p.dom.empty());
  EXPECT_GE(bound_, 20u);
  const json* stack = chart(p, "dispatch-stack");
  ASSERT_NE(stack, nullptr);
  // One layer per fuel (generator kinds, renewables, storage kinds), in distinct colours.
  std::set<std::string> fuels, colours;
  for (const json& g : p.study["generators"]) fuels.insert(g["kind"].get<std::string>());
  std::size_t layers = 0;
  for (const json& s : (*stack)["series"]) {
    if (!s["stacked"].get<bool>()) continue;
    ++layers;
    colours.insert(s["color"].get<std::string>());
  }
  EXPECT_EQ(colours.size(), layers);
  for (const std::string& f : fuels) {
    const auto l = labels(*stack);
    EXPECT_NE(std::find(l.begin(), l.end(), f), l.end()) << f;
  }
  // Each fuel's layer holds its generators' energy (every period kept).
  const double dt_h = p.study["step_s"].get<double>() / 3600;
  ASSERT_LE(p.study["periods"].get<std::size_t>(), std::size_t(8784));
  ASSERT_EQ((*stack)["x"].size(), p.study["periods"].get<std::size_t>());
  for (const std::string& f : fuels) {
    double energy = 0;
    for (const json& g : p.study["generators"]) {
      if (g["kind"] == f) energy += g["energy_mwh"].get<double>();
    }
    for (const json& s : (*stack)["series"]) {
      if (s["label"] == f) EXPECT_NEAR(sum(s["y"]) * dt_h, energy, 1e-6 * (1 + energy)) << f;
    }
  }
  const json* week = chart(p, "dispatch-week");
  ASSERT_NE(week, nullptr);
  EXPECT_EQ((*week)["x"].size(), std::size_t(7 * 144));
  // Local time with its offset.
  EXPECT_NE(p.dom.find("time (UTC+08:00)"), std::string::npos);
  EXPECT_NE(chart(p, "duration-power"), nullptr);
  EXPECT_NE(chart(p, "duration-fuel"), nullptr);
  // The marginal price chart is the CSV's column.
  const json* price = chart(p, "marginal-price");
  ASSERT_NE(price, nullptr);
  std::ifstream csv(out / "dispatch.csv");
  std::string line;
  std::getline(csv, line);
  ASSERT_EQ(line.substr(line.rfind(',') + 1), "marginal_price_per_mwh");
  std::size_t t = 0;
  double positive = 0, sum_price = 0, lowest = INFINITY, highest = -INFINITY;
  while (std::getline(csv, line)) {
    const double v = std::stod(line.substr(line.rfind(',') + 1));
    ASSERT_LT(t, (*price)["series"][0]["y"].size());
    EXPECT_DOUBLE_EQ((*price)["series"][0]["y"][t].get<double>(), v) << t;
    positive += v > 0;
    sum_price += v, lowest = std::min(lowest, v), highest = std::max(highest, v);
    ++t;
  }
  EXPECT_EQ(t, p.study["periods"].get<std::size_t>());
  EXPECT_GT(positive, 0);
  // The JSON's price summary is the CSV column's (which holds every period's price).
  const json& summary = p.study["marginal_price"];
  EXPECT_NEAR(summary["mean_per_mwh"].get<double>(), sum_price / double(t),
              1e-6 * (1 + std::abs(sum_price / double(t))));
  EXPECT_NEAR(summary["min_per_mwh"].get<double>(), lowest, 1e-6 * (1 + std::abs(lowest)));
  EXPECT_NEAR(summary["max_per_mwh"].get<double>(), highest, 1e-6 * (1 + std::abs(highest)));
  EXPECT_NE(p.dom.find("data-json=\"/marginal_price/mean_per_mwh\""), std::string::npos);
  // The text of the page has no number in scientific notation (e.g. 1.7441e+10).
  const std::size_t h1 = p.dom.find("<h1>");
  const std::string text = p.dom.substr(h1, p.dom.find("<script", h1) - h1);
  EXPECT_EQ(text.find("e+"), std::string::npos) << between(text, "", "e+");
}

// The headroom report: a limit selector over the record, per-year bars that add up to the
// curtailment the JSON reports, and month x hour heatmaps of curtailment and storage state.
TEST_F(ReportBrowser, Headroom) {
  const Page p = open("headroom --storage 1GW/4GWh --curtailment 0.5,1");
  ASSERT_FALSE(p.dom.empty());
  EXPECT_GE(bound_, 16u);
  EXPECT_EQ(testing::occurrences(p.dom, "<option value="), 2u);
  EXPECT_NE(p.dom.find(">0.50 %</option>"), std::string::npos);
  EXPECT_NE(p.dom.find(">1.00 %</option>"), std::string::npos);
  // Heatmaps: curtailment and state of charge for each limit.
  EXPECT_EQ(testing::occurrences(p.dom, "<figure class=\"heatmap\""), 4u);
  // Local time with both of its offsets (standard time first: the record starts in January).
  EXPECT_NE(p.dom.find("time (America/Chicago, UTC-06:00/-05:00)"), std::string::npos);
  // The duke rate is the mean over the counted years of each year's curtailed energy over the
  // new load's energy that year (8,760 h, or 8,784 in a leap year: the record's zone has the
  // same offset at the start of every year).
  for (std::size_t i = 0; i < 2; ++i) {
    const json* years = chart(p, "years-" + std::to_string(i + 1));
    ASSERT_NE(years, nullptr);
    EXPECT_TRUE((*years)["series"][0]["bars"].get<bool>());
    const json& row = p.study["results"][i];
    const double d = row["headroom_mw"].get<double>();
    EXPECT_EQ((*years)["x"].size(), std::size_t(p.study["load"]["counted_years"].get<double>()));
    double mean = 0;
    for (std::size_t k = 0; k < (*years)["x"].size(); ++k) {
      const int y = (*years)["x"][k].get<int>();
      const double hours = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 8784 : 8760;
      mean += (*years)["series"][0]["y"][k].get<double>() * 1000 / (d * hours);
    }
    mean /= static_cast<double>((*years)["x"].size());
    EXPECT_NEAR(100 * mean, row["curtailment_rate_pct"].get<double>(), 1e-9) << i;
  }
  EXPECT_NE(p.dom.find("data-choice=\"1.00 %\" style=\"display:none\""), std::string::npos);
}

// size names the new load it sized for.
TEST_F(ReportBrowser, SizeNamesTheNewLoad) {
  const Page p = open("size --new-load-mw 2000");
  ASSERT_FALSE(p.dom.empty());
  EXPECT_NE(p.dom.find("Storage for 2,000 MW of new constant load"), std::string::npos);
  EXPECT_NE(p.dom.find("data-json=\"/new_load_mw\""), std::string::npos);
  EXPECT_NE(p.dom.find("today's load + 2,000 MW new load"), std::string::npos);
  EXPECT_GE(bound_, 6u);
}

// transient: the KPI table, a zoom on each swing, and the upstream spectrum whose bins add up
// to the band energy of the JSON, without and with the battery.
TEST_F(ReportBrowser, Transient) {
  const Page p = open("transient --scenario " + kExamples + "datacenter-50mw-grid-battery.toml");
  ASSERT_FALSE(p.dom.empty());
  EXPECT_GE(bound_, 12u);
  const json* spectrum = chart(p, "spectrum");
  ASSERT_NE(spectrum, nullptr);
  const json& x = (*spectrum)["x"];
  ASSERT_FALSE(x.empty());
  EXPECT_GE(x.front().get<double>(), 0.1);
  EXPECT_LE(x.back().get<double>(), 20.0);
  const auto series = [&](const std::string& label) -> const json& {
    for (const json& s : (*spectrum)["series"]) {
      if (s["label"] == label) return s["y"];
    }
    ADD_FAILURE() << "no series " << label;
    static const json none = json::array();
    return none;
  };
  const double bare = p.study["without_battery"]["upstream_swing_0_1_to_20_hz_mw2"];
  const double with = p.study["with_battery"]["upstream_swing_0_1_to_20_hz_mw2"];
  EXPECT_NEAR(sum(series("upstream, no battery")), bare, 1e-9 * (1 + bare));
  EXPECT_NEAR(sum(series("upstream, with battery")), with, 1e-9 * (1 + with));
  EXPECT_LT(with, bare);  // the battery takes the swing
  // At least one swing zoomed, every step of its first seconds.
  const json* swing = chart(p, "swing-1");
  ASSERT_NE(swing, nullptr);
  const double step = p.study["without_battery"]["step_s"];
  const json& t = (*swing)["x"];
  // 4.5 s after the swing and up to 0.5 s before it (less for a swing at the very start).
  const double span = t.back().get<double>() - t.front().get<double>();
  EXPECT_GE(span, 4.5 - 1e-9);
  EXPECT_LE(span, 5.0 + 1e-9);
  EXPECT_NEAR(t[1].get<double>() - t[0].get<double>(), step, 1e-9);
  EXPECT_EQ(labels(*swing).size(), 4u);
  // Every number of its tables is the JSON's (the KPI table's swing RMS and residual too).
  EXPECT_EQ(unbound_numbers(p.dom), 0u);
}

// market with both controllers: each one's totals and violations.
TEST_F(ReportBrowser, MarketListsEveryControllersViolations) {
  const Page p = open("market run " + kExamples + "taiwan-edreg.toml --controller both --hours 6");
  ASSERT_FALSE(p.dom.empty());
  ASSERT_EQ(p.study["runs"].size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    const json& run = p.study["runs"][i];
    const std::string heading =
        "Violations and rule events: " + run["controller"].get<std::string>() + " controller (" +
        std::to_string(run["violation_count"].get<long long>()) + ")";
    EXPECT_NE(p.dom.find(heading), std::string::npos) << heading;
    EXPECT_NE(p.dom.find("data-json=\"/runs/" + std::to_string(i) + "/violation_count\""),
              std::string::npos);
  }
  // The hours table is the first run's hours in the JSON, every number bound.
  EXPECT_EQ(p.study["runs"][0]["hours"].size(), 6u);
  EXPECT_NE(p.dom.find("data-json=\"/runs/0/hours/5/soc_max_frac\""), std::string::npos);
  EXPECT_EQ(unbound_numbers(p.dom), 0u);
  const json* hourly = chart(p, "execution-rate");
  ASSERT_NE(hourly, nullptr);
  EXPECT_EQ(labels(*hourly).size(), 3u);  // both controllers and the pass line
}

// aging: one year-1 figure everywhere, capacity over the life with its replacements, and the
// rainflow histogram holding the JSON's cycles.
TEST_F(ReportBrowser, Aging) {
  // Ten days of one deep daily cycle (SOC 0.1 -> 0.9 -> 0.1), hourly.
  const fs::path soc = dir_ / "soc.csv";
  {
    std::ofstream f(soc);
    f << "time,soc\n";
    for (int h = 0; h < 240; ++h) {
      const int k = h % 24;
      const double v = k < 12 ? 0.1 + 0.8 * k / 12.0 : 0.9 - 0.8 * (k - 12) / 12.0;
      f << fmt_time(h) << "," << v << "\n";
    }
  }
  const Page p = open("aging --soc '" + soc.string() +
                      "' --power-mw 5 --energy-mwh 10 --capex-per-kwh 300 --lifetime-years 20 "
                      "--temperature-c 35");
  ASSERT_FALSE(p.dom.empty());
  const json& wear = p.study["wear"];
  // The histogram holds the JSON's cycles.
  const json* hist = nullptr;
  for (const json& c : p.charts) {
    if (c["id"].get<std::string>().rfind("rainflow", 0) == 0) hist = &c;
  }
  ASSERT_NE(hist, nullptr);
  double cycles = 0;
  for (const json& b : wear["cycles_by_depth"]) cycles += b["cycles"].get<double>();
  EXPECT_NEAR(sum((*hist)["series"][0]["y"]), cycles, 1e-9 * (1 + cycles));
  EXPECT_TRUE((*hist)["series"][0]["bars"].get<bool>());
  // Capacity over life: year 1 is 100 - fade; after each drop below end of life, back to 100.
  const json* life = nullptr;
  for (const json& c : p.charts) {
    if (c["id"].get<std::string>().rfind("capacity-life", 0) == 0) life = &c;
  }
  ASSERT_NE(life, nullptr);
  const json& years = (*life)["x"];
  const json& cap = (*life)["series"][0]["y"];
  ASSERT_GE(years.size(), 2u);
  EXPECT_EQ(years[1].get<double>(), 1.0);
  EXPECT_NEAR(cap[1].get<double>(), 100 - wear["fade_year1_pct"].get<double>(), 1e-9);
  EXPECT_EQ(years.back().get<double>(), 20.0);
  int resets = 0;
  for (std::size_t i = 1; i < years.size(); ++i) {
    if (years[i] == years[i - 1] && cap[i].get<double>() == 100.0) ++resets;
  }
  EXPECT_EQ(resets, wear["economics"]["replacements"].get<int>());
  // The cash-flow table is the JSON's economics/years (bound cells, checked in open()): year 1
  // ends at the chart's capacity, and the years replaced are the replacements.
  const json& flows = wear["economics"]["years"];
  ASSERT_EQ(flows.size(), 21u);  // year 0 (the capex), then the 20 years of --lifetime-years
  EXPECT_EQ(flows[1]["year"].get<int>(), 1);
  EXPECT_NEAR(flows[1]["capacity_end_pct"].get<double>(),
              100 - wear["fade_year1_pct"].get<double>(), 1e-9);
  int replaced = 0;
  for (const json& y : flows) replaced += y["replaced"].get<bool>();
  EXPECT_EQ(replaced, wear["economics"]["replacements"].get<int>());
  EXPECT_NE(p.dom.find("data-json=\"/wear/economics/years/1/capacity_end_pct\""),
            std::string::npos);
  EXPECT_EQ(unbound_numbers(p.dom), 0u);
}

// The other studies: each report renders, carries its study's JSON and shows it faithfully.
TEST_F(ReportBrowser, EveryOtherStudy) {
  for (const std::string& args : std::vector<std::string>{
           "frequency --hours 1 --seed 7", "market curve --product dreg --frequency 59.86",
           "market bid --bid-mw 10 --energy-mwh 25 --min-soc-mwh 2.5 --max-soc-mwh 22.5"}) {
    const Page p = open(args);
    EXPECT_FALSE(p.dom.empty()) << args;
  }
}

// Reports whose tables list the JSON's rows (steady's points, a size sweep's cells, the
// workload summary, market size's bids): every number in a table is bound to its key, one
// bound row per JSON row.
TEST_F(ReportBrowser, EveryTableNumberIsTheJsons) {
  struct Case {
    std::string args, rows;  // rows: the JSON array the table lists ("" for a summary table)
    std::size_t per_row;     // bound cells a row
  };
  for (const Case& c : std::vector<Case>{
           {"steady --hours 0,4,24", "/points", 4},
           {"size --power-mw 1000:3000:1000 --hours 1,4", "/sweep", 5},
           {"workload --training-gpus 1000 --duration-s 60", "", 5},
           {"market size " + kExamples + "taiwan-edreg.toml --power-mw 12 --step-mw 4 --hours 1",
            "/rows", 6}}) {
    const Page p = open(c.args);
    ASSERT_FALSE(p.dom.empty()) << c.args;
    EXPECT_EQ(unbound_numbers(p.dom), 0u) << c.args;
    const std::size_t rows = c.rows.empty() ? 1 : p.study.at(json::json_pointer(c.rows)).size();
    EXPECT_GE(rows, 2u - c.rows.empty()) << c.args;
    EXPECT_EQ(bound_, rows * c.per_row) << c.args;
  }
}

}  // namespace
}  // namespace ballast
