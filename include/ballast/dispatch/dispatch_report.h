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

/// The objective, its value in plain digits and its unit, e.g. "cost: 17,441,000,000 TWD",
/// "peak: 33,059 MW".
std::string objective_text(const DispatchResult& r, const std::string& currency);

/// Summary tables, generation stacked by fuel (the whole run and the week around the thermal
/// peak), stored energy, the marginal price and duration curves (net load and thermal output,
/// each fuel, the price). Stacked dispatch, storage energy, and the duration curves of net load
/// (before storage) and thermal output (after storage).
report::HtmlReport dispatch_html(const Scenario& s, const DispatchResult& r,
                                 const DispatchSummary& summary);

}  // namespace ballast::dispatch
