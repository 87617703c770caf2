#pragma once
/// @file Fields that several requests share, declared once so that their name, unit, bounds and
/// help are the same in every command (docs/cli.md lists them).

#include <string>

#include "ballast/core/fields.h"

namespace ballast {

/// A fraction in [0, `max`] ("0.85" or "85%").
FieldInfo fraction_field(std::string name, std::string help, double max = 1);

/// "round_trip_efficiency": a fraction in (0, 1], earlier spelled "efficiency". `help` says
/// what it applies to and where its default comes from.
FieldInfo round_trip_efficiency_field(std::string help);

/// "standing_loss_per_h": self-discharge, a fraction of the stored energy per hour.
FieldInfo standing_loss_field();

}  // namespace ballast
