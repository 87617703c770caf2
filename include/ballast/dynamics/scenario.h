#pragma once
/// @file A transient scenario file (TOML): the site's load, the battery, the controller and
/// what is upstream.

#include <string>

#include "ballast/dynamics/simulator.h"
#include "ballast/workload/scenario.h"

namespace ballast::dynamics {

/// A transient scenario as read from a file.
struct TransientScenario {
  std::string name;                 ///< shown in output
  workload::WorkloadSpec workload;  ///< the site's load
  TransientParams params;           ///< step, battery, control, upstream
};

/// Reads `path`: top-level `name`, `step_ms`; tables [workload], [battery], [control] and
/// either [grid] or [island]. Throws InputError with file:line:column.
TransientScenario read_transient_scenario(const std::string& path);

}  // namespace ballast::dynamics
