#include "ballast/core/csv_time_series.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/timestamp.h"
#include "csv_fields.h"

namespace ballast {
namespace {

using csv::Field;
using csv::trim;

// The largest value and the largest magnitude (kept in registers here: in the caller, which
// passes them on by reference, they were kept in memory, a store and a load per value).
[[gnu::noinline]] std::pair<double, double> peak_and_largest_magnitude(
    const std::vector<double>& values) {
  double peak = values[0];
  double largest = 0;
  for (const double v : values) {
    peak = std::max(peak, v);
    largest = std::max(largest, std::abs(v));
  }
  return {peak, largest};
}

std::string describe_step(std::int64_t s) {
  if (s % 3600 == 0) return fmt::format("{} h", s / 3600);
  if (s % 60 == 0) return fmt::format("{} min", s / 60);
  return fmt::format("{} s", s);
}

// A clock reading as written, without an offset: "2023-03-12T02:00:00".
std::string clock_text(std::int64_t clock_s) {
  std::string s = format_timestamp(clock_s, 0);
  s.pop_back();  // the "Z": this reading has no stated offset
  return s;
}

const char* delimiter_name(char d) { return d == ';' ? "';'" : d == '\t' ? "tab" : "','"; }

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
    delim_ = options_.delimiter != 0 ? options_.delimiter : csv::detect_delimiter(line);
    read_header(line);
    decide_decimal_mark();
    order_ = options_.date_order;
    if (order_ == DateOrder::kAuto) settle_date_order();
    settle_plain_rows();
    // Room for every row of the common shape (22 bytes or more with its line end), without a
    // pass counting lines first; a file of shorter rows grows the vectors.
    // The values first: they become the series, and the times above them, freed after the
    // read, leave no hole below it.
    const std::size_t rows = (text_.size() - std::min(pos_, text_.size())) / 22 + 1;
    values_.reserve(rows);
    times_.reserve(rows);
    data_pos_ = pos_;
    while (true) {
      if (plain_rows_ && read_whole_row_here()) continue;
      if (!next_line(line)) break;
      if (!read_plain_row(line)) read_row(line);
    }
    if (times_.size() < 2) {
      fail(fmt::format("found {} data row(s); a time series needs at least two to know its step",
                       times_.size()),
           line_, 1);
    }
    return build();
  }

 private:
  [[noreturn]] void fail(const std::string& what, int line, int column) const {
    throw InputError(what, {source_, line, column});
  }

  // Returns the next non-blank line without its line ending; tracks its 1-based number.
  bool next_line(std::string_view& out) { return next_line_from(pos_, line_, out); }

  // The next non-blank line from `pos` (then just after it), `line` its 1-based number.
  [[gnu::always_inline]] bool next_line_from(std::size_t& pos, int& line,
                                             std::string_view& out) const {
    while (pos < text_.size()) {
      const std::size_t nl = text_.find('\n', pos);
      const std::size_t end = nl == std::string_view::npos ? text_.size() : nl;
      out = text_.substr(pos, end - pos);
      if (!out.empty() && out.back() == '\r') out.remove_suffix(1);
      pos = end + 1;
      ++line;
      if ((!out.empty() && out.front() != ' ' && out.front() != '\t') || !trim(out).empty()) {
        return true;
      }
    }
    return false;
  }

  // A row as read: its instant and value, and its clock reading where that differs from the
  // instant (a local clock or a written offset).
  [[gnu::always_inline]] void add_row(std::int64_t utc, std::int64_t clock_s, double value) {
    if (clock_s != utc || !clock_minus_utc_.empty()) [[unlikely]] {
      clock_minus_utc_.resize(times_.size());
      clock_minus_utc_.push_back(static_cast<std::int32_t>(clock_s - utc));
    }
    times_.push_back(utc);
    values_.push_back(value);
  }

  // Row i's clock reading as written.
  std::int64_t clock_of_row(std::size_t i) const {
    return times_[i] + (clock_minus_utc_.empty() ? 0 : clock_minus_utc_[i]);
  }

