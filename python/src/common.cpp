#include "common.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "ballast/core/error.h"

namespace ballast::python {

namespace {
std::string_view describe(double x) { return std::isnan(x) ? "NaN" : "infinite"; }
}  // namespace

void require_finite(std::span<const double> values, std::string_view name) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw InputError(
          fmt::format("{}[{}] is {}: every value must be a finite number (fill or "
                      "drop missing values first)",
                      name, i, describe(values[i])));
    }
  }
}

void require_finite(double value, std::string_view name) {
  if (!std::isfinite(value)) {
    throw InputError(fmt::format("{} is {}: it must be a finite number", name, describe(value)));
  }
}

BusyGuard::BusyGuard(std::atomic<bool>& busy, const char* what) : busy_(busy) {
  if (busy_.exchange(true, std::memory_order_acquire)) {
    throw std::runtime_error(fmt::format(
        "this {} is in use by a call on another thread; give each thread its own object", what));
  }
}

}  // namespace ballast::python
