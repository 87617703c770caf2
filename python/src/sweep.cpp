/// @file ballast._core.sweep: a sweep spec run in this process on threads (the library's
/// sweep::run_sweep, never MPI from Python), with the GIL released.

#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <memory>
#include <string>

#include "ballast/sweep/plan.h"
#include "ballast/sweep/run.h"
#include "common.h"
#include "progress.h"

namespace ballast::python {

void bind_sweep(nb::module_& m) {
  m.def(
      "run",
      [](const std::string& spec, const std::string& out, int jobs, bool details,
         nb::handle progress) {
        StudyProgress reporter(progress);
        sweep::RunOptions options{
            .out_dir = out, .jobs = jobs, .details = details, .progress = reporter.callback()};
        sweep::SweepSummary s;
        {
          nb::gil_scoped_release nogil;
          const std::unique_ptr<sweep::SweepPlan> plan = sweep::plan_sweep(spec);
          const sweep::Cluster alone(false);
          s = sweep::run_sweep(*plan, options, alone);
        }
        nb::dict d;
        d["cases"] = s.cases;
        d["skipped"] = s.skipped;
        d["ran"] = s.ran;
        d["failed"] = s.failed;
        d["seconds"] = s.seconds;
        d["jsonl_path"] = s.jsonl_path;
        d["csv_path"] = s.csv_path;
        return d;
      },
      nb::arg("spec"), nb::arg("out"), nb::arg("jobs"), nb::arg("details"),
      nb::arg("progress").none(),
      "Runs the sweep spec's cases not yet in OUT's table; returns the summary.");
  m.def("studies", &sweep::sweepable_studies, "The studies a sweep can run.");
}

}  // namespace ballast::python
