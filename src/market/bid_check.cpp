#include "ballast/market/bid_check.h"

#include <fmt/format.h>

#include <algorithm>

#include "ballast/control/taipower_rules.h"

namespace ballast::market {

using taipower::kRules;

BidCheck check_edreg_bid(const Bid& b) {
  BidCheck out;
  const double margin = kRules.bid_soc_margin_h;  // 0.25 h: a quarter hour of regulation
  const double span = kRules.bid_soc_span_h;      // 2 h of energy shifting
  const auto fail = [&](std::string rule, std::string reason) {
    out.problems.push_back({std::move(rule), std::move(reason)});
  };
  constexpr double kTol = 1e-9;
  if (b.bid_mw < kRules.edreg_min_bid_mw - kTol) {
    fail("bid >= 1 MW", fmt::format("the bid is {} MW; E-dReg takes batteries of at least {} MW",
                                    b.bid_mw, kRules.edreg_min_bid_mw));
  }
  if (b.energy_mwh < kRules.edreg_min_energy_mwh - kTol) {
    fail("energy >= 2.5 MWh",
         fmt::format("the registered energy is {} MWh; E-dReg takes batteries of at least {} MWh",
                     b.energy_mwh, kRules.edreg_min_energy_mwh));
  }
  if (b.power_mw > 0 && b.bid_mw > b.power_mw + kTol) {
    fail("bid <= power", fmt::format("the bid {} MW exceeds the inverter's {} MW; bid at most "
                                     "{} MW",
                                     b.bid_mw, b.power_mw, b.power_mw));
  }
  if (b.min_soc_mwh < margin * b.bid_mw - kTol) {
    fail("min SOC >= 0.25 x bid",
         fmt::format("min SOC {} MWh is below 0.25 h x {} MW = {} MWh: raise the declared "
                     "minimum to {} MWh or bid at most {} MW",
                     b.min_soc_mwh, b.bid_mw, margin * b.bid_mw, margin * b.bid_mw,
                     b.min_soc_mwh / margin));
  }
  if (b.max_soc_mwh > b.energy_mwh - margin * b.bid_mw + kTol) {
    fail("max SOC <= MWh - 0.25 x bid",
         fmt::format("max SOC {} MWh is above {} MWh - 0.25 h x {} MW = {} MWh: lower the "
                     "declared maximum to {} MWh or bid at most {} MW",
                     b.max_soc_mwh, b.energy_mwh, b.bid_mw, b.energy_mwh - margin * b.bid_mw,
                     b.energy_mwh - margin * b.bid_mw,
                     std::max(0.0, (b.energy_mwh - b.max_soc_mwh) / margin)));
  }
  if (b.max_soc_mwh - b.min_soc_mwh < span * b.bid_mw - kTol) {
    fail("max SOC - min SOC >= 2 x bid",
         fmt::format("the SOC span {} - {} = {} MWh is below 2 h x {} MW = {} MWh: widen the "
                     "window or bid at most {} MW",
                     b.max_soc_mwh, b.min_soc_mwh, b.max_soc_mwh - b.min_soc_mwh, b.bid_mw,
                     span * b.bid_mw, std::max(0.0, (b.max_soc_mwh - b.min_soc_mwh) / span)));
  }
  // The largest bid the declared window passes: every SOC rule bounds the bid from above.
  double largest = std::min({b.min_soc_mwh / margin, (b.energy_mwh - b.max_soc_mwh) / margin,
                             (b.max_soc_mwh - b.min_soc_mwh) / span});
  if (b.power_mw > 0) largest = std::min(largest, b.power_mw);
  out.largest_bid_mw =
      largest >= kRules.edreg_min_bid_mw && b.energy_mwh >= kRules.edreg_min_energy_mwh ? largest
                                                                                        : 0;
  return out;
}

}  // namespace ballast::market
