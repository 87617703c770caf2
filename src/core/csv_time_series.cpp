#include "ballast/core/csv_time_series.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"

namespace ballast {
namespace {

struct Field {
  std::string_view text;
  int column = 1;  // 1-based character column where the field starts
};

struct Row {
  std::int64_t time_s = 0;
  double value = 0;
  int line = 0;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Splits one line on commas; a field wrapped in double quotes keeps its commas (RFC 4180,
// without doubled quotes inside, which no time series needs).
std::vector<Field> split(std::string_view line) {
  std::vector<Field> fields;
  std::size_t pos = 0;
  while (true) {
    std::size_t end = pos;
    bool quoted = false;
    while (end < line.size() && (quoted || line[end] != ',')) {
      if (line[end] == '"') quoted = !quoted;
      ++end;
    }
    const std::string_view raw = line.substr(pos, end - pos);
    const std::size_t lead = std::min(raw.find_first_not_of(" \t"), raw.size());
    std::string_view text = trim(raw);
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"') {
      text = text.substr(1, text.size() - 2);
    }
    fields.push_back({text, static_cast<int>(pos + lead) + 1});
    if (end >= line.size()) break;
    pos = end + 1;
  }
  return fields;
}

std::optional<double> parse_number(std::string_view s) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && s.front() == '-') return std::nullopt;  // "+-5" is not a number
  }
  double value = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return value;
}

