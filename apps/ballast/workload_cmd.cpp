// ballast workload: synthesise or import an AI datacenter's power and summarise its swings.

#include "ballast/workload/workload_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_workload(CLI::App& app) {
  add_study_command<workload::WorkloadRequest>(
      app, "workload", "Synthesise or import an AI datacenter's power and summarise its swings");
}

}  // namespace ballast::cli
