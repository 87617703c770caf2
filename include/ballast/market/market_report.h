#pragma once
/// @file A market run as JSON and as a self-contained HTML report.

#include <nlohmann/json.hpp>
#include <string>

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

}  // namespace ballast::market
