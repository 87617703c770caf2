#include "ballast/report/html.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "ballast/core/error.h"
#include "ballast/report/uplot_assets.h"

namespace ballast::report {
namespace {

// Whether `text` contains `needle` ignoring ASCII case (HTML end tags are case-insensitive).
constexpr bool contains_nocase(std::string_view text, std::string_view needle) {
  const auto lower = [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  };
  if (needle.size() > text.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    std::size_t k = 0;
    while (k < needle.size() && lower(text[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return true;
  }
  return false;
}

// The assets are inlined verbatim, so a new uPlot release must not be able to end its own
// <script> or <style> element or the licence's HTML comment early.
static_assert(!contains_nocase(assets::kUplotJs, "</script"));
static_assert(!contains_nocase(assets::kUplotJs, "<!--"));
static_assert(!contains_nocase(assets::kUplotCss, "</style"));
static_assert(!contains_nocase(assets::kUplotLicense, "--"));

// Tableau 10: distinguishable, and the default of matplotlib users will recognise.
constexpr std::array<std::string_view, 10> kPalette = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                       "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                                       "#bcbd22", "#17becf"};

// Nothing may be fetched: the policy blocks every load except the inline script and styles.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'";

constexpr std::string_view kPageCss = R"css(
body { font-family: system-ui, sans-serif; color: #222; max-width: 1200px; margin: 0 auto;
       padding: 1em 1.5em; line-height: 1.4; }
h1 { font-size: 1.6em; border-bottom: 1px solid #ccc; padding-bottom: .3em; }
h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 1em 0; font-size: .95em; }
th, td { border: 1px solid #ccc; padding: .3em .7em; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.chart { margin: 1.5em 0; min-height: 200px; }
.uplot .u-legend { font-size: 13px; }
)css";

// Runs after the data: one uPlot per chart, resized with the window. Marks the body with the
// number of charts drawn (data-rendered) or the first error (data-error) for tests; the first
// error is kept because later ones (e.g. uPlot undefined after the library failed) follow from it.
constexpr std::string_view kPageScript = R"js(
(function () {
  'use strict';
  try {
    var charts = JSON.parse(document.getElementById('ballast-charts').textContent);
    var zoned = function (zone) {
      return function (ts) { return uPlot.tzDate(new Date(ts * 1e3), zone); };
    };
    var plots = [];
    var widthOf = function (el) { return Math.max(320, el.clientWidth); };
    // Time ticks in 24-hour ISO style; rows as uPlot's defaults: [tick incr (s), format,
    // then the format added when the year, month, day, hour, minute or second rolls over, mode].
    var ymd = '\n{YYYY}-{MM}-{DD}', md = '\n{MM}-{DD}', hm = '{HH}:{mm}';
    var timeTicks = [
      [31536000, '{YYYY}', null, null, null, null, null, null, 1],
      [2419200, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
      [86400, '{MM}-{DD}', '\n{YYYY}', null, null, null, null, null, 1],
      [3600, hm, ymd, null, md, null, null, null, 1],
      [60, hm, ymd, null, md, null, null, null, 1],
      [1, ':{ss}', ymd + ' ' + hm, null, md + ' ' + hm, null, '\n' + hm, null, 1],
      [0.001, ':{ss}.{fff}', ymd + ' ' + hm, null, md + ' ' + hm, null, '\n' + hm, null, 1],
    ];
    charts.forEach(function (c) {
      var el = document.getElementById(c.id);
      var zone = c.time_zone || 'Etc/UTC';
      var xLabel = c.x_is_time ? (c.x_label || 'time') + ' (' + (c.time_zone || 'UTC') + ')'
                               : c.x_label;
      var opts = {
        title: c.title,
        width: widthOf(el),
        height: 360,
        scales: {x: {time: c.x_is_time}},
        axes: [{label: xLabel, values: c.x_is_time ? timeTicks : undefined},
               {label: c.y_label, size: 70}],
        series: [{label: xLabel || 'x', value: c.x_is_time ? ymd.slice(1) + ' ' + hm : undefined}]
          .concat(c.series.map(function (s) {
            return {label: s.label, stroke: s.color, width: 1.5,
                    dash: s.dashed ? [8, 5] : undefined,
                    fill: s.filled ? s.color + 'cc' : undefined};
          })),
      };
      if (c.x_is_time) opts.tzDate = zoned(zone);
      var data = [c.x].concat(c.series.map(function (s) { return s.y; }));
      plots.push({plot: new uPlot(opts, data, el), el: el});
    });
    var pending = false;
    window.addEventListener('resize', function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        plots.forEach(function (p) { p.plot.setSize({width: widthOf(p.el), height: 360}); });
      });
    });
    document.body.dataset.rendered = String(plots.length);
  } catch (e) {
    document.body.dataset.error = document.body.dataset.error || String((e && e.stack) || e);
  }
})();
)js";

// JSON that cannot end the <script> element holding it: '<', '>' and '&' occur only inside
// JSON strings, where the \u escapes mean the same characters.
std::string json_for_script(const nlohmann::json& json) {
  const std::string text = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

nlohmann::json numbers_json(const std::vector<double>& values) {
  nlohmann::json array = nlohmann::json::array();
  array.get_ref<nlohmann::json::array_t&>().reserve(values.size());
  for (double v : values) {
    if (std::isfinite(v)) {
      array.push_back(v);
    } else {
      array.push_back(nullptr);
    }
  }
  return array;
}

// Cells that are plain numbers (thousands separators allowed) are right-aligned so that
// digits line up.
bool is_number(std::string_view cell) {
  std::string digits;
  for (char c : cell) {
    if (c != ',') digits += c;
  }
  double value = 0.0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return !digits.empty() && error == std::errc{} && end == digits.data() + digits.size();
}

void check_lengths(const Chart& chart) {
  for (const Series& s : chart.series) {
    if (s.y.size() != chart.x.size()) {
      throw InputError("chart '" + chart.id + "': series '" + s.label + "' has " +
                       std::to_string(s.y.size()) + " values for " +
                       std::to_string(chart.x.size()) + " x values");
    }
  }
}

void append_table(std::string& out, const std::vector<std::string>& header,
                  const std::vector<std::vector<std::string>>& rows) {
  out += "<table>\n<thead><tr>";
  for (const std::string& cell : header) out += "<th>" + escape_html(cell) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const std::string& cell : row) {
      out += is_number(cell) ? "<td class=\"num\">" : "<td>";
      out += escape_html(cell) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void to_json(nlohmann::json& json, const Chart& chart) {
  nlohmann::json series = nlohmann::json::array();
  for (std::size_t i = 0; i < chart.series.size(); ++i) {
    const Series& s = chart.series[i];
    series.push_back(
        {{"label", s.label},
         {"y", numbers_json(s.y)},
         {"color", s.color.empty() ? std::string(kPalette[i % kPalette.size()]) : s.color},
         {"dashed", s.dashed},
         {"filled", s.filled}});
  }
  json = {{"id", chart.id},
          {"title", chart.title},
          {"x_label", chart.x_label},
          {"y_label", chart.y_label},
          {"x_is_time", chart.x_is_time},
          {"time_zone", chart.time_zone},
          {"x", numbers_json(chart.x)},
          {"series", std::move(series)}};
}

HtmlReport::HtmlReport(std::string title) : title_(std::move(title)) {}

void HtmlReport::add_heading(std::string text) { blocks_.emplace_back(Heading{std::move(text)}); }

void HtmlReport::add_paragraph(std::string text) {
  blocks_.emplace_back(Paragraph{std::move(text)});
}

void HtmlReport::add_table(std::vector<std::string> header,
                           std::vector<std::vector<std::string>> rows) {
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (rows[r].size() != header.size()) {
      throw InputError("table row " + std::to_string(r + 1) + " has " +
                       std::to_string(rows[r].size()) + " cells for " +
                       std::to_string(header.size()) + " columns");
    }
  }
  blocks_.emplace_back(Table{std::move(header), std::move(rows)});
}

void HtmlReport::add_chart(Chart chart) {
  if (chart.id.empty()) chart.id = "chart-" + std::to_string(charts_ + 1);
  for (const Block& block : blocks_) {
    const auto* other = std::get_if<Chart>(&block);
    if (other != nullptr && other->id == chart.id) {
      throw InputError("chart id '" + chart.id + "' is used twice in one report");
    }
  }
  check_lengths(chart);
  for (std::size_t i = 0; i < chart.x.size(); ++i) {
    if (!std::isfinite(chart.x[i]) || (i > 0 && chart.x[i] < chart.x[i - 1])) {
      throw InputError("chart '" + chart.id + "': x value " + std::to_string(i + 1) +
                       " is not finite or is less than the one before; x must be finite and "
                       "non-decreasing");
    }
  }
  blocks_.emplace_back(std::move(chart));
  ++charts_;
}

std::string HtmlReport::render() const {
  std::string out;
  out.reserve(assets::kUplotJs.size() + assets::kUplotCss.size() + 16384);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += kContentSecurityPolicy;
  out += "\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"ballast\">\n";
  out += "<title>" + escape_html(title_) + "</title>\n<style>\n";
  out += assets::kUplotCss;
  out += "\n</style>\n<style>";
  out += kPageCss;
  out += "</style>\n</head>\n<body>\n<h1>" + escape_html(title_) + "</h1>\n";

  nlohmann::json charts = nlohmann::json::array();
  for (const Block& block : blocks_) {
    if (const auto* heading = std::get_if<Heading>(&block)) {
      out += "<h2>" + escape_html(heading->text) + "</h2>\n";
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += "<p>" + escape_html(paragraph->text) + "</p>\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      append_table(out, table->header, table->rows);
    } else if (const auto* chart = std::get_if<Chart>(&block)) {
      out += "<div class=\"chart\" id=\"" + escape_html(chart->id) + "\"></div>\n";
      charts.push_back(*chart);
    }
  }

  // The error hook comes first so that it also catches a failure inside the library.
  out +=
      "<script>window.addEventListener('error', function (e) {"
      " document.body.dataset.error = document.body.dataset.error || String(e.message || e); "
      "});</script>\n";
  out += "<!-- The uPlot chart library, inlined under its licence:\n";
  out += assets::kUplotLicense;
  out += "-->\n<script>\n";
  out += assets::kUplotJs;
  out += "\n</script>\n<script type=\"application/json\" id=\"ballast-charts\">";
  out += json_for_script(charts);
  out += "</script>\n<script>";
  out += kPageScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

Chart decimate(const Chart& chart, std::size_t buckets) {
  if (buckets == 0) throw InputError("decimate: the number of buckets must be at least 1");
  check_lengths(chart);
  const std::size_t n = chart.x.size();
  if (n <= 2 * buckets) return chart;

  Chart out = chart;
  out.x.clear();
  out.x.reserve(2 * buckets);
  for (Series& s : out.series) {
    s.y.clear();
    s.y.reserve(2 * buckets);
  }
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  // n > 2 * buckets, so every bucket holds at least two points.
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t lo = b * n / buckets;
    const std::size_t hi = (b + 1) * n / buckets;
    out.x.push_back(chart.x[lo]);
    out.x.push_back(chart.x[hi - 1]);
    for (std::size_t k = 0; k < chart.series.size(); ++k) {
      const std::vector<double>& y = chart.series[k].y;
      std::size_t min_i = hi;
      std::size_t max_i = hi;
      for (std::size_t i = lo; i < hi; ++i) {
        if (std::isnan(y[i])) continue;
        if (min_i == hi || y[i] < y[min_i]) min_i = i;
        if (max_i == hi || y[i] > y[max_i]) max_i = i;
      }
      std::vector<double>& kept = out.series[k].y;
      if (min_i == hi) {  // all NaN: keep the gap
        kept.insert(kept.end(), {kNaN, kNaN});
      } else if (min_i <= max_i) {
        kept.insert(kept.end(), {y[min_i], y[max_i]});
      } else {
        kept.insert(kept.end(), {y[max_i], y[min_i]});
      }
    }
  }
  return out;
}

}  // namespace ballast::report
