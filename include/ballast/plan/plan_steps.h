#pragma once
/// @file Per-step output of the planning studies (headroom, size, steady): today's load, the
/// limit, and for each answer the study gives (a curtailment limit, the sized storage, a storage
/// duration) the new load served, the curtailment and the storage's power and energy — what
/// `--out FILE.csv` writes and what Python's `.to_pandas()` returns.

#include <cstdint>
#include <string>
#include <vector>

#include "ballast/plan/headroom_study.h"
#include "ballast/plan/size_study.h"
#include "ballast/plan/steady_study.h"

namespace ballast::plan {

/// One answer of a study, step by step: the greedy run of its new load (and storage).
struct StepCase {
  std::string suffix;      ///< appended to its column names, e.g. "_0.5pct"; "" for one case
  double new_load_mw = 0;  ///< the constant new load of this answer
  bool storage = false;    ///< the answer has storage (storage columns are written)
  std::vector<double> new_load_served_mw, curtailed_mw;
  std::vector<double> storage_mw;  ///< > 0 discharge, < 0 charge
  std::vector<double> energy_mwh;  ///< stored at the end of the step
};

/// The per-step table of a planning study.
struct PlanSteps {
  std::vector<std::int64_t> time_s;  ///< start of each step, UTC seconds
  std::vector<int> offset_min;       ///< the grid calendar's UTC offset at each step
  std::vector<double> load_mw;       ///< today's load
  std::vector<double> limit_mw;      ///< the capacity the load and new load must stay under
  std::vector<StepCase> cases;
};

/// Headroom: one case per curtailment limit (suffix "_<limit>pct"), at that limit's headroom.
PlanSteps plan_steps(const HeadroomResult& result);
/// Size: the sized storage hosting the new load (or shaving today's load under the cap: then
/// the new load is 0 and "curtailed" is the excess left over the cap). InputError for a sweep.
PlanSteps plan_steps(const SizeResult& result);
/// Steady: one case per storage duration (suffix "_<hours>h"), at its zero-curtailment load.
PlanSteps plan_steps(const SteadyResult& result);

/// Column names in order: "time", "load_mw", "limit_mw", then each case's columns.
std::vector<std::string> step_columns(const PlanSteps& steps);
/// The table as CSV: local time with its offset, numbers in shortest round-trip form.
std::string steps_csv(const PlanSteps& steps);
/// Writes steps_csv() to `path` atomically.
void write_steps_csv(const PlanSteps& steps, const std::string& path);

}  // namespace ballast::plan
