#include "ballast/lp/solver.h"

#include <fmt/format.h>

#include <ClpEventHandler.hpp>
#include <ClpSimplex.hpp>
#include <ClpSolve.hpp>
#include <algorithm>
#include <cmath>
#include <exception>

#include "ballast/core/error.h"
#include "clp_load.h"

namespace ballast::lp {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

}  // namespace

namespace detail {

// What the event handler shares with the solver: CLP clones the handler it is given (and the
// presolved model clones it again), so the state lives here, outside every clone.
struct Watch {
  const SolveOptions* options = nullptr;
  std::optional<Clock::time_point> deadline;
  Clock::time_point last_report;
  long iterations_before = 0;  // of earlier solves, for progress
  bool timed_out = false;
  std::exception_ptr error;  // thrown by the progress callback, rethrown after CLP returns
};

}  // namespace detail

namespace {

using detail::Watch;

class Handler : public ClpEventHandler {
 public:
  explicit Handler(Watch* watch) : watch_(watch) {}
  ClpEventHandler* clone() const override { return new Handler(*this); }

  int event(Event which) override {
    if (which != endOfIteration) return -1;
    if (++count_ % 64 != 0) return -1;  // the clock every 64 iterations is plenty
    const Clock::time_point now = Clock::now();
    if (watch_->deadline && now >= *watch_->deadline) {
      watch_->timed_out = true;
      return 0;  // stop: ClpModel::status() 5
    }
    if (watch_->options->progress && seconds_between(watch_->last_report, now) >= 1.0) {
      watch_->last_report = now;
      const ClpSimplex* m = simplex();
      try {
        notify(
            watch_->options->progress,
            {watch_->options->phase, 0, 0,
             fmt::format("iteration {}, objective {:.10g}",
                         watch_->iterations_before + m->numberIterations(), m->objectiveValue())});
      } catch (...) {
        watch_->error = std::current_exception();
        return 0;
      }
    }
    return -1;
  }

 private:
  Watch* watch_;
  long count_ = 0;
};

Status status_of(const ClpSimplex& clp, bool stopped) {
  if (clp.isProvenOptimal()) return Status::kOptimal;
  if (clp.isProvenPrimalInfeasible()) return Status::kInfeasible;
  if (clp.isProvenDualInfeasible()) return Status::kUnbounded;
  if (stopped || clp.status() == 3 || clp.status() == 5) return Status::kLimit;
  return Status::kFailed;
}

// Whether x and the row activities lie within their bounds (to CLP's primal tolerance, scaled
// by the size of the bound).
bool primal_feasible(const ClpSimplex& clp) {
  const auto within = [](double v, double lo, double hi) {
    const double tol = 1e-6;
    return v >= lo - tol * std::max(1.0, std::abs(lo)) &&
           v <= hi + tol * std::max(1.0, std::abs(hi));
  };
  const double* x = clp.primalColumnSolution();
  for (int j = 0; j < clp.numberColumns(); ++j) {
    if (!within(x[j], clp.columnLower()[j], clp.columnUpper()[j])) return false;
  }
  const double* a = clp.primalRowSolution();
  for (int i = 0; i < clp.numberRows(); ++i) {
    if (!within(a[i], clp.rowLower()[i], clp.rowUpper()[i])) return false;
  }
  return true;
}

}  // namespace

Method parse_method(const std::string& text) {
  if (text == "auto") return Method::kAuto;
  if (text == "dual") return Method::kDual;
  if (text == "primal") return Method::kPrimal;
  if (text == "barrier") return Method::kBarrier;
  throw InputError("LP method '" + text + "': expected auto, dual, primal or barrier");
}

std::string to_string(Method method) {
  switch (method) {
    case Method::kAuto:
      return "auto";
    case Method::kDual:
      return "dual";
    case Method::kPrimal:
      return "primal";
    case Method::kBarrier:
      return "barrier";
  }
  return "auto";
}

