/// @file ballast._core.workload: the synthetic AI-datacenter site (training and inference
/// GPUs, checkpoints, failures, cooling), generated with the GIL released.

#include <fmt/format.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <tuple>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/workload/gpu.h"
#include "ballast/workload/synthetic.h"
#include "common.h"
#include "progress.h"

namespace ballast::python {

using workload::SyntheticParams;

void bind_workload(nb::module_& m) {
  nb::class_<SyntheticParams>(
      m, "SyntheticParams",
      "Everything that shapes a synthetic site's power (defaults are modelling assumptions, "
      "not measurements). Levels are fractions of a GPU's full IT power.")
      .def(nb::init<>())
      .def_rw("gpu", &SyntheticParams::gpu, "GPU type (gpu_spec)")
      .def_rw("training_gpus", &SyntheticParams::training_gpus,
              "GPUs running one synchronous training job")
      .def_rw("inference_gpus", &SyntheticParams::inference_gpus, "GPUs serving inference")
      .def_rw("pue", &SyntheticParams::pue, "facility power / IT power, >= 1")
      .def_rw("cooling_lag_s", &SyntheticParams::cooling_lag_s,
              "cooling follows IT heat with this lag, s (0: at once)")
      .def_rw("step_ms", &SyntheticParams::step_ms, "output step, 1 .. 1000 ms")
      .def_rw("duration_s", &SyntheticParams::duration_s, "run length, s")
      .def_rw("seed", &SyntheticParams::seed, "random seed: same seed, same trace")
      .def_rw("iteration_ms", &SyntheticParams::iteration_ms,
              "one training iteration (compute + communication), ms")
      .def_rw("compute_share", &SyntheticParams::compute_share,
              "share of an iteration spent computing")
      .def_rw("compute_level", &SyntheticParams::compute_level,
              "GPU power while computing, fraction of full")
      .def_rw("comm_level", &SyntheticParams::comm_level,
              "GPU power while communicating, fraction of full")
      .def_rw("edge_ms", &SyntheticParams::edge_ms,
              "how long one GPU group takes to change phase, ms")
      .def_rw("groups", &SyntheticParams::groups, "GPU groups with their own timing jitter")
      .def_rw("jitter_ms", &SyntheticParams::jitter_ms,
              "standard deviation of a group's phase offset, ms")
      .def_rw("checkpoint_every_s", &SyntheticParams::checkpoint_every_s,
              "a checkpoint pause this often, s (0: none)")
      .def_rw("checkpoint_s", &SyntheticParams::checkpoint_s, "length of a checkpoint pause, s")
      .def_rw("checkpoint_level", &SyntheticParams::checkpoint_level,
              "GPU power during a checkpoint, fraction of full")
      .def_rw("failures_per_h", &SyntheticParams::failures_per_h, "job failures per hour (Poisson)")
      .def_rw("restart_s", &SyntheticParams::restart_s,
              "idle time after a failure before the restart, s")
      .def_rw("restart_ramp_s", &SyntheticParams::restart_ramp_s,
              "time for the restarted job to reach full load, s")
      .def_rw("idle_level", &SyntheticParams::idle_level, "GPU power when idle, fraction of full")
      .def_rw("power_floor", &SyntheticParams::power_floor,
              "GPU power never below this fraction of full (0: off)")
      .def_rw("gpu_ramp_per_s", &SyntheticParams::gpu_ramp_per_s,
              "GPU power changes at most this fraction of full per s (0: no limit)")
      .def_rw("inference_min_level", &SyntheticParams::inference_min_level,
              "inference GPU power at the daily trough, fraction")
      .def_rw("inference_max_level", &SyntheticParams::inference_max_level,
              "inference GPU power at the daily peak, fraction")
      .def_rw("inference_peak_hour", &SyntheticParams::inference_peak_hour,
              "hour of day (UTC) of the inference peak")
      .def_rw("inference_noise", &SyntheticParams::inference_noise,
              "standard deviation of inference noise, fraction")
      .def_rw("start_hour", &SyntheticParams::start_hour, "hour of day (UTC) at the first step")
      .def("validate", &SyntheticParams::validate,
           "InputError naming the first parameter out of range.");

  m.def("full_it_mw", &workload::full_it_mw, nb::arg("params"),
        "Full IT power of the site's GPUs, MW (all GPUs at full load).");

  m.def(
      "known_gpus",
      [] {
        std::vector<std::tuple<std::string, double, std::string>> out;
        for (const auto& g : workload::known_gpus()) {
          out.emplace_back(std::string(g.name), g.it_kw_per_gpu, std::string(g.source));
        }
        return out;
      },
      "Every known GPU type as (name, IT kW per GPU at full load, source of the figure).");

  m.def(
      "_synthetic_mw",
      [](const SyntheticParams& params, nb::object progress) {
        workload::SyntheticSite site(params);  // validates: InputError
        const std::size_t n = site.steps();
        ProgressReporter reporter(progress, n);
        std::vector<double> mw(n);
        {
          nb::gil_scoped_release nogil;
          for (std::size_t i = 0; i < n; ++i) {
            mw[i] = site.next_mw();
            reporter.report(i + 1);
          }
        }
        reporter.finish();
        return to_numpy(std::move(mw));
      },
      nb::arg("params"), nb::arg("progress") = nb::none(),
      "The site's power at the facility meter, MW, one value per step (GIL released).");
}

}  // namespace ballast::python
