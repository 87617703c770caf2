#pragma once
/// @file Curtailment-enabled headroom without storage: exact, by a sorted sweep.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "ballast/plan/event_stats.h"
#include "ballast/plan/grid.h"

namespace ballast::plan {

/// Curtailed MW at each step for a new constant load: max(0, load + D - capacity).
std::vector<double> curtailment_without_storage(const Grid& grid, double new_load_mw);

/// The curtailment rate of a new constant load D (fraction of its potential energy).
double curtailment_rate(const Grid& grid, const std::vector<double>& curtailed_mw,
                        double new_load_mw);

/// The largest constant new load whose curtailment rate stays within `limit` (a fraction,
/// 0 <= limit < 1), exactly: rate(D) = W0 + sum over slack s_t < D of w_t (1 - s_t / D) is
/// increasing and of the form a - b/D between consecutive sorted slacks, so it is solved
/// in closed form on the right interval. O(n log n).
double headroom_without_storage(const Grid& grid, double limit);
/// The same for several limits, sharing one sort.
std::vector<double> headroom_without_storage(const Grid& grid, const std::vector<double>& limits);

/// A grid's steps sorted by their room under the capacity (capacity - load), once: the headroom
/// without storage at any limit, and the steps a new load is curtailed at without a pass over
/// every step (about 2,600 of 78,912 for PJM at 1 %). Keeps a reference to the grid.
class SlackOrder {
 public:
  explicit SlackOrder(const Grid& grid);
  /// headroom_without_storage(grid, limit).
  double headroom(double limit) const;
  /// curtailed_steps(curtailment_without_storage(grid, D)): the same steps and values.
  std::vector<CurtailedStep> curtailed(double new_load_mw) const;

 private:
  struct Slack {
    double mw;  // > 0 and finite
    std::size_t step;
  };
  std::size_t rooms() const { return packed_.empty() ? slack_.size() : packed_.size(); }
  /// The k-th step with room, by room.
  Slack slack(std::size_t k) const {
    if (packed_.empty()) return slack_[k];
    const std::uint64_t w = packed_[k];
    return {std::bit_cast<double>(common_ | ((w >> index_bits_) << low_)),
            static_cast<std::size_t>(w & ((std::uint64_t{1} << index_bits_) - 1))};
  }

  const Grid& grid_;
  // The steps with room, by room (ties in time order). Where the bits in which the rooms differ
  // and a step's index fit in 64 bits together (a record in whole MW: 20 + 17 bits for PJM
  // 2016-2024), each step is one word of `packed_` (those bits of its room above its index),
  // half the memory of `slack_`; else `slack_`.
  std::vector<std::uint64_t> packed_;
  std::vector<Slack> slack_;
  std::uint64_t common_ = 0;  // the bits of every room outside the packed ones
  int low_ = 0;               // the lowest packed bit of a room
  int index_bits_ = 0;
  std::vector<std::size_t> no_room_;  // steps with none
  double no_room_weight_ = 0;
  double rounding_mw_ = 0;  // far more than the rounding of load + D - capacity
};

}  // namespace ballast::plan