void validate(const SolveOptions& o) {
  if (o.threads < 1)
    throw InputError(fmt::format("--lp-threads {}: must be at least 1", o.threads));
  if (o.threads > 1) {
    throw InputError(fmt::format(
        "--lp-threads {}: CLP's simplex and barrier run on one thread in this build; use 1",
        o.threads));
  }
  if (o.time_limit_s && !(std::isfinite(*o.time_limit_s) && *o.time_limit_s > 0)) {
    throw InputError("--time-limit-s: must be a positive number of seconds");
  }
  if (o.iteration_limit && *o.iteration_limit < 0) {
    throw InputError("the LP iteration limit must not be negative");
  }
}

Solver::Solver(const Model& model, SolveOptions options)
    : clp_(std::make_unique<ClpSimplex>()),
      watch_(std::make_unique<Watch>()),
      options_(std::move(options)),
      start_(Clock::now()) {
  validate(options_);
  model.load_into(*clp_);
  // Perturb the costs from the first iteration, as CLP's standalone solver (`clp`) does, rather
  // than CLP's library default (perturb only once the dual simplex stalls). On the degenerate
  // dispatch LPs this is the one setting of a cold solve in which the two differed: with it the
  // same iterations as `clp -dualsimplex` on the MPS ballast writes (Taiwan peak stage 1: 126,179
  // instead of 206,936; ERCOT 2023 cost: 70,587 instead of 85,153). The optimum stays exact: CLP
  // removes the perturbation and cleans up before it reports optimal.
  clp_->setPerturbation(50);
  watch_->options = &options_;
  if (options_.time_limit_s) {
    watch_->deadline = start_ + std::chrono::duration_cast<Clock::duration>(
                                    std::chrono::duration<double>(*options_.time_limit_s));
  }
  const Handler handler(watch_.get());
  clp_->passInEventHandler(&handler);  // CLP keeps a clone
}

Solver::~Solver() = default;

int Solver::variables() const { return clp_->numberColumns(); }
int Solver::rows() const { return clp_->numberRows(); }

void Solver::set_variable_bounds(int var, double lb, double ub) {
  clp_->setColumnBounds(var, to_clp(lb), to_clp(ub));
  changes_ |= kBounds;
}

void Solver::set_row_bounds(int row, double lb, double ub) {
  clp_->setRowBounds(row, to_clp(lb), to_clp(ub));
  changes_ |= kBounds;
}

void Solver::set_objective_coefficient(int var, double cost) {
  clp_->setObjectiveCoefficient(var, cost);
  changes_ |= kCosts;
}

void Solver::set_objective(const std::vector<double>& cost) {
  if (static_cast<int>(cost.size()) != variables()) {
    throw InternalError("lp::Solver: one objective coefficient per variable expected");
  }
  clp_->chgObjCoefficients(cost.data());
  changes_ |= kCosts;
}

void Solver::set_sense(Sense sense) {
  clp_->setOptimizationDirection(sense == Sense::kMinimize ? 1.0 : -1.0);
  changes_ |= kCosts;
}

void Solver::update(const Model& m) {
  if (m.variables() != variables() || m.rows() != rows()) {
    throw InternalError("lp::Solver::update: a model of another shape");
  }
  const auto differs = [](const double* have, const std::vector<double>& want) {
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (have[i] != to_clp(want[i])) return true;
    }
    return false;
  };
  if (differs(clp_->columnLower(), m.col_lb_) || differs(clp_->columnUpper(), m.col_ub_) ||
      differs(clp_->rowLower(), m.row_lb_) || differs(clp_->rowUpper(), m.row_ub_)) {
    const std::vector<double> cl = to_clp(m.col_lb_), cu = to_clp(m.col_ub_),
                              rl = to_clp(m.row_lb_), ru = to_clp(m.row_ub_);
    clp_->chgColumnLower(cl.data());
    clp_->chgColumnUpper(cu.data());
    clp_->chgRowLower(rl.data());
    clp_->chgRowUpper(ru.data());
    changes_ |= kBounds;
  }
  const double direction = m.sense_ == Sense::kMinimize ? 1.0 : -1.0;
  if (differs(clp_->objective(), m.cost_) || clp_->optimizationDirection() != direction) {
    clp_->chgObjCoefficients(m.cost_.data());
    clp_->setOptimizationDirection(direction);
    changes_ |= kCosts;
  }
}