  // Row i's line and the column its value starts at, for a message: found by reading the
  // lines after the header again (each is one row; no row is kept with its place).
  std::pair<int, int> place_of_row(std::size_t i) const {
    std::size_t pos = data_pos_;
    int line = header_line_;
    std::string_view text;
    for (std::size_t k = 0; k <= i; ++k) next_line_from(pos, line, text);
    std::vector<Field> fields;
    csv::split(text, delim_, fields);
    return {line, value_col_ < fields.size() ? fields[value_col_].column : 1};
  }
  int line_of_row(std::size_t i) const { return place_of_row(i).first; }

  void read_header(std::string_view line) {
    std::vector<Field> header;
    csv::split(line, delim_, header);
    header_line_ = line_;
    if (header.size() < 2) {
      fail(options_.delimiter != 0
               ? fmt::format("the header has one column when split on {}; check --delimiter",
                             delimiter_name(delim_))
               : std::string("the header has one column; expected a time column and a value "
                             "column separated by ',', ';' or a tab, e.g. 'time,demand_mw'"),
           line_, 1);
    }
    if (parse_written_time(header[0].text) || csv::is_year_last_date(header[0].text)) {
      fail("the first row is data, not a header; add a header row such as 'time,demand_mw'", line_,
           1);
    }
    for (const Field& f : header) names_.emplace_back(f.text);
    bool ending = false;
    if (names_.size() >= 3 && csv::is_hour_column_name(names_[1], ending)) {
      time_cols_ = 2;
      hour_ending_ = ending;
    }
    utc_named_ = csv::names_utc(names_[0]);
    zone_ = options_.zone && !utc_named_ ? &*options_.zone : nullptr;
    const auto first_value = names_.begin() + static_cast<std::ptrdiff_t>(time_cols_);
    if (first_value == names_.end()) {
      fail("the header has a date and an hour column but no value column", line_, 1);
    }
    if (!options_.column.empty()) {
      const auto it = std::find(first_value, names_.end(), options_.column);
      if (it == names_.end()) {
        // Each name quoted and cut to 80 characters, and at most ten of them: a header is input.
        const auto count = static_cast<std::size_t>(names_.end() - first_value);
        std::string columns;
        for (std::size_t i = 0; i < std::min<std::size_t>(count, 10); ++i) {
          columns +=
              (i > 0 ? ", " : "") + quote_input(*(first_value + static_cast<std::ptrdiff_t>(i)));
        }
        if (count > 10) columns += fmt::format(", ... ({} in all)", count);
        fail(fmt::format("no column named {}; the value columns are: {}",
                         quote_input(options_.column), columns),
             line_, 1);
      }
      value_col_ = static_cast<std::size_t>(it - names_.begin());
    } else if (const auto it = std::find(first_value, names_.end(), "demand_mw");
               it != names_.end()) {
      value_col_ = static_cast<std::size_t>(it - names_.begin());
    } else if (names_.size() == time_cols_ + 1) {
      value_col_ = time_cols_;
    }  // else: chosen from the first data row (the only numeric column)
    if (!options_.unit.empty()) {
      const std::optional<csv::PowerUnit> u = csv::parse_power_unit(options_.unit);
      if (!u) {
        throw InputError(
            fmt::format("--unit {}: expected W, kW, MW or GW (power; values become MW)",
                        quote_input(options_.unit)));
      }
      unit_ = *u;
      unit_known_ = true;
      unit_from_option_ = true;
    }
  }

  void decide_decimal_mark() {
    switch (options_.decimal) {
      case DecimalMark::kPoint:
        decimal_ = '.';
        break;
      case DecimalMark::kComma:
        decimal_ = ',';
        if (delim_ == ',') {
          fail("--decimal comma with ',' between fields: quote the values or use ';'", line_, 1);
        }
        break;
      case DecimalMark::kAuto:
        decimal_ = delim_ == ',' ? '.' : 0;  // 0: the first value with a mark decides
        break;
    }
  }

