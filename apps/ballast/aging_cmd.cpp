// ballast aging: what an SOC (or power) trace does to a battery, and what it costs.

#include "ballast/aging/aging_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_aging(CLI::App& app) {
  add_study_command<aging::AgingRequest>(
      app, "aging",
      "Battery wear of an SOC or power trace: rainflow cycles, fade, end of life, cost");
}

}  // namespace ballast::cli
