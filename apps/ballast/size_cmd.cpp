// ballast size: the smallest storage that keeps load under a limit, or a power x duration sweep.

#include "ballast/plan/size_study.h"
#include "commands.h"
#include "plan_command.h"

namespace ballast::cli {

void register_size(CLI::App& app) {
  add_plan_command<plan::SizeRequest>(
      app, "size",
      "Smallest storage energy that keeps load under a limit; or a power x hours sweep");
}

}  // namespace ballast::cli
