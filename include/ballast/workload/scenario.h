#pragma once
/// @file A site's load as a scenario describes it: synthetic or an imported trace.

#include <memory>
#include <string>
#include <variant>

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

/// Where a site's load comes from.
using WorkloadSpec = std::variant<SyntheticParams, TraceSpec>;

/// Reads the [workload] table of `reader` (keys of SyntheticParams, or `trace` with `column`,
/// `units`, `pue`, `phase_spread_ms`, `step_ms`, `seed`). Throws InputError at file:line:column.
WorkloadSpec read_workload(const TomlReader& reader, const toml::table& workload);

/// The stream a spec describes (a trace is read now). Throws InputError.
std::unique_ptr<LoadSource> make_source(const WorkloadSpec& spec);

}  // namespace ballast::workload
