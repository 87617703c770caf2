#include "ballast/dynamics/step_csv.h"

#include <cstdio>

namespace ballast::dynamics {
namespace {

// The longest row (five values near DBL_MAX, 309 digits each, and the time) is under 1,700
// characters: one stack buffer always holds it.
constexpr std::size_t kRowMax = 2048;

// Seconds and microseconds from the integer clock: no float time in the file either.
std::size_t format_row(char* row, std::int64_t t_us, const StepState& s) {
  const int n = std::snprintf(row, kRowMax, "%lld.%06lld,%.6f,%.6f,%.6f,%.9f,%.9f\n",
                              static_cast<long long>(t_us / 1'000'000),
                              static_cast<long long>(t_us % 1'000'000), s.site_mw, s.upstream_mw,
                              s.battery_mw, s.soc, s.frequency_hz);
  return n > 0 ? static_cast<std::size_t>(n) : 0;
}

}  // namespace

std::string step_csv_row(std::int64_t t_us, const StepState& s) {
  char row[kRowMax];
  return std::string(row, format_row(row, t_us, s));
}

StepCsvWriter::StepCsvWriter(const std::string& path) : file_(path) { file_.write(kStepCsvHeader); }

void StepCsvWriter::add(std::int64_t t_us, const StepState& s) {
  char row[kRowMax];
  file_.write({row, format_row(row, t_us, s)});
}

}  // namespace ballast::dynamics
