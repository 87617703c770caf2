#include "ballast/control/peak_shaver.h"

#include <cmath>

#include "ballast/core/error.h"

namespace ballast::control {

PeakShaver::PeakShaver(const PeakShaverParams& params, double energy_mwh)
    : params_(params), target_mwh_(params.target_soc * energy_mwh) {
  if (!std::isfinite(params.threshold_mw))
    throw InputError("peak shaving needs a finite threshold_mw");
  if (!(params.recharge_margin_mw >= 0)) throw InputError("recharge_margin_mw must be >= 0");
  if (!(params.recharge_max_mw > 0)) throw InputError("recharge_max_mw must be > 0");
  if (!(params.target_soc >= 0 && params.target_soc <= 1)) {
    throw InputError("the peak shaver's target_soc must be in [0, 1]");
  }
  if (!(energy_mwh > 0)) throw InputError("the battery's energy_mwh must be > 0");
}

}  // namespace ballast::control
