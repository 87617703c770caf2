#include "ballast/lp/solver_fields.h"

namespace ballast::lp {

FieldInfo lp_method_field(const std::string& auto_means) {
  return {.name = "lp_method",
          .help = "LP algorithm of a cold solve: auto (" + auto_means +
                  "), dual, primal or barrier (interior point with crossover)",
          .kind = FieldKind::kChoice,
          .choices = {"auto", "dual", "primal", "barrier"},
          .group = "Solver"};
}

FieldInfo time_limit_field() {
  return {.name = "time_limit_s",
          .help =
              "Wall-clock limit for the LPs of the whole run, s: when hit, the best feasible "
              "point so far is reported with a note (an error when there is none)",
          .unit = FieldUnit::kSeconds,
          .min = 0,
          .min_exclusive = true,
          .group = "Solver"};
}

}  // namespace ballast::lp
