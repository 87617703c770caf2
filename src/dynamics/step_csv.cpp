#include "ballast/dynamics/step_csv.h"

#include <fmt/format.h>

#include "ballast/core/number_format.h"

namespace ballast::dynamics {
namespace {

// Seconds and microseconds from the integer clock (no float time in the file either); values
// in shortest round-trip form, so re-reading the file reproduces the simulated values.
std::string format_row(std::int64_t t_us, const StepState& s) {
  std::string row = fmt::format("{}.{:06d}", t_us / 1'000'000, t_us % 1'000'000);
  for (double x : {s.site_mw, s.upstream_mw, s.battery_mw, s.soc, s.frequency_hz}) {
    row += ',';
    append_number(row, x);
  }
  row += '\n';
  return row;
}

}  // namespace

StepTable step_table(std::int64_t step_us, std::size_t steps) {
  StepTable t({"site_mw", "upstream_mw", "battery_mw", "soc", "frequency_hz"}, step_us, step_us);
  t.reserve(steps);
  return t;
}

void add_step_row(StepTable& table, const StepState& s) {
  table.add({s.site_mw, s.upstream_mw, s.battery_mw, s.soc, s.frequency_hz});
}

std::string step_csv_row(std::int64_t t_us, const StepState& s) { return format_row(t_us, s); }

StepCsvWriter::StepCsvWriter(const std::string& path) : file_(path) { file_.write(kStepCsvHeader); }

void StepCsvWriter::add(std::int64_t t_us, const StepState& s) { file_.write(format_row(t_us, s)); }

}  // namespace ballast::dynamics
