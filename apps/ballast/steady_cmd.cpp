// ballast steady: storage size against how much more energy the existing fleet delivers.

#include "ballast/plan/steady_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_steady(CLI::App& app) {
  add_study_command<plan::SteadyRequest>(
      app, "steady", "Storage size against how much more energy the existing fleet can deliver");
}

}  // namespace ballast::cli
