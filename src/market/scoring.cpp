#include "ballast/market/scoring.h"

#include <algorithm>
#include <cmath>

#include "ballast/control/taipower_rules.h"

namespace ballast::market {

using taipower::kRules;

double second_score_pct(const control::Band& band_mw, double measured_mw, double bid_mw) {
  // dReg: 100 % - |P% - nearest allowed %|; E-dReg: 100 % - |P - (P_reg + P_shift)| / bid.
  // Both are the distance to the allowed band (digest, "Performance measurement").
  return std::max(0.0, 100.0 - 100.0 * band_mw.distance(measured_mw) / bid_mw);
}

double RollingScore::push(double score_pct) {
  static_assert(std::tuple_size_v<decltype(last_)> == kRules.rolling_window_s);
  last_[count_ % last_.size()] = score_pct;
  ++count_;
  const std::size_t n = std::min(count_, last_.size());
  return *std::max_element(last_.begin(), last_.begin() + static_cast<std::ptrdiff_t>(n));
}

double quality_index(double execution_rate_pct) {
  // The table lists whole percents (94 %, 93 %, ...); a rate between two rows earns the lower
  // one (ballast's reading: 94.7 % is "94 %"). The 1e-9 forgives float noise on exact rows.
  const double floored = std::floor(execution_rate_pct + 1e-9);
  for (const taipower::QualityRow& row : kRules.quality) {
    if (floored >= row.min_rate_pct) return row.index;
  }
  return kRules.quality.back().index;
}

}  // namespace ballast::market
