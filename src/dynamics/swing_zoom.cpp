#include "ballast/dynamics/swing_zoom.h"

#include <algorithm>
#include <cmath>

namespace ballast::dynamics {

SwingZoom::SwingZoom(double dt_s, Options options)
    : dt_s_(dt_s),
      o_(options),
      before_(static_cast<std::size_t>(std::llround(options.before_s / dt_s))),
      after_(static_cast<std::size_t>(std::llround(options.after_s / dt_s))),
      lag_(std::max<std::size_t>(1, static_cast<std::size_t>(std::llround(options.lag_s / dt_s)))),
      ring_(std::max(before_, lag_) + 1) {}

void SwingZoom::add_bare(const StepState& s) {
  const std::size_t size = ring_.size();
  ring_[seen_ % size] = {s.tick, s.site_mw, s.upstream_mw};
  ++seen_;
  if (open_until_ >= 0) {
    SwingWindow& w = swings_.back();
    w.time_s.push_back(static_cast<double>(s.tick) * dt_s_);
    w.site_mw.push_back(s.site_mw);
    w.upstream_bare_mw.push_back(s.upstream_mw);
    if (s.tick >= open_until_) open_until_ = -1;
    return;
  }
  if (swings_.size() >= o_.max_swings || seen_ <= lag_) return;
  const double earlier = ring_[(seen_ - 1 - lag_) % size].site;
  if (!(std::abs(s.site_mw - earlier) > o_.threshold * std::abs(earlier))) return;
  // A swing: open its window with the steps before it that the ring still holds.
  SwingWindow& w = swings_.emplace_back();
  w.start_s = static_cast<double>(s.tick) * dt_s_;
  const std::size_t back = std::min(before_, seen_ - 1);
  for (std::size_t k = back + 1; k-- > 0;) {
    const Sample& x = ring_[(seen_ - 1 - k) % size];
    w.time_s.push_back(static_cast<double>(x.tick) * dt_s_);
    w.site_mw.push_back(x.site);
    w.upstream_bare_mw.push_back(x.upstream);
  }
  ticks_.emplace_back(s.tick - static_cast<std::int64_t>(back),
                      s.tick + static_cast<std::int64_t>(after_));
  open_until_ = ticks_.back().second;
}

void SwingZoom::add_battery(const StepState& s) {
  for (std::size_t i = 0; i < ticks_.size(); ++i) {
    if (s.tick < ticks_[i].first || s.tick > ticks_[i].second) continue;
    swings_[i].upstream_battery_mw.push_back(s.upstream_mw);
    swings_[i].battery_mw.push_back(s.battery_mw);
  }
}

}  // namespace ballast::dynamics