std::string describe_step(std::int64_t s) {
  if (s % 3600 == 0) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& source, const CsvReadOptions& options)
      : text_(text), source_(source), options_(options) {}

  CsvSeries parse() {
    if (text_.size() >= 3 && text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    std::string_view line;
    if (!next_line(line))
      fail(
          "the file is empty; expected a header row such as "
          "'time,demand_mw' and at least two data rows",
          1, 1);
    read_header(line);
    while (next_line(line)) read_row(line);
    if (rows_.size() < 2) {
      fail(fmt::format("found {} data row(s); a time series needs at least two to know its step",
                       rows_.size()),
           line_, 1);
    }
    return build();
  }

 private:
  [[noreturn]] void fail(const std::string& what, int line, int column) const {
    throw InputError(what, {source_, line, column});
  }

  // Returns the next non-blank line without its line ending; tracks its 1-based number.
  bool next_line(std::string_view& out) {
    while (pos_ < text_.size()) {
      const std::size_t nl = text_.find('\n', pos_);
      const std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
      out = text_.substr(pos_, end - pos_);
      if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
      pos_ = end + 1;
      ++line_;
      if (!trim(out).empty()) return true;
    }
    return false;
  }

  void read_header(std::string_view line) {
    const std::vector<Field> header = split(line);
    header_line_ = line_;
    if (header.size() < 2) {
      fail(
          "the header has one column; expected a time column and a value column, e.g. "
          "'time,demand_mw'",
          line_, 1);
    }
    if (parse_timestamp(header[0].text)) {
      fail("the first row is data, not a header; add a header row such as 'time,demand_mw'", line_,
           1);
    }
    for (const Field& f : header) names_.emplace_back(f.text);
    if (!options_.column.empty()) {
      const auto it = std::find(names_.begin() + 1, names_.end(), options_.column);
      if (it == names_.end()) {
        fail(fmt::format("no column named '{}'; the value columns are: {}", options_.column,
                         fmt::join(names_.begin() + 1, names_.end(), ", ")),
             line_, 1);
      }
      value_col_ = static_cast<std::size_t>(it - names_.begin());
    } else if (const auto it = std::find(names_.begin() + 1, names_.end(), "demand_mw");
               it != names_.end()) {
      value_col_ = static_cast<std::size_t>(it - names_.begin());
    } else if (names_.size() == 2) {
      value_col_ = 1;
    }  // else: chosen from the first data row (the only numeric column)
  }

  void choose_column(const std::vector<Field>& fields) {
    std::vector<std::size_t> numeric;
    // Only columns the header names can be chosen (a row may have more fields than the header).
    for (std::size_t i = 1; i < std::min(fields.size(), names_.size()); ++i) {
      if (parse_number(fields[i].text)) numeric.push_back(i);
    }
    if (numeric.size() != 1) {
      fail(fmt::format("cannot tell which column holds the values ({} numeric columns); choose "
                       "one with --column NAME from: {}",
                       numeric.size(), fmt::join(names_.begin() + 1, names_.end(), ", ")),
           header_line_, 1);
    }
    value_col_ = numeric[0];
  }

  void read_row(std::string_view line) {
    const std::vector<Field> fields = split(line);
    if (value_col_ == 0) choose_column(fields);
    const std::optional<Timestamp> ts = parse_timestamp(fields[0].text);
    if (!ts) {
      fail(fmt::format("'{}' is not an ISO-8601 timestamp; write YYYY-MM-DD HH:MM[:SS] with "
                       "optional 'Z' or '+HH:MM' (whole seconds)",
                       fields[0].text),
           line_, fields[0].column);
    }
    if (rows_.empty()) offset_ = ts->offset_min;
    if (value_col_ >= fields.size()) {
      fail(fmt::format("the row has {} field(s) but column '{}' is field {}", fields.size(),
                       names_[value_col_], value_col_ + 1),
           line_, static_cast<int>(line.size()) + 1);
    }
    const Field& f = fields[value_col_];
    const std::string what = fmt::format("column '{}'", names_[value_col_]);
    if (f.text.empty()) {
      fail(what + " is empty; fill the value or remove the row and use --fill linear", line_,
           f.column);
    }
    const std::optional<double> v = parse_number(f.text);
    if (!v) fail(fmt::format("{}: '{}' is not a number", what, f.text), line_, f.column);
    if (std::isnan(*v)) {
      fail(what +
               " is NaN; replace it with a measured value or remove the row and use "
               "--fill linear",
           line_, f.column);
    }
    if (!std::isfinite(*v)) fail(what + " is infinite", line_, f.column);
    if (*v < 0 && !options_.allow_negative) {
      fail(fmt::format("{} is negative ({}); demand must be >= 0", what, f.text), line_, f.column);
    }
    rows_.push_back({ts->utc_s, *v, line_});
  }

  // The step is the most common difference between rows (the smaller one on a tie), so that
  // one off-grid row (e.g. 08:23 among 10-minute rows) is reported as an irregular step
  // instead of redefining the step for the whole file.
  std::int64_t detect_step() const {
    std::vector<std::int64_t> diffs;
    diffs.reserve(rows_.size() - 1);
    for (std::size_t i = 1; i < rows_.size(); ++i) {
      const std::int64_t d = rows_[i].time_s - rows_[i - 1].time_s;
      if (d == 0) {
        fail(fmt::format("duplicate timestamp: same instant as line {}; remove one of the rows",
                         rows_[i - 1].line),
             rows_[i].line, 1);
      }
      if (d < 0) {
        fail(fmt::format("timestamps are not sorted: this row is earlier than line {}; sort the "
                         "file by time",
                         rows_[i - 1].line),
             rows_[i].line, 1);
      }
      diffs.push_back(d);
    }
    std::sort(diffs.begin(), diffs.end());
    std::int64_t step = 0;
    std::size_t best = 0;
    for (std::size_t i = 0; i < diffs.size();) {
      std::size_t j = i;
      while (j < diffs.size() && diffs[j] == diffs[i]) ++j;
      if (j - i > best) {
        best = j - i;
        step = diffs[i];
      }
      i = j;
    }
    if (step < kMinStepS || step > kMaxStepS) {
      std::size_t i = 1;  // the first row that is one step after the previous one
      while (rows_[i].time_s - rows_[i - 1].time_s != step) ++i;
      fail(fmt::format("the time step is {}; ballast reads steps from 1 s to 1 h",
                       describe_step(step)),
           rows_[i].line, 1);
    }
    return step;
  }

  CsvSeries build() {
    CsvSeries out;
    const std::int64_t step = detect_step();
    TimeSeries& s = out.series;
    s.step_s = step;
    s.start_s = rows_[0].time_s - (options_.label == TimeLabel::kEnd ? step : 0);
    s.name = names_[value_col_];
    s.unit = "MW";
    s.values.reserve(rows_.size());
    s.values.push_back(rows_[0].value);
    for (std::size_t i = 1; i < rows_.size(); ++i) {
      const std::int64_t d = rows_[i].time_s - rows_[i - 1].time_s;
      if (d % step != 0) {
        fail(fmt::format("irregular time step: {} after line {}, but the step is {}; resample "
                         "to a fixed step",
                         describe_step(d), rows_[i - 1].line, describe_step(step)),
             rows_[i].line, 1);
      }
      const std::int64_t missing = d / step - 1;
      if (missing > 0) {
        if (options_.fill == FillMode::kNone) {
          fail(fmt::format("gap: {} interval(s) missing between line {} and this row (first "
                           "missing: {}); fix the file or pass --fill linear",
                           missing, rows_[i - 1].line,
                           format_timestamp(rows_[i - 1].time_s + step, offset_.value_or(0))),
               rows_[i].line, 1);
        }
        // A fill larger than the measured data is almost always a mistyped timestamp, and
        // would allocate without bound (a year typed 2912 for 2021 is 5 * 10^7 10-min steps).
        if (out.filled + static_cast<std::size_t>(missing) > rows_.size()) {
          fail(fmt::format("gap: {} interval(s) missing between line {} and this row (first "
                           "missing: {}); --fill linear fills at most as many intervals as the "
                           "file has rows ({}); check this row's timestamp",
                           missing, rows_[i - 1].line,
                           format_timestamp(rows_[i - 1].time_s + step, offset_.value_or(0)),
                           rows_.size()),
               rows_[i].line, 1);
        }
        const double a = rows_[i - 1].value;
        const double b = rows_[i].value;
        for (std::int64_t k = 1; k <= missing; ++k) {
          const double w = static_cast<double>(k) / static_cast<double>(missing + 1);
          s.values.push_back(a + (b - a) * w);
        }
        out.filled += static_cast<std::size_t>(missing);
      }
      s.values.push_back(rows_[i].value);
    }
    out.utc_offset_min = offset_;
    out.first_row_line = static_cast<std::size_t>(rows_[0].line);
    return out;
  }

  std::string_view text_;
  const std::string& source_;
  const CsvReadOptions& options_;
  std::size_t pos_ = 0;
  int line_ = 0;
  int header_line_ = 0;
  std::vector<std::string> names_;
  std::size_t value_col_ = 0;  // 0 = not chosen yet (column 0 is always time)
  std::optional<int> offset_;
  std::vector<Row> rows_;
};

}  // namespace

CsvSeries parse_time_series_csv(std::string_view text, const std::string& source,
                                const CsvReadOptions& options) {
  return Parser(text, source, options).parse();
}

CsvSeries read_time_series_csv(const std::string& path, const CsvReadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file; check the path given to --load", {path});
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_time_series_csv(buffer.str(), path, options);
}

}  // namespace ballast
