/// @file ballast._core.studies: every library study as one call. Keyword arguments are the
/// request's fields by name (the CLI's option names, FieldTable::set), arrays become the
/// request's in-memory series, the study runs with the GIL released, and the result keeps the
/// library's renderers (JSON, text, HTML) and per-step tables.

#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ballast/aging/aging_study.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/series_values.h"
#include "ballast/core/step_table.h"
#include "ballast/core/time_zone.h"
#include "ballast/dispatch/dispatch_study.h"
#include "ballast/dynamics/transient_study.h"
#include "ballast/expand/expand_study.h"
#include "ballast/market/curve_study.h"
#include "ballast/market/frequency_study.h"
#include "ballast/market/run_study.h"
#include "ballast/market/size_study.h"
#include "ballast/plan/headroom_study.h"
#include "ballast/plan/load_spec.h"
#include "ballast/plan/plan_steps.h"
#include "ballast/plan/size_study.h"
#include "ballast/plan/steady_study.h"
#include "ballast/workload/workload_study.h"
#include "common.h"
#include "known_axes.h"
#include "progress.h"

namespace ballast::python {

namespace {

/// A series handed over from Python: the values (a view of the numpy array) on a fixed step.
/// Each study reads the view in place (no copy): the SeriesArg must outlive the study's result
/// (Held::keep).
struct SeriesArg {
  Array values;
  std::int64_t start_s = 0;
  std::int64_t step_us = 0;
  std::optional<std::string> tz;  ///< its zone (ballast.timeaxis.tz_name), if it has one
  std::string name;

