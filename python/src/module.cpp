/// @file ballast._core: the compiled part of the Python package. Each C++ module that Python
/// sees is a submodule here (ballast._core.storage, .control, ...); the pure-Python package
/// `ballast` re-exports them with pandas conversions on top.

#include "ballast/core/heap.h"
#include "common.h"
#include "known_axes.h"

NB_MODULE(_core, m) {
  using namespace ballast::python;
  m.doc() = "ballast's compiled core; use the `ballast` package instead of importing this.";
  // The heap the CLI has: record-sized vectors reused, not unmapped and faulted in again on
  // every study call (src/core/heap.cpp).
  ballast::prepare_heap();
  bind_errors(m);
  bind_progress(m);
  nb::module_ storage = m.def_submodule("storage", "Storage parameters, state and physics.");
  bind_storage(storage);
  nb::module_ control = m.def_submodule("control", "Controllers as deterministic objects.");
  bind_control(control);
  nb::module_ aging = m.def_submodule("aging", "Rainflow counting and degradation models.");
  bind_aging(aging);
  nb::module_ workload = m.def_submodule("workload", "AI datacenter load synthesis.");
  bind_workload(workload);
  nb::module_ plan = m.def_submodule("plan", "The greedy storage dispatch beside a new load.");
  bind_plan(plan);
  nb::module_ studies = m.def_submodule("studies", "Every library study as one call.");
  bind_studies(studies);
  nb::module_ sweep = m.def_submodule("sweep", "Sweeps of many studies on threads.");
  bind_sweep(sweep);
  nb::module_ timeaxis = m.def_submodule("timeaxis", "One-pass checks of a time axis.");
  bind_timeaxis(timeaxis);
  bind_known_axes(timeaxis);
  nb::module_ testing = m.def_submodule("testing", "Helpers for ballast's own tests.");
  bind_testing(testing);
}
