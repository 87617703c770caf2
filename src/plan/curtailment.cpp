#include "ballast/plan/curtailment.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <utility>

#include "ballast/core/error.h"

namespace ballast::plan {

std::vector<double> curtailment_without_storage(const Grid& grid, double new_load_mw) {
  std::vector<double> c(grid.size());
  const std::span<const double> load = grid.load.values.span();
  for (std::size_t i = 0; i < c.size(); ++i) {
    c[i] = std::max(0.0, load[i] + new_load_mw - grid.capacity_mw[i]);
  }
  return c;
}

double curtailment_rate(const Grid& grid, const std::vector<double>& curtailed_mw,
                        double new_load_mw) {
  if (new_load_mw <= 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < curtailed_mw.size(); ++i) sum += grid.weight[i] * curtailed_mw[i];
  return sum / new_load_mw;
}

namespace {

// Sorts by an unsigned key, equal keys in the order they come in: a least-significant-digit
// radix sort over the span of bits in which the keys differ, in digits of at most 11 bits (20
// bits and two passes for PJM's slack as doubles, whose bits order as the positive numbers do;
// 17 bits and two passes for its step indices). The digits are counted in one pass before the
// first. Several times faster than a comparison sort of a 9-year hourly record, and its ties
// are in a defined order.
template <class T, class Key>
void radix_sort(std::vector<T>& v, Key key) {
  std::uint64_t all_ones = ~std::uint64_t{0}, any_one = 0;
  for (const T& x : v) {
    all_ones &= key(x);
    any_one |= key(x);
  }
  const std::uint64_t differ = all_ones ^ any_one;
  if (differ == 0) return;
  constexpr int kMaxBits = 11;
  const int low = std::countr_zero(differ), span = static_cast<int>(std::bit_width(differ)) - low;
  const int passes = (span + kMaxBits - 1) / kMaxBits, bits = (span + passes - 1) / passes;
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  const std::size_t buckets = std::size_t{1} << bits;
  std::vector<std::size_t> count(static_cast<std::size_t>(passes) * buckets);
  for (const T& x : v) {
    const std::uint64_t k = key(x) >> low;
    for (int p = 0; p < passes; ++p) ++count[p * buckets + ((k >> (p * bits)) & mask)];
  }
  std::vector<T> out(v.size());
  for (int p = 0; p < passes; ++p) {
    std::size_t* const c = &count[p * buckets];
    std::size_t at = 0;
    for (std::size_t b = 0; b < buckets; ++b) at += std::exchange(c[b], at);
    const int shift = low + p * bits;
    for (const T& x : v) out[c[(key(x) >> shift) & mask]++] = x;
    v.swap(out);
  }
}

}  // namespace

SlackOrder::SlackOrder(const Grid& grid) : grid_(grid) {
  const std::span<const double> load = grid.load.values.span();
  const std::span<const double> capacity = grid.capacity_mw;
  const std::size_t n = grid.size();
  // A first pass without a branch or a store: how many steps have no room and their weight,
  // the bits all rooms share, and the largest magnitude (for the rounding margin).
  double largest = 0;
  double no_room_weight = 0;
  std::size_t no_room = 0;
  std::uint64_t all_ones = ~std::uint64_t{0}, any_one = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double s = capacity[i] - load[i];
    largest = std::max(largest, std::abs(capacity[i]) + std::abs(load[i]));
    const bool room = s > 0;
    no_room_weight += room ? 0.0 : grid.weight[i];
    no_room += room ? 0 : 1;
    const std::uint64_t bits = std::bit_cast<std::uint64_t>(s);
    all_ones &= room ? bits : ~std::uint64_t{0};
    any_one |= room ? bits : 0;
  }
  no_room_weight_ = no_room_weight;
  rounding_mw_ = 1e-9 * largest;
  no_room_.resize(no_room);
  const std::uint64_t differ = all_ones ^ any_one;
  low_ = differ == 0 ? 0 : std::countr_zero(differ);
  const int span = differ == 0 ? 0 : static_cast<int>(std::bit_width(differ)) - low_;
  index_bits_ = static_cast<int>(std::bit_width(n));
  std::size_t* other = no_room_.data();
  if (span + index_bits_ <= 64) {
    const std::uint64_t keep = (std::uint64_t{1} << span) - 1;  // span <= 63
    common_ = all_ones & ~(keep << low_);
    packed_.resize(n - no_room);
    std::uint64_t* next = packed_.data();
    for (std::size_t i = 0; i < n; ++i) {
      const double s = capacity[i] - load[i];
      if (s > 0) {
        *next++ = ((std::bit_cast<std::uint64_t>(s) >> low_) & keep) << index_bits_ | i;
      } else {
        *other++ = i;
      }
    }
    radix_sort(packed_, [this](std::uint64_t w) { return w >> index_bits_; });
    return;
  }
  slack_.resize(n - no_room);
  Slack* next = slack_.data();
  for (std::size_t i = 0; i < n; ++i) {
    const double s = capacity[i] - load[i];
    if (s > 0) {
      *next++ = {s, i};
    } else {
      *other++ = i;
    }
  }
  radix_sort(slack_, [](const Slack& x) { return std::bit_cast<std::uint64_t>(x.mw); });
}

