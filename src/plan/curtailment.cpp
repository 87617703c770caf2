#include "ballast/plan/curtailment.h"

#include <algorithm>
#include <array>
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
// radix sort over the bytes in which the keys differ (three of eight for whole megawatts as
// doubles, whose bits order as the positive numbers do; two or three for step indices).
// Several times faster than a comparison sort of a 9-year hourly record, and its ties are in a
// defined order.
template <class T, class Key>
void radix_sort(std::vector<T>& v, Key key) {
  std::uint64_t all_ones = ~std::uint64_t{0}, any_one = 0;
  for (const T& x : v) {
    all_ones &= key(x);
    any_one |= key(x);
  }
  const std::uint64_t differ = all_ones ^ any_one;
  std::vector<T> out(v.size());
  for (int shift = 0; shift < 64; shift += 8) {
    if (((differ >> shift) & 0xff) == 0) continue;
    std::array<std::size_t, 256> count{};
    for (const T& x : v) ++count[(key(x) >> shift) & 0xff];
    std::size_t at = 0;
    for (std::size_t& c : count) at += std::exchange(c, at);
    for (const T& x : v) out[count[(key(x) >> shift) & 0xff]++] = x;
    v.swap(out);
  }
}

}  // namespace

SlackOrder::SlackOrder(const Grid& grid) : grid_(grid) {
  slack_.reserve(grid.size());
  const std::span<const double> load = grid.load.values.span();
  double largest = 0;
  for (std::size_t i = 0; i < grid.size(); ++i) {
    const double s = grid.capacity_mw[i] - load[i];
    largest = std::max(largest, std::abs(grid.capacity_mw[i]) + std::abs(load[i]));
    if (s <= 0) {
      no_room_weight_ += grid.weight[i];
      no_room_.push_back(i);
    } else {
      slack_.push_back({s, i});
    }
  }
  radix_sort(slack_, [](const Slack& x) { return std::bit_cast<std::uint64_t>(x.mw); });
  rounding_mw_ = 1e-9 * largest;
}

double SlackOrder::headroom(double limit) const {
  if (!(limit >= 0 && limit < 1)) throw InputError("a curtailment limit must be in [0, 100) %");
  // a: weight of steps curtailed at D (slack < D); b: their weight * slack. On
  // (s_{k-1}, s_k] the rate is a - b / D, increasing; solve a - b / D = limit there.
  double a = no_room_weight_;  // steps with no room at all: any D > 0 is curtailed fully there
  double b = 0;
  double d = a > limit ? 0 : std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < slack_.size() && d > 0 && std::isinf(d); ++k) {
    const double w = grid_.weight[slack_[k].step];
    if (a > limit && b / (a - limit) <= slack_[k].mw) {
      d = b / (a - limit);
    } else {
      a += w;
      b += w * slack_[k].mw;
    }
  }
  if (std::isinf(d) && a > limit) d = b / (a - limit);
  return d;
}

std::vector<CurtailedStep> SlackOrder::curtailed(double new_load_mw) const {
  // The steps whose slack is below D, and a rounding's width more: the curtailment is computed
  // at each of them as curtailment_without_storage does, and every other step has none.
  const double bound = new_load_mw + rounding_mw_ + 1e-9 * std::abs(new_load_mw);
  const auto end = std::partition_point(slack_.begin(), slack_.end(),
                                        [&](const Slack& s) { return s.mw < bound; });
  const std::span<const double> load = grid_.load.values.span();
  std::vector<CurtailedStep> out;
  out.reserve(no_room_.size() + static_cast<std::size_t>(end - slack_.begin()));
  const auto add = [&](std::size_t i) {
    const double c = std::max(0.0, load[i] + new_load_mw - grid_.capacity_mw[i]);
    if (c != 0) out.push_back({i, c});
  };
  for (const std::size_t i : no_room_) add(i);
  for (auto it = slack_.begin(); it != end; ++it) add(it->step);
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
