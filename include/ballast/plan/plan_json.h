#pragma once
/// @file JSON for the planners' results (the CLI's --json output).

#include <nlohmann/json.hpp>
#include <string>

#include "ballast/plan/grid.h"
#include "ballast/plan/headroom.h"
#include "ballast/plan/sizing.h"
#include "ballast/plan/steady.h"
#include "ballast/storage/spec.h"

namespace ballast::plan {

/// The load and threshold a run used: source, span, step, peak, mean, load factor, threshold.
nlohmann::ordered_json grid_json(const Grid& grid, const std::string& source);
/// Storage parameters with units in the keys.
nlohmann::ordered_json storage_json(const StorageParams& storage, SocStart start);
/// One headroom row: limit in %, headroom MW and % of peak, and the curtailment statistics.
nlohmann::ordered_json headroom_row_json(const Grid& grid, const HeadroomRow& row);
nlohmann::ordered_json sizing_json(const SizingResult& r);
nlohmann::ordered_json sweep_cell_json(const SweepCell& c);
nlohmann::ordered_json steady_point_json(const SteadyPoint& p);

}  // namespace ballast::plan
