#include "ballast/workload/trace.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/timestamp.h"

namespace ballast::workload {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Field {
  std::string_view text;
  int column = 0;  // 1-based character column of the field's first character
};

std::vector<Field> split(std::string_view line) {
  std::vector<Field> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    const std::string_view raw = line.substr(
        start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::size_t lead = 0;
    while (lead < raw.size() && std::isspace(static_cast<unsigned char>(raw[lead]))) ++lead;
    out.push_back({trim(raw), static_cast<int>(start + lead + 1)});
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Watts per unit of a column from its header: "[W]", "[kW]", "_w", "_kw", "_mw", "(MW)".
std::optional<double> header_scale_w(const std::string& h) {
  if (h.find("[mw]") != std::string::npos || h.find("(mw)") != std::string::npos ||
      h.ends_with("_mw") || h == "mw") {
    return 1e6;
  }
  if (h.find("[kw]") != std::string::npos || h.find("(kw)") != std::string::npos ||
      h.ends_with("_kw") || h == "kw") {
    return 1e3;
  }
  if (h.find("[w]") != std::string::npos || h.find("(w)") != std::string::npos ||
      h.ends_with("_w") || h == "w" || h.find("power") != std::string::npos) {
    return 1.0;
  }
  return std::nullopt;
}

// A time in microseconds: plain seconds, ISO-8601 or nvidia-smi's "2024/05/01 12:00:00.123".
std::optional<std::int64_t> parse_time_us(std::string_view s) {
  if (auto v = parse_number(s)) return std::llround(*v * 1e6);
  std::string text(s);
  if (text.size() >= 10 && text[4] == '/' && text[7] == '/') {
    text[4] = '-';
    text[7] = '-';
  }
  // Take the fraction of a second off before the core parser (which keeps whole seconds).
  std::int64_t frac_us = 0;
  const std::size_t colon = text.rfind(':');
  if (colon != std::string::npos && colon + 3 < text.size() && text[colon + 3] == '.') {
    std::size_t end = colon + 4;
    double scale = 1e5;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) {
      frac_us += static_cast<std::int64_t>((text[end] - '0') * scale);
      scale /= 10;
      ++end;
    }
    text.erase(colon + 3, end - (colon + 3));
  }
  const std::optional<Timestamp> ts = parse_timestamp(text);
  if (!ts) return std::nullopt;
  return ts->utc_s * 1'000'000 + frac_us;
}

}  // namespace

PowerTrace parse_power_trace(std::string_view text, const std::string& source,
                             const std::string& column) {
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  const auto fail = [&](const std::string& what, int col) -> void {
    throw InputError(what, {source, line_no, col});
  };
  // Header.
  while (std::getline(in, line)) {
    ++line_no;
    if (!trim(line).empty()) break;
  }
  if (line_no == 0 || trim(line).empty()) {
    throw InputError("the trace is empty; expected a header row, then time,power rows", {source});
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<Field> header = split(line);
  std::vector<std::string> names;
  for (const Field& f : header) names.push_back(lower(f.text));
  std::size_t col = 0;
  if (!column.empty()) {
    const auto it = std::find(names.begin(), names.end(), lower(column));
    if (it == names.end() || it == names.begin()) {
      fail(fmt::format("no power column {} in the header; columns: {}", quote_input(column),
                       fmt::join(names, ", ")),
           1);
    }
    col = static_cast<std::size_t>(it - names.begin());
  } else {
    for (std::size_t i = 1; i < names.size() && col == 0; ++i) {
      if (header_scale_w(names[i])) col = i;
    }
    if (col == 0 && names.size() == 2) col = 1;
    if (col == 0) {
      fail(fmt::format("cannot tell which column is power (columns: {}); name it with --column",
                       fmt::join(names, ", ")),
           1);
    }
  }
  const double scale_w = header_scale_w(names[col]).value_or(1.0);
  PowerTrace trace;
  trace.column = std::string(header[col].text);
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty()) continue;
    const std::vector<Field> fields = split(line);
    if (fields.size() <= col) {
      fail(fmt::format("row has {} fields but the power column is number {}", fields.size(),
                       col + 1),
           1);
    }
    const std::optional<std::int64_t> t = parse_time_us(fields[0].text);
    if (!t) {
      fail(fmt::format("{} is not a time (ISO-8601, YYYY/MM/DD HH:MM:SS.fff or seconds)",
                       quote_input(fields[0].text)),
           fields[0].column);
    }
    std::string_view v = fields[col].text;
    // nvidia-smi without `nounits` writes "350.25 W".
    if (v.size() > 1 && (v.back() == 'W' || v.back() == 'w')) v = trim(v.substr(0, v.size() - 1));
    const std::optional<double> p = parse_number(v);
    if (!p || !std::isfinite(*p) || *p < 0) {
      fail(fmt::format("power {} is not a number >= 0; fix or remove the row",
                       quote_input(fields[col].text)),
           fields[col].column);
    }
    if (*p * scale_w > limits::kPowerMw * 1e6) {
      fail(fmt::format("power {} is beyond the physical range (at most {} MW); check the unit "
                       "and the number of digits",
                       quote_input(fields[col].text), limits::kPowerMw),
           fields[col].column);
    }
    if (!trace.time_us.empty() && *t <= trace.time_us.back()) {
      fail("times must increase from row to row; sort the trace and remove duplicates",
           fields[0].column);
    }
    trace.time_us.push_back(*t);
    trace.power_w.push_back(*p * scale_w);
  }
  if (trace.time_us.size() < 2) {
    throw InputError("the trace needs at least two samples", {source, line_no, 0});
  }
  return trace;
}

