#pragma once
/// @file The smoothing controller's parameters from a TOML table, the same keys wherever the
/// controller runs: `ballast transient` ([control]) and ballastd ([smoothing]).

#include <string>

#include "ballast/control/smoothing_controller.h"
#include "ballast/core/toml_reader.h"

namespace ballast::control {

/// Reads ramp_mw_per_min, target_soc, dead_band, correction_time_s, max_correction_mw and
/// lag_compensation from `table` (named `where` in errors) over `defaults`; any other key is an
/// error at its file:line:column. The inverter lag is the battery's, read with it.
SmoothingParams read_smoothing_params(const TomlReader& r, const toml::table& table,
                                      const std::string& where, SmoothingParams defaults = {});

}  // namespace ballast::control
