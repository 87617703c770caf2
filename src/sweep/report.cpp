#include "ballast/sweep/report.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <regex>
#include <set>

#include "ballast/core/error.h"
#include "ballast/report/table.h"

namespace ballast::sweep {
namespace {

using Row = nlohmann::ordered_json;

std::vector<Row> read_rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("cannot read the sweep's table " + path);
  std::vector<Row> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(Row::parse(line));
  }
  return rows;
}

// Every column of the table, in the order first seen going down the rows.
std::vector<std::string> columns_of(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Row& r : rows) {
    for (const auto& [key, value] : r.items()) {
      if (seen.insert(key).second) out.push_back(key);
    }
  }
  return out;
}

std::string text_of(const Row& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) return fmt::format("{:g}", value.get<double>());
  return value.dump();
}

// The axis columns whose value is a number in every row and that take more than one value.
std::vector<std::string> numeric_axes(const SweepPlan& plan, const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const std::string& c : plan.axis_columns()) {
    std::set<double> values;
    bool numeric = !rows.empty();
    for (const Row& r : rows) {
      if (!r.contains(c) || !r[c].is_number()) {
        numeric = false;
        break;
      }
      values.insert(r[c].get<double>());
    }
    if (numeric && values.size() > 1) out.push_back(c);
  }
  return out;
}

// The distinct values of column `c`, ascending.
std::vector<double> levels(const std::vector<Row>& rows, const std::string& c) {
  std::set<double> s;
  for (const Row& r : rows) s.insert(r[c].get<double>());
  return {s.begin(), s.end()};
}

std::string unit_of(const std::string& column) {
  for (const auto& [suffix, unit] : std::vector<std::pair<std::string, std::string>>{
           {"_mwh", "MWh"}, {"_mw", "MW"}, {"_pct", "%"}, {"_h", "h"}}) {
    if (column.size() > suffix.size() &&
        column.compare(column.size() - suffix.size(), suffix.size(), suffix) == 0) {
      return unit;
    }
  }
  return "";
}

// "headroom at 0.5 % curtailment" for headroom's results.K.headroom_mw; else the column.
std::string label_of(const std::string& value, const std::vector<Row>& rows) {
  static const std::regex kHeadroom(R"(results\.(\d+)\.headroom_mw)");
  std::smatch m;
  if (std::regex_match(value, m, kHeadroom)) {
    const std::string limit = "results." + m[1].str() + ".curtailment_limit_pct";
    for (const Row& r : rows) {
      if (r.contains(limit)) return "headroom at " + text_of(r[limit]) + " % curtailment";
    }
  }
  return value;
}

// The last column of each axis that holds neither heatmap column (a plain axis's field, a
// formatted axis's text): the heatmaps are made once per combination of these.
std::vector<std::string> group_columns(const SweepPlan& plan, const std::string& x,
                                       const std::string& y) {
  std::vector<std::string> out;
  for (const Axis& a : plan.spec().axes) {
    const bool holds = std::find(a.columns.begin(), a.columns.end(), x) != a.columns.end() ||
                       std::find(a.columns.begin(), a.columns.end(), y) != a.columns.end();
    if (!holds && !a.columns.empty()) out.push_back(a.columns.back());
  }
  return out;
}

// The failed cases grouped by their message: how many, and the first few cases' axis values.
void add_failures(report::HtmlReport& page, const SweepPlan& plan, const std::vector<Row>& rows) {
  std::vector<std::string> order;
  std::map<std::string, std::pair<std::size_t, std::vector<std::string>>> by_error;
  for (const Row& r : rows) {
    if (r.value("status", "") == "ok") continue;
    const std::string error = r.value("error", "");
    auto [it, added] = by_error.try_emplace(error);
    if (added) order.push_back(error);
    if (++it->second.first > 3) continue;
    std::vector<std::string> parts;
    for (const std::string& c : plan.axis_columns()) {
      parts.push_back(c + " " + text_of(r.value(c, Row())));
    }
    it->second.second.push_back(
        fmt::format("case {}: {}", text_of(r["case"]), fmt::join(parts, ", ")));
  }
  if (order.empty()) return;
  std::vector<std::vector<std::string>> table;
  for (const std::string& e : order) {
    const auto& [count, examples] = by_error[e];
    table.push_back({e, report::number(static_cast<double>(count)),
                     fmt::format("{}{}", fmt::join(examples, "; "), count > 3 ? "; ..." : "")});
  }
  page.add_heading("Failed cases");
  page.add_table({"error", "cases", "for example"}, std::move(table));
}

