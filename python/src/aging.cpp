/// @file ballast._core.aging: the streaming rainflow counter, the degradation models, the
/// streaming wear meter and the capacity projection.

#include <fmt/format.h>
#include <nanobind/stl/array.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballast/aging/assess.h"
#include "ballast/aging/model.h"
#include "ballast/aging/rainflow.h"
#include "ballast/core/error.h"
#include "common.h"
#include "progress.h"

namespace ballast::python {

namespace {

using aging::AgingModel;
using aging::Cycle;
using aging::Projection;
using aging::Wear;

// Cycles as columns, cheap to collect with the GIL released and to hand to pandas.
struct CycleColumns {
  std::vector<double> count, range, mean;
  std::vector<std::int64_t> start, end;
  void operator()(const Cycle& c) {
    count.push_back(c.count);
    range.push_back(c.range);
    mean.push_back(c.mean);
    start.push_back(static_cast<std::int64_t>(c.start));
    end.push_back(static_cast<std::int64_t>(c.end));
  }
  nb::dict to_dict() && {
    nb::dict d;
    d["count"] = to_numpy(std::move(count));
    d["range"] = to_numpy(std::move(range));
    d["mean"] = to_numpy(std::move(mean));
    d["start"] = to_numpy(std::move(start));
    d["end"] = to_numpy(std::move(end));
    return d;
  }
};

struct PyRainflow {
  aging::Rainflow counter;
  std::atomic<bool> busy{false};
};

// The meter keeps a reference to its model: the model lives beside it.
struct PyWearMeter {
  AgingModel model;
  aging::WearMeter meter;
  double dt_s;
  std::atomic<bool> busy{false};
  PyWearMeter(AgingModel m, double dt) : model(std::move(m)), meter(model, dt), dt_s(dt) {}
};

double checked_dt_s(double dt_s) {
  if (!(dt_s > 0) || !std::isfinite(dt_s)) {
    throw InputError(fmt::format("dt_s must be a finite number of seconds > 0 (got {})", dt_s));
  }
  return dt_s;
}

void check_soc(double soc, std::string_view name, std::size_t i) {
  if (!(soc >= 0 && soc <= 1)) {
    throw InputError(fmt::format(
        "{}[{}] = {}: SOC is a fraction of nameplate energy in 0 .. 1{}", name, i, soc,
        std::isfinite(soc) && soc > 1 && soc <= 100 ? " (a percentage? divide by 100)" : ""));
  }
}

std::string cycle_repr(const Cycle& c) {
  return fmt::format("Cycle(count={:g}, range={:g}, mean={:g}, start={}, end={})", c.count, c.range,
                     c.mean, c.start, c.end);
}

std::string wear_repr(const Wear& w) {
  return fmt::format(
      "Wear({:g} s: {:g} equivalent full cycles, {:g} full + {:g} half rainflow cycles, cycle "
      "damage {:.4g}, mean SOC {:.3f}, mean {:.1f} C)",
      w.duration_s, w.equivalent_full_cycles, w.full_cycles, w.half_cycles, w.cycle_damage,
      w.mean_soc, w.mean_temp_c);
}

}  // namespace

void bind_aging(nb::module_& m) {
  nb::class_<Cycle>(m, "Cycle", "One counted range (ASTM E1049-85 5.4.4): a half or full cycle.")
      .def_ro("count", &Cycle::count, "0.5 (half cycle) or 1 (full cycle).")
      .def_ro("range", &Cycle::range, "|end value - start value|, signal units.")
      .def_ro("mean", &Cycle::mean, "(start value + end value) / 2, signal units.")
      .def_ro("start", &Cycle::start, "Sample index of the range's first reversal.")
      .def_ro("end", &Cycle::end, "Sample index of the range's second reversal.")
      .def_ro("start_tag", &Cycle::start_tag, "The caller's tag at the first reversal.")
      .def_ro("end_tag", &Cycle::end_tag, "The caller's tag at the second reversal.")
      .def("__repr__", &cycle_repr);

  nb::class_<PyRainflow>(
      m, "Rainflow",
      "Streaming rainflow cycle counting per ASTM E1049-85 (reapproved 2017), 5.4.4: push "
      "samples one at a time (or extend by arrays), then finish() once. Memory is the residual "
      "stack of open reversals, never the signal.")
      .def(nb::init<>())
      .def(
          "push",
          [](PyRainflow& r, double x, double tag) {
            require_finite(x, "x");
            BusyGuard busy(r.busy, "Rainflow");
            std::vector<Cycle> closed;
            r.counter.push(
                x, [&](const Cycle& c) { closed.push_back(c); }, tag);
            return closed;
          },
          nb::arg("x"), nb::arg("tag") = 0.0,
          "Feeds one sample; returns the cycles it closed (often none). `tag` is a running "
          "value carried to the cycles' start_tag and end_tag.")
      .def(
          "_extend",
          [](PyRainflow& r, const Array& values, nb::object progress) {
            const std::size_t n = values.shape(0);
            ProgressReporter reporter(progress, n);
            BusyGuard busy(r.busy, "Rainflow");
            CycleColumns cycles;
            {
              nb::gil_scoped_release nogil;
              const std::span<const double> x = as_span(values);
              require_finite(x, "values");
              for (std::size_t i = 0; i < n; ++i) {
                r.counter.push(x[i], cycles);
                reporter.report(i + 1);
              }
            }
            reporter.finish();
            return std::move(cycles).to_dict();
          },
          nb::arg("values"), nb::arg("progress") = nb::none(),
          "Feeds every value (GIL released); returns the closed cycles as columns.")
      .def(
          "finish",
          [](PyRainflow& r) {
            BusyGuard busy(r.busy, "Rainflow");
            std::vector<Cycle> closed;
            r.counter.finish([&](const Cycle& c) { closed.push_back(c); });
            return closed;
          },
          "Ends the signal: returns the last cycles (the residual's half cycles) and resets "
          "the counter for reuse.")
      .def_prop_ro(
          "samples", [](const PyRainflow& r) { return r.counter.samples(); },
          "Samples pushed since the start (or the last finish()).")
      .def_prop_ro(
          "residual", [](const PyRainflow& r) { return r.counter.residual(); },
          "Reversals waiting on the residual stack.")
      .def("__repr__", [](const PyRainflow& r) {
        return fmt::format("Rainflow({} samples, {} open reversals)", r.counter.samples(),
                           r.counter.residual());
      });

  m.def(
      "_count_cycles",
      [](const Array& signal, nb::object progress) {
        const std::size_t n = signal.shape(0);
        ProgressReporter reporter(progress, n);
        CycleColumns cycles;
        {
          nb::gil_scoped_release nogil;
          const std::span<const double> x = as_span(signal);
          require_finite(x, "signal");
          aging::Rainflow counter;
          for (std::size_t i = 0; i < n; ++i) {
            counter.push(x[i], cycles);
            reporter.report(i + 1);
          }
          counter.finish(cycles);
        }
        reporter.finish();
        return std::move(cycles).to_dict();
      },
      nb::arg("signal"), nb::arg("progress") = nb::none(),
      "Every cycle of a whole signal as columns (GIL released).");

  nb::class_<AgingModel>(
      m, "AgingModel",
      "A battery degradation model: Xu et al. 2018 (cycle depth, SOC and temperature stress, "
      "calendar aging, SEI law) or a datasheet cycle-life table with the Smith et al. 2017 "
      "calendar law. Capacity is a fraction of nameplate energy.")
      .def_static("xu2018", &aging::xu2018,
                  "Xu, Oudalov, Ulbig, Andersson, Kirschen, IEEE Trans. Smart Grid 9(2), 2018, "
                  "with its published (LMO) parameters.")
      .def_static(
          "cycle_table",
          [](const std::vector<double>& dod, const std::vector<double>& cycles,
             const std::vector<double>& capacity, std::string name) {
            if (dod.size() != cycles.size() || dod.size() != capacity.size()) {
              throw InputError(fmt::format(
                  "cycle_table: dod, cycles and capacity need one value per row (got {}, {}, {})",
                  dod.size(), cycles.size(), capacity.size()));
            }
            std::vector<aging::CycleLifeRow> rows;
            for (std::size_t i = 0; i < dod.size(); ++i) {
              rows.push_back({dod[i], cycles[i], capacity[i]});
            }
            return aging::cycle_table(std::move(rows), std::move(name));
          },
          nb::kw_only(), nb::arg("dod"), nb::arg("cycles"), nb::arg("capacity"),
          nb::arg("name") = "table",
          "A cycle-life table: `dod` depth of discharge (fractions, 0 < dod <= 1), `cycles` "
          "full cycles at that depth, `capacity` the capacity fraction left after them.")
      .def_static("read_cycle_table", &aging::read_cycle_table, nb::arg("path"),
                  "Reads a cycle-life table CSV (columns dod_pct,cycles,capacity_pct); "
                  "InputError with file:line:column on any problem.")
      .def_static("parse", &aging::parse_model, nb::arg("spec"),
                  "\"xu2018\" or \"table:FILE.csv\", as on the command line.")
      .def_ro("name", &AgingModel::name, "The model's name.")
      .def_prop_ro(
          "kind",
          [](const AgingModel& a) {
            return a.kind == AgingModel::Kind::kXu2018 ? "xu2018" : "table";
          },
          "\"xu2018\" or \"table\".")
      .def("cycle_damage", &AgingModel::cycle_damage, nb::kw_only(), nb::arg("dod"),
           nb::arg("mean_soc"), nb::arg("temp_c"),
           "Cycle stress of one full cycle of depth `dod` at mean SOC `mean_soc` and "
           "`temp_c` deg C (Xu: the f_d increment; table: the capacity fraction it costs).")
      .def("capacity", &AgingModel::capacity, nb::kw_only(), nb::arg("cycle_damage"),
           nb::arg("days"), nb::arg("mean_soc"), nb::arg("temp_c"),
           "Capacity fraction after `cycle_damage` summed cycle stress and `days` of calendar "
           "time at `mean_soc` and `temp_c`.")
      .def(
          "damage_to_end_of_life",
          [](const AgingModel& a, double eol_capacity) {
            return aging::damage_to_end_of_life(a, eol_capacity);
          },
          nb::arg("eol_capacity") = 0.8,
          "Summed cycle stress that takes a fresh battery to `eol_capacity` (no calendar aging).")
      .def("__repr__", [](const AgingModel& a) {
        return a.kind == AgingModel::Kind::kXu2018
                   ? std::string("AgingModel.xu2018()")
                   : fmt::format("AgingModel(cycle-life table \"{}\", {} rows)", a.name,
                                 a.table.size());
      });

  nb::class_<Wear>(m, "Wear", "What an SOC trace does to a battery.")
      .def_ro("duration_s", &Wear::duration_s, "Length of the trace, s.")
      .def_ro("equivalent_full_cycles", &Wear::equivalent_full_cycles, "sum |dSOC| / 2.")
      .def_ro("full_cycles", &Wear::full_cycles, "Rainflow count of full cycles.")
      .def_ro("half_cycles", &Wear::half_cycles, "Rainflow count of half cycles.")
      .def_ro("cycles_by_depth", &Wear::cycles_by_depth,
              "Cycle counts (half = 0.5) per depth bin [0,10) %, [10,20) %, ... [90,100] %.")
      .def_ro("cycle_damage", &Wear::cycle_damage, "Summed model cycle stress over the trace.")
      .def_ro("mean_soc", &Wear::mean_soc, "Mean SOC, fraction.")
      .def_ro("mean_temp_c", &Wear::mean_temp_c, "Mean temperature, deg C.")
      .def("__repr__", &wear_repr);

  nb::class_<PyWearMeter>(
      m, "WearMeter",
      "Streaming wear accumulator: push SOC (fraction of nameplate) and temperature each step "
      "of `dt_s` seconds, then finish() (which resets it). Constant memory.")
      .def(
          "__init__",
          [](PyWearMeter* self, const AgingModel& model, double dt_s) {
            new (self) PyWearMeter(model, checked_dt_s(dt_s));
          },
          nb::arg("model"), nb::kw_only(), nb::arg("dt_s"))
      .def(
          "push",
          [](PyWearMeter& w, double soc, double temp_c) {
            check_soc(soc, "soc", 0);
            require_finite(temp_c, "temp_c");
            BusyGuard busy(w.busy, "WearMeter");
            w.meter.push(soc, temp_c);
          },
          nb::arg("soc"), nb::arg("temp_c") = 25.0,
          "One step at `soc` (fraction) and `temp_c` deg C (25: Xu et al.'s reference).")
      .def(
          "_extend",
          [](PyWearMeter& w, const Array& soc, std::optional<Array> temp_trace, double temp_c,
             nb::object progress) {
            const std::size_t n = soc.shape(0);
            if (temp_trace && temp_trace->shape(0) != n) {
              throw InputError(fmt::format("temp_c has {} values but soc has {}: give one per step",
                                           temp_trace->shape(0), n));
            }
            ProgressReporter reporter(progress, n);
            BusyGuard busy(w.busy, "WearMeter");
            {
              nb::gil_scoped_release nogil;
              const std::span<const double> s = as_span(soc);
              for (std::size_t i = 0; i < n; ++i) check_soc(s[i], "soc", i);
              if (temp_trace) {
                const std::span<const double> t = as_span(*temp_trace);
                require_finite(t, "temp_c");
                for (std::size_t i = 0; i < n; ++i) {
                  w.meter.push(s[i], t[i]);
                  reporter.report(i + 1);
                }
              } else {
                require_finite(temp_c, "temp_c");
                for (std::size_t i = 0; i < n; ++i) {
                  w.meter.push(s[i], temp_c);
                  reporter.report(i + 1);
                }
              }
            }
            reporter.finish();
          },
          nb::arg("soc"), nb::arg("temp_trace").none(), nb::arg("temp_c"),
          nb::arg("progress") = nb::none())
      .def(
          "finish",
          [](PyWearMeter& w) {
            BusyGuard busy(w.busy, "WearMeter");
            return w.meter.finish();
          },
          "The wear of everything pushed since the start (or the last finish()); resets.")
      .def_prop_ro(
          "model", [](const PyWearMeter& w) { return w.model; }, "The degradation model.")
      .def_prop_ro(
          "dt_s", [](const PyWearMeter& w) { return w.dt_s; }, "Step length, s.")
      .def("__repr__", [](const PyWearMeter& w) {
        return fmt::format("WearMeter(model \"{}\", dt_s={:g})", w.model.name, w.dt_s);
      });

  nb::class_<Projection>(m, "Projection", "A trace's operation repeated year after year.")
      .def_ro("capacity", &Projection::capacity, "Capacity fraction at the end of year 1, 2, ...")
      .def_ro("fade_year1", &Projection::fade_year1, "1 - capacity after one year.")
      .def_ro("eol_capacity", &Projection::eol_capacity, "The end-of-life threshold used.")
      .def_prop_ro(
          "end_of_life_years",
          [](const Projection& p) {
            return p.end_of_life_years < 0 ? std::nullopt
                                           : std::optional<double>(p.end_of_life_years);
          },
          "Years until capacity reaches eol_capacity; None if not within the horizon.")
      .def_ro("cycle_damage_per_year", &Projection::cycle_damage_per_year, "Cycle stress per year.")
      .def("__repr__", [](const Projection& p) {
        return fmt::format("Projection({} years, fade {:.2f} % in year 1, end of life ({:g} %) {})",
                           p.capacity.size(), 100 * p.fade_year1, 100 * p.eol_capacity,
                           p.end_of_life_years < 0
                               ? std::string("beyond the horizon")
                               : fmt::format("after {:.1f} years", p.end_of_life_years));
      });

  m.def(
      "project",
      [](const AgingModel& model, const Wear& wear, double eol_capacity, int max_years) {
        if (!(eol_capacity > 0 && eol_capacity < 1)) {
          throw InputError(fmt::format("eol_capacity must be in (0, 1) (got {})", eol_capacity));
        }
        if (max_years < 1) throw InputError("max_years must be >= 1");
        return aging::project(model, wear, eol_capacity, max_years);
      },
      nb::arg("model"), nb::arg("wear"), nb::kw_only(), nb::arg("eol_capacity") = 0.8,
      nb::arg("max_years") = 50,
      "Repeats `wear` (scaled to a year) for up to `max_years` years and finds end of life.");
  m.def("capacity_after", &aging::capacity_after, nb::arg("model"), nb::arg("wear"), nb::kw_only(),
        nb::arg("years"), "Capacity fraction after `years` of the given wear per year.");
}

}  // namespace ballast::python
