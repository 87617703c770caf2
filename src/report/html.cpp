#include "ballast/report/html.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <utility>

#include "ballast/core/error.h"
#include "ballast/core/time_zone.h"
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
.choice { margin: 1.5em 0 0; }
table.heatmap td { padding: .15em .35em; font-size: .8em; text-align: right; }
table.heatmap th { font-size: .8em; padding: .15em .35em; }
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
    // The zone's offset from UTC at time ts, in minutes (the wall clock there minus UTC).
    var offsetAt = function (zone, ts) {
      var d = new Date(Math.round(ts) * 1e3);
      var wall = uPlot.tzDate(d, zone);
      return Math.round((wall.getTime() - d.getTime()) / 6e4) - wall.getTimezoneOffset();
    };
    var hhmm = function (m) {
      var a = Math.abs(m), h = Math.floor(a / 60), mm = a % 60;
      return (m < 0 ? '-' : '+') + (h < 10 ? '0' : '') + h + ':' + (mm < 10 ? '0' : '') + mm;
    };
    // "America/Chicago, UTC-06:00/-05:00" (every offset the axis spans, in order of first
    // appearance), "UTC+08:00" for a fixed offset.
    var zoneText = function (zone, xs) {
      if (!zone) return 'UTC';
      var seen = [];
      var n = xs.length, k = Math.min(n, 400);
      for (var i = 0; i < k; ++i) {
        var m = offsetAt(zone, xs[k > 1 ? Math.round(i * (n - 1) / (k - 1)) : 0]);
        if (seen.indexOf(m) < 0) seen.push(m);
      }
      var utc = 'UTC' + seen.map(hhmm).join('/');
      // A fixed offset (Etc/GMT-8) is named by its offset alone.
      return zone.indexOf('Etc/') === 0 ? utc : zone + ', ' + utc;
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
    var bars = uPlot.paths && uPlot.paths.bars ? uPlot.paths.bars({size: [0.6, 80]}) : null;
    charts.forEach(function (c) {
      var el = document.getElementById(c.id);
      var zone = c.time_zone || 'Etc/UTC';
      var xLabel = c.x_is_time ? (c.x_label || 'time') + ' (' + zoneText(c.time_zone, c.x) + ')'
                               : c.x_label;
      // Stacked layers: drawn top first (cumulative sums filled to zero), restacked over the
      // layers shown; the legend shows each layer's own value.
      var stack = [], others = [];
      c.series.forEach(function (s, i) { (s.stacked ? stack : others).push(i); });
      var order = stack.slice().reverse().concat(others);
      var fmtValue = function (v) {
        return v == null ? '--' : Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3);
      };
      var stackData = function (shown) {
        var cum = c.x.map(function () { return 0; });
        var ys = {};
        stack.forEach(function (i) {
          if (shown(i)) {
            cum = cum.map(function (v, t) { return v + (c.series[i].y[t] || 0); });
          }
          ys[i] = cum.slice();
        });
        return [c.x].concat(order.map(function (i) { return ys[i] || c.series[i].y; }));
      };
      var opts = {
        title: c.title,
        width: widthOf(el),
        height: 360,
        scales: {x: {time: c.x_is_time}},
        axes: [{label: xLabel, values: c.x_is_time ? timeTicks : undefined},
               {label: c.y_label, size: 70}],
        series: [{label: xLabel || 'x', value: c.x_is_time ? ymd.slice(1) + ' ' + hm : undefined}]
          .concat(order.map(function (i) {
            var s = c.series[i];
            return {label: s.label, stroke: s.color, width: 1.5, show: !s.hidden,
                    dash: s.dashed ? [8, 5] : undefined,
                    fill: s.filled || s.bars || s.stacked ? s.color + 'cc' : undefined,
                    paths: s.bars && bars ? bars : undefined,
                    value: s.stacked ? function (u, v, si, t) {
                      return t == null ? '--' : fmtValue(s.y[t]);
                    } : undefined};
          })),
      };
      if (stack.length) {
        opts.hooks = {setSeries: [function (u, si, o) {
          if (o.show === undefined) return;
          u.setData(stackData(function (i) { return u.series[1 + order.indexOf(i)].show; }), false);
          u.redraw();
        }]};
      }
      if (c.series.some(function (s) { return s.bars; })) {
        // Bars need room at both ends of the x range.
        var lo = c.x[0], hi = c.x[c.x.length - 1], pad = c.x.length > 1 ? (hi - lo) / (c.x.length - 1) / 2 : 0.5;
        opts.scales.x.range = function () { return [lo - pad, hi + pad]; };
      }
      if (c.x_is_time) opts.tzDate = zoned(zone);
      var data = stackData(function (i) { return !c.series[i].hidden; });
      el.dataset.series = String(c.series.length);
      plots.push({plot: new uPlot(opts, data, el), el: el});
    });
    var resize = function (p) { p.plot.setSize({width: widthOf(p.el), height: 360}); };
    // Charts of a group: the selector shows one of them at a time.
    Array.prototype.forEach.call(document.querySelectorAll('select.chart-choice'), function (sel) {
      sel.addEventListener('change', function () {
        Array.prototype.forEach.call(document.querySelectorAll('[data-choice]'), function (el) {
          if (el.dataset.group !== sel.dataset.group) return;
          el.style.display = el.dataset.choice === sel.value ? '' : 'none';
        });
        plots.forEach(function (p) {
          if (p.el.dataset.group === sel.dataset.group && p.el.style.display === '') resize(p);
        });
      });
    });
    var pending = false;
    window.addEventListener('resize', function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () {
        pending = false;
        plots.forEach(resize);
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
template <class Json>
std::string json_for_script(const Json& json) {
  const std::string text = json.dump(-1, ' ', false, Json::error_handler_t::replace);
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
                  const std::vector<std::vector<Cell>>& rows) {
  out += "<table>\n<thead><tr>";
  for (const std::string& cell : header) out += "<th>" + escape_html(cell) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const Cell& cell : row) {
      out += is_number(cell.text) ? "<td class=\"num\"" : "<td";
      if (!cell.key.empty()) {
        out += " data-json=\"" + escape_html(cell.key) + "\"";
        if (cell.scale != 1.0) out += fmt::format(" data-scale=\"{}\"", cell.scale);
      }
      out += ">" + escape_html(cell.text) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
}

// White at 0, dark blue at 1: the shade of a heatmap cell and whether its text must be white.
std::string shade(double f) {
  f = std::clamp(f, 0.0, 1.0);
  const auto mix = [f](int from, int to) {
    return static_cast<int>(std::lround(from + (to - from) * f));
  };
  return fmt::format("#{:02x}{:02x}{:02x}", mix(255, 8), mix(255, 48), mix(255, 107));
}

void append_heatmap(std::string& out, const Heatmap& h, const std::string& attributes) {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -lo;
  for (const auto& row : h.z) {
    for (double v : row) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  out += "<figure class=\"heatmap\" id=\"" + escape_html(h.id) + "\"" + attributes +
         ">\n<figcaption>" + escape_html(h.title) +
         (h.unit.empty() ? "" : " (" + escape_html(h.unit) + ")") +
         "</figcaption>\n<table class=\"heatmap\">\n<thead><tr><th>" +
         escape_html(h.row_label + " \\ " + h.column_label) + "</th>";
  for (const std::string& c : h.columns) out += "<th>" + escape_html(c) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < h.rows.size(); ++r) {
    out += "<tr><th>" + escape_html(h.rows[r]) + "</th>";
    for (double v : h.z[r]) {
      if (!std::isfinite(v)) {
        out += "<td></td>";
        continue;
      }
      const double f = hi > lo ? (v - lo) / (hi - lo) : 0.0;
      out += "<td style=\"background:" + shade(f) + (f > 0.55 ? ";color:#fff" : "") + "\">" +
             fmt::format("{:.{}f}", v, h.decimals) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n</figure>\n";
}

}  // namespace

std::string chart_zone(const TimeZone& z) {
  if (!z.is_fixed()) return z.name();
  const int off = z.standard_offset_min();
  if (off == 0 || off % 60 != 0) return "";
  return fmt::format("Etc/GMT{}{}", off < 0 ? '+' : '-', std::abs(off) / 60);
}

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
         {"filled", s.filled},
         {"bars", s.bars},
         {"hidden", s.hidden},
         {"stacked", s.stacked}});
  }
  json = {{"id", chart.id},
          {"title", chart.title},
          {"x_label", chart.x_label},
          {"y_label", chart.y_label},
          {"x_is_time", chart.x_is_time},
          {"time_zone", chart.time_zone},
          {"x", numbers_json(chart.x)},
          {"series", std::move(series)},
          {"group", chart.group},
          {"choice", chart.choice}};
}

