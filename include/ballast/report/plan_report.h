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

namespace ballast::report {

/// Headroom table; load with threshold and load + D; storage SOC; load duration curves;
/// headroom against the curtailment limit.
HtmlReport headroom_report(const plan::Grid& grid, const std::string& source,
                           const std::vector<plan::HeadroomRow>& rows,
                           const std::optional<plan::StorageOption>& storage);

/// The sized storage: load against the limit and the state of charge over the record.
HtmlReport sizing_report(const plan::Grid& grid, const std::string& source,
                         const std::vector<double>& capacity_mw, double new_load_mw,
                         const StorageParams& unit, SocStart start,
                         const plan::SizingResult& result);

/// Zero-curtailment headroom against storage power, one line per duration.
HtmlReport sweep_report(const plan::Grid& grid, const std::string& source,
                        const std::vector<plan::SweepCell>& cells);

/// Energy multiplier against storage size, with the ceiling.
HtmlReport steady_report(const plan::Grid& grid, const std::string& source,
                         const plan::SteadyCurve& curve);

}  // namespace ballast::report