  // A year-last date ("03/04/2023") is read month first or day first only when the file says
  // which: some date with a part above 12. Otherwise the reader refuses to guess.
  void settle_date_order() {
    const csv::DateOrderEvidence e =
        csv::date_order_evidence(text_.substr(std::min(pos_, text_.size())), line_, delim_);
    const int day_first_line = e.day_first_line, month_first_line = e.month_first_line;
    if (!e.year_last) return;
    if (day_first_line != 0 && month_first_line != 0) {
      fail(fmt::format("the dates mix orders: line {} has a day first, line {} a month first; "
                       "make the column one order",
                       day_first_line, month_first_line),
           month_first_line, 1);
    }
    if (day_first_line == 0 && month_first_line == 0) {
      fail(fmt::format("the dates (e.g. {}) read both as month/day/year (US) and as "
                       "day/month/year, and no date in the file has a part above 12 to settle "
                       "it; pass --time-format mdy or --time-format dmy",
                       quote_input(e.example)),
           line_ + 1, 1);
    }
    order_ = day_first_line != 0 ? DateOrder::kDayFirst : DateOrder::kMonthFirst;
    notes_.push_back(fmt::format("dates read as {} (line {} has a {} above 12)",
                                 order_ == DateOrder::kDayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY",
                                 std::max(day_first_line, month_first_line),
                                 order_ == DateOrder::kDayFirst ? "day" : "day in second place"));
  }

  void choose_column() {
    std::vector<std::size_t> numeric;
    // Only columns the header names can be chosen (a row may have more fields than the header).
    for (std::size_t i = time_cols_; i < std::min(fields_.size(), names_.size()); ++i) {
      if (parse_value(fields_[i].text)) numeric.push_back(i);
    }
    if (numeric.size() != 1) {
      fail(fmt::format("cannot tell which column holds the values ({} numeric columns); choose "
                       "one with --column NAME from: {}",
                       numeric.size(),
                       fmt::join(names_.begin() + static_cast<std::ptrdiff_t>(time_cols_),
                                 names_.end(), ", ")),
           header_line_, 1);
    }
    value_col_ = numeric[0];
  }

  std::optional<double> parse_value(std::string_view s) {
    if (decimal_ == '.') {
      if (auto v = csv::parse_plain_number(s)) return v;
      return csv::parse_grouped_number(s, '.');
    }
    if (decimal_ == 0) {
      const bool comma = s.find(',') != std::string_view::npos;
      if (!comma && s.find('.') == std::string_view::npos) return csv::parse_plain_number(s);
      decimal_ = comma ? ',' : '.';
      if (comma) notes_.push_back("values use ',' as the decimal mark");
    }
    return csv::parse_grouped_number(s, decimal_);
  }

  std::string time_format_help() const {
    return time_cols_ == 2
               ? std::string(
                     "a date (YYYY-MM-DD, or MM/DD/YYYY with --time-format) and an hour "
                     "(1-24 or HH:MM)")
               : std::string(
                     "an ISO-8601 timestamp; write YYYY-MM-DD HH:MM[:SS] with optional "
                     "'Z' or '+HH:MM' (whole seconds), or MM/DD/YYYY HH:MM with "
                     "--time-format mdy|dmy");
  }

  std::optional<WrittenTime> parse_time(std::string_view s) {
    if (s.size() >= 5 && s[4] == '-') {
      // Hourly or finer rows repeat their date: "YYYY-MM-DD HH:MM:SS" with the previous row's
      // date needs only its clock read (the speed of reading long records).
      if (s.size() == 19 && date_cached_ && s.compare(0, 10, last_date_) == 0) {
        if (const int tod = clock_of_day(s); tod >= 0) {
          WrittenTime w;
          w.has_time = true;
          w.clock_s = last_day_s_ + tod;
          return w;
        }
      }
      std::optional<WrittenTime> w = parse_written_time(s);
      if (w && s.size() == 19 && !w->offset_min && clock_of_day(s) >= 0) {
        last_date_.assign(s.substr(0, 10));
        last_day_s_ = w->clock_s - clock_of_day(s);
        date_cached_ = true;
      }
      return w;
    }
    if (order_ == DateOrder::kAuto) return std::nullopt;
    return csv::parse_ordered_date(s, order_);
  }

