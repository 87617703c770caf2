#pragma once
/// @file Which bid MW earns the most for a battery of given MWh while every hour's execution
/// rate stays at or above 95 %.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ballast/core/progress.h"
#include "ballast/market/simulation.h"

namespace ballast::market {

/// One bid tried.
struct SizingRow {
  double bid_mw = 0;
  bool bid_accepted = true;  ///< passes the E-dReg bid rules (always true for dReg)
  std::string bid_problem;   ///< the first broken bid rule, if any
  double min_execution_rate_pct = 0;
  int hours_below_pass = 0;
  double payment_ntd = 0;  ///< capacity + performance, x quality index
  double energy_fee_ntd = 0;
  double loss_fee_ntd = 0;
  double net_ntd = 0;     ///< payment + energy fees - loss fee
  bool feasible = false;  ///< bid accepted and every hour >= 95 %
};

/// A sweep of bids and the best feasible one.
struct SizingResult {
  std::vector<SizingRow> rows;
  std::optional<std::size_t> best;  ///< index of the feasible row with the largest net
};

/// Simulates `base` at each bid from `step_mw` (1 MW for E-dReg) up to the battery's power in
/// steps of `step_mw`. The declared SOC window is the widest the rules allow inside the
/// battery's (min >= 0.25 h x bid, max <= MWh - 0.25 h x bid); E-dReg schedules are the
/// default day when `default_schedule`, else `base.schedule` scaled by bid / base bid.
SizingResult size_bid(const MarketConfig& base, std::span<const double> frequency_hz,
                      double step_mw, bool default_schedule, const Progress& progress = {});

}  // namespace ballast::market
