#include "ballast/core/field_builders.h"

#include <utility>

namespace ballast {

FieldInfo fraction_field(std::string name, std::string help, double max) {
  return FieldInfo{.name = std::move(name),
                   .help = std::move(help),
                   .unit = FieldUnit::kFraction,
                   .min = 0,
                   .max = max};
}

FieldInfo round_trip_efficiency_field(std::string help) {
  FieldInfo f = fraction_field("round_trip_efficiency", std::move(help));
  f.min_exclusive = true;
  f.old_names = {"efficiency"};
  return f;
}

FieldInfo standing_loss_field() {
  FieldInfo f = fraction_field("standing_loss_per_h",
                               "Self-discharge, fraction of the stored energy per hour", 0.999999);
  f.old_names = {"standing_loss"};
  return f;
}

}  // namespace ballast
