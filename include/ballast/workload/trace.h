#pragma once
/// @file Measured power traces (CSV, including nvidia-smi's `power.draw [W]` output) scaled
/// from one measured unit (a GPU or a node) to a whole site.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ballast/workload/load_source.h"

namespace ballast::workload {

/// A measured trace as read: irregular times allowed, power in watts.
struct PowerTrace {
  std::vector<std::int64_t> time_us;  ///< sample times, microseconds, strictly increasing
  std::vector<double> power_w;        ///< power of the measured unit, W
  std::string column;                 ///< the column the power came from
};

/// Reads a CSV trace: one header row, the time first (ISO-8601 or nvidia-smi's
/// "YYYY/MM/DD HH:MM:SS.fff", or plain seconds), power in the column named `column` (empty:
/// the first column whose header says power, W, kW or MW; else the only numeric one). Units
/// come from the header ("[W]", "_w", "_kw", "_mw"; default W); values may carry " W" as
/// nvidia-smi writes without `nounits`. Throws InputError with file:line:column.
PowerTrace read_power_trace(const std::string& path, const std::string& column = "");

/// As read_power_trace, from text in memory; `source` names it in errors.
PowerTrace parse_power_trace(std::string_view text, const std::string& source,
                             const std::string& column = "");

/// How a measured unit becomes a site.
struct TraceScaling {
  std::int64_t step_ms = 0;    ///< output step, ms (0: the trace's median step, at least 1)
  double units = 1;            ///< measured units at the site (e.g. nodes)
  double pue = 1;              ///< facility power / IT power
  double phase_spread_ms = 0;  ///< units start up to this much apart, uniformly, ms
  int groups = 64;             ///< distinct phase offsets used for the spread
  std::uint64_t seed = 1;      ///< seed for the offsets
};

/// The site built from a trace: linear interpolation onto the step, copies of the unit shifted
/// by their phase offsets (the trace repeats cyclically), times units and PUE, in MW.
class TraceSite : public LoadSource {
 public:
  /// Throws InputError if the trace has fewer than two samples or the scaling is invalid.
  TraceSite(const PowerTrace& trace, const TraceScaling& scaling);
  std::int64_t step_us() const override { return step_us_; }
  std::size_t steps() const override { return unit_w_.size(); }
  double next_mw() override;
  void rewind() override { k_ = 0; }

 private:
  std::int64_t step_us_;
  std::vector<double> unit_w_;        // one unit resampled onto the step, W
  std::vector<std::size_t> offsets_;  // per group, steps
  double mw_per_w_group_;             // MW per W of one group's unit trace
  std::size_t k_ = 0;
};

}  // namespace ballast::workload
