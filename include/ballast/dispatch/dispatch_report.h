#pragma once
/// @file Output of `ballast dispatch`: JSON summary, per-period CSV, HTML report.

#include <nlohmann/json.hpp>
#include <string>

#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/summary.h"
#include "ballast/report/html.h"

namespace ballast::dispatch {

/// Objective, cost, unserved and curtailed energy, per generator and per storage unit.
nlohmann::ordered_json dispatch_json(const Scenario& s, const DispatchResult& r,
                                     const DispatchSummary& summary);

/// One row per period with every variable (MW, or MWh for stored energy).
std::string dispatch_csv(const Scenario& s, const DispatchResult& r);

/// Stacked dispatch, storage energy, and the duration curves of net load (before storage)
/// and thermal output (after storage).
report::HtmlReport dispatch_html(const Scenario& s, const DispatchResult& r,
                                 const DispatchSummary& summary);

}  // namespace ballast::dispatch