  // "HH:MM:SS" at positions 11-18 after a ' ' or 'T', within one day: seconds into the day;
  // -1 for any other text. (A plain int: GCC returns std::optional<int> through memory, in two
  // stores read back as one load, which stalled every row of a long record.)
  static int clock_of_day(std::string_view s) {
    if ((s[10] != ' ' && s[10] != 'T') || s[13] != ':' || s[16] != ':') return -1;
    const auto digit = [&](std::size_t i) { return static_cast<unsigned>(s[i] - '0'); };
    for (std::size_t i : {11, 12, 14, 15, 17, 18}) {
      if (digit(i) > 9) return -1;
    }
    const unsigned hh = digit(11) * 10 + digit(12);
    const unsigned mm = digit(14) * 10 + digit(15);
    const unsigned ss = digit(17) * 10 + digit(18);
    if (hh > 23 || mm > 59 || ss > 59) return -1;
    return static_cast<int>(hh * 3600 + mm * 60 + ss);
  }

  // Local clock seconds -> UTC in the zone; a repeated reading is the second occurrence once
  // the first has been read.
  std::int64_t resolve_local(std::int64_t clock_s, const Field& f) {
    const TimeZone::LocalResolution r = zone_->resolve(clock_s);
    switch (r.kind) {
      case TimeZone::LocalKind::kUnique:
        return r.first_utc_s;
      case TimeZone::LocalKind::kRepeated:
        if (!times_.empty() && times_.back() >= r.first_utc_s) {
          ++repeated_;
          return r.second_utc_s;
        }
        return r.first_utc_s;
      case TimeZone::LocalKind::kSkipped:
        break;
    }
    fail(fmt::format("{} is not a time in {}: the clocks jumped over it when daylight saving "
                     "time began ({} local is {}). Check --timezone: a file kept in standard "
                     "time all year needs a fixed offset such as --timezone {}",
                     quote_input(f.text), zone_->name(), clock_text(clock_s),
                     format_timestamp(r.transition_utc_s, zone_->offset_min(r.transition_utc_s)),
                     fixed_zone_name(zone_->standard_offset_min())),
         line_, f.column);
  }

  // The shape of nearly every row of a long record, "YYYY-MM-DD HH:MM:SS,95072.0": a time
  // without an offset or a zone, ',' and one plain finite number, nothing else on the line.
  // Read without splitting, to the same row read_row makes of it; returns false, having read
  // nothing, for any other line (read_row then reads it, and reports what is wrong).
  bool read_plain_row(std::string_view line) {
    if (!plain_rows_ || line.size() < 21 || line[19] != ',') return false;
    const std::optional<std::int64_t> clock_s = plain_clock(line.substr(0, 19));
    double v = 0;
    const std::string_view number = line.substr(20);
    if (!clock_s || (whole_prefix(number, v) != number.size() &&
                     (!csv::parse_plain_number(number, v) || !std::isfinite(v) ||
                      (v < 0 && !options_.allow_negative)))) {
      return false;
    }
    add_row(*clock_s, *clock_s, v);
    return true;
  }

  // read_plain_row of the line at pos_ when its number is whole (nearly every row): the line
  // ends where the number does, so it is read without first searching for its end. False,
  // having read nothing, for any other line.
  bool read_whole_row_here() {
    if (pos_ + 21 > text_.size()) return false;  // (pos_ is one past the end after a last line)
    const std::string_view rest = text_.substr(pos_);
    if (rest[19] != ',') return false;
    double v = 0;
    const std::size_t end = 20 + whole_prefix(rest.substr(20), v);
    std::size_t next = end + 1;  // where the next line starts
    if (end == 20) return false;
    if (end == rest.size()) {
      next = end;
    } else if (rest[end] == '\r' && end + 1 < rest.size()) {
      if (rest[end + 1] != '\n') return false;
      ++next;
    } else if (rest[end] != '\n' && rest[end] != '\r') {
      return false;
    }
    const std::optional<std::int64_t> clock_s = plain_clock(rest.substr(0, 19));
    if (!clock_s) return false;
    add_row(*clock_s, *clock_s, v);
    pos_ += next;
    ++line_;
    return true;
  }