  /// The values, checked finite, as a view.
  SeriesValues view() const {
    const std::span<const double> v = as_span(values);
    require_finite(v, name);
    return SeriesValues::borrowed(v);
  }
  /// A series on whole-second steps (`checked`: its values checked finite here).
  InputSeries input_series(const char* unit, bool checked = true) const {
    InputSeries s;
    s.start_s = start_s;
    s.step_s = step_us / 1'000'000;
    s.values = checked ? view() : SeriesValues::borrowed(as_span(values));
    s.name = name;
    s.unit = unit;
    return s;
  }
  /// A planning study's load: plan::make_grid refuses a value that is not finite itself, in the
  /// pass over the load it makes anyway (the values are not read twice).
  plan::LoadSeries load_series() const { return input_series("MW", false); }
  workload::SeriesSpec site_series() const { return {view(), step_us, name}; }
};

FieldValue field_value(nb::handle v, const std::string& name) {
  if (nb::isinstance<nb::bool_>(v)) return nb::cast<bool>(v);
  if (nb::isinstance<nb::str>(v)) return nb::cast<std::string>(v);
  if (nb::isinstance<nb::int_>(v) || nb::isinstance<nb::float_>(v)) return nb::cast<double>(v);
  if (nb::isinstance<nb::list>(v) || nb::isinstance<nb::tuple>(v)) {
    std::vector<std::string> texts;
    std::vector<double> numbers;
    for (nb::handle item : v) {
      if (nb::isinstance<nb::str>(item)) {
        texts.push_back(nb::cast<std::string>(item));
      } else if (!nb::isinstance<nb::bool_>(item) &&
                 (nb::isinstance<nb::int_>(item) || nb::isinstance<nb::float_>(item))) {
        numbers.push_back(nb::cast<double>(item));
      } else {
        throw InputError(name +
                         ": a list of numbers or of names was expected (got an item of "
                         "type " +
                         nb::type_name(item.type()).c_str() + ")");
      }
    }
    if (!texts.empty() && !numbers.empty()) {
      throw InputError(name + ": a list of numbers or of names, not both");
    }
    if (!texts.empty()) return texts;
    return numbers;
  }
  throw InputError(name + ": expected a number, text, True/False or a list (got " +
                   nb::type_name(v.type()).c_str() + ")");
}

/// The request with each keyword argument set through its field table.
template <class Request>
Request make_request(const nb::dict& fields) {
  Request r;
  for (auto [key, value] : fields) {
    const std::string name = nb::cast<std::string>(key);
    Request::fields().set(r, name, field_value(value, name), {}, name);
  }
  return r;
}

/// A study's result and the Python object whose memory it may view (the SeriesArg of an
/// array read in place), kept alive as long as the result; and the address of the values the
/// request handed the study (0: none in memory), for tests.
template <class Result>
struct Held {
  Result result;
  nb::object keep;
  std::uintptr_t input = 0;
  std::optional<std::string> input_zone;  ///< a planning study's load's zone, if it had one
};

template <class Request>
using ResultOf = decltype(run(std::declval<const Request&>(), Progress{}));

/// The SeriesArg in `series` (None: nullptr).
const SeriesArg* series_arg(const nb::object& series) {
  return series.is_none() ? nullptr : nb::cast<const SeriesArg*>(series);
}

/// Builds the request (GIL held), then with the GIL released lets `setup` add the in-memory
/// inputs and runs the study. `keep` is held by the result.
template <class Request, class Setup>
Held<ResultOf<Request>> run_study(const nb::dict& fields, nb::handle progress, Setup&& setup,
                                  nb::object keep = nb::none()) {
  Request request = make_request<Request>(fields);
  StudyProgress reporter(progress);
  const Progress callback = reporter.callback();
  std::optional<ResultOf<Request>> result;
  {
    nb::gil_scoped_release nogil;
    setup(request);
    result.emplace(run(request, callback));
  }
  return {std::move(*result), std::move(keep), 0, std::nullopt};
}

template <class Request>
auto run_plain(const nb::dict& fields, nb::handle progress) {
  return run_study<Request>(fields, progress, [](Request&) {});
}

template <class Result>
nb::class_<Held<Result>> bind_result(nb::module_& m, const char* name, const char* doc) {
  using H = Held<Result>;
  return nb::class_<H>(m, name, doc)
      .def(
          "json", [](const H& h) { return to_json(h.result).dump(2); },
          "The library's JSON renderer (the CLI's --json), as text.")
      .def(
          "text", [](const H& h) { return to_text(h.result); },
          "The library's text table (what the CLI prints).")
      .def(
          "html",
          [](const H& h) {
            nb::gil_scoped_release nogil;
            return to_html(h.result).render();
          },
          "The library's self-contained HTML report.");
}

/// The address `values` start at, for Held::input.
std::uintptr_t address(const SeriesValues& values) {
  return reinterpret_cast<std::uintptr_t>(values.data());
}

/// A result's StepTable as a dict: "columns" (name -> read-only numpy view of the result's
/// memory, no copy; the view keeps the result alive), "first_us", "step_us" and the zone of
/// absolute times: "utc_offset_min" (a fixed offset) or "zone" (an IANA name); both None:
/// times from the run's start. None when the study kept no steps.
template <class Result>
nb::object step_table_dict(const Held<Result>& h) {
  if (!h.result.steps) return nb::none();
  const StepTable& t = *h.result.steps;
  const nb::object owner = nb::find(&h);
  nb::dict columns;
  for (std::size_t k = 0; k < t.names().size(); ++k) {
    columns[t.names()[k].c_str()] = NumpyArray<const double>(t.column(k).data(), {t.rows()}, owner);
  }
  nb::dict d;
  d["columns"] = columns;
  d["first_us"] = t.first_us();
  d["step_us"] = t.step_us();
  // a fixed offset as minutes (Python names it "+08:00"), else the IANA zone's name
  const std::optional<TimeZone>& zone = t.zone();
  d["utc_offset_min"] =
      zone && zone->is_fixed() ? nb::cast(zone->standard_offset_min()) : nb::none();
  d["zone"] = zone && !zone->is_fixed() ? nb::cast(zone->name()) : nb::none();
  return d;
}

/// A result class with Held::input.
template <class Result>
nb::class_<Held<Result>> bind_input_result(nb::module_& m, const char* name, const char* doc) {
  return bind_result<Result>(m, name, doc)
      .def_prop_ro(
          "_input_address", [](const Held<Result>& h) { return h.input; },
          "The address of the in-memory series the study was handed (tests: equal to the "
          "input array's when read in place).");
}

/// A result class with Held::input and its StepTable (step_table_dict).
template <class Result>
nb::class_<Held<Result>> bind_step_result(nb::module_& m, const char* name, const char* doc) {
  return bind_input_result<Result>(m, name, doc)
      .def("step_table", &step_table_dict<Result>,
           "The per-step table (columns as read-only numpy views), or None without keep_steps.");
}

/// The per-step table as a dict of numpy arrays (time_s, offset_min, then the columns).
nb::dict steps_dict(plan::PlanSteps s) {
  nb::dict d;
  std::vector<std::string> names = plan::step_columns(s);
  d["time_s"] = to_numpy(std::move(s.time_s));
  d["offset_min"] = to_numpy(std::move(s.offset_min));
  std::vector<std::vector<double>> columns;
  columns.push_back(std::move(s.load_mw));
  columns.push_back(std::move(s.limit_mw));
  for (plan::StepCase& c : s.cases) {
    columns.push_back(std::move(c.new_load_served_mw));
    columns.push_back(std::move(c.curtailed_mw));
    if (c.storage) {
      columns.push_back(std::move(c.storage_mw));
      columns.push_back(std::move(c.energy_mwh));
    }
  }
  for (std::size_t k = 0; k < columns.size(); ++k) {
    d[names[k + 1].c_str()] = to_numpy(std::move(columns[k]));
  }
  return d;
}

template <class Result>
void bind_plan_result(nb::module_& m, const char* name, const char* doc) {
  bind_result<Result>(m, name, doc)
      .def(
          "steps",
          [](const Held<Result>& h) {
            plan::PlanSteps s;
            {
              nb::gil_scoped_release nogil;
              s = plan::plan_steps(h.result);
            }
            nb::dict d = steps_dict(std::move(s));
            const TimeZone& zone = h.result.grid.grid.calendar.zone();
            d["zone"] = zone.is_fixed() ? std::string() : zone.name();
            d["input_zone"] = h.input_zone;
            return d;
          },
          "The per-step table (plan::plan_steps) as a dict of numpy arrays.")
      .def(
          "_load_address",
          [](const Held<Result>& h) {
            return reinterpret_cast<std::uintptr_t>(h.result.grid.grid.load.values.data());
          },
          "The address of the load the study read (tests: equal to the input array's address "
          "when it was read in place).");
}

/// A planning study's calendar from its load's zone `tz` unless the request names one
/// (timezone, utc_offset_h): a named zone becomes the study's time zone, so months and years
/// are in its civil time; UTC or a fixed offset ("+05:30") is the series' own calendar.
void take_zone(plan::LoadSpec& load, const std::optional<std::string>& tz) {
  if (!tz || !load.timezone.empty() || load.utc_offset_h) return;
  if (*tz == "UTC") {
    load.series_offset_min = 0;
  } else if (tz->front() == '+' || tz->front() == '-') {
    load.series_offset_min = TimeZone::named("UTC" + *tz).standard_offset_min();
  } else {
    load.timezone = *tz;
  }
}

/// The SeriesArg a planning study reads: `load` itself, or one made of a pandas Series on an
/// index checked before (known_series) and held by `keep`; nullptr for anything else.
const SeriesArg* plan_load(const nb::object& load, nb::object& keep) {
  if (nb::isinstance<SeriesArg>(load)) {
    keep = load;
    return nb::inst_ptr<SeriesArg>(load);
  }
  std::optional<KnownSeries> known = known_series(load);
  if (!known) return nullptr;
  const KnownAxis& axis = known->axis;
  keep = nb::cast(SeriesArg{std::move(known->values), axis.start_s, axis.step_s * 1'000'000,
                            nb::cast<std::optional<std::string>>(axis.tz), "load_mw"});
  return nb::inst_ptr<SeriesArg>(keep);
}

/// A planning study on the built-in grid or a file (`load` None), on a SeriesArg, or on a
/// pandas Series whose index was checked before, read in place. Anything else returns None:
/// ballast.studies checks it and calls again with a SeriesArg.
template <class Request>
void def_plan_study(nb::module_& m, const char* name, const char* doc) {
  m.def(
      name,
      [](const nb::dict& fields, nb::object load, nb::handle progress) -> nb::object {
        nb::object keep;
        const SeriesArg* arg = load.is_none() ? nullptr : plan_load(load, keep);
        if (!load.is_none() && arg == nullptr) return nb::none();
        auto held = run_study<Request>(
            fields, progress,
            [arg](Request& r) {
              if (arg == nullptr) return;
              r.load.series = arg->load_series();
              take_zone(r.load, arg->tz);
            },
            std::move(keep));
        if (arg != nullptr) held.input_zone = arg->tz;
        return nb::cast(std::move(held));
      },
      nb::arg("fields"), nb::arg("load").none(), nb::arg("progress").none(), doc);
}

/// A study on a site's power (workload, transient): the series read in place, every step kept
/// when `keep_steps`.
template <class Request>
void def_site_study(nb::module_& m, const char* name, const char* doc) {
  m.def(
      name,
      [](const nb::dict& fields, nb::object series, bool keep_steps, nb::handle progress) {
        const SeriesArg* arg = series_arg(series);
        std::uintptr_t input = 0;
        auto held = run_study<Request>(
            fields, progress,
            [&](Request& r) {
              r.keep_steps = keep_steps;
              if (arg == nullptr) return;
              r.series = arg->site_series();
              input = address(r.series->site_mw);
            },
            series);
        held.input = input;
        return held;
      },
      nb::arg("fields"), nb::arg("series").none(), nb::arg("keep_steps"),
      nb::arg("progress").none(), doc);
}

/// A market study on a frequency series read in place (market run also keeps its seconds when
/// `keep_steps`; market size has no per-step table).
template <class Request>
void def_market_study(nb::module_& m, const char* name, const char* doc) {
  m.def(
      name,
      [](const nb::dict& fields, nb::object frequency, bool keep_steps, nb::handle progress) {
        const SeriesArg* arg = series_arg(frequency);
        std::uintptr_t input = 0;
        auto held = run_study<Request>(
            fields, progress,
            [&](Request& r) {
              if constexpr (requires(Request & q) { q.keep_steps; }) r.keep_steps = keep_steps;
              if (arg == nullptr) return;
              r.scenario.frequency_series = arg->input_series("Hz");
              input = address(r.scenario.frequency_series->values);
            },
            frequency);
        held.input = input;
        return held;
      },
      nb::arg("fields"), nb::arg("frequency").none(), nb::arg("keep_steps"),
      nb::arg("progress").none(), doc);
}

// A dispatch scenario from Python: read from its TOML, then changed in code.
struct ScenarioHandle {
  dispatch::Scenario scenario;

