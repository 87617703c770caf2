#pragma once
/// @file Self-contained interactive HTML reports: headings, text, tables and uPlot line charts.
/// The chart library is inlined, so a report opens offline and loads nothing from the network.

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ballast {
class TimeZone;
}

namespace ballast::report {

/// One line on a chart: a y value per x of its chart; NaN leaves a gap.
struct Series {
  std::string label{};      ///< legend text
  std::vector<double> y{};  ///< same length as the chart's x
  std::string color{};      ///< CSS colour, e.g. "#1f77b4"; empty picks one from a palette
  bool dashed = false;      ///< drawn dashed (e.g. limits and thresholds)
  bool filled = false;      ///< area filled down to zero (stack by drawing cumulative sums,
                            ///< largest first); needs a "#rrggbb" colour
  bool bars = false;        ///< drawn as bars centred on each x (e.g. one bar a year)
  bool hidden = false;      ///< starts switched off; its legend entry switches it on
  bool stacked = false;     ///< one layer of the chart's stack: y holds the layer's own values,
                            ///< the page stacks the layers in order (the first at the bottom)
                            ///< and restacks them when one is switched off in the legend
};

/// A line chart with a shared x axis. Every member has a default, so designated initializers
/// may name only the members they set.
struct Chart {
  std::string id{};              ///< HTML element id; empty gives "chart-<n>"
  std::string title{};           ///< shown above the chart
  std::string x_label{};         ///< x axis label with unit; time axes add the zone and its UTC
                                 ///< offset, e.g. "(Asia/Taipei, UTC+08:00)"
  std::string y_label{};         ///< y axis label with unit, e.g. "power (MW)"
  bool x_is_time = false;        ///< x is seconds since 1970-01-01 UTC, shown as dates
  std::string time_zone{};       ///< IANA zone the time axis is shown in; empty: UTC
  std::vector<double> x{};       ///< non-decreasing, finite
  std::vector<Series> series{};  ///< the lines, drawn in order
  std::string group{};           ///< charts and heatmaps of a group are shown one choice at a
                                 ///< time, picked with a selector above the group's first part
  std::string choice{};          ///< this chart's choice in its group's selector (e.g. "1 %")
};

/// A table of colours: one cell per row and column, shaded from white (the least value) to a
/// dark colour (the greatest), the value in each cell. NaN cells stay blank.
struct Heatmap {
  std::string id{};                      ///< HTML element id; empty gives "heatmap-<n>"
  std::string title{};                   ///< shown above the table
  std::string row_label{};               ///< what rows are, e.g. "month"
  std::string column_label{};            ///< what columns are, e.g. "hour (Asia/Taipei)"
  std::string unit{};                    ///< unit of the values, e.g. "MWh"
  std::vector<std::string> rows{};       ///< row names
  std::vector<std::string> columns{};    ///< column names
  std::vector<std::vector<double>> z{};  ///< z[row][column]
  int decimals = 0;                      ///< digits shown in each cell
  std::string group{};                   ///< as Chart::group
  std::string choice{};                  ///< as Chart::choice
};

/// A table cell. A cell showing a number of the study's JSON names it by JSON pointer (RFC 6901,
/// e.g. "/storage/0/energy_in_mwh") into the report's data block, with the factor the shown
/// value carries (100 for a fraction shown in percent); the page then says where the number
/// comes from and a test checks that the two agree.
struct Cell {
  std::string text{};  ///< shown text (escaped)
  std::string key{};   ///< JSON pointer into the data block; empty: not bound
  double scale = 1.0;  ///< shown value = JSON value * scale
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
  /// Adds a table whose cells may be bound to numbers of the data block (see Cell).
  void add_cells(std::vector<std::string> header, std::vector<std::vector<Cell>> rows);
  /// Adds a chart. Throws InputError if a series length differs from x, x is not finite and
  /// non-decreasing, or the id is already used.
  void add_chart(Chart chart);
  /// Adds a heatmap. Throws InputError if z is not rows x columns.
  void add_heatmap(Heatmap heatmap);

  /// Embeds the study's JSON result as a data block (<script type="application/json"
  /// id="ballast-data">), so that the page carries the numbers it shows in machine-readable form.
  void set_data(const nlohmann::ordered_json& data);

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
    std::vector<std::vector<Cell>> rows;
  };
  using Block = std::variant<Heading, Paragraph, Table, Chart, Heatmap>;

  std::string title_;
  std::vector<Block> blocks_;
  std::size_t charts_ = 0;
  std::size_t heatmaps_ = 0;
  std::string data_{};  // the data block's JSON text, safe inside <script>
};

/// The IANA zone name a chart's time axis shows `zone` in: the zone's name, a whole-hour
/// fixed offset as Etc/GMT-N (POSIX sign: Etc/GMT+6 is UTC-6); other fixed offsets give ""
/// (UTC).
std::string chart_zone(const TimeZone& zone);

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
