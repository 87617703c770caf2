#pragma once
/// @file A site's load as a scenario describes it: synthetic or an imported trace.

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "ballast/core/series_values.h"
#include "ballast/core/toml_reader.h"
#include "ballast/workload/load_source.h"
#include "ballast/workload/synthetic.h"
#include "ballast/workload/trace.h"

namespace ballast::workload {

/// An imported trace and how to scale it.
struct TraceSpec {
  std::string path;    ///< CSV file
  std::string column;  ///< power column (empty: found from the header)
  TraceScaling scaling;
};

/// A site's power held in memory (from Python or a test): one value a step.
struct SeriesSpec {
  SeriesValues site_mw;         ///< the site's power, MW, mean over each step (owned or a view)
  std::int64_t step_us = 0;     ///< step, microseconds
  std::string name = "series";  ///< what it is, in output and messages

  /// InputError unless the step is positive and every value finite.
  void validate() const;
};

/// Where a site's load comes from.
using WorkloadSpec = std::variant<SyntheticParams, TraceSpec, SeriesSpec>;

/// Reads the [workload] table of `reader` (the fields of SyntheticParams, or `trace` with
/// `column`, `units`, `pue`, `phase_spread_ms`, `step_ms`, `seed`). Throws InputError at
/// file:line:column.
WorkloadSpec read_workload(const TomlReader& reader, const toml::table& workload);

/// The stream a spec describes (a trace is read now; a series borrowed is read in place). Throws
/// InputError.
std::unique_ptr<LoadSource> make_source(const WorkloadSpec& spec);

}  // namespace ballast::workload
