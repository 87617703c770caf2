#include "ballast/dynamics/step_csv.h"

#include <fmt/format.h>

#include <limits>

#include "ballast/core/number_format.h"

namespace ballast::dynamics {
namespace {

// Seconds and microseconds from the integer clock (no float time in the file either); values
// in shortest round-trip form, so re-reading the file reproduces the simulated values.
std::string format_row(std::int64_t t_us, const StepState& s, StepColumns c) {
  std::string row = fmt::format("{}.{:06d}", t_us / 1'000'000, t_us % 1'000'000);
  const auto add = [&](double x, bool shown) {
    row += ',';
    if (shown) append_number(row, x);
  };
  add(s.site_mw, true);
  add(s.upstream_mw, true);
  add(s.battery_mw, c.battery);
  add(s.soc, c.battery);
  add(s.frequency_hz, c.frequency);
  row += '\n';
  return row;
}

}  // namespace

StepTable step_table(std::int64_t step_us, std::size_t steps) {
  StepTable t({"site_mw", "upstream_mw", "battery_mw", "soc_frac", "frequency_hz"}, step_us,
              step_us);
  t.reserve(steps);
  return t;
}

void add_step_row(StepTable& table, const StepState& s, StepColumns c) {
  const double na = std::numeric_limits<double>::quiet_NaN();  // the CSV's empty cell
  table.add({s.site_mw, s.upstream_mw, c.battery ? s.battery_mw : na, c.battery ? s.soc : na,
             c.frequency ? s.frequency_hz : na});
}

std::string step_csv_row(std::int64_t t_us, const StepState& s, StepColumns columns) {
  return format_row(t_us, s, columns);
}

StepCsvWriter::StepCsvWriter(const std::string& path, StepColumns columns)
    : file_(path), columns_(columns) {
  file_.write(kStepCsvHeader);
}

void StepCsvWriter::add(std::int64_t t_us, const StepState& s) {
  file_.write(format_row(t_us, s, columns_));
}

}  // namespace ballast::dynamics
