/// @file ballast._core.plan: the greedy storage dispatch beside a new constant load (the hot
/// loop of every planner), with its per-step traces.

#include <fmt/format.h>
#include <nanobind/stl/string.h>

#include <optional>
#include <string>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/periods.h"
#include "ballast/plan/grid.h"
#include "ballast/plan/simulate.h"
#include "common.h"

namespace ballast::python {

namespace {

plan::Threshold parse_threshold(const std::string& kind, double mw) {
  if (kind == "seasonal") return {plan::ThresholdKind::kSeasonal, 0};
  if (kind == "peak") return {plan::ThresholdKind::kPeak, 0};
  if (kind == "constant") return {plan::ThresholdKind::kConstant, mw};
  throw InputError(
      fmt::format("threshold must be \"seasonal\", \"peak\" or a number of MW (got \"{}\")", kind));
}

SocStart parse_soc_start(const std::string& s) {
  if (s == "full") return SocStart::kFull;
  if (s == "empty") return SocStart::kEmpty;
  if (s == "cyclic") return SocStart::kCyclic;
  throw InputError(
      fmt::format("soc_start must be \"full\", \"empty\" or \"cyclic\" (got \"{}\")", s));
}

plan::RateMethod parse_method(const std::string& s) {
  if (s == "yearly") return plan::RateMethod::kYearlyMean;
  if (s == "pooled") return plan::RateMethod::kPooled;
  throw InputError(fmt::format("method must be \"yearly\" or \"pooled\" (got \"{}\")", s));
}

}  // namespace

void bind_plan(nb::module_& m) {
  m.def(
      "_simulate",
      [](const Array& load_mw, std::int64_t start_s, std::int64_t step_s, int utc_offset_min,
         double new_load_mw, const StorageParams& storage, const std::string& threshold,
         double threshold_mw, const std::string& soc_start, const std::string& method,
         const std::string& partial_years, bool keep_traces) {
        if (step_s <= 0) throw InputError(fmt::format("step_s must be > 0 (got {})", step_s));
        require_finite(new_load_mw, "new_load_mw");
        if (new_load_mw < 0) throw InputError("new_load_mw must be >= 0");
        const plan::Threshold th = parse_threshold(threshold, threshold_mw);
        const SocStart start = parse_soc_start(soc_start);
        const plan::RateMethod rate = parse_method(method);
        const std::optional<PartialPeriods> partial = parse_partial_periods(partial_years);
        if (!partial) {
          throw InputError(
              fmt::format("partial_years must be \"drop\", \"weight\" or \"keep\" (got {})",
                          quote_input(partial_years)));
        }
        plan::SimulationResult r;
        std::vector<double> capacity;
        {
          nb::gil_scoped_release nogil;
          const std::span<const double> v = as_span(load_mw);
          require_finite(v, "load_mw");
          TimeSeries load;
          load.start_s = start_s;
          load.step_s = step_s;
          load.values.assign(v.begin(), v.end());  // plan::Grid owns its load
          load.name = "demand_mw";
          load.unit = "MW";
          plan::Grid grid =
              plan::make_grid(std::move(load), Calendar(utc_offset_min), th, rate, *partial);
          r = plan::simulate(grid, new_load_mw, storage, start, keep_traces);
          if (keep_traces) capacity = std::move(grid.capacity_mw);
        }
        nb::dict d;
        d["curtailment_rate"] = r.curtailment_rate;
        d["initial_energy_mwh"] = r.initial_energy_mwh;
        d["final_energy_mwh"] = r.final_energy_mwh;
        d["charged_mwh"] = r.charged_mwh;
        d["discharged_mwh"] = r.discharged_mwh;
        if (keep_traces) {
          d["capacity_mw"] = to_numpy(std::move(capacity));
          d["curtailed_mw"] = to_numpy(std::move(r.curtailed_mw));
          d["energy_mwh"] = to_numpy(std::move(r.energy_mwh));
          d["storage_mw"] = to_numpy(std::move(r.storage_mw));
        }
        return d;
      },
      nb::arg("load_mw"), nb::kw_only(), nb::arg("start_s"), nb::arg("step_s"),
      nb::arg("utc_offset_min"), nb::arg("new_load_mw"), nb::arg("storage"), nb::arg("threshold"),
      nb::arg("threshold_mw"), nb::arg("soc_start"), nb::arg("method"), nb::arg("partial_years"),
      nb::arg("keep_traces"),
      "plan::simulate over a grid made from the load (GIL released); a dict of totals and, "
      "with keep_traces, per-step arrays.");
}

}  // namespace ballast::python
