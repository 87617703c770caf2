#pragma once
// The LP of one dispatch window (the whole horizon, or one window of a rolling horizon).
// Private to the dispatch module.

#include <optional>
#include <string>
#include <vector>

#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/extension.h"
#include "ballast/lp/model.h"
#include "ballast/lp/solver.h"

namespace ballast::dispatch {

/// Constraint families, for explaining infeasibility in words.
enum class Family {
  kBalance,
  kRampUp,
  kRampDown,
  kStorageEnergy,
  kStorageEnd,
  kAllowance,
  kReserve,
  kThermalCap,
  kPeak,
  kFlat,
  kAddedLoad,
  kBound,
  kExtension  // a row of an LpExtension; Tag::asset holds the row index
};

/// What a row or variable stands for: its family, the asset (index in its list) and period.
struct Tag {
  Family family = Family::kBound;
  int asset = -1;
  int period = -1;  // absolute period index; -1 for rows over all periods
};

/// State carried from one window to the next.
struct CarriedState {
  std::vector<double> energy_mwh;                ///< per storage, at the window's start
  std::vector<double> run_start_energy_mwh;      ///< per storage, at the run's start
  std::vector<std::optional<double>> output_mw;  ///< per generator, in the period before
  double peak_so_far_mw = 0;                     ///< kPeak: thermal peak already committed
};

/// The window [begin, end) of the scenario's periods.
struct Window {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool last = true;  ///< the run's end conditions (cyclic, final SOC) apply
};

class Formulation {
 public:
  Formulation(const Scenario& s, const DispatchOptions& o, const Window& w,
              const CarriedState& state, bool with_names, LpExtension* extension = nullptr);

  const lp::Model& model() const { return model_; }
  /// Cost + a tiny storage throughput penalty: the second stage of lexicographic objectives.
  const std::vector<double>& secondary_cost() const { return secondary_; }
  const Tag& row_tag(int row) const { return row_tags_[row]; }
  const Tag& variable_tag(int var) const { return var_tags_[var]; }

  /// Copies periods [w.begin, w.begin + count) of the solution into `out` and returns the
  /// state at the end of them.
  CarriedState extract(const std::vector<double>& x, std::size_t count, DispatchResult& out) const;
  /// The basis of the window before this one (of the same length, `step` periods earlier)
  /// moved on by `step`: each variable and row takes the status its counterpart `step` periods
  /// later had; the last `step` periods, which the earlier window did not reach, take the
  /// status of the same period a step earlier (a day earlier for a 24 h step).
  lp::Solver::Basis shifted_basis(const lp::Solver::Basis& previous, std::size_t step) const;
  /// Each storage unit's energy at the window's start (chosen by the LP for a cyclic unit).
  std::vector<double> start_energy(const std::vector<double>& x) const;
  /// The balance row of each period of the window.
  const std::vector<int>& balance_rows() const { return balance_rows_; }

 private:
  std::string mps_name(std::string name) const;  // "" unless names are asked for
  int variable(double lb, double ub, double cost, Tag tag, const std::string& name);
  int row(double lb, double ub, const std::vector<lp::Term>& terms, Tag tag,
          const std::string& name);
  void add_generators(const CarriedState& state);
  void add_storage(const CarriedState& state);
  void add_balance();
  void add_fleet_rows(const CarriedState& state);

  const Scenario& s_;
  const DispatchOptions& o_;
  Window w_;
  bool names_;
  double dt_h_;
  lp::Model model_;
  std::vector<double> secondary_;
  std::vector<Tag> row_tags_, var_tags_;
  // Variable indices, [asset][period - begin].
  // Storage: net_ power (> 0 discharge), drawn_ energy taken from the store per hour, e_
  // stored energy. Generators g_, renewables r_, new-load curtailment u_.
  std::vector<std::vector<int>> g_, r_, net_, drawn_, e_, u_;
  std::vector<int> unserved_, spill_, added_curtailed_;
  std::vector<int> balance_rows_;
  std::vector<std::vector<lp::Term>> extension_terms_;  // per period of the window
  int added_ = -1;                                      // kMaxNewLoad: the new load's MW
  std::vector<double> run_start_;
  std::vector<double> given_start_;  // per storage: the carried start energy
  std::vector<int> start_;           // per storage: the start-energy variable, or -1
};

}  // namespace ballast::dispatch
