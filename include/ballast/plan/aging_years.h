#pragma once
/// @file The years of battery life that headroom, size and steady recompute with an aging model:
/// one field, one default, for all three.

#include <vector>

#include "ballast/core/fields.h"

namespace ballast::plan {

/// Years 1, 5, 10, 15 and 20 of battery life.
inline const std::vector<int> kDefaultAgingYears{1, 5, 10, 15, 20};

/// "aging_years": whole years 1-100, in the Aging group.
FieldInfo aging_years_field();

}  // namespace ballast::plan
