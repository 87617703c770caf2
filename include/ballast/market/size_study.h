#pragma once
/// @file The market sizing study (`ballast market size`): the bid MW that earns most while
/// every hour's execution rate stays at or above 95 %; and its renderers.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "ballast/core/fields.h"
#include "ballast/core/progress.h"
#include "ballast/market/market_spec.h"
#include "ballast/market/sizing.h"
#include "ballast/report/html.h"

namespace ballast::market {

struct MarketSizeRequest {
  MarketScenarioSpec scenario;
  std::string controller;  ///< naive or managed; empty: the scenario's
  double step_mw = 0.5;    ///< bid step, MW

  static constexpr const char* kName = "market size";
  static const FieldTable<MarketSizeRequest>& fields();
};

struct MarketSizeResult {
  MarketScenario scenario;       ///< as run (start and offset from the frequency)
  std::string frequency_source;  ///< the CSV, "series in memory", or "" for synthetic
  std::int64_t seconds = 0;
  SizingResult sizing;
};

/// Simulates every bid (size_bid). A sweep where no bid is feasible is a result, not an error
/// (sizing.best empty); require_best_bid() says so.
MarketSizeResult run(const MarketSizeRequest& request, const Progress& progress = {});

/// InfeasibleError, saying what to try, when no bid keeps every hour at 95 % within the rules.
void require_best_bid(const MarketSizeResult& result);

nlohmann::ordered_json to_json(const MarketSizeResult& result);
std::string to_text(const MarketSizeResult& result);
report::HtmlReport to_html(const MarketSizeResult& result);

}  // namespace ballast::market
