/// @file ballast._core.testing: what ballast's own tests need to see inside the bindings.

#include <nanobind/stl/pair.h>
#include <nanobind/stl/vector.h>

#include <chrono>
#include <cstdint>
#include <ctime>
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

/// The C++ reference of bench/python_headroom.py: a request made once.
struct HeadroomBaseline {
  plan::HeadroomRequest request;
};

}  // namespace

void bind_testing(nb::module_& m) {
  m.def(
      "data_address", [](const Array& a) { return reinterpret_cast<std::uintptr_t>(a.data()); },
      nb::arg("values"),
      "The address of the memory C++ reads for `values`, through the same array type every "
      "binding takes: equal to values.ctypes.data exactly when nothing was copied.");
  // The C++ study alone, as a C++ program calls it: a request made once from `settings`
  // (KEY=VALUE) with the load in a TimeSeries it owns, then run again and again. Built once, so
  // the load is read from wherever the program's memory is by then, as a Series' values are
  // read by the Python call (a copy made right before each run would be in the cache).
  nb::class_<HeadroomBaseline>(m, "HeadroomBaseline",
                               "plan::run(HeadroomRequest) from C++ alone: the benchmark's "
                               "reference for the Python layer's overhead.")
      .def(
          "__init__",
          [](HeadroomBaseline* self, const std::vector<std::string>& settings, const Array& load_mw,
             std::int64_t start_s, std::int64_t step_s, int offset_min) {
            new (self) HeadroomBaseline();
            plan::HeadroomRequest* request = &self->request;
            for (const std::string& s : settings) {
              plan::HeadroomRequest::fields().set_text(*request, s);
            }
            TimeSeries load;
            load.start_s = start_s;
            load.step_s = step_s;
            load.values.assign(load_mw.data(), load_mw.data() + load_mw.shape(0));
            load.name = "load_mw";
            load.unit = "MW";
            request->load.series = std::move(load);
            request->load.series_offset_min = offset_min;
          },
          nb::arg("settings"), nb::arg("load_mw"), nb::arg("start_s"), nb::arg("step_s"),
          nb::arg("offset_min"))
      .def(
          "time",
          [](const HeadroomBaseline& self) {
            nb::gil_scoped_release nogil;
            const auto t0 = std::chrono::steady_clock::now();
            const double c0 = thread_cpu_s();
            const plan::HeadroomResult r = plan::run(self.request);
            const double c1 = thread_cpu_s();
            const auto t1 = std::chrono::steady_clock::now();
            return std::make_pair(std::chrono::duration<double>(t1 - t0).count(), c1 - c0);
          },
          "(wall, cpu): seconds of one run, on the wall clock and in this thread's CPU time.");
}

}  // namespace ballast::python