void add_heatmaps(report::HtmlReport& page, const SweepPlan& plan, const std::vector<Row>& rows,
                  const std::vector<std::string>& values, const std::string& x,
                  const std::string& y) {
  const std::vector<double> xs = levels(rows, x), ys = levels(rows, y);
  const std::vector<std::string> groups = group_columns(plan, x, y);
  for (const std::string& value : values) {
    // One heatmap per combination of the other axes, in the order the cases run.
    std::vector<std::string> choices;
    std::map<std::string, report::Heatmap> maps;
    for (const Row& r : rows) {
      std::vector<std::string> parts;
      for (const std::string& g : groups) parts.push_back(g + " " + text_of(r.value(g, Row())));
      const std::string choice = fmt::format("{}", fmt::join(parts, ", "));
      auto [it, added] = maps.try_emplace(choice);
      report::Heatmap& h = it->second;
      if (added) {
        choices.push_back(choice);
        h.title = label_of(value, rows) + (choice.empty() ? "" : " — " + choice);
        h.row_label = x;
        h.column_label = y;
        h.unit = unit_of(value);
        for (double v : xs) h.rows.push_back(text_of(Row(v)));
        for (double v : ys) h.columns.push_back(text_of(Row(v)));
        h.z.assign(xs.size(),
                   std::vector<double>(ys.size(), std::numeric_limits<double>::quiet_NaN()));
        h.group = groups.empty() ? "" : label_of(value, rows);
        h.choice = choice;
      }
      if (r.value("status", "") != "ok" || !r.contains(value) || !r[value].is_number()) continue;
      const auto i = std::lower_bound(xs.begin(), xs.end(), r[x].get<double>()) - xs.begin();
      const auto j = std::lower_bound(ys.begin(), ys.end(), r[y].get<double>()) - ys.begin();
      h.z[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = r[value].get<double>();
    }
    page.add_heading(label_of(value, rows) +
                     (unit_of(value).empty() ? "" : " (" + unit_of(value) + ")"));
    for (const std::string& c : choices) page.add_heatmap(std::move(maps[c]));
  }
}

// Fewer than two numeric axes: the values as a table, one row per case.
void add_value_table(report::HtmlReport& page, const SweepPlan& plan, const std::vector<Row>& rows,
                     const std::vector<std::string>& values) {
  std::vector<std::string> header = {"case"};
  for (const std::string& c : plan.axis_columns()) header.push_back(c);
  for (const std::string& v : values) header.push_back(label_of(v, rows));
  std::vector<std::vector<std::string>> table;
  for (const Row& r : rows) {
    if (table.size() == 1000) break;
    std::vector<std::string> cells = {text_of(r["case"])};
    for (const std::string& c : plan.axis_columns()) cells.push_back(text_of(r.value(c, Row())));
    for (const std::string& v : values) {
      cells.push_back(r.contains(v) && r[v].is_number() ? report::number(r[v].get<double>(), 2)
                                                        : "");
    }
    table.push_back(std::move(cells));
  }
  page.add_heading(rows.size() > 1000 ? "The first 1,000 cases" : "Cases");
  page.add_table(std::move(header), std::move(table));
}

}  // namespace

std::vector<std::string> default_report_values(const std::string& study,
                                               const std::vector<std::string>& columns) {
  static const std::regex kHeadroom(R"(results\.\d+\.headroom_mw)");
  std::vector<std::string> out;
  for (const std::string& c : columns) {
    if ((study == "headroom" && std::regex_match(c, kHeadroom)) ||
        (study == "dispatch" && (c == "thermal.peak_mw" || c == "cost"))) {
      out.push_back(c);
    }
  }
  return out;
}

report::HtmlReport sweep_report(const SweepPlan& plan, const std::string& jsonl_path,
                                const std::vector<std::string>& asked) {
  const std::vector<Row> rows = read_rows(jsonl_path);
  const std::vector<std::string> columns = columns_of(rows);
  for (const std::string& v : asked) {
    if (std::find(columns.begin(), columns.end(), v) == columns.end()) {
      throw InputError(
          fmt::format("--report-value '{}': the table has no such column (see the "
                      "header of {})",
                      v, jsonl_path.substr(0, jsonl_path.size() - 6) + ".csv"));
    }
  }
  const std::vector<std::string> values =
      asked.empty() ? default_report_values(plan.spec().study, columns) : asked;
  const auto failed = std::count_if(rows.begin(), rows.end(),
                                    [](const Row& r) { return r.value("status", "") != "ok"; });
  report::HtmlReport page("ballast sweep: " + plan.spec().study);
  std::vector<std::string> axes;
  for (const Axis& a : plan.spec().axes) {
    axes.push_back(fmt::format("{} ({} values)", a.field, a.points.size()));
  }
  page.add_paragraph(fmt::format("{} cases of {} in the table, {} failed; axes: {}.", rows.size(),
                                 plan.spec().study, failed, fmt::join(axes, ", ")));
  const std::vector<std::string> numeric = numeric_axes(plan, rows);
  if (values.empty()) {
  } else if (numeric.size() >= 2) {
    add_heatmaps(page, plan, rows, values, numeric[numeric.size() - 2], numeric.back());
  } else {
    add_value_table(page, plan, rows, values);
  }
  add_failures(page, plan, rows);
  return page;
}

}  // namespace ballast::sweep