  // The clock of a plain row's time, "YYYY-MM-DD HH:MM:SS" without an offset; nullopt for any
  // other text.
  std::optional<std::int64_t> plain_clock(std::string_view t) {
    if (date_cached_ && t.compare(0, 10, last_date_) == 0) {
      if (const int tod = clock_of_day(t); tod >= 0) {
        return last_day_s_ + tod;  // the common case, without a WrittenTime in between
      }
    }
    const std::optional<WrittenTime> w = parse_time(t);
    if (!w || w->offset_min || !w->has_time) return std::nullopt;
    return w->clock_s;
  }

  // The length of the whole number that `s` starts with as most records write it ("95072",
  // "95072.0"), read in one short loop into `v` (the double csv::parse_plain_number gives, exact
  // below 10^15); 0 when `s` starts otherwise.
  static std::size_t whole_prefix(std::string_view s, double& v) {
    std::uint64_t m = 0;
    std::size_t i = 0;
    for (; i < s.size() && i < 15; ++i) {
      const auto d = static_cast<unsigned>(s[i] - '0');
      if (d > 9) break;
      m = m * 10 + d;
    }
    if (i == 0) return 0;
    if (i < s.size() && s[i] == '.') {
      for (++i; i < s.size() && s[i] == '0';) ++i;
    }
    v = static_cast<double>(m);
    return i;
  }

  // Whether read_plain_row may read rows: the header is "time,value" split on ',', with '.'
  // as the decimal mark and no zone to resolve offset-less times in.
  void settle_plain_rows() {
    plain_rows_ = delim_ == ',' && decimal_ == '.' && time_cols_ == 1 && names_.size() == 2 &&
                  value_col_ == 1 && zone_ == nullptr;
  }

  void read_row(std::string_view line) {
    csv::split(line, delim_, fields_);
    if (value_col_ == 0) {
      choose_column();
      settle_plain_rows();
    }
    if (fields_.size() < time_cols_) {
      fail(fmt::format("the row has {} field(s); expected {}", fields_.size(), time_format_help()),
           line_, 1);
    }
    const Field& tf = fields_[0];
    std::optional<WrittenTime> w = parse_time(tf.text);
    if (time_cols_ == 2) {
      const std::optional<int> hour = csv::parse_hour_of_day(fields_[1].text);
      if (w && !w->has_time && hour) {
        w->clock_s += *hour;
      } else {
        w.reset();
      }
    }
    if (!w) {
      fail(fmt::format("{} is not {}",
                       quote_input(time_cols_ == 2 ? fmt::format("{} {}", tf.text, fields_[1].text)
                                                   : std::string(tf.text)),
                       time_format_help()),
           line_, tf.column);
    }
    if (times_.empty()) offset_ = w->offset_min;
    std::int64_t utc = w->clock_s;
    if (w->offset_min) {
      utc -= std::int64_t{*w->offset_min} * 60;
      any_offset_ = true;
    } else if (zone_ != nullptr) {
      utc = resolve_local(w->clock_s, tf);
      local_ = true;
    }
    if (value_col_ >= fields_.size()) {
      fail(fmt::format("the row has {} field(s) but column {} is field {}", fields_.size(),
                       quote_input(names_[value_col_]), value_col_ + 1),
           line_, static_cast<int>(line.size()) + 1);
    }
    const Field& f = fields_[value_col_];
    if (f.text.empty()) {
      fail(fmt::format("column {} is empty: the value at this time is missing; get it from the "
                       "source (--fill linear would interpolate a removed row)",
                       quote_input(names_[value_col_])),
           line_, f.column);
    }
    const std::optional<double> v = parse_value(f.text);
    if (!v) fail(not_a_number(f.text), line_, f.column);
    if (std::isnan(*v)) {
      fail(fmt::format("column {} is NaN: the value at this time is missing; get it from the "
                       "source",
                       quote_input(names_[value_col_])),
           line_, f.column);
    }
    if (!std::isfinite(*v))
      fail(fmt::format("column {} is infinite", quote_input(names_[value_col_])), line_, f.column);
    if (*v < 0 && !options_.allow_negative) {
      fail(fmt::format("column {} is negative ({}); demand must be >= 0",
                       quote_input(names_[value_col_]), *v),
           line_, f.column);
    }
    add_row(utc, w->clock_s, *v);
  }

