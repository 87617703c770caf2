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
/// Frequency, power against the allowed band, SOC and the hourly score chart; `extra` runs
/// (e.g. the naive controller) add their hourly scores to the score chart.
report::HtmlReport html_report(const MarketResult& result, const std::string& title,
                               const std::vector<const MarketResult*>& extra = {});

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
