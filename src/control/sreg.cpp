#include "ballast/control/sreg.h"

#include <algorithm>

#include "ballast/control/taipower_rules.h"

namespace ballast::control {

using taipower::kRules;

double SregController::step(double frequency_hz, double dt_s) {
  if (!active_ && frequency_hz <= kRules.sreg_trigger_hz) active_ = true;
  if (active_ && frequency_hz >= kRules.sreg_release_hz) active_ = false;
  output_pu_ = active_ ? std::min(1.0, output_pu_ + dt_s / kRules.sreg_full_s) : 0.0;
  return output_pu_;
}

}  // namespace ballast::control
