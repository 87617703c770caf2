#include "ballast/market/sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/control/taipower_rules.h"
#include "ballast/core/error.h"
#include "ballast/market/bid_check.h"

namespace ballast::market {

using taipower::kRules;
using taipower::Product;

SizingResult size_bid(const MarketConfig& base, std::span<const double> frequency_hz,
                      double step_mw, bool default_schedule, const Progress& progress) {
  if (!(step_mw > 0)) throw InputError(fmt::format("bid step must be > 0 MW (got {})", step_mw));
  const double power = std::min(base.storage.discharge_power_mw, base.storage.charge_power_mw);
  const double first = base.product == Product::kEdreg ? kRules.edreg_min_bid_mw : step_mw;
  SizingResult out;
  const auto n = static_cast<int>(std::floor((power - first) / step_mw + 1e-9));
  for (int i = 0; i <= n; ++i) {
    SizingRow row;
    row.bid_mw = first + i * step_mw;
    notify(progress, {"simulate each bid", static_cast<double>(i), static_cast<double>(n + 1),
                      fmt::format("{} MW", row.bid_mw)});
    MarketConfig c = base;
    c.bid_mw = row.bid_mw;
    if (c.product == Product::kEdreg) {
      // The operator declares the widest window the rules allow inside the battery's own.
      const double margin = kRules.bid_soc_margin_h * row.bid_mw;
      const BidCheck check = check_edreg_bid(
          {row.bid_mw, c.storage.energy_mwh, std::max(c.storage.min_energy_mwh(), margin),
           std::min(c.storage.max_energy_mwh(), c.storage.energy_mwh - margin), power});
      row.bid_accepted = check.accepted();
      if (!row.bid_accepted) row.bid_problem = check.problems.front().reason;
      if (default_schedule) {
        c.schedule =
            default_edreg_schedule(c.bid_mw, c.storage, c.line_loss, c.start_s,
                                   static_cast<std::int64_t>(frequency_hz.size()), c.calendar);
      } else {
        std::vector<double> t = base.schedule.targets_mw();
        for (double& p : t) p *= row.bid_mw / base.bid_mw;
        c.schedule = control::ShiftSchedule(std::move(t));
      }
    }
    c.trace_buckets = 1;  // no charts needed
    const MarketResult r = simulate(c, frequency_hz);
    row.min_execution_rate_pct = r.min_execution_rate_pct;
    row.hours_below_pass = r.hours_below_pass;
    row.payment_ntd = r.payment_ntd();
    row.energy_fee_ntd = r.energy_fee_ntd;
    row.loss_fee_ntd = r.loss_fee_ntd;
    row.net_ntd = r.net_ntd();
    row.feasible = row.bid_accepted && r.hours_below_pass == 0;
    if (row.feasible && (!out.best || row.net_ntd > out.rows[*out.best].net_ntd)) {
      out.best = out.rows.size();
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace ballast::market