  std::string not_a_number(std::string_view text) const {
    std::string hint;
    const char other = decimal_ == ',' ? '.' : ',';
    if (text.find(other) != std::string_view::npos) {
      hint = decimal_ == ','
                 ? " (read with ',' as the decimal mark; pass --decimal point if '.' is)"
                 : " (read with '.' as the decimal mark and ',' grouping thousands in threes; "
                   "pass --decimal comma if ',' is the decimal mark)";
    }
    return fmt::format("column {}: {} is not a number{}", quote_input(names_[value_col_]),
                       quote_input(text), hint);
  }

  // Where a row's time came from, for messages about duplicates and gaps.
  bool naive_unzoned() const { return !any_offset_ && !local_ && !utc_named_; }

  [[noreturn]] void fail_duplicate(std::size_t i) const {
    std::string what =
        fmt::format("duplicate timestamp: same instant as line {}", line_of_row(i - 1));
    if (naive_unzoned()) {
      what +=
          ". If the file is on a local clock with daylight saving time, this is the hour the "
          "clocks repeat when they go back: pass --timezone AREA/CITY (e.g. America/Chicago) and "
          "the second reading counts as the second hour. Otherwise the file has two rows for one "
          "time: check where it came from";
    } else if (local_) {
      what += fmt::format(
          " ({} in {}, which the clock shows once); the file has two rows for one time: check "
          "where it came from",
          clock_text(clock_of_row(i)), zone_->name());
    } else {
      what += "; the file has two rows for one time: check where it came from";
    }
    fail(what, line_of_row(i), 1);
  }

  [[noreturn]] void fail_gap(std::size_t i, std::int64_t missing, std::int64_t step,
                             const std::string& extra) const {
    const std::int64_t first_missing = times_[i - 1] + step;
    std::string when;
    if (naive_unzoned()) {
      when = clock_text(clock_of_row(i - 1) + step) + " as written, without an offset: read as UTC";
    } else if (local_) {
      when = format_timestamp(first_missing, zone_->offset_min(first_missing));
    } else {
      when = format_timestamp(first_missing, offset_.value_or(0));
    }
    std::string what =
        fmt::format("gap: {} interval(s) missing between line {} and this row (first missing: {})",
                    missing, line_of_row(i - 1), when);
    const bool dst_hint = naive_unzoned() && missing * step == 3600;
    if (dst_hint) {
      what +=
          ". If the file is on a local clock with daylight saving time, this is the hour the "
          "clocks skip when they go forward, not missing data: pass --timezone AREA/CITY (e.g. "
          "America/Chicago)";
    }
    what += !extra.empty() ? extra
            : dst_hint     ? ". Otherwise data are missing: get them from the source (--fill "
                             "linear interpolates them, and results then rest on interpolated "
                             "values)"
                           : ". Data are missing there: get them from the source (--fill linear "
                             "interpolates them, and results then rest on interpolated values)";
    fail(what, line_of_row(i), 1);
  }

  // The step is the most common difference between rows (the smaller one on a tie), so that
  // one off-grid row (e.g. 08:23 among 10-minute rows) is reported as an irregular step
  // instead of redefining the step for the whole file.
  std::int64_t detect_step() {
    // Nearly always one difference: count it before collecting (and sorting) anything.
    std::size_t same = 0;
    const std::int64_t first = times_[1] - times_[0];
    for (std::size_t i = 1; i < times_.size(); ++i) {
      const std::int64_t d = times_[i] - times_[i - 1];
      if (d <= 0) break;  // reported in order below
      same += d == first;
    }
    every_step_equal_ = first > 0 && same == times_.size() - 1;
    if (every_step_equal_) return checked_step(first);
    std::vector<std::int64_t> diffs;
    diffs.reserve(times_.size() - 1);
    for (std::size_t i = 1; i < times_.size(); ++i) {
      const std::int64_t d = times_[i] - times_[i - 1];
      if (d == 0) fail_duplicate(i);
      if (d < 0) {
        fail(fmt::format("timestamps are not sorted: this row is earlier than line {}; sort the "
                         "file by time",
                         line_of_row(i - 1)),
             line_of_row(i), 1);
      }
      diffs.push_back(d);
    }
    same = 0;
    for (std::int64_t d : diffs) same += d == diffs[0];
    std::int64_t step = diffs[0];
    if (same * 2 <= diffs.size()) {
      std::sort(diffs.begin(), diffs.end());
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
    }
    return checked_step(step);
  }

