#include "ballast/market/frequency_study.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/time_zone.h"
#include "ballast/core/timestamp.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::market {
namespace {

FieldTable<FrequencyRequest> make_fields() {
  using R = FrequencyRequest;
  FieldTable<R> t;
  t.add({.name = "duration_s",
         .help = "Length, s",
         .unit = FieldUnit::kSeconds,
         .min = 1,
         .max = 86400.0 * 366,
         .old_names = {"hours"},
         .old_scale = 3600},
        &R::duration_s);
  t.add(
      {.name = "step_s", .help = "Step, s (0.1 or 1)", .min = 0.1, .max = 1, .old_names = {"step"}},
      &R::step_s);
  t.add({.name = "start", .help = "First timestamp (its offset is kept)", .kind = FieldKind::kText},
        &R::start);
  t.add({.name = "seed",
         .help = "Random seed (same seed, same trace)",
         .kind = FieldKind::kInteger,
         .min = 0},
        &R::seed);
  t.add({.name = "deviation_hz", .help = "Noise standard deviation, Hz", .min = 0, .max = 0.5},
        &R::deviation_hz);
  t.add(
      {.name = "reversion_s", .help = "Noise correlation time, s", .min = 0, .min_exclusive = true},
      &R::reversion_s);
  t.add({.name = "system_mw",
         .help = "Online generation, MW",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::system_mw);
  t.add({.name = "inertia_s", .help = "Aggregate inertia H, s", .min = 0, .min_exclusive = true},
        &R::inertia_s);
  t.add({.name = "trip",
         .help = "A unit trip HH:MM[:SS],MW after the start (repeatable; in one value joined "
                 "by ';')",
         .kind = FieldKind::kText},
        &R::trip);
  t.add({.name = "out",
         .help = "CSV to write (time,frequency_hz)",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  return t;
}

TripEvent parse_trip(const std::string& text) {
  int h = 0, m = 0, s = 0;
  double mw = 0;
  const bool ok = std::sscanf(text.c_str(), "%d:%d:%d,%lf", &h, &m, &s, &mw) == 4 ||
                  (s = 0, std::sscanf(text.c_str(), "%d:%d,%lf", &h, &m, &mw) == 3);
  if (!ok || h < 0 || m < 0 || m > 59 || s < 0 || s > 59 || !(mw > 0)) {
    throw InputError(fmt::format(
        "--trip {}: expected HH:MM[:SS],MW after the start, e.g. 19:20,2000", quote_input(text)));
  }
  return {h * 3600.0 + m * 60.0 + s, mw};
}

// Summary statistics of the trace, accumulated sample by sample.
struct Stats {
  double sum = 0, sum2 = 0, lo = 1e9, hi = -1e9;
  double in_dead_band = 0, below_5990 = 0, below_5950 = 0;  // sample counts
  std::int64_t lo_at = 0;

  void add(double f, std::int64_t i, double nominal_hz) {
    sum += f;
    sum2 += f * f;
    if (f < lo) lo = f, lo_at = i;
    hi = std::max(hi, f);
    // Thresholds: the dead band +/-0.02 Hz, sReg's 59.90 Hz trigger and the low-frequency
    // rule's 59.50 Hz (Taipower rulebook v5, docs/market.md).
    in_dead_band += std::abs(f - nominal_hz) <= 0.02 ? 1 : 0;
    below_5990 += f <= 59.90 ? 1 : 0;
    below_5950 += f <= 59.50 ? 1 : 0;
  }
};

}  // namespace

const FieldTable<FrequencyRequest>& FrequencyRequest::fields() {
  static const FieldTable<FrequencyRequest> table = make_fields();
  return table;
}

std::vector<TripEvent> parse_trips(const std::string& text) {
  std::vector<TripEvent> trips;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = std::min(text.find(';', begin), text.size());
    std::string piece = text.substr(begin, end - begin);
    piece.erase(0, piece.find_first_not_of(' '));
    piece.erase(piece.find_last_not_of(' ') + 1);
    if (!piece.empty()) trips.push_back(parse_trip(piece));
    begin = end + 1;
  }
  return trips;
}

FrequencyResult run(const FrequencyRequest& q, const Progress& progress) {
  const auto start = parse_timestamp(q.start);
  if (!start)
    throw InputError(fmt::format("--start {}: expected an ISO-8601 time", quote_input(q.start)));
  if (q.step_s != 0.1 && q.step_s != 1) {
    throw InputError(fmt::format("--step-s {}: give 0.1 or 1 (s)", q.step_s));
  }
  FrequencyResult r;
  r.start = q.start;
  r.out = q.out;
  SyntheticFrequencyParams& p = r.params;
  p.step_s = q.step_s;
  p.seed = q.seed;
  p.deviation_hz = q.deviation_hz;
  p.reversion_s = q.reversion_s;
  p.system_mw = q.system_mw;
  p.inertia_s = q.inertia_s;
  p.trips = parse_trips(q.trip);
  const int offset = start->offset_min.value_or(0);
  SyntheticFrequency gen(p);
  const auto n = static_cast<std::int64_t>(std::llround(q.duration_s / p.step_s));
  const auto per_s = static_cast<std::int64_t>(std::llround(1 / p.step_s));
  std::unique_ptr<AtomicFileWriter> file;
  std::string block;
  if (!q.out.empty()) {
    file = std::make_unique<AtomicFileWriter>(q.out);
    file->write("time,frequency_hz\n");
  }
  if (q.keep_steps) {
    r.steps.emplace(std::vector<std::string>{"frequency_hz"}, start->utc_s * 1'000'000,
                    std::llround(p.step_s * 1e6), TimeZone::fixed(offset));
    r.steps->reserve(static_cast<std::size_t>(std::max<std::int64_t>(0, n)));
  }
  Stats st;
  const std::int64_t bucket = std::max<std::int64_t>(1, n / 1000);
  double b_lo = 0, b_hi = 0;
  std::int64_t b_lo_at = 0, b_hi_at = 0;
  const auto time_of = [&](std::int64_t i) {
    return static_cast<double>(start->utc_s) + static_cast<double>(i) * p.step_s;
  };
  for (std::int64_t i = 0; i < n; ++i) {
    if (progress && i % 36000 == 0) {
      notify(progress, {"generate", static_cast<double>(i), static_cast<double>(n), ""});
    }
    const double f = gen.next();
    st.add(f, i, p.nominal_hz);
    if (r.steps) r.steps->add({f});
    if (i % bucket == 0 || f < b_lo) b_lo = f, b_lo_at = i;
    if (i % bucket == 0 || f > b_hi) b_hi = f, b_hi_at = i;
    if (i % bucket == bucket - 1 || i == n - 1) {  // the bucket's extremes, earlier first
      const bool lo_first = b_lo_at <= b_hi_at;
      r.trace_time_s.push_back(time_of(lo_first ? b_lo_at : b_hi_at));
      r.trace_hz.push_back(lo_first ? b_lo : b_hi);
      r.trace_time_s.push_back(time_of(lo_first ? b_hi_at : b_lo_at));
      r.trace_hz.push_back(lo_first ? b_hi : b_lo);
    }
    if (file) {
      std::string ts = format_timestamp(start->utc_s + i / per_s, offset);
      if (per_s > 1) ts.insert(19, fmt::format(".{}", (i % per_s) * 10 / per_s));
      fmt::format_to(std::back_inserter(block), "{},{:.4f}\n", ts, f);
      if (block.size() >= (1 << 16)) {
        file->write(block);
        block.clear();
      }
    }
  }
  if (file) {
    file->write(block);
    file->commit();
  }
  const auto count = static_cast<double>(n);
  r.samples = n;
  r.mean_hz = st.sum / count;
  r.std_hz = std::sqrt(std::max(0.0, st.sum2 / count - r.mean_hz * r.mean_hz));
  r.min_hz = st.lo;
  r.max_hz = st.hi;
  r.min_at = format_timestamp(start->utc_s + st.lo_at / per_s, offset);
  r.dead_band_share = st.in_dead_band / count;
  r.seconds_at_or_below_59_90 = st.below_5990 * p.step_s;
  r.seconds_at_or_below_59_50 = st.below_5950 * p.step_s;
  return r;
}

nlohmann::ordered_json to_json(const FrequencyResult& r) {
  return report::with_schema(
      "frequency",
      {{"command", "frequency"},
       {"samples", r.samples},
       {"step_s", r.params.step_s},
       {"seed", r.params.seed},
       {"mean_hz", r.mean_hz},
       {"std_hz", r.std_hz},
       {"min_hz", r.min_hz},
       {"min_at", r.min_at},
       {"max_hz", r.max_hz},
       {"dead_band_share_frac", r.dead_band_share},
       {"seconds_at_or_below_59_90", r.seconds_at_or_below_59_90},
       {"seconds_at_or_below_59_50", r.seconds_at_or_below_59_50},
       // The CSV written, null when none was asked for.
       {"out", r.out.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(r.out)}});
}

std::string to_text(const FrequencyResult& r) {
  std::string s = fmt::format(
      "synthetic frequency: {} samples of {} s from {} (seed {}), {} "
      "trip(s) on a {} MW system{}\n",
      report::number(static_cast<double>(r.samples)), r.params.step_s, r.start, r.params.seed,
      r.params.trips.size(), report::number(r.params.system_mw),
      r.out.empty() ? "" : "; written to " + r.out);
  s += fmt::format("mean {:.4f} Hz, std {:.4f} Hz, min {:.3f} Hz at {}, max {:.3f} Hz\n", r.mean_hz,
                   r.std_hz, r.min_hz, r.min_at, r.max_hz);
  s += fmt::format(
      "inside the +/-0.02 Hz dead band {:.1f} % of the time; at or below "
      "59.90 Hz {} s; at or below 59.50 Hz {} s\n",
      100.0 * r.dead_band_share, report::number(r.seconds_at_or_below_59_90, 1),
      report::number(r.seconds_at_or_below_59_50, 1));
  return s;
}

report::HtmlReport to_html(const FrequencyResult& r) {
  report::HtmlReport page("ballast frequency");
  page.add_paragraph(to_text(r));
  // The axis in the zone of the start as written (its offset), UTC without one.
  const std::optional<Timestamp> start = parse_timestamp(r.start);
  const int offset_min = start && start->offset_min ? *start->offset_min : 0;
  page.add_chart({.title = "Frequency (min/max per bucket)",
                  .x_label = "time",
                  .y_label = "frequency (Hz)",
                  .x_is_time = true,
                  .time_zone = report::chart_zone(TimeZone::fixed(offset_min)),
                  .x = r.trace_time_s,
                  .series = {{.label = "frequency", .y = r.trace_hz}}});
  std::vector<std::vector<std::string>> rows;
  for (const TripEvent& t : r.params.trips) {
    rows.push_back({report::number(t.time_s), report::number(t.lost_mw)});
  }
  page.add_heading("Unit trips");
  page.add_table({"seconds after the start", "lost MW"}, std::move(rows));
  page.set_data(to_json(r));
  return page;
}

}  // namespace ballast::market
