#include "ballast/workload/scenario.h"

#include <limits>

#include "ballast/core/error.h"
#include "ballast/workload/gpu.h"

namespace ballast::workload {
namespace {

constexpr double kBig = std::numeric_limits<double>::max();

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
  r.check_keys(w,
               {"gpu",
                "training_gpus",
                "inference_gpus",
                "pue",
                "cooling_lag_s",
                "step_ms",
                "duration_s",
                "seed",
                "iteration_ms",
                "compute_share",
                "compute_level",
                "comm_level",
                "edge_ms",
                "groups",
                "jitter_ms",
                "checkpoint_every_s",
                "checkpoint_s",
                "checkpoint_level",
                "failures_per_h",
                "restart_s",
                "restart_ramp_s",
                "idle_level",
                "power_floor",
                "gpu_ramp_per_s",
                "inference_min_level",
                "inference_max_level",
                "inference_peak_hour",
                "inference_noise",
                "start_hour"},
               "[workload]");
  SyntheticParams p;
  if (auto gpu = r.text(w, "gpu")) {
    try {
      (void)gpu_spec(*gpu);
    } catch (const InputError& e) {
      r.fail(w.get("gpu"), e.reason());
    }
    p.gpu = *gpu;
  }
  p.training_gpus = r.number(w, "training_gpus", 0, 1e8, p.training_gpus);
  p.inference_gpus = r.number(w, "inference_gpus", 0, 1e8, p.inference_gpus);
  if (p.training_gpus + p.inference_gpus <= 0) {
    r.fail(&w, "[workload] needs training_gpus or inference_gpus (or a trace)");
  }
  p.pue = r.number(w, "pue", 1, 3, p.pue);
  p.cooling_lag_s = r.number(w, "cooling_lag_s", 0, 1e6, p.cooling_lag_s);
  p.step_ms = r.integer(w, "step_ms", 1, 1000, p.step_ms);
  p.duration_s = r.number(w, "duration_s", 1e-3, 366 * 86400.0, p.duration_s);
  p.seed = static_cast<std::uint64_t>(
      r.integer(w, "seed", 0, std::numeric_limits<std::int64_t>::max(), 1));
  p.iteration_ms = r.integer(w, "iteration_ms", 2, 3'600'000, p.iteration_ms);
  p.compute_share = r.number(w, "compute_share", 1e-6, 1 - 1e-6, p.compute_share);
  p.compute_level = r.number(w, "compute_level", 0, 1, p.compute_level);
  p.comm_level = r.number(w, "comm_level", 0, 1, p.comm_level);
  p.edge_ms = r.integer(w, "edge_ms", 0, 3'600'000, p.edge_ms);
  p.groups = static_cast<int>(r.integer(w, "groups", 1, 4096, p.groups));
  p.jitter_ms = r.number(w, "jitter_ms", 0, 1e6, p.jitter_ms);
  p.checkpoint_every_s = r.number(w, "checkpoint_every_s", 0, 1e7, p.checkpoint_every_s);
  p.checkpoint_s = r.number(w, "checkpoint_s", 0, 1e7, p.checkpoint_s);
  p.checkpoint_level = r.number(w, "checkpoint_level", 0, 1, p.checkpoint_level);
  p.failures_per_h = r.number(w, "failures_per_h", 0, 1e4, p.failures_per_h);
  p.restart_s = r.number(w, "restart_s", 0, 1e7, p.restart_s);
  p.restart_ramp_s = r.number(w, "restart_ramp_s", 0, 1e7, p.restart_ramp_s);
  p.idle_level = r.number(w, "idle_level", 0, 1, p.idle_level);
  p.power_floor = r.number(w, "power_floor", 0, 1, p.power_floor);
  p.gpu_ramp_per_s = r.number(w, "gpu_ramp_per_s", 0, 1e6, p.gpu_ramp_per_s);
  p.inference_min_level = r.number(w, "inference_min_level", 0, 1, p.inference_min_level);
  p.inference_max_level = r.number(w, "inference_max_level", 0, 1, p.inference_max_level);
  p.inference_peak_hour = r.number(w, "inference_peak_hour", 0, 23.999, p.inference_peak_hour);
  p.inference_noise = r.number(w, "inference_noise", 0, 1, p.inference_noise);
  p.start_hour = r.number(w, "start_hour", 0, 23.999, p.start_hour);
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
  const auto& t = std::get<TraceSpec>(spec);
  return std::make_unique<TraceSite>(read_power_trace(t.path, t.column), t.scaling);
}

}  // namespace ballast::workload
