#pragma once
/// @file The HTML reports of the planning commands (headroom, size, steady). Each is returned
/// unrendered so that callers can add sections (e.g. battery wear) before rendering.

#include <optional>
#include <string>
#include <vector>

#include "ballast/plan/grid.h"
#include "ballast/plan/headroom.h"
#include "ballast/plan/sizing.h"
#include "ballast/plan/steady.h"
#include "ballast/report/html.h"

namespace ballast::plan {

/// Headroom table; load with threshold and load + D; storage SOC; load duration curves;
/// headroom against the curtailment limit.
report::HtmlReport headroom_report(const Grid& grid, const std::string& source,
                                   const std::vector<HeadroomRow>& rows,
                                   const std::optional<StorageOption>& storage);

/// The sized storage for the new load (named with its curtailment limit, a fraction): the
/// sizing table (bound to the size study's JSON), load against the limit and the state of
/// charge over the record.
report::HtmlReport sizing_report(const Grid& grid, const std::string& source,
                                 const std::vector<double>& capacity_mw, double new_load_mw,
                                 const StorageParams& unit, SocStart start,
                                 const SizingResult& result, double curtailment_limit = 0);

/// Zero-curtailment headroom against storage power, one line per duration.
report::HtmlReport sweep_report(const Grid& grid, const std::string& source,
                                const std::vector<SweepCell>& cells);

/// Energy multiplier against storage size, with the ceiling.
report::HtmlReport steady_report(const Grid& grid, const std::string& source,
                                 const SteadyCurve& curve);

}  // namespace ballast::plan
