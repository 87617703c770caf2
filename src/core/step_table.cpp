#include "ballast/core/step_table.h"

#include <fmt/format.h>

#include <utility>

#include "ballast/core/error.h"

namespace ballast {

StepTable::StepTable(std::vector<std::string> names, std::int64_t first_us, std::int64_t step_us,
                     std::optional<TimeZone> zone)
    : names_(std::move(names)),
      columns_(names_.size()),
      first_us_(first_us),
      step_us_(step_us),
      zone_(std::move(zone)) {
  if (step_us_ <= 0) throw InternalError(fmt::format("a step table's step is {} us", step_us_));
}

void StepTable::reserve(std::size_t rows) {
  for (std::vector<double>& c : columns_) c.reserve(rows);
}

void StepTable::add(std::initializer_list<double> row) {
  if (row.size() != columns_.size()) {
    throw InternalError(
        fmt::format("a step table row of {} values for {} columns", row.size(), columns_.size()));
  }
  std::size_t k = 0;
  for (double x : row) columns_[k++].push_back(x);
}

}  // namespace ballast
