#pragma once
/// @file Running a transient scenario over a load stream: KPIs, decimated chart traces, and a
/// per-step callback for streaming output.

#include <functional>
#include <vector>

#include "ballast/dynamics/kpis.h"
#include "ballast/dynamics/simulator.h"
#include "ballast/workload/load_source.h"

namespace ballast::dynamics {

/// Decimated traces for charts: time and one value a series per kept point.
struct Traces {
  std::vector<double> time_s;
  std::vector<double> site_mw, upstream_mw, battery_mw, soc, frequency_hz;
};

/// Options of one run.
struct RunOptions {
  std::size_t chart_buckets = 1500;  ///< chart points kept: at most twice this
  /// Called after every step with its time (microseconds) and state; may be empty.
  std::function<void(std::int64_t, const StepState&)> each{};
};

/// A run's results.
struct TransientResult {
  TransientKpis kpis;
  Traces traces;
};

/// Simulates `source` from its start under `params`. Throws InputError on bad parameters or a
/// load step that differs from params.step_us.
TransientResult run_transient(workload::LoadSource& source, const TransientParams& params,
                              const RunOptions& options = {});

}  // namespace ballast::dynamics
