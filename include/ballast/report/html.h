#pragma once
/// @file Self-contained interactive HTML reports: headings, text, tables and uPlot line charts.
/// The chart library is inlined, so a report opens offline and loads nothing from the network.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ballast::report {

/// One line on a chart: a y value per x of its chart; NaN leaves a gap.
struct Series {
  std::string label{};      ///< legend text
  std::vector<double> y{};  ///< same length as the chart's x
  std::string color{};      ///< CSS colour, e.g. "#1f77b4"; empty picks one from a palette
  bool dashed = false;      ///< drawn dashed (e.g. limits and thresholds)
  bool filled = false;      ///< area filled down to zero (stack by drawing cumulative sums,
                            ///< largest first); needs a "#rrggbb" colour
};

/// A line chart with a shared x axis. Every member has a default, so designated initializers
/// may name only the members they set.
struct Chart {
  std::string id{};              ///< HTML element id; empty gives "chart-<n>"
  std::string title{};           ///< shown above the chart
  std::string x_label{};         ///< x axis label with unit; time axes add "(UTC)"
  std::string y_label{};         ///< y axis label with unit, e.g. "power (MW)"
  bool x_is_time = false;        ///< x is seconds since 1970-01-01 UTC, shown as dates
  std::string time_zone{};       ///< IANA zone the time axis is shown in; empty: UTC
  std::vector<double> x{};       ///< non-decreasing, finite
  std::vector<Series> series{};  ///< the lines, drawn in order
};

/// Builds one HTML document in the order the parts are added.
class HtmlReport {
 public:
  /// `title` is the page title and top heading.
  explicit HtmlReport(std::string title);

  /// Adds a section heading (plain text, escaped).
  void add_heading(std::string text);
  /// Adds a paragraph (plain text, escaped).
  void add_paragraph(std::string text);
  /// Adds a table; every row has as many cells as `header` (plain text, escaped).
  /// Throws InputError on a ragged row.
  void add_table(std::vector<std::string> header, std::vector<std::vector<std::string>> rows);
  /// Adds a chart. Throws InputError if a series length differs from x, x is not finite and
  /// non-decreasing, or the id is already used.
  void add_chart(Chart chart);

  /// Number of charts added so far.
  std::size_t chart_count() const { return charts_; }
  /// The complete, self-contained HTML document.
  std::string render() const;

 private:
  struct Heading {
    std::string text;
  };
  struct Paragraph {
    std::string text;
  };
  struct Table {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
  };
  using Block = std::variant<Heading, Paragraph, Table, Chart>;

  std::string title_;
  std::vector<Block> blocks_;
  std::size_t charts_ = 0;
};

/// Escapes &, <, >, " and ' so that `text` is safe in HTML text and quoted attributes.
std::string escape_html(std::string_view text);

/// Chart as JSON for the page's script: {id, title, x_label, y_label, x_is_time, x,
/// series: [{label, y, color, dashed}]}; non-finite numbers become null.
void to_json(nlohmann::json& json, const Chart& chart);

/// Min/max decimation for long series: splits the points into `buckets` runs of consecutive
/// points and keeps two points a run, at the run's first and last x, carrying each series' min
/// and max of the run in the order they occur. Peaks survive; at most 2 * buckets points remain.
/// Returns the chart unchanged when it has no more points than that. Throws InputError if
/// `buckets` is 0.
Chart decimate(const Chart& chart, std::size_t buckets);

}  // namespace ballast::report
