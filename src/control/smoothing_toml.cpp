#include "ballast/control/smoothing_toml.h"

#include "ballast/core/fields.h"

namespace ballast::control {

SmoothingParams read_smoothing_params(const TomlReader& r, const toml::table& c,
                                      const std::string& where, SmoothingParams p) {
  r.check_keys(c,
               {"ramp_mw_per_min", "target_soc", "dead_band", "correction_time_s",
                "max_correction_mw", "lag_compensation"},
               where);
  p.ramp_mw_per_s =
      r.number(c, "ramp_mw_per_min", 1e-6, limits::kPowerMw, p.ramp_mw_per_s * 60) / 60;
  p.soc.target_soc = r.number(c, "target_soc", 0, 1, p.soc.target_soc);
  p.soc.dead_band = r.number(c, "dead_band", 0, 1, p.soc.dead_band);
  p.soc.correction_time_s = r.number(c, "correction_time_s", 1e-3, 1e9, p.soc.correction_time_s);
  p.soc.max_correction_mw =
      r.number(c, "max_correction_mw", 0, limits::kPowerMw, p.soc.max_correction_mw);
  p.lag_compensation = r.flag(c, "lag_compensation", p.lag_compensation);
  return p;
}

}  // namespace ballast::control
