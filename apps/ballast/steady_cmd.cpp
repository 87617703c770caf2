// ballast steady: storage size against how much more energy the existing fleet delivers.

#include "ballast/plan/steady_study.h"
#include "commands.h"
#include "plan_command.h"

namespace ballast::cli {

void register_steady(CLI::App& app) {
  add_plan_command<plan::SteadyRequest>(
      app, "steady", "Storage size against how much more energy the existing fleet can deliver");
}

}  // namespace ballast::cli