HtmlReport::HtmlReport(std::string title) : title_(std::move(title)) {}

void HtmlReport::add_heading(std::string text) { blocks_.emplace_back(Heading{std::move(text)}); }

void HtmlReport::add_paragraph(std::string text) {
  blocks_.emplace_back(Paragraph{std::move(text)});
}

void HtmlReport::add_table(std::vector<std::string> header,
                           std::vector<std::vector<std::string>> rows) {
  std::vector<std::vector<Cell>> cells;
  cells.reserve(rows.size());
  for (auto& row : rows) {
    std::vector<Cell>& out = cells.emplace_back();
    out.reserve(row.size());
    for (std::string& text : row) out.push_back({.text = std::move(text)});
  }
  add_cells(std::move(header), std::move(cells));
}

void HtmlReport::add_cells(std::vector<std::string> header, std::vector<std::vector<Cell>> rows) {
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

void HtmlReport::add_heatmap(Heatmap heatmap) {
  if (heatmap.id.empty()) heatmap.id = "heatmap-" + std::to_string(heatmaps_ + 1);
  if (heatmap.z.size() != heatmap.rows.size()) {
    throw InputError("heatmap '" + heatmap.id + "': " + std::to_string(heatmap.z.size()) +
                     " rows of values for " + std::to_string(heatmap.rows.size()) + " row names");
  }
  for (const auto& row : heatmap.z) {
    if (row.size() != heatmap.columns.size()) {
      throw InputError("heatmap '" + heatmap.id + "': a row has " + std::to_string(row.size()) +
                       " values for " + std::to_string(heatmap.columns.size()) + " columns");
    }
  }
  blocks_.emplace_back(std::move(heatmap));
  ++heatmaps_;
}

void HtmlReport::set_data(const nlohmann::ordered_json& data) { data_ = json_for_script(data); }

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

  // Each group's choices, in the order they first occur; the first is shown at load.
  std::map<std::string, std::vector<std::string>> choices;
  const auto note_choice = [&choices](const std::string& group, const std::string& choice) {
    if (group.empty()) return;
    std::vector<std::string>& list = choices[group];
    if (std::find(list.begin(), list.end(), choice) == list.end()) list.push_back(choice);
  };
  for (const Block& block : blocks_) {
    if (const auto* c = std::get_if<Chart>(&block)) {
      note_choice(c->group, c->choice.empty() ? c->title : c->choice);
    } else if (const auto* m = std::get_if<Heatmap>(&block)) {
      note_choice(m->group, m->choice.empty() ? m->title : m->choice);
    }
  }
  std::set<std::string> shown_groups;
  const auto group_selector = [&](const std::string& group) -> std::string {
    if (group.empty() || shown_groups.contains(group)) return "";
    shown_groups.insert(group);
    std::string html = "<p class=\"choice\"><label>" + escape_html(group) +
                       ": <select class=\"chart-choice\" data-group=\"" + escape_html(group) +
                       "\">";
    for (const std::string& c : choices[group]) {
      html += "<option value=\"" + escape_html(c) + "\">" + escape_html(c) + "</option>";
    }
    return html + "</select></label></p>\n";
  };
  const auto group_attributes = [&](const std::string& group, const std::string& choice) {
    if (group.empty()) return std::string();
    return " data-group=\"" + escape_html(group) + "\" data-choice=\"" + escape_html(choice) +
           "\"" + (choice == choices[group].front() ? "" : " style=\"display:none\"");
  };
  nlohmann::json charts = nlohmann::json::array();
  for (const Block& block : blocks_) {
    if (const auto* heading = std::get_if<Heading>(&block)) {
      out += "<h2>" + escape_html(heading->text) + "</h2>\n";
    } else if (const auto* paragraph = std::get_if<Paragraph>(&block)) {
      out += "<p>" + escape_html(paragraph->text) + "</p>\n";
    } else if (const auto* table = std::get_if<Table>(&block)) {
      append_table(out, table->header, table->rows);
    } else if (const auto* chart = std::get_if<Chart>(&block)) {
      out += group_selector(chart->group);
      out += "<div class=\"chart\" id=\"" + escape_html(chart->id) + "\"" +
             group_attributes(chart->group, chart->choice.empty() ? chart->title : chart->choice) +
             "></div>\n";
      charts.push_back(*chart);
    } else if (const auto* heatmap = std::get_if<Heatmap>(&block)) {
      out += group_selector(heatmap->group);
      append_heatmap(out, *heatmap,
                     group_attributes(heatmap->group,
                                      heatmap->choice.empty() ? heatmap->title : heatmap->choice));
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
  out += "</script>\n";
  if (!data_.empty()) {
    out += "<script type=\"application/json\" id=\"ballast-data\">";
    out += data_;
    out += "</script>\n";
  }
  out += "<script>";
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
