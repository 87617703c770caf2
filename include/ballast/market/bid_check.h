#pragma once
/// @file Checking an E-dReg bid against the rulebook's eligibility and SOC rules, with reasons.

#include <string>
#include <vector>

namespace ballast::market {

/// A bid as declared: its MW, the registered energy and the SOC window offered, MWh.
struct Bid {
  double bid_mw = 0;       ///< offered capacity, MW
  double energy_mwh = 0;   ///< registered energy, MWh
  double min_soc_mwh = 0;  ///< declared lowest state of charge, MWh
  double max_soc_mwh = 0;  ///< declared highest state of charge, MWh
  double power_mw = 0;     ///< inverter rating, MW (0: not checked)
};

/// One broken rule: which, and how to fix it.
struct BidProblem {
  std::string rule;    ///< e.g. "min SOC >= 0.25 x bid"
  std::string reason;  ///< what is wrong, with the numbers, and what to change
};

/// The verdict; accepted when no rule is broken.
struct BidCheck {
  std::vector<BidProblem> problems;
  double largest_bid_mw = 0;  ///< the largest bid this battery and SOC window would pass, MW
  bool accepted() const { return problems.empty(); }
};

/// Checks the E-dReg rules (digest, "Products" and "E-dReg specifics"): bid >= 1 MW,
/// energy >= 2.5 MWh, min SOC >= 0.25 x bid, max SOC <= MWh - 0.25 x bid,
/// max - min >= 2 x bid, and (when power_mw > 0) bid <= power.
BidCheck check_edreg_bid(const Bid& bid);

}  // namespace ballast::market
