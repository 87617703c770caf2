#pragma once
/// @file A sweep tied to its study: the spec checked against the study's request fields (every
/// case's request built before any case runs) and one case run in process.

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ballast/sweep/spec.h"

namespace ballast::sweep {

/// What one case produced: the study's JSON, or the error it stopped with.
struct CaseOutcome {
  int exit_code = 0;  ///< 0 done; 2 bad input or no answer; 1 internal failure (as the CLI)
  std::string error;  ///< the message when exit_code != 0
  nlohmann::ordered_json result;  ///< the study's JSON (to_json) when exit_code == 0
};

/// A spec whose every case has been built into a valid request of its study.
class SweepPlan {
 public:
  explicit SweepPlan(SweepSpec spec) : spec_(std::move(spec)) {}
  virtual ~SweepPlan() = default;
  SweepPlan(const SweepPlan&) = delete;
  SweepPlan& operator=(const SweepPlan&) = delete;

  const SweepSpec& spec() const { return spec_; }
  std::int64_t case_count() const { return spec_.case_count(); }
  /// Names of the axis columns of the results table, in spec order.
  std::vector<std::string> axis_columns() const;
  /// The axis columns of case `index` as JSON (names as axis_columns()).
  nlohmann::ordered_json case_columns(std::int64_t index) const;
  /// Runs case `index` in this process; never throws for a failing case (the outcome says why).
  virtual CaseOutcome run_case(std::int64_t index) const = 0;

 private:
  SweepSpec spec_;
};

/// Reads the spec at `path`, checks every base key and axis value against the study's fields
/// (bounds, choices, files that must exist) and builds every case's request; InputError at the
/// offending file:line:column for an unknown or non-sweepable study, an unknown key, a value out
/// of range or a missing file. Nothing runs.
std::unique_ptr<SweepPlan> plan_sweep(const std::string& path);

/// The studies a sweep can run (the `study` values).
std::vector<std::string> sweepable_studies();

}  // namespace ballast::sweep
