#include "common.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "ballast/core/error.h"

namespace ballast::python {

namespace {
std::string_view describe(double x) { return std::isnan(x) ? "NaN" : "infinite"; }
}  // namespace

bool all_finite(std::span<const double> values) {
  // Without a branch per value, in integer operations the compiler vectorises: a value is NaN
  // or infinite exactly when its exponent bits are all ones, and adding 1 to the exponent then
  // carries into the sign bit.
  constexpr std::uint64_t kExponent = 0x7ff0'0000'0000'0000;
  constexpr std::uint64_t kExponentOne = 0x0010'0000'0000'0000;
  std::uint64_t carry = 0;
  for (const double x : values)
    carry |= (std::bit_cast<std::uint64_t>(x) & kExponent) + kExponentOne;
  return (carry >> 63) == 0;
}

std::ptrdiff_t first_nonfinite(std::span<const double> values) {
  for (std::size_t first = 0; first < values.size(); first += kScanBlock) {
    const std::span<const double> block =
        values.subspan(first, std::min(kScanBlock, values.size() - first));
    if (all_finite(block)) continue;
    const auto bad =
        std::find_if(block.begin(), block.end(), [](double x) { return !std::isfinite(x); });
    return static_cast<std::ptrdiff_t>(first + static_cast<std::size_t>(bad - block.begin()));
  }
  return -1;
}

void require_finite(std::span<const double> values, std::string_view name) {
  const std::ptrdiff_t i = first_nonfinite(values);
  if (i >= 0) {
    throw InputError(
        fmt::format("{}[{}] is {}: every value must be a finite number (fill or "
                    "drop missing values first)",
                    name, i, describe(values[static_cast<std::size_t>(i)])));
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