int Solver::add_row(double lb, double ub, const std::vector<Term>& terms) {
  std::vector<int> index;
  std::vector<double> value;
  for (const auto& [var, coef] : terms) {
    if (var < 0 || var >= variables()) throw InternalError("lp::Solver: row names no variable");
    index.push_back(var);
    value.push_back(coef);
  }
  clp_->addRow(static_cast<int>(index.size()), index.data(), value.data(), to_clp(lb), to_clp(ub));
  changes_ |= kRows;
  return rows() - 1;
}

void Solver::reset_basis() {
  solved_ = false;
  changes_ = kNone;
  clp_->allSlackBasis(true);
}

std::optional<double> Solver::seconds_left() const {
  if (!options_.time_limit_s) return std::nullopt;
  return *options_.time_limit_s - seconds_between(start_, Clock::now());
}

Solution Solver::solve() {
  Watch& watch = *watch_;
  watch.last_report = Clock::now();
  watch.iterations_before = stats_.iterations;
  watch.timed_out = false;
  watch.error = nullptr;
  clp_->setMaximumIterations(options_.iteration_limit ? *options_.iteration_limit : 2147483647);
  const Clock::time_point t0 = Clock::now();
  if (watch.deadline && t0 >= *watch.deadline) {
    watch.timed_out = true;
  } else if (!solved_) {
    // A cold solve after CLP's presolve, as CLP's own standalone solver does by default: on a
    // year of hourly dispatch presolve cuts the solve time about four-fold.
    ClpSolve solve;
    solve.setPresolveType(options_.presolve ? ClpSolve::presolveOn : ClpSolve::presolveOff);
    switch (options_.method) {
      case Method::kAuto:
      case Method::kDual:
        solve.setSolveType(ClpSolve::useDual);
        break;
      case Method::kPrimal:
        solve.setSolveType(ClpSolve::usePrimal);
        break;
      case Method::kBarrier:
        solve.setSolveType(options_.crossover ? ClpSolve::useBarrier : ClpSolve::useBarrierNoCross);
        break;
    }
    clp_->initialSolve(solve);
  } else {
    // Bound changes keep the basis dual feasible: dual simplex. Cost changes and added rows
    // (satisfied by the last solution) keep it primal feasible: primal simplex.
    bool dual = !(changes_ & (kCosts | kRows)) || second_stage_;
    if (options_.method == Method::kDual) dual = true;
    if (options_.method == Method::kPrimal) dual = false;
    // Refactorize as often as CLP's initialSolve does for a model of this size (CLP's library
    // default, every 200 iterations, is what a cold solve of a presolved model replaces): on
    // the Taiwan peak LP's second stage (191,782 rows) about the same 84,000 iterations took
    // 11.0 s of CPU instead of 34.1 s (one run after the other).
    clp_->defaultFactorizationFrequency();
    if (dual) {
      clp_->dual();
    } else {
      clp_->primal();
    }
  }
  stats_.seconds += seconds_between(t0, Clock::now());
  stats_.iterations += clp_->numberIterations();
  ++stats_.solves;
  solved_ = true;
  changes_ = kNone;
  second_stage_ = false;
  if (watch.error) std::rethrow_exception(watch.error);
  Solution s = solution_of(*clp_);
  s.status = status_of(*clp_, watch.timed_out);
  s.feasible =
      s.status == Status::kOptimal || (s.status == Status::kLimit && primal_feasible(*clp_));
  return s;
}

