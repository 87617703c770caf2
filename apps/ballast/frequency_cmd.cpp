// ballast frequency: a deterministic synthetic grid frequency (mean-reverting noise plus unit
// trips), written as CSV for `ballast market run --frequency`, with a summary.

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ballast/core/error.h"
#include "ballast/core/timestamp.h"
#include "ballast/market/frequency.h"
#include "ballast/report/table.h"
#include "commands.h"

namespace ballast::cli {
namespace {

struct FrequencyOptions {
  market::SyntheticFrequencyParams params;
  double hours = 24;
  std::string start = "2025-07-01T00:00:00+08:00";
  std::vector<std::string> trips;  // "HH:MM[:SS],MW"
  std::string out;
  bool json = false;
};

market::TripEvent parse_trip(const std::string& text) {
  int h = 0, m = 0, s = 0;
  double mw = 0;
  const bool ok = std::sscanf(text.c_str(), "%d:%d:%d,%lf", &h, &m, &s, &mw) == 4 ||
                  (s = 0, std::sscanf(text.c_str(), "%d:%d,%lf", &h, &m, &mw) == 3);
  if (!ok || h < 0 || m < 0 || m > 59 || s < 0 || s > 59 || mw <= 0) {
    throw InputError(
        fmt::format("--trip '{}': expected HH:MM[:SS],MW after the start, e.g. "
                    "19:20,2000",
                    text));
  }
  return {h * 3600.0 + m * 60.0 + s, mw};
}

void run(FrequencyOptions& o) {
  const auto start = parse_timestamp(o.start);
  if (!start) throw InputError(fmt::format("--start '{}': expected an ISO-8601 time", o.start));
  const int offset = start->offset_min.value_or(0);
  for (const std::string& t : o.trips) o.params.trips.push_back(parse_trip(t));
  market::SyntheticFrequency gen(o.params);
  const auto n = static_cast<std::int64_t>(std::llround(o.hours * 3600 / o.params.step_s));
  const auto per_s = static_cast<std::int64_t>(std::llround(1 / o.params.step_s));
  std::FILE* file = nullptr;
  const std::string tmp = o.out + ".tmp." + std::to_string(::getpid());
  if (!o.out.empty()) {
    file = std::fopen(tmp.c_str(), "wb");
    if (file == nullptr) throw InputError("cannot write the output file", {o.out});
    std::fputs("time,frequency_hz\n", file);
  }
  double sum = 0, sum2 = 0, lo = 1e9, hi = -1e9;
  double in_dead_band = 0, below_5990 = 0, below_5950 = 0;  // sample counts
  std::int64_t lo_at = 0;
  for (std::int64_t i = 0; i < n; ++i) {
    const double f = gen.next();
    sum += f;
    sum2 += f * f;
    if (f < lo) lo = f, lo_at = i;
    hi = std::max(hi, f);
    in_dead_band += std::abs(f - o.params.nominal_hz) <= 0.02 ? 1 : 0;
    below_5990 += f <= 59.90 ? 1 : 0;
    below_5950 += f <= 59.50 ? 1 : 0;
    if (file != nullptr) {
      std::string ts = format_timestamp(start->utc_s + i / per_s, offset);
      if (per_s > 1) ts.insert(19, fmt::format(".{}", (i % per_s) * 10 / per_s));
      fmt::print(file, "{},{:.4f}\n", ts, f);
    }
  }
  if (file != nullptr) {
    const bool ok = std::fclose(file) == 0;
    if (!ok || std::rename(tmp.c_str(), o.out.c_str()) != 0) {
      std::remove(tmp.c_str());
      throw InputError("cannot write the output file", {o.out});
    }
  }
  const double mean = sum / static_cast<double>(n);
  const double sd = std::sqrt(std::max(0.0, sum2 / static_cast<double>(n) - mean * mean));
  const double step = o.params.step_s;
  const std::string lo_time = format_timestamp(start->utc_s + lo_at / per_s, offset);
  if (o.json) {
    nlohmann::ordered_json j = {{"command", "frequency"},
                                {"samples", n},
                                {"step_s", step},
                                {"seed", o.params.seed},
                                {"mean_hz", mean},
                                {"std_hz", sd},
                                {"min_hz", lo},
                                {"min_at", lo_time},
                                {"max_hz", hi},
                                {"dead_band_share", in_dead_band / static_cast<double>(n)},
                                {"seconds_at_or_below_59_90", below_5990 * step},
                                {"seconds_at_or_below_59_50", below_5950 * step},
                                {"out", o.out}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format(
      "synthetic frequency: {} samples of {} s from {} (seed {}), {} "
      "trip(s) on a {} MW system{}\n",
      report::number(static_cast<double>(n)), step, o.start, o.params.seed, o.params.trips.size(),
      report::number(o.params.system_mw), o.out.empty() ? "" : "; written to " + o.out);
  std::cout << fmt::format("mean {:.4f} Hz, std {:.4f} Hz, min {:.3f} Hz at {}, max {:.3f} Hz\n",
                           mean, sd, lo, lo_time, hi);
  std::cout << fmt::format(
      "inside the +/-0.02 Hz dead band {:.1f} % of the time; at or below "
      "59.90 Hz {} s; at or below 59.50 Hz {} s\n",
      100.0 * in_dead_band / static_cast<double>(n), report::number(below_5990 * step, 1),
      report::number(below_5950 * step, 1));
}

}  // namespace

void register_frequency(CLI::App& app) {
  auto o = std::make_shared<FrequencyOptions>();
  CLI::App* cmd = app.add_subcommand(
      "frequency", "Synthetic grid frequency: mean-reverting noise plus unit trips (seeded)");
  cmd->add_option("--hours", o->hours, "Length, hours")
      ->check(CLI::Range(1.0 / 3600, 24.0 * 366))
      ->capture_default_str();
  cmd->add_option("--step", o->params.step_s, "Step, s (0.1 or 1)")
      ->check(CLI::IsMember({0.1, 1.0}))
      ->capture_default_str();
  cmd->add_option("--start", o->start, "First timestamp (its offset is kept)")
      ->capture_default_str();
  cmd->add_option("--seed", o->params.seed, "Random seed (same seed, same trace)")
      ->capture_default_str();
  cmd->add_option("--deviation-hz", o->params.deviation_hz, "Noise standard deviation, Hz")
      ->check(CLI::Range(0.0, 0.5))
      ->capture_default_str();
  cmd->add_option("--reversion-s", o->params.reversion_s, "Noise correlation time, s")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--system-mw", o->params.system_mw, "Online generation, MW")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--inertia-s", o->params.inertia_s, "Aggregate inertia H, s")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--trip", o->trips, "A unit trip HH:MM[:SS],MW after the start (repeatable)");
  cmd->add_option("--out", o->out, "CSV to write (time,frequency_hz)")->option_text("FILE.csv");
  cmd->add_flag("--json", o->json, "Machine-readable summary on stdout");
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli
