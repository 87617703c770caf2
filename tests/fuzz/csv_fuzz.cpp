// Fuzz target for the CSV time-series reader (src/core/csv_time_series.cpp).
//
// Any input must either parse into a well-formed series or throw ballast::InputError with a
// location inside the input. Anything else is a bug: another exception escapes (libFuzzer
// reports it as a crash), a sanitizer fires, or a check below throws std::logic_error.
// Built as a libFuzzer binary with BALLAST_FUZZ=ON and clang, and always linked into the
// deterministic smoke test csv_fuzz_smoke_test.cpp.

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"

namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("csv fuzz invariant broken: ") + what);
}

void check_series(const ballast::CsvSeries& r, const ballast::CsvReadOptions& options) {
  const ballast::TimeSeries& s = r.series;
  require(s.size() >= 2, "fewer than two values");
  require(s.step_s >= ballast::kMinStepS && s.step_s <= ballast::kMaxStepS, "step out of range");
  require(std::all_of(s.values.begin(), s.values.end(),
                      [](double v) { return std::isfinite(v) && v >= 0; }),
          "a value is negative or not finite");
  require(options.fill == ballast::FillMode::kLinear || r.filled == 0, "filled without --fill");
  require(2 * r.filled <= s.size(), "more values filled than read");
  require(r.first_row_line >= 2, "data before the header");
  require(options.column.empty() || s.name == options.column, "not the requested column");
}

// Lines are counted as the reader counts them: '\n' ends a line.
void check_location(const ballast::InputError& e, std::string_view text) {
  const ballast::SourceLocation& where = e.where();
  require(where.file == "fuzz.csv", "error names another file");
  require(where.line >= 1 && where.column >= 1, "error without line and column");
  std::size_t begin = 0;
  for (int line = 1; line < where.line; ++line) {
    const std::size_t nl = text.find('\n', begin);
    require(nl != std::string_view::npos, "error line past the end of the input");
    begin = nl + 1;
  }
  const std::size_t nl = text.find('\n', begin);
  const std::size_t length = (nl == std::string_view::npos ? text.size() : nl) - begin;
  require(static_cast<std::size_t>(where.column) <= length + 1, "error column past the line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const std::vector<ballast::CsvReadOptions> kVariants = [] {
    std::vector<ballast::CsvReadOptions> v(4);
    v[1].fill = ballast::FillMode::kLinear;
    v[1].label = ballast::TimeLabel::kEnd;
    v[2].column = "b";
    v[2].fill = ballast::FillMode::kLinear;
    // European shape on a local clock with daylight saving.
    v[3].delimiter = ';';
    v[3].decimal = ballast::DecimalMark::kComma;
    v[3].zone = ballast::TimeZone::named("America/Chicago");
    return v;
  }();
  for (const ballast::CsvReadOptions& options : kVariants) {
    try {
      check_series(ballast::parse_time_series_csv(text, "fuzz.csv", options), options);
    } catch (const ballast::InputError& e) {
      check_location(e, text);
    }
  }
  return 0;
}
