#pragma once
/// @file A hook for assets the dispatch scenario does not hold (e.g. the candidates of a
/// capacity expansion, whose sizes are LP variables): they add their own variables and rows to
/// the dispatch LP and their power to each period's energy balance.

#include <string>
#include <vector>

#include "ballast/dispatch/dispatch.h"
#include "ballast/lp/model.h"

namespace ballast::dispatch {

/// Variables and rows added to a one-window dispatch LP.
class LpExtension {
 public:
  virtual ~LpExtension() = default;
  /// Called after the scenario's generators, renewables and storage, before the balance rows.
  /// Returns, for each period, the terms this extension adds to that period's balance (supply
  /// positive, load negative; MW). `names`: give variables and rows names (for MPS files).
  virtual std::vector<std::vector<lp::Term>> add_to(lp::Model& model, bool names) = 0;
  /// One of this extension's rows in words, for infeasibility messages.
  virtual std::string describe_row(int row) const = 0;
};

/// A dispatch solved with an extension.
struct ExtendedDispatch {
  DispatchResult dispatch;        ///< the scenario's own assets, as run_dispatch reports them
  lp::Solution solution;          ///< the whole LP (the extension's variables too)
  std::vector<int> balance_rows;  ///< per period, the balance row (its dual: price x dt)
};

/// Solves the scenario and the extension in one LP over the whole horizon (the cost objective;
/// no rolling horizon). Throws InfeasibleError naming the constraint family and period.
ExtendedDispatch run_dispatch_extended(const Scenario& scenario, const DispatchOptions& options,
                                       LpExtension& extension);

}  // namespace ballast::dispatch
