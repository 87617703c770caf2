#include "ballast/market/frequency.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string_view>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/timestamp.h"

namespace ballast::market {

void SyntheticFrequencyParams::validate() const {
  const auto check = [](bool ok, const std::string& what) {
    if (!ok) throw InputError(what);
  };
  check(step_s > 0 && step_s <= 1,
        fmt::format("frequency step must be in (0, 1] s (got {})", step_s));
  check(deviation_hz >= 0 && deviation_hz < 1,
        fmt::format("frequency deviation must be in [0, 1) Hz (got {})", deviation_hz));
  check(reversion_s > 0, fmt::format("reversion time must be > 0 s (got {})", reversion_s));
  check(system_mw > 0, fmt::format("system size must be > 0 MW (got {})", system_mw));
  check(inertia_s > 0 && droop_pu > 0 && governor_s > 0 && agc_s > 0 && damping_pu >= 0,
        "inertia, droop, governor lag and AGC time must be > 0, damping >= 0");
  for (const TripEvent& e : trips) {
    check(e.time_s >= 0 && e.lost_mw > 0 && e.lost_mw < system_mw,
          fmt::format("trip at {} s losing {} MW: time must be >= 0 and the loss within (0, {}) "
                      "MW",
                      e.time_s, e.lost_mw, system_mw));
  }
}

SyntheticFrequency::SyntheticFrequency(SyntheticFrequencyParams params)
    : params_(std::move(params)), rng_(params_.seed) {
  params_.validate();
  std::sort(params_.trips.begin(), params_.trips.end(),
            [](const TripEvent& a, const TripEvent& b) { return a.time_s < b.time_s; });
  // Exact OU discretisation: x' = x e^(-dt/tau) + sigma sqrt(1 - e^(-2 dt/tau)) z.
  decay_ = std::exp(-params_.step_s / params_.reversion_s);
  kick_ = params_.deviation_hz * std::sqrt(1 - decay_ * decay_);
  noise_hz_ = params_.deviation_hz * standard_normal();
}

double SyntheticFrequency::standard_normal() {
  // Marsaglia's polar method on 53-bit uniforms: the same numbers on every platform
  // (std::normal_distribution is implementation-defined), no trigonometry, and each accepted
  // pair gives two normals; the second is kept for the next call.
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  constexpr double kScale = 2.0 / 9007199254740992.0;  // 2 x 2^-53: uniforms on [-1, 1)
  double u = 0, v = 0, s = 0;
  do {
    u = static_cast<double>(rng_() >> 11) * kScale - 1.0;
    v = static_cast<double>(rng_() >> 11) * kScale - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double m = std::sqrt(-2.0 * std::log(s) / s);
  spare_ = v * m;
  has_spare_ = true;
  return u * m;
}

void SyntheticFrequency::advance_events(double t_s) {
  const SyntheticFrequencyParams& p = params_;
  while (next_trip_ < p.trips.size() && p.trips[next_trip_].time_s <= t_s) {
    if (!event_active_) event_t_s_ = p.trips[next_trip_].time_s;
    lost_pu_ += p.trips[next_trip_].lost_mw / p.system_mw;
    event_active_ = true;
    ++next_trip_;
  }
  if (!event_active_) return;
  // Swing equation with droop governor and integral secondary control, per unit:
  //   2H d(df)/dt = Pgov + Pagc - Plost - D df;  Tg dPgov/dt = -df/R - Pgov;
  //   dPagc/dt = -Ki df with Ki = (1/R + D) / T_agc, so the deficit clears in about T_agc.
  constexpr double kSubstepS = 0.05;
  const int n = std::max(1, static_cast<int>(std::lround(p.step_s / kSubstepS)));
  const double h = p.step_s / n;
  const double ki = (1 / p.droop_pu + p.damping_pu) / p.agc_s;
  for (int i = 0; i < n; ++i) {
    const double ddf =
        (governor_pu_ + agc_pu_ - lost_pu_ - p.damping_pu * df_pu_) / (2 * p.inertia_s);
    const double dgov = (-df_pu_ / p.droop_pu - governor_pu_) / p.governor_s;
    df_pu_ += h * ddf;
    governor_pu_ += h * dgov;
    agc_pu_ += h * -ki * df_pu_;
  }
  // Ten AGC time constants after the last trip the response is below 1e-4 of the trip: stop.
  if (t_s - event_t_s_ > 10 * p.agc_s && std::abs(df_pu_) * p.nominal_hz < 1e-5) {
    event_active_ = false;
    df_pu_ = governor_pu_ = agc_pu_ = lost_pu_ = 0;
  }
}

double SyntheticFrequency::next() {
  const double t_s = static_cast<double>(step_) * params_.step_s;
  const double f = params_.nominal_hz + noise_hz_ + df_pu_ * params_.nominal_hz;
  noise_hz_ = noise_hz_ * decay_ + kick_ * standard_normal();
  ++step_;
  if (event_active_ || (next_trip_ < params_.trips.size() &&
                        params_.trips[next_trip_].time_s <= t_s + params_.step_s)) {
    advance_events(t_s + params_.step_s);
  }
  return f;
}

std::vector<double> synthetic_frequency(const SyntheticFrequencyParams& params, std::size_t count) {
  SyntheticFrequency gen(params);
  std::vector<double> out(count);
  for (double& f : out) f = gen.next();
  return out;
}

namespace {

struct Row {
  int line;
  std::string_view time;
  std::vector<std::string_view> cells;
  std::vector<int> columns;  // 1-based column of each cell
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot open the file; check the path", {path});
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Row> split_rows(std::string_view text) {
  std::vector<Row> rows;
  int line = 0;
  while (!text.empty()) {
    ++line;
    std::size_t end = text.find('\n');
    std::string_view l = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    if (l.find_first_not_of(" \t") == std::string_view::npos) continue;
    Row r{line, {}, {}, {}};
    std::size_t pos = 0;
    while (true) {
      const std::size_t comma = l.find(',', pos);
      std::string_view cell = l.substr(pos, comma == std::string_view::npos ? l.npos : comma - pos);
      while (!cell.empty() && (cell.front() == ' ' || cell.front() == '"')) cell.remove_prefix(1);
      while (!cell.empty() && (cell.back() == ' ' || cell.back() == '"')) cell.remove_suffix(1);
      r.cells.push_back(cell);
      r.columns.push_back(static_cast<int>(pos) + 1);
      if (comma == std::string_view::npos) break;
      pos = comma + 1;
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::size_t find_column(const Row& header, const std::string& column, const std::string& fallback,
                        const std::string& path) {
  const std::string& want = column.empty() ? fallback : column;
  for (std::size_t i = 1; i < header.cells.size(); ++i) {
    if (header.cells[i] == want) return i;
  }
  if (column.empty() && header.cells.size() >= 2) return 1;
  throw InputError(fmt::format("no column {} in the header; name one of the header's columns",
                               quote_input(want)),
                   {path, header.line, 1});
}

// Parses "YYYY-MM-DDTHH:MM:SS[.fff][offset]": the UTC second and the fraction of a second
// (the core parser accepts only zero fractions, so the fraction is cut out first).
bool parse_time(std::string_view text, std::int64_t& utc_s, double& fraction) {
  std::string s(text);
  fraction = 0;
  constexpr std::size_t kFractionAt = 19;  // just after the seconds
  if (s.size() > kFractionAt && s[kFractionAt] == '.') {
    std::size_t end = kFractionAt + 1;
    while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
    fraction = std::strtod(s.substr(kFractionAt, end - kFractionAt).c_str(), nullptr);
    s.erase(kFractionAt, end - kFractionAt);
  }
  const auto ts = parse_timestamp(s);
  if (!ts) return false;
  utc_s = ts->utc_s;
  return true;
}

double parse_value(const Row& r, std::size_t col, const std::string& path) {
  if (col >= r.cells.size()) {
    throw InputError("the row has fewer cells than the header; fill the missing value",
                     {path, r.line, r.columns.back()});
  }
  const std::string cell(r.cells[col]);
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (cell.empty() || end != cell.c_str() + cell.size() || !std::isfinite(v)) {
    throw InputError(
        fmt::format("{} is not a finite number; write a decimal value", quote_input(cell)),
        {path, r.line, r.columns[col]});
  }
  return v;
}

}  // namespace

FrequencyTrace read_frequency_csv(const std::string& path, const std::string& column) {
  const std::string text = slurp(path);
  const std::vector<Row> rows = split_rows(text);
  if (rows.size() < 2)
    throw InputError("no data rows; give a header and 1-s or 0.1-s rows", {path});
  {
    std::int64_t s = 0;
    double frac = 0;
    if (parse_time(rows[0].cells[0], s, frac)) {
      throw InputError(
          "the first line is a data row, not a header; add a header such as "
          "time,frequency_hz",
          {path, rows[0].line, 1});
    }
  }
  const std::size_t col = find_column(rows[0], column, "frequency_hz", path);
  FrequencyTrace out;
  std::int64_t last_s = 0;
  double last_frac = -1;
  std::int64_t step_ms = 0;  // of the file: a whole number of ms that divides 1 s
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const Row& r = rows[i];
    std::int64_t s = 0;
    double frac = 0;
    if (!parse_time(r.cells[0], s, frac)) {
      throw InputError(fmt::format("{} is not an ISO-8601 timestamp (e.g. "
                                   "2025-07-01T18:00:00.1+08:00)",
                                   quote_input(r.cells[0])),
                       {path, r.line, 1});
    }
    const double hz = parse_value(r, col, path);
    if (hz < 55 || hz > 65) {
      throw InputError(fmt::format("frequency {} Hz is outside 55-65 Hz; is the column in Hz?", hz),
                       {path, r.line, r.columns[col]});
    }
    const std::int64_t frac_ms = std::llround(frac * 1000);
    if (i == 1) {
      if (frac_ms != 0) {
        throw InputError(
            "the trace must start on a whole second (Taipower scores the value at "
            "each whole second); drop the rows before it",
            {path, r.line, 1});
      }
      out.start_s = s;
      out.hz.push_back(hz);
    } else {
      const std::int64_t dt_ms = (s - last_s) * 1000 + frac_ms - std::llround(last_frac * 1000);
      if (dt_ms <= 0) {
        throw InputError("timestamps must increase; sort the rows and remove duplicates",
                         {path, r.line, 1});
      }
      if (i == 2) {
        if (dt_ms < 1000 && 1000 % dt_ms != 0) {
          throw InputError(fmt::format("a step of {} s does not divide a second; give rows every "
                                       "1 s or every 0.5, 0.25, 0.2 or 0.1 s",
                                       static_cast<double>(dt_ms) / 1000),
                           {path, r.line, 1});
        }
        step_ms = std::min<std::int64_t>(dt_ms, 1000);
        out.source_step_s = static_cast<double>(step_ms) / 1000;
      }
      if (dt_ms > step_ms && dt_ms % 1000 == 0 && step_ms == 1000) {
        throw InputError(fmt::format("a gap of {} s after the previous row; the trace needs a "
                                     "value every second (resample or fill it)",
                                     s - last_s),
                         {path, r.line, 1});
      }
      if (dt_ms != step_ms) {
        throw InputError(
            fmt::format("irregular step: {} s after line {}, but the file's step is "
                        "{} s; resample to a fixed step without gaps",
                        static_cast<double>(dt_ms) / 1000, rows[i - 1].line, out.source_step_s),
            {path, r.line, 1});
      }
      // One value a second: the sample at the whole second; the others are left out.
      if (frac_ms == 0) out.hz.push_back(hz);
    }
    last_s = s;
    last_frac = frac;
  }
  // The offset written in the first timestamp, for local times in reports.
  const std::string first(rows[1].cells[0]);
  const std::size_t z = first.find_first_of("Z+-", 11);
  if (z != std::string::npos && first[z] != 'Z') {
    const auto ts = parse_timestamp("2000-01-01T00:00:00" + first.substr(z));
    if (ts && ts->offset_min) out.utc_offset_min = *ts->offset_min;
  }
  return out;
}

SignedSeries read_signed_csv(const std::string& path, const std::string& column) {
  const std::string text = slurp(path);
  const std::vector<Row> rows = split_rows(text);
  if (rows.size() < 2) throw InputError("no data rows; give a header and one row a step", {path});
  const std::size_t col = find_column(rows[0], column, column, path);
  SignedSeries out;
  std::int64_t last_s = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    const Row& r = rows[i];
    const auto ts = parse_timestamp(r.cells[0]);
    if (!ts) {
      throw InputError(fmt::format("{} is not an ISO-8601 timestamp (e.g. "
                                   "2025-07-01T17:00:00+08:00)",
                                   quote_input(r.cells[0])),
                       {path, r.line, 1});
    }
    out.values.push_back(parse_value(r, col, path));
    if (i == 1) {
      out.start_s = ts->utc_s;
    } else {
      const std::int64_t step = ts->utc_s - last_s;
      if (i == 2) out.step_s = step;
      if (step <= 0 || step != out.step_s) {
        throw InputError(fmt::format("the step from the previous row is {} s, expected {} s; "
                                     "give one row per interval, in order, without gaps",
                                     step, out.step_s),
                         {path, r.line, 1});
      }
    }
    last_s = ts->utc_s;
  }
  return out;
}

}  // namespace ballast::market