  dispatch::StorageUnit& unit(const std::string& name) {
    for (dispatch::StorageUnit& u : scenario.storage) {
      if (u.name == name) return u;
    }
    std::string known;
    for (const dispatch::StorageUnit& u : scenario.storage)
      known += (known.empty() ? "" : ", ") + u.name;
    throw InputError("the scenario has no storage named " + quote_input(name) +
                     "; it has: " + known);
  }

  // The first `n` periods of every series.
  void head(std::size_t n) {
    if (n == 0 || n > scenario.periods()) {
      throw InputError("head(" + std::to_string(n) + "): give 1 to " +
                       std::to_string(scenario.periods()) + " periods");
    }
    const auto cut = [n](std::vector<double>& v) {
      if (v.size() > n) v.resize(n);
    };
    cut(scenario.demand.values);
    for (dispatch::Generator& g : scenario.generators) {
      if (g.cost_per_mwh.size() > 1) cut(g.cost_per_mwh);
      cut(g.availability);
    }
    for (dispatch::Renewable& r : scenario.renewables) cut(r.available_mw);
    for (dispatch::NewLoad& l : scenario.new_loads) cut(l.mw);
    dispatch::validate(scenario);
  }
};

}  // namespace

void bind_studies(nb::module_& m) {
  nb::class_<SeriesArg>(m, "SeriesArg", "A series handed to a study (see ballast.studies).")
      .def(nb::init<Array, std::int64_t, std::int64_t, std::optional<std::string>, std::string>(),
           nb::arg("values"), nb::arg("start_s"), nb::arg("step_us"), nb::arg("tz").none(),
           nb::arg("name"));

  m.def(
      "field_names",
      [](const std::string& study) {
        std::vector<std::string> names;
        const auto add = [&names](const auto& table) {
          for (const auto& f : table.fields()) names.push_back(f.info.name);
        };
        if (study == "headroom")
          add(plan::HeadroomRequest::fields());
        else if (study == "size")
          add(plan::SizeRequest::fields());
        else if (study == "steady")
          add(plan::SteadyRequest::fields());
        else if (study == "dispatch")
          add(dispatch::DispatchRequest::fields());
        else if (study == "workload")
          add(workload::WorkloadRequest::fields());
        else if (study == "transient")
          add(dynamics::TransientRequest::fields());
        else if (study == "market_run")
          add(market::MarketRunRequest::fields());
        else if (study == "market_curve")
          add(market::MarketCurveRequest::fields());
        else if (study == "market_bid")
          add(market::MarketBidRequest::fields());
        else if (study == "market_size")
          add(market::MarketSizeRequest::fields());
        else if (study == "frequency")
          add(market::FrequencyRequest::fields());
        else if (study == "aging")
          add(aging::AgingRequest::fields());
        else if (study == "expand")
          add(expand::ExpandRequest::fields());
        else
          throw InputError("no study named " + quote_input(study));
        return names;
      },
      nb::arg("study"), "The keyword arguments a study takes (its request's field names).");

  bind_plan_result<plan::HeadroomResult>(m, "HeadroomResult", "ballast headroom's result.");
  bind_plan_result<plan::SizeResult>(m, "SizeResult", "ballast size's result.");
  bind_plan_result<plan::SteadyResult>(m, "SteadyResult", "ballast steady's result.");
  def_plan_study<plan::HeadroomRequest>(m, "headroom", "plan::run(HeadroomRequest).");
  def_plan_study<plan::SizeRequest>(m, "size", "plan::run(SizeRequest).");
  def_plan_study<plan::SteadyRequest>(m, "steady", "plan::run(SteadyRequest).");

  bind_result<dispatch::DispatchStudyResult>(m, "DispatchResult", "ballast dispatch's result.")
      .def(
          "csv",
          [](const Held<dispatch::DispatchStudyResult>& h) { return dispatch::to_csv(h.result); },
          "One row per period with every variable (the CLI's --out dispatch.csv).")
      .def(
          "axis",
          [](const Held<dispatch::DispatchStudyResult>& h) {
            const dispatch::Scenario& s = h.result.scenario;
            return nb::make_tuple(s.demand.start_s, s.demand.step_s,
                                  s.calendar.offset_min(s.demand.start_s));
          },
          "(start_s, step_s, utc_offset_min) of the periods.");
  bind_result<expand::ExpandStudyResult>(m, "ExpandResult", "ballast expand's result.")
      .def(
          "csv", [](const Held<expand::ExpandStudyResult>& h) { return expand::to_csv(h.result); },
          "One row per period: price, new load served, every candidate's output (the CLI's --out "
          "expand.csv).")
      .def(
          "axis",
          [](const Held<expand::ExpandStudyResult>& h) {
            const dispatch::Scenario& s = h.result.expansion_case.system;
            return nb::make_tuple(s.demand.start_s, s.demand.step_s,
                                  s.calendar.offset_min(s.demand.start_s));
          },
          "(start_s, step_s, utc_offset_min) of the periods.");
  m.def("expand", &run_plain<expand::ExpandRequest>, nb::arg("fields"), nb::arg("progress").none());
  nb::class_<ScenarioHandle>(m, "DispatchScenario", "A dispatch scenario, changeable in code.")
      .def_static(
          "load",
          [](const std::string& path) {
            nb::gil_scoped_release nogil;
            return ScenarioHandle{dispatch::load_scenario(path)};
          },
          nb::arg("path"))
      .def_prop_ro("name", [](const ScenarioHandle& h) { return h.scenario.name; })
      .def_prop_ro("periods", [](const ScenarioHandle& h) { return h.scenario.periods(); })
      .def_prop_ro("step_s", [](const ScenarioHandle& h) { return h.scenario.demand.step_s; })
      .def_prop_ro("start_s", [](const ScenarioHandle& h) { return h.scenario.demand.start_s; })
      .def_prop_ro("storage",
                   [](const ScenarioHandle& h) {
                     nb::list out;
                     for (const dispatch::StorageUnit& u : h.scenario.storage) {
                       nb::dict d;
                       d["name"] = u.name;
                       d["kind"] = u.kind;
                       d["discharge_power_mw"] = u.params.discharge_power_mw;
                       d["charge_power_mw"] = u.params.charge_power_mw;
                       d["energy_mwh"] = u.params.energy_mwh;
                       out.append(d);
                     }
                     return out;
                   })
      .def(
          "resize_storage",
          [](ScenarioHandle& h, const std::string& name, std::optional<double> power_mw,
             std::optional<double> energy_mwh) {
            if (power_mw) require_finite(*power_mw, "power_mw");
            if (energy_mwh) require_finite(*energy_mwh, "energy_mwh");
            dispatch::resize(h.unit(name), power_mw, energy_mwh);
          },
          nb::arg("name"), nb::kw_only(), nb::arg("power_mw").none() = nb::none(),
          nb::arg("energy_mwh").none() = nb::none(),
          "Sets a storage unit's power (both ways) and/or energy.")
      .def("head", &ScenarioHandle::head, nb::arg("periods"),
           "Keeps the first `periods` periods of every series (a shorter horizon).");
  m.def(
      "dispatch",
      [](const nb::dict& fields, const ScenarioHandle* scenario, nb::handle progress) {
        return run_study<dispatch::DispatchRequest>(fields, progress,
                                                    [scenario](dispatch::DispatchRequest& r) {
                                                      if (scenario != nullptr)
                                                        r.scenario_data = scenario->scenario;
                                                    });
      },
      nb::arg("fields"), nb::arg("scenario").none(), nb::arg("progress").none());

  bind_step_result<workload::WorkloadResult>(m, "WorkloadResult", "ballast workload's result.");
  def_site_study<workload::WorkloadRequest>(m, "workload", "workload::run(WorkloadRequest).");
  bind_step_result<dynamics::TransientStudyResult>(m, "TransientResult",
                                                   "ballast transient's result.");
  def_site_study<dynamics::TransientRequest>(m, "transient", "dynamics::run(TransientRequest).");

  bind_step_result<market::MarketRunResult>(m, "MarketRunResult", "ballast market run's result.");
  def_market_study<market::MarketRunRequest>(m, "market_run", "market::run(MarketRunRequest).");
  bind_input_result<market::MarketSizeResult>(m, "MarketSizeResult",
                                              "ballast market size's result.");
  def_market_study<market::MarketSizeRequest>(m, "market_size", "market::run(MarketSizeRequest).");
  bind_result<market::MarketCurveResult>(m, "MarketCurveResult", "ballast market curve's result.");
  m.def("market_curve", &run_plain<market::MarketCurveRequest>, nb::arg("fields"),
        nb::arg("progress").none());
  bind_result<market::MarketBidResult>(m, "MarketBidResult", "ballast market bid's result.")
      .def_prop_ro("accepted", [](const Held<market::MarketBidResult>& h) {
        return h.result.check.accepted();
      });
  m.def("market_bid", &run_plain<market::MarketBidRequest>, nb::arg("fields"),
        nb::arg("progress").none());
  bind_step_result<market::FrequencyResult>(m, "FrequencyResult", "ballast frequency's result.");
  m.def(
      "frequency",
      [](const nb::dict& fields, bool keep_steps, nb::handle progress) {
        return run_study<market::FrequencyRequest>(
            fields, progress,
            [keep_steps](market::FrequencyRequest& r) { r.keep_steps = keep_steps; });
      },
      nb::arg("fields"), nb::arg("keep_steps"), nb::arg("progress").none());

  bind_input_result<aging::AgingResult>(m, "AgingResult", "ballast aging's result.")
      .def_prop_ro(
          "_soc_address", [](const Held<aging::AgingResult>& h) { return address(h.result.soc); },
          "The address of the SOC trace the study assessed (tests: equal to the SOC array's "
          "when it was read in place).");
  m.def(
      "aging",
      [](const nb::dict& fields, nb::object soc, nb::object power, nb::object temperature,
         nb::handle progress) {
        const SeriesArg* soc_arg = series_arg(soc);
        const SeriesArg* power_arg = series_arg(power);
        const SeriesArg* temperature_arg = series_arg(temperature);
        std::uintptr_t input = 0;
        auto held = run_study<aging::AgingRequest>(
            fields, progress,
            [&](aging::AgingRequest& r) {
              if (soc_arg) r.soc_series = soc_arg->input_series("");
              if (power_arg) r.power_series = power_arg->input_series("MW");
              if (temperature_arg) r.temperature_series = temperature_arg->input_series("C");
              const auto& main = r.soc_series ? r.soc_series : r.power_series;
              if (main) input = address(main->values);
            },
            nb::make_tuple(soc, power, temperature));
        held.input = input;
        return held;
      },
      nb::arg("fields"), nb::arg("soc").none(), nb::arg("power").none(),
      nb::arg("temperature").none(), nb::arg("progress").none());
}

}  // namespace ballast::python
