#include "ballast/control/regulation_curve.h"

#include <fmt/format.h>

#include "ballast/core/error.h"

namespace ballast {
namespace taipower {

std::string_view to_string(Product product) {
  switch (product) {
    case Product::kDreg:
      return "dreg";
    case Product::kEdreg:
      return "edreg";
    case Product::kSreg:
      return "sreg";
  }
  return "?";
}

}  // namespace taipower

namespace control {

RegulationCurve::RegulationCurve(taipower::Product product, double base_hz)
    : product_(product), base_hz_(0), rule_(&taipower::curve_rule(product)) {
  if (product == taipower::Product::kSreg) {
    throw InputError("sReg has no frequency-power curve; use the sReg trigger/hold controller");
  }
  set_base_hz(base_hz);
}

void RegulationCurve::set_base_hz(double base_hz) {
  if (!(base_hz >= 59 && base_hz <= 61)) {
    throw InputError(fmt::format("base frequency {} Hz is outside 59-61 Hz", base_hz));
  }
  base_hz_ = base_hz;
}

Band RegulationCurve::band_pu(double frequency_hz) const {
  const taipower::CurveRule& r = *rule_;
  const double d = frequency_hz - base_hz_;
  if (d <= r.offset_hz[0]) return {r.output_pu[0], r.output_pu[0]};
  if (d >= r.offset_hz[5]) return {r.output_pu[5], r.output_pu[5]};
  // Edges belong to the dead band; 1e-9 Hz absorbs float noise in f - base (59.98 - 60).
  constexpr double kEdgeHz = 1e-9;
  if (d >= r.offset_hz[2] - kEdgeHz && d <= r.offset_hz[3] + kEdgeHz) {
    return {-r.dead_band_pu, r.dead_band_pu};
  }
  // Outside the dead band: the line through the two breakpoints around d.
  std::size_t i = d < r.offset_hz[2] ? (d < r.offset_hz[1] ? 0 : 1) : (d < r.offset_hz[4] ? 3 : 4);
  const double x0 = r.offset_hz[i], x1 = r.offset_hz[i + 1];
  const double y0 = r.output_pu[i], y1 = r.output_pu[i + 1];
  const double y = y0 + (y1 - y0) * (d - x0) / (x1 - x0);
  return {y, y};
}

}  // namespace control
}  // namespace ballast