PowerTrace read_power_trace(const std::string& path, const std::string& column) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the trace; check the path", {path});
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_power_trace(buffer.str(), path, column);
}

TraceSite::TraceSite(const PowerTrace& trace, const TraceScaling& s) {
  if (trace.time_us.size() < 2) throw InputError("the trace needs at least two samples");
  if (!(s.units > 0) || !(s.pue >= 1) || !(s.phase_spread_ms >= 0) || s.groups < 1 ||
      s.step_ms < 0) {
    throw InputError(
        "trace scaling: units must be > 0, pue >= 1, phase_spread_ms >= 0, groups >= 1 and "
        "step_ms >= 0");
  }
  step_us_ = s.step_ms * 1000;
  if (step_us_ == 0) {  // the median sample step, rounded to whole milliseconds
    std::vector<std::int64_t> d;
    for (std::size_t i = 1; i < trace.time_us.size(); ++i) {
      d.push_back(trace.time_us[i] - trace.time_us[i - 1]);
    }
    std::nth_element(d.begin(), d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2), d.end());
    step_us_ = std::max<std::int64_t>(1000, (d[d.size() / 2] + 500) / 1000 * 1000);
  }
  const std::int64_t t0 = trace.time_us.front();
  const std::int64_t span = trace.time_us.back() - t0;
  const std::size_t n = static_cast<std::size_t>(span / step_us_) + 1;
  unit_w_.resize(n);
  std::size_t j = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const std::int64_t t = t0 + static_cast<std::int64_t>(k) * step_us_;
    while (j + 2 < trace.time_us.size() && trace.time_us[j + 1] <= t) ++j;
    const double a = static_cast<double>(t - trace.time_us[j]) /
                     static_cast<double>(trace.time_us[j + 1] - trace.time_us[j]);
    unit_w_[k] = trace.power_w[j] + std::min(1.0, a) * (trace.power_w[j + 1] - trace.power_w[j]);
  }
  const int groups = s.phase_spread_ms > 0 ? s.groups : 1;
  std::mt19937_64 rng(s.seed);
  std::uniform_real_distribution<double> spread(0.0, s.phase_spread_ms * 1000.0);
  for (int g = 0; g < groups; ++g) {
    const double o = s.phase_spread_ms > 0 ? spread(rng) : 0.0;
    offsets_.push_back(static_cast<std::size_t>(std::llround(o / static_cast<double>(step_us_))) %
                       n);
  }
  mw_per_w_group_ = s.units * s.pue / static_cast<double>(groups) / 1e6;
}

double TraceSite::next_mw() {
  const std::size_t n = unit_w_.size();
  double sum = 0;
  for (std::size_t o : offsets_) sum += unit_w_[(k_ + o) % n];
  ++k_;
  return sum * mw_per_w_group_;
}

}  // namespace ballast::workload