  // The step, if ballast reads it; else the error at the first row that is one step on.
  std::int64_t checked_step(std::int64_t step) const {
    if (step < kMinStepS || step > kMaxStepS) {
      std::size_t i = 1;  // the first row that is one step after the previous one
      while (times_[i] - times_[i - 1] != step) ++i;
      fail(fmt::format("the time step is {}; ballast reads steps from 1 s to 1 h",
                       describe_step(step)),
           line_of_row(i), 1);
    }
    return step;
  }

  void settle_unit(CsvSeries& out, double peak) {
    const std::string& name = names_[value_col_];
    if (!unit_known_) {
      if (const std::optional<csv::PowerUnit> u = csv::unit_from_column_name(name)) {
        unit_ = *u;
        unit_known_ = true;
      }
    }
    out.unit = unit_.name;
    if (!unit_known_) {
      // 5 TW is above the whole world's electricity demand: such a "MW" figure is another unit.
      if (peak > 5e6) {
        fail(fmt::format("column {} states no unit, and its largest value, {:.0f}, would be "
                         "{:.0f} TW in MW, more than the world's power demand; say the unit with "
                         "--unit kW (or W, GW), or name the column e.g. demand_kw",
                         quote_input(name), peak, peak * 1e-6),
             header_line_, 1);
      }
      out.notes.push_back(
          fmt::format("column {} states no unit: read as MW (--unit sets it)", quote_input(name)));
    } else if (unit_.to_mw != 1) {
      out.notes.push_back(fmt::format(
          "column {} is in {}{}: converted to MW ({} {})", quote_input(name), unit_.name,
          unit_from_option_ ? " (--unit)" : "", unit_.to_mw < 1 ? "divided by" : "times",
          unit_.to_mw < 1 ? 1 / unit_.to_mw : unit_.to_mw));
    }
  }

  CsvSeries build() {
    CsvSeries out;
    const std::int64_t step = detect_step();
    TimeSeries& s = out.series;
    s.step_s = step;
    const bool end_label = time_cols_ == 2 ? hour_ending_ : options_.label == TimeLabel::kEnd;
    s.start_s = times_[0] - (end_label ? step : 0);
    s.name = names_[value_col_];
    s.unit = "MW";
    // The rows' values are the series unless a row is more than one step after the one before.
    if (!every_step_equal_) s.values = filled(step, out);
    const auto [peak, largest] = peak_and_largest_magnitude(values_);
    // Each value in its physical range, at its cell (before the unit check, which names only
    // the header): in the unit the column's name states, if any.
    double to_mw = unit_.to_mw;
    bool unit_stated = unit_known_;
    if (!unit_known_) {
      if (const auto u = csv::unit_from_column_name(names_[value_col_])) {
        to_mw = u->to_mw;
        unit_stated = true;
      }
    }
    // A power in no stated unit: the unit check's hint (--unit kW) comes first.
    const bool hint_first = !unit_stated && options_.max_abs == limits::kPowerMw;
    if (hint_first) settle_unit(out, peak);
    for (std::size_t i = 0; largest * to_mw > options_.max_abs && i < values_.size(); ++i) {
      if (std::abs(values_[i] * to_mw) > options_.max_abs) {
        const auto [line, column] = place_of_row(i);
        fail(fmt::format("column {} holds {}, beyond the physical range of what it measures "
                         "(|x| <= {}{}); check the unit and the number of digits",
                         quote_input(names_[value_col_]), values_[i] * to_mw, options_.max_abs,
                         options_.max_abs == limits::kPowerMw ? " MW" : ""),
             line, column);
      }
    }
    if (!hint_first) settle_unit(out, peak);
    if (s.values.empty()) s.values = std::move(values_);
    if (unit_.to_mw != 1) {
      for (double& v : s.values) v *= unit_.to_mw;
    }
    for (std::string& n : notes_) out.notes.push_back(std::move(n));
    if (local_) {
      out.notes.push_back(fmt::format(
          "timestamps without an offset read as local time in {}{}", zone_->name(),
          repeated_ > 0 ? fmt::format(" ({} reading(s) in the hour the clocks repeat taken as "
                                      "the second occurrence)",
                                      repeated_)
                        : ""));
    }
    out.utc_offset_min = offset_;
    out.first_row_line = static_cast<std::size_t>(line_of_row(0));
    return out;
  }

