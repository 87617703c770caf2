// The one table of a synthetic site's parameters: names, help, units and bounds (the defaults
// are SyntheticParams' member initialisers).

#include <string>
#include <utility>
#include <vector>

#include "ballast/workload/gpu.h"
#include "ballast/workload/synthetic.h"

namespace ballast::workload {
namespace {

constexpr const char* kGroup = "Synthetic site";  // the --help section

FieldInfo number(std::string name, std::string help, double min, double max,
                 FieldUnit unit = FieldUnit::kNone) {
  return {.name = std::move(name),
          .help = std::move(help),
          .unit = unit,
          .min = min,
          .max = max,
          .group = kGroup};
}

FieldInfo whole(std::string name, std::string help, double min, double max) {
  return {.name = std::move(name),
          .help = std::move(help),
          .kind = FieldKind::kInteger,
          .min = min,
          .max = max,
          .group = kGroup};
}

FieldInfo fraction(std::string name, std::string help) {
  return number(std::move(name), std::move(help), 0, 1, FieldUnit::kFraction);
}

FieldInfo seconds(std::string name, std::string help, double max) {
  return number(std::move(name), std::move(help), 0, max, FieldUnit::kSeconds);
}

FieldTable<SyntheticParams> make_fields() {
  using P = SyntheticParams;
  std::vector<std::string> gpus;
  std::string names;
  for (const GpuSpec& g : known_gpus()) {
    gpus.emplace_back(g.name);
    names += (names.empty() ? "" : ", ") + std::string(g.name);
  }
  FieldTable<P> t;
  t.add({.name = "gpu",
         .help = "GPU type: " + names,
         .kind = FieldKind::kChoice,
         .choices = gpus,
         .group = kGroup},
        &P::gpu);
  t.add(number("training_gpus", "GPUs in one synchronous training job", 0, 1e8), &P::training_gpus);
  t.add(number("inference_gpus", "GPUs serving inference (daily pattern)", 0, 1e8),
        &P::inference_gpus);
  t.add(number("pue", "Facility power / IT power", 1, 3), &P::pue);
  t.add(seconds("cooling_lag_s", "Cooling follows IT heat with this lag, s (0: at once)", 1e6),
        &P::cooling_lag_s);
  t.add(whole("step_ms", "Output step, ms", 1, 1000), &P::step_ms);
  FieldInfo duration = seconds("duration_s", "Run length, s", 366 * 86400.0);
  duration.min = 1e-3;
  t.add(duration, &P::duration_s);
  // Seeds travel as doubles (TOML, JSON, Python): whole numbers up to 2^53 are exact.
  t.add(whole("seed", "Random seed (same seed, same trace)", 0, 9007199254740992.0), &P::seed);
  t.add(whole("iteration_ms", "Training iteration period, ms", 2, 3'600'000), &P::iteration_ms);
  FieldInfo share = fraction("compute_share", "Share of an iteration spent computing");
  share.min_exclusive = share.max_exclusive = true;
  t.add(share, &P::compute_share);
  t.add(fraction("compute_level", "GPU power computing, fraction of full"), &P::compute_level);
  t.add(fraction("comm_level", "GPU power communicating, fraction of full"), &P::comm_level);
  t.add(whole("edge_ms", "Phase change time of one GPU group, ms", 0, 3'600'000), &P::edge_ms);
  t.add(whole("groups", "GPU groups with their own timing jitter", 1, 4096), &P::groups);
  t.add(number("jitter_ms", "Std deviation of GPU groups' phase offsets, ms", 0, 1e6),
        &P::jitter_ms);
  t.add(seconds("checkpoint_every_s", "Checkpoint pause period, s (0: none)", 1e7),
        &P::checkpoint_every_s);
  t.add(seconds("checkpoint_s", "Checkpoint pause length, s", 1e7), &P::checkpoint_s);
  t.add(fraction("checkpoint_level", "GPU power in a checkpoint pause, fraction of full"),
        &P::checkpoint_level);
  t.add(number("failures_per_h", "Job failures per hour (Poisson)", 0, 1e4), &P::failures_per_h);
  t.add(seconds("restart_s", "Idle time after a failure, s", 1e7), &P::restart_s);
  t.add(seconds("restart_ramp_s", "Time for a restarted job to reach full load, s", 1e7),
        &P::restart_ramp_s);
  t.add(fraction("idle_level", "GPU power when idle, fraction of full"), &P::idle_level);
  t.add(fraction("power_floor", "GPU power floor, fraction of full"), &P::power_floor);
  t.add(number("gpu_ramp_per_s", "GPU ramp limit, fraction of full per s (0: none)", 0, 1e6),
        &P::gpu_ramp_per_s);
  t.add(fraction("inference_min_level", "Inference GPU power at the daily trough, fraction"),
        &P::inference_min_level);
  t.add(fraction("inference_max_level", "Inference GPU power at the daily peak, fraction"),
        &P::inference_max_level);
  FieldInfo peak = number("inference_peak_hour", "Hour of day (UTC) of the inference peak", 0, 24);
  peak.max_exclusive = true;
  t.add(peak, &P::inference_peak_hour);
  t.add(fraction("inference_noise", "Std deviation of inference noise, fraction of full"),
        &P::inference_noise);
  FieldInfo start = number("start_hour", "Hour of day (UTC) at the first step", 0, 24);
  start.max_exclusive = true;
  t.add(start, &P::start_hour);
  return t;
}

}  // namespace

const FieldTable<SyntheticParams>& SyntheticParams::fields() {
  static const FieldTable<SyntheticParams> table = make_fields();
  return table;
}

}  // namespace ballast::workload
