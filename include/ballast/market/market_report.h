#pragma once
/// @file A market run as JSON, as text tables and as a self-contained HTML report.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ballast/market/scenario.h"
#include "ballast/market/simulation.h"
#include "ballast/market/sizing.h"
#include "ballast/report/html.h"

namespace ballast::market {

/// The run: settings, totals, every hour, violations (ordered keys).
nlohmann::ordered_json to_json(const MarketResult& result);
/// A sizing sweep: every bid tried and the best.
nlohmann::ordered_json to_json(const SizingResult& sizing);
/// The totals of every run (e.g. the optimised and the naive controller), the first run's
/// frequency, power against the allowed band, SOC and hours, every run's hourly execution rate
/// and every run's violations. Numbers of the totals table are bound to "/runs/<i>/..." of the
/// market run's JSON (see report::Cell).
report::HtmlReport html_report(const std::vector<const MarketResult*>& runs,
                               const std::string& title);

/// Two lines: the product, bid and battery; where the frequency comes from (`frequency_source`
/// empty: the scenario's synthetic generator) and the span simulated.
std::string describe(const MarketScenario& scenario, const std::string& frequency_source,
                     std::int64_t seconds);
/// The runs' totals, the hour table (up to 48 hours; later runs add their columns) and each
/// run's first violations.
std::string runs_text(const std::vector<MarketResult>& runs);
/// The sizing table and the best bid.
std::string sizing_text(const SizingResult& sizing);
/// Net revenue and the lowest execution rate against the bid, and the table.
void add_sizing_section(report::HtmlReport& page, const SizingResult& sizing);

}  // namespace ballast::market
