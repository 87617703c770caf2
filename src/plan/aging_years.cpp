#include "ballast/plan/aging_years.h"

namespace ballast::plan {

FieldInfo aging_years_field() {
  return {.name = "aging_years",
          .help = "With --aging: the years of battery life to recompute the headroom for",
          .kind = FieldKind::kNumbers,
          .min = 1,
          .max = 100,
          .whole = true,
          .group = "Aging"};
}

}  // namespace ballast::plan
