/// @file ballast._core.testing: what ballast's own tests need to see inside the bindings.

#include <nanobind/stl/pair.h>
#include <nanobind/stl/vector.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <limits>
#include <string>
#include <utility>

#include "ballast/core/fields.h"
#include "ballast/plan/headroom_study.h"
#include "common.h"

namespace ballast::python {

namespace {

/// The calling thread's CPU time (user + system), seconds: what time.thread_time() reads.
double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

}  // namespace

void bind_testing(nb::module_& m) {
  m.def(
      "data_address", [](const Array& a) { return reinterpret_cast<std::uintptr_t>(a.data()); },
      nb::arg("values"),
      "The address of the memory C++ reads for `values`, through the same array type every "
      "binding takes: equal to values.ctypes.data exactly when nothing was copied.");
  m.def(
      "time_headroom",
      [](const std::vector<std::string>& settings, const Array& load_mw, std::int64_t start_s,
         std::int64_t step_s, int offset_min, int repeats) {
        // The C++ study alone, as a C++ program calls it: a request made from `settings`
        // (KEY=VALUE) with the load in a TimeSeries it owns; the fastest of `repeats` runs.
        plan::HeadroomRequest request;
        for (const std::string& s : settings) plan::HeadroomRequest::fields().set_text(request, s);
        TimeSeries load;
        load.start_s = start_s;
        load.step_s = step_s;
        load.values.assign(load_mw.data(), load_mw.data() + load_mw.shape(0));
        load.name = "load_mw";
        load.unit = "MW";
        request.load.series = std::move(load);
        request.load.series_offset_min = offset_min;
        double wall = std::numeric_limits<double>::infinity();
        double cpu = wall;
        nb::gil_scoped_release nogil;
        for (int k = 0; k < repeats; ++k) {
          const auto t0 = std::chrono::steady_clock::now();
          const double c0 = thread_cpu_s();
          const plan::HeadroomResult r = plan::run(request);
          const double c1 = thread_cpu_s();
          const auto t1 = std::chrono::steady_clock::now();
          wall = std::min(wall, std::chrono::duration<double>(t1 - t0).count());
          cpu = std::min(cpu, c1 - c0);
        }
        return std::make_pair(wall, cpu);
      },
      nb::arg("settings"), nb::arg("load_mw"), nb::arg("start_s"), nb::arg("step_s"),
      nb::arg("offset_min"), nb::arg("repeats"),
      "(wall, cpu): seconds of the fastest of `repeats` runs of plan::run(HeadroomRequest) in C++ "
      "alone, on the wall clock and in this thread's CPU time (the benchmark's reference for the "
      "Python layer's overhead).");
}

}  // namespace ballast::python
