#include "ballast/workload/scenario.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"

namespace ballast::workload {
namespace {

constexpr double kBig = limits::kNumber;  // units of the trace: any real count

TraceSpec read_trace(const TomlReader& r, const toml::table& w) {
  r.check_keys(w,
               {"trace", "column", "units", "pue", "phase_spread_ms", "groups", "step_ms", "seed"},
               "[workload] (trace)");
  TraceSpec t;
  t.path = r.resolve(*r.text(w, "trace"));
  t.column = r.text(w, "column").value_or("");
  t.scaling.units = r.number(w, "units", 1e-9, kBig, 1);
  t.scaling.pue = r.number(w, "pue", 1, 3, 1);
  t.scaling.phase_spread_ms = r.number(w, "phase_spread_ms", 0, 1e7, 0);
  t.scaling.groups = static_cast<int>(r.integer(w, "groups", 1, 4096, 64));
  t.scaling.step_ms = r.integer(w, "step_ms", 0, 1000, 0);
  t.scaling.seed = static_cast<std::uint64_t>(
      r.integer(w, "seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
  return t;
}

}  // namespace

WorkloadSpec read_workload(const TomlReader& r, const toml::table& w) {
  if (w.get("trace") != nullptr) return read_trace(r, w);
  SyntheticParams p;
  apply_toml(SyntheticParams::fields(), p, w, r);
  if (p.training_gpus + p.inference_gpus <= 0) {
    r.fail(&w, "[workload] needs training_gpus or inference_gpus (or a trace)");
  }
  try {
    p.validate();
  } catch (const InputError& e) {
    r.fail(&w, e.reason());
  }
  return p;
}

std::unique_ptr<LoadSource> make_source(const WorkloadSpec& spec) {
  if (const auto* p = std::get_if<SyntheticParams>(&spec)) {
    return std::make_unique<SyntheticSite>(*p);
  }
  if (const auto* t = std::get_if<TraceSpec>(&spec)) {
    return std::make_unique<TraceSite>(read_power_trace(t->path, t->column), t->scaling);
  }
  const auto& series = std::get<SeriesSpec>(spec);
  series.validate();
  return std::make_unique<VectorSource>(series.site_mw, series.step_us);
}

void SeriesSpec::validate() const {
  if (step_us <= 0) {
    throw InputError(fmt::format("{}: the step must be positive (got {} us)", name, step_us));
  }
  if (site_mw.empty()) throw InputError(name + ": the load has no values");
  for (std::size_t k = 0; k < site_mw.size(); ++k) {
    if (!std::isfinite(site_mw[k])) {
      throw InputError(
          fmt::format("{}: value {} (step {}) is not a finite number of MW", name, site_mw[k], k));
    }
  }
}

}  // namespace ballast::workload