double SlackOrder::headroom(double limit) const {
  if (!(limit >= 0 && limit < 1)) throw InputError("a curtailment limit must be in [0, 100) %");
  // a: weight of steps curtailed at D (slack < D); b: their weight * slack. On
  // (s_{k-1}, s_k] the rate is a - b / D, increasing; solve a - b / D = limit there.
  double a = no_room_weight_;  // steps with no room at all: any D > 0 is curtailed fully there
  double b = 0;
  double d = a > limit ? 0 : std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < rooms() && d > 0 && std::isinf(d); ++k) {
    const Slack s = slack(k);
    const double w = grid_.weight[s.step];
    if (a > limit && b / (a - limit) <= s.mw) {
      d = b / (a - limit);
    } else {
      a += w;
      b += w * s.mw;
    }
  }
  if (std::isinf(d) && a > limit) d = b / (a - limit);
  return d;
}

std::vector<CurtailedStep> SlackOrder::curtailed(double new_load_mw) const {
  // The steps whose slack is below D, and a rounding's width more: the curtailment is computed
  // at each of them as curtailment_without_storage does, and every other step has none.
  const double bound = new_load_mw + rounding_mw_ + 1e-9 * std::abs(new_load_mw);
  std::size_t end = 0;  // the first room of at least `bound`, by bisection
  for (std::size_t count = rooms(); count > 0;) {
    const std::size_t half = count / 2;
    if (slack(end + half).mw < bound) {
      end += half + 1;
      count -= half + 1;
    } else {
      count = half;
    }
  }
  const std::span<const double> load = grid_.load.values.span();
  std::vector<CurtailedStep> out;
  out.reserve(no_room_.size() + end);
  const auto add = [&](std::size_t i) {
    const double c = std::max(0.0, load[i] + new_load_mw - grid_.capacity_mw[i]);
    if (c != 0) out.push_back({i, c});
  };
  for (const std::size_t i : no_room_) add(i);
  for (std::size_t k = 0; k < end; ++k) add(slack(k).step);
  radix_sort(out, [](const CurtailedStep& x) { return std::uint64_t{x.step}; });
  return out;
}

std::vector<double> headroom_without_storage(const Grid& grid, const std::vector<double>& limits) {
  const SlackOrder order(grid);
  std::vector<double> out;
  for (const double limit : limits) out.push_back(order.headroom(limit));
  return out;
}

double headroom_without_storage(const Grid& grid, double limit) {
  return headroom_without_storage(grid, std::vector<double>{limit})[0];
}

}  // namespace ballast::plan
