#include "ballast/control/regulation_controller.h"

#include <algorithm>

#include "ballast/core/error.h"

namespace ballast::control {

RegulationController::RegulationController(RegulationParams params)
    : params_(std::move(params)),
      curve_(params_.product, params_.base_hz),
      follower_(params_.schedule),
      steering_(params_.steering) {
  if (!(params_.bid_mw > 0)) throw InputError("the regulation bid_mw must be > 0");
}

RegulationStep RegulationController::step(std::int64_t t_s, double frequency_hz, double energy_mwh,
                                          double target_mwh) {
  RegulationStep out;
  if (params_.product == taipower::Product::kEdreg && t_s >= 0) {
    // The schedule moves second by second (ramps start at interval boundaries): a caller that
    // skipped seconds (a late real-time loop, a first call mid-schedule) is caught up first.
    constexpr std::int64_t kMaxCatchUp = 86'400;
    for (std::int64_t k = std::max(last_t_s_ + 1, t_s - kMaxCatchUp); k < t_s; ++k) {
      follower_.step(k);
    }
    last_t_s_ = std::max(last_t_s_, t_s);
    out.shift_mw = follower_.step(t_s);
    if ((out.cancelled_until_s = low_frequency_.step(t_s, frequency_hz, out.shift_mw))) {
      follower_.cancel_until(*out.cancelled_until_s);
      out.shift_mw = follower_.step(t_s);
    }
  }
  // The allowed band: shifting + regulation, never beyond the bid (digest, "E-dReg specifics").
  const double bid = params_.bid_mw;
  const Band reg = curve_.band_pu(frequency_hz);
  out.band_mw = {std::clamp(out.shift_mw + reg.lo * bid, -bid, bid),
                 std::clamp(out.shift_mw + reg.hi * bid, -bid, bid)};
  out.setpoint_mw = params_.steer ? steering_.choose_mw(out.band_mw, energy_mwh, target_mwh)
                                  : out.band_mw.center();
  return out;
}

}  // namespace ballast::control
