#pragma once
/// @file Streaming rainflow cycle counting per ASTM E1049-85 (reapproved 2017), section 5.4.4.
/// Samples go in one at a time; reversals (peaks and valleys) are found on the fly and counted
/// with the standard's three-point rule. Memory is the residual stack of not yet closed
/// reversals (a diverging-then-converging sequence: for SOC in [0, 1] a handful of points),
/// never the signal: a year of 1-s SOC runs in constant memory.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace ballast::aging {

/// One counted range (ASTM E1049-85 5.4.4): a half or a full cycle.
struct Cycle {
  double count = 0;         ///< 0.5 (half cycle) or 1 (full cycle)
  double range = 0;         ///< |end value - start value|, signal units (SOC: fraction)
  double mean = 0;          ///< (start value + end value) / 2, signal units
  std::uint64_t start = 0;  ///< sample index of the range's first reversal
  std::uint64_t end = 0;    ///< sample index of the range's second reversal
  /// The caller's running tag (e.g. cumulative temperature) at start and at end, so a
  /// second signal can be averaged over the cycle without storing it.
  double start_tag = 0;
  double end_tag = 0;
};

/// Streaming ASTM E1049-85 rainflow counter. push() each sample, then finish() once.
/// Repeated equal samples are not reversals; a plateau's first sample is the reversal.
class Rainflow {
 public:
  struct Point {
    double value;
    std::uint64_t index;
    double tag;
  };

  /// Feeds one sample; `sink(const Cycle&)` is called for each range closed by it.
  template <class Sink>
  void push(double x, Sink&& sink, double tag = 0) {
    const std::uint64_t i = n_++;
    if (i == 0) {
      add_reversal({x, i, tag}, sink);
      cand_ = {x, i, tag};
      return;
    }
    if (dir_ == 0) {
      if (x == cand_.value) return;
      dir_ = x > cand_.value ? 1 : -1;
      cand_ = {x, i, tag};
      return;
    }
    const double d = (x - cand_.value) * dir_;
    if (d > 0) {
      cand_ = {x, i, tag};  // still rising (or falling): the extreme moves on
    } else if (d < 0) {
      add_reversal(cand_, sink);  // the candidate was a peak (or valley)
      dir_ = -dir_;
      cand_ = {x, i, tag};
    }
  }

  /// Ends the signal: the last extreme is a reversal and every range left on the stack is a
  /// half cycle (ASTM E1049-85 5.4.4 step 6). The counter can then be reused.
  template <class Sink>
  void finish(Sink&& sink) {
    if (n_ > 0 && dir_ != 0) add_reversal(cand_, sink);
    for (std::size_t k = 0; k + 1 < stack_.size(); ++k) emit(stack_[k], stack_[k + 1], 0.5, sink);
    stack_.clear();
    n_ = 0;
    dir_ = 0;
  }

  std::uint64_t samples() const { return n_; }
  /// Reversals waiting on the residual stack (the counter's whole memory).
  std::size_t residual() const { return stack_.size(); }

 private:
  template <class Sink>
  static void emit(const Point& a, const Point& b, double count, Sink& sink) {
    const double range = a.value > b.value ? a.value - b.value : b.value - a.value;
    sink(Cycle{count, range, 0.5 * (a.value + b.value), a.index, b.index, a.tag, b.tag});
  }

  // ASTM E1049-85 5.4.4 steps 2-5: X is the most recent range, Y the one before it; while
  // X >= Y, Y is a full cycle, or a half cycle when it contains the starting point.
  template <class Sink>
  void add_reversal(const Point& p, Sink& sink) {
    stack_.push_back(p);
    while (stack_.size() >= 3) {
      const std::size_t n = stack_.size();
      const double x = std::abs(stack_[n - 1].value - stack_[n - 2].value);
      const double y = std::abs(stack_[n - 2].value - stack_[n - 3].value);
      if (x < y) break;
      if (n == 3) {  // Y contains the starting point S: half cycle, S moves on
        emit(stack_[0], stack_[1], 0.5, sink);
        stack_.erase(stack_.begin());
      } else {
        emit(stack_[n - 3], stack_[n - 2], 1.0, sink);
        stack_[n - 3] = stack_[n - 1];
        stack_.resize(n - 2);
      }
    }
  }

  std::vector<Point> stack_;
  Point cand_{0, 0, 0};
  std::uint64_t n_ = 0;
  int dir_ = 0;
};

/// All cycles of a whole signal, in the order the counter closes them.
std::vector<Cycle> count_cycles(std::span<const double> signal);

}  // namespace ballast::aging
