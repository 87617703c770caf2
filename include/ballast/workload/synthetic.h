#pragma once
/// @file Synthetic AI-datacenter power: lockstep training iterations (compute and communication
/// phases), jitter across GPU groups, checkpoint pauses, job failures and restarts, GPU power
/// floor and ramp limits, inference with a daily pattern, and cooling. Seeded and reproducible.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "ballast/core/fields.h"
#include "ballast/workload/load_source.h"

namespace ballast::workload {

/// Everything that shapes a synthetic site's power. Levels are fractions of a GPU's full IT
/// power (GpuSpec::it_kw_per_gpu). Defaults are modelling assumptions, not measurements.
struct SyntheticParams {
  std::string gpu = "H100";          ///< GPU type (gpu_spec)
  double training_gpus = 0;          ///< GPUs running one synchronous training job
  double inference_gpus = 0;         ///< GPUs serving inference
  double pue = 1.2;                  ///< facility power / IT power, >= 1
  double cooling_lag_s = 0;          ///< cooling follows IT heat with this lag, s (0: at once)
  std::int64_t step_ms = 1;          ///< output step, 1 .. 1000 ms
  double duration_s = 60;            ///< run length, s
  std::uint64_t seed = 1;            ///< random seed: same seed, same trace
  std::int64_t iteration_ms = 2000;  ///< one training iteration (compute + communication), ms
  double compute_share = 0.9;        ///< share of an iteration spent computing
  double compute_level = 1.0;        ///< GPU power while computing, fraction of full
  double comm_level = 0.4;           ///< GPU power while communicating, fraction of full
  std::int64_t edge_ms = 20;         ///< how long one GPU group takes to change phase, ms
  int groups = 64;                   ///< GPU groups with their own timing jitter
  double jitter_ms = 5;              ///< standard deviation of a group's phase offset, ms
  double checkpoint_every_s = 0;     ///< a checkpoint pause this often, s (0: none)
  double checkpoint_s = 30;          ///< length of a checkpoint pause, s
  double checkpoint_level = 0.3;     ///< GPU power during a checkpoint, fraction of full
  double failures_per_h = 0;         ///< job failures per hour (Poisson)
  double restart_s = 300;            ///< idle time after a failure before the restart, s
  double restart_ramp_s = 60;        ///< time for the restarted job to reach full load, s
  double idle_level = 0.25;          ///< GPU power when idle, fraction of full
  double power_floor = 0;            ///< GPU power never below this fraction of full (0: off)
  double gpu_ramp_per_s = 0;         ///< GPU power changes at most this fraction of full per s
                                     ///< (0: no limit)
  double inference_min_level = 0.3;  ///< inference GPU power at the daily trough, fraction
  double inference_max_level = 0.8;  ///< inference GPU power at the daily peak, fraction
  double inference_peak_hour = 14;   ///< hour of day (UTC) of the inference peak
  double inference_noise = 0.03;     ///< standard deviation of inference noise, fraction
  double start_hour = 0;             ///< hour of day (UTC) at the first step

  /// Throws InputError naming the first parameter out of range.
  void validate() const;

  /// Every parameter with its bounds: the keys of a scenario's [workload] table and the
  /// options of `ballast workload`.
  static const FieldTable<SyntheticParams>& fields();
};

/// Full IT power of the site's GPUs, MW (all GPUs at full load).
double full_it_mw(const SyntheticParams& params);

/// The synthetic site as a stream of MW values at the facility meter (IT + cooling).
class SyntheticSite : public LoadSource {
 public:
  /// Validates `params`; throws InputError.
  explicit SyntheticSite(SyntheticParams params);
  std::int64_t step_us() const override { return step_us_; }
  std::size_t steps() const override { return steps_; }
  double next_mw() override;
  void rewind() override;

 private:
  double training_level(std::int64_t t_us);
  double inference_level(std::int64_t t_us);
  void schedule_failure(std::int64_t from_us);

  SyntheticParams p_;
  std::int64_t step_us_;
  std::size_t steps_;
  double train_mw_full_;
  double infer_mw_full_;
  double cooling_alpha_;
  std::vector<std::int64_t> offsets_us_;  // per group, fixed for the run
  std::mt19937_64 rng_;
  std::size_t k_ = 0;
  std::int64_t fail_at_us_ = 0;      // next failure
  std::int64_t restart_at_us_ = -1;  // end of the current outage, -1 when running
  std::int64_t running_since_us_ = 0;
  double level_ = 0;         // previous training level (ramp limit)
  double noise_ = 0;         // inference AR(1) noise
  double overhead_mw_ = -1;  // cooling power, MW (-1: not started)
};

}  // namespace ballast::workload
