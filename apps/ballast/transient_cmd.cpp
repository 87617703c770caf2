// ballast transient: a datacenter, its battery and controller, and the grid or on-site plant,
// simulated at millisecond steps; --size finds the smallest battery that keeps the ramp limit.

#include "ballast/dynamics/transient_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_transient(CLI::App& app) {
  add_study_command<dynamics::TransientRequest>(
      app, "transient",
      "Millisecond simulation of a datacenter, battery and controller, on a grid or island");
}

}  // namespace ballast::cli