  // The values with each gap filled linearly (--fill linear), else the error for the first gap
  // or irregular step.
  std::vector<double> filled(std::int64_t step, CsvSeries& out) const {
    std::vector<double> v{values_[0]};
    for (std::size_t i = 1; i < times_.size(); ++i) {
      const std::int64_t d = times_[i] - times_[i - 1];
      if (d % step != 0) {
        fail(fmt::format("irregular time step: {} after line {}, but the step is {}; resample "
                         "to a fixed step",
                         describe_step(d), line_of_row(i - 1), describe_step(step)),
             line_of_row(i), 1);
      }
      const std::int64_t missing = d / step - 1;
      if (missing > 0) {
        if (options_.fill == FillMode::kNone) fail_gap(i, missing, step, "");
        // A fill larger than the measured data is almost always a mistyped timestamp, and
        // would allocate without bound (a year typed 2912 for 2021 is 5 * 10^7 10-min steps).
        if (out.filled + static_cast<std::size_t>(missing) > times_.size()) {
          fail_gap(i, missing, step,
                   fmt::format("; --fill linear fills at most as many intervals as the file has "
                               "rows ({}); check this row's timestamp",
                               times_.size()));
        }
        const double a = values_[i - 1];
        const double b = values_[i];
        for (std::int64_t k = 1; k <= missing; ++k) {
          const double w = static_cast<double>(k) / static_cast<double>(missing + 1);
          v.push_back(a + (b - a) * w);
        }
        out.filled += static_cast<std::size_t>(missing);
      }
      v.push_back(values_[i]);
    }
    return v;
  }

  std::string_view text_;
  const std::string& source_;
  const CsvReadOptions& options_;
  std::size_t pos_ = 0;
  int line_ = 0;
  int header_line_ = 0;
  char delim_ = ',';
  char decimal_ = '.';
  DateOrder order_ = DateOrder::kAuto;
  std::size_t time_cols_ = 1;  // 2: a date column and an hour column
  bool hour_ending_ = false;
  bool utc_named_ = false;  // the time column's name says UTC
  const TimeZone* zone_ = nullptr;
  bool local_ = false;       // some row was read on the zone's local clock
  bool any_offset_ = false;  // some row had a written offset
  int repeated_ = 0;
  csv::PowerUnit unit_{"MW", 1};
  bool unit_known_ = false;
  bool unit_from_option_ = false;
  std::vector<std::string> names_;
  std::vector<std::string> notes_;
  std::vector<Field> fields_;
  std::size_t value_col_ = 0;  // 0 = not chosen yet (column 0 is always time)
  bool plain_rows_ = false;    // read_plain_row may read rows
  std::optional<int> offset_;
  // One entry per data row, in file order: its instant (UTC) and its value, and, from the first
  // row whose clock reading differs from its instant (a local clock or a written offset), that
  // difference. A row's line and column are found again from the text for a message.
  std::vector<std::int64_t> times_;
  std::vector<double> values_;
  std::vector<std::int32_t> clock_minus_utc_;
  std::size_t data_pos_ = 0;       // where the first data row's line starts in text_
  bool every_step_equal_ = false;  // each row one step after the one before (detect_step)
  std::string last_date_;          // "YYYY-MM-DD" of the last fixed-shape timestamp
  std::int64_t last_day_s_ = 0;
  bool date_cached_ = false;
};

}  // namespace

CsvSeries parse_time_series_csv(std::string_view text, const std::string& source,
                                const CsvReadOptions& options) {
  return Parser(text, source, options).parse();
}

}  // namespace ballast