Solution Solver::solve_lexicographic(const std::vector<double>& secondary_cost, double tolerance) {
  const Solution first = solve();
  if (first.status != Status::kOptimal) return first;
  return solve_second_stage(first, secondary_cost, tolerance);
}

Solver::Basis Solver::basis() const {
  Basis b;
  const unsigned char* status = clp_->statusArray();
  if (status == nullptr) return b;
  b.variables.assign(status, status + variables());
  b.rows.assign(status + variables(), status + variables() + rows());
  return b;
}

void Solver::set_basis(const Basis& b) {
  if (static_cast<int>(b.variables.size()) != variables() ||
      static_cast<int>(b.rows.size()) != rows()) {
    throw InternalError("lp::Solver: a basis of another shape");
  }
  if (clp_->statusArray() == nullptr) clp_->createStatus();
  for (int j = 0; j < variables(); ++j) {
    clp_->setColumnStatus(j, static_cast<ClpSimplex::Status>(b.variables[j] & 7));
  }
  for (int i = 0; i < rows(); ++i) {
    clp_->setRowStatus(i, static_cast<ClpSimplex::Status>(b.rows[i] & 7));
  }
  solved_ = true;
  changes_ = kBounds;  // dual simplex
}

Solution Solver::solve_second_stage(const Solution& first,
                                    const std::vector<double>& secondary_cost, double tolerance) {
  // Hold the first objective within tolerance of its optimum: by the variable's bound when the
  // objective is one variable, else by a row. The first stage's solution satisfies either, so
  // the second stage starts from a primal feasible basis.
  const double* cost = clp_->objective();
  std::vector<Term> objective_row;
  for (int j = 0; j < variables(); ++j) {
    if (cost[j] != 0) objective_row.emplace_back(j, cost[j]);
  }
  const double opt = first.objective;
  const double slack = tolerance * std::max(1.0, std::abs(opt));
  const bool minimize = clp_->optimizationDirection() > 0;
  const double lo = minimize ? -kInf : opt - slack;
  const double hi = minimize ? opt + slack : kInf;
  if (objective_row.size() == 1) {
    const auto [j, c] = objective_row.front();
    const double a = lo / c, b = hi / c;  // c x within [lo, hi]
    const double col_lo = clp_->columnLower()[j], col_hi = clp_->columnUpper()[j];
    set_variable_bounds(j, std::max(from_clp(col_lo), std::min(a, b)),
                        std::min(from_clp(col_hi), std::max(a, b)));
  } else {
    add_row(lo, hi, objective_row);
  }
  set_sense(Sense::kMinimize);
  set_objective(secondary_cost);
  // The first stage's basis stays primal feasible, but from its (highly degenerate) vertex the
  // dual simplex, which treats the new costs' dual infeasibilities by bound flips, was faster
  // than the primal simplex on the Taiwan peak LP in 14-day windows (stage 2: 12 s against
  // 24 s, and 100 s from scratch) when both refactorized every 200 iterations. Over the whole
  // Taiwan run at CLP's refactorization frequency for the size, the two are even (84,391 and
  // 83,016 iterations, 9.5 and 9.6 s of CPU from that basis), and a cold solve after presolve
  // takes 90,829 iterations in 6.6 s but needs the model copied again (docs/dispatch.md, "LP
  // speed"). An explicit --lp-method still decides.
  changes_ = kCosts;
  second_stage_ = true;
  // Progress of this stage says so ("LP stage 1" becomes "LP stage 2").
  const std::string first_label = "stage 1";
  if (const auto k = options_.phase.find(first_label); k != std::string::npos) {
    options_.phase.replace(k, first_label.size(), "stage 2");
  } else {
    options_.phase += ", stage 2";
  }
  Solution out = solve();
  out.objective = opt;
  return out;
}

}  // namespace ballast::lp
