// ballast headroom: the largest new constant load for each curtailment limit.

#include "ballast/plan/headroom_study.h"
#include "commands.h"
#include "plan_command.h"

namespace ballast::cli {

void register_headroom(CLI::App& app) {
  add_plan_command<plan::HeadroomRequest>(
      app, "headroom",
      "Largest new constant load for each curtailment limit, with optional storage");
}

}  // namespace ballast::cli
