/// @file ballast._core.storage: StorageParams and Storage (the one storage physics, stepped).

#include "ballast/storage/storage.h"

#include <fmt/format.h>
#include <nanobind/stl/optional.h>

#include <optional>

#include "ballast/core/error.h"
#include "common.h"
#include "progress.h"

namespace ballast::python {

namespace {

double checked_dt_h(double dt_s) {
  if (!(dt_s > 0) || !std::isfinite(dt_s)) {
    throw InputError(fmt::format("dt_s must be a finite number of seconds > 0 (got {})", dt_s));
  }
  return dt_s / 3600.0;
}

/// One storage unit with its state: the library's StorageModel stepped from Python.
struct Storage {
  StorageModel model;
  StorageState state;
  double dt_s;
  std::atomic<bool> busy{false};

  Storage(const StorageParams& params, double dt, double soc)
      : model(params, checked_dt_h(dt)), dt_s(dt) {
    reset(soc);
  }

  void reset(double soc) {
    const StorageParams& p = model.params();
    require_finite(soc, "soc");
    if (soc < p.soc_min || soc > p.soc_max) {
      throw InputError(fmt::format("soc must lie in the SOC window {} .. {} (got {})", p.soc_min,
                                   p.soc_max, soc));
    }
    state = StorageState{};
    state.energy_mwh = soc * p.energy_mwh;
  }
  double soc() const {
    const double e = model.params().energy_mwh;
    return e > 0 ? state.energy_mwh / e : 0.0;
  }
};

std::string params_repr(const StorageParams& p) {
  return fmt::format(
      "StorageParams(discharge_power_mw={:g}, charge_power_mw={:g}, energy_mwh={:g}, "
      "charge_efficiency={:g}, discharge_efficiency={:g}, soc_min={:g}, soc_max={:g}, "
      "standing_loss_per_h={:g})",
      p.discharge_power_mw, p.charge_power_mw, p.energy_mwh, p.charge_efficiency,
      p.discharge_efficiency, p.soc_min, p.soc_max, p.standing_loss_per_h);
}

}  // namespace

void bind_storage(nb::module_& m) {
  const StorageParams d;  // the library's defaults, written once there
  nb::class_<StorageParams>(
      m, "StorageParams",
      "Immutable, validated parameters of one storage unit (battery or pumped hydro).\n\n"
      "Powers are at the terminals; efficiencies are one-way; the SOC window and the standing "
      "loss are fractions of `energy_mwh`. `power_mw` sets both powers at once.")
      .def(
          "__init__",
          [](StorageParams* self, double energy_mwh, std::optional<double> power_mw,
             std::optional<double> discharge_power_mw, std::optional<double> charge_power_mw,
             double charge_efficiency, double discharge_efficiency, double soc_min, double soc_max,
             double standing_loss_per_h) {
            StorageParams p;
            p.energy_mwh = energy_mwh;
            p.discharge_power_mw = discharge_power_mw.value_or(power_mw.value_or(kUnlimited));
            p.charge_power_mw = charge_power_mw.value_or(power_mw.value_or(kUnlimited));
            p.charge_efficiency = charge_efficiency;
            p.discharge_efficiency = discharge_efficiency;
            p.soc_min = soc_min;
            p.soc_max = soc_max;
            p.standing_loss_per_h = standing_loss_per_h;
            p.validate();
            new (self) StorageParams(p);
          },
          nb::kw_only(), nb::arg("energy_mwh"), nb::arg("power_mw") = nb::none(),
          nb::arg("discharge_power_mw") = nb::none(), nb::arg("charge_power_mw") = nb::none(),
          nb::arg("charge_efficiency") = d.charge_efficiency,
          nb::arg("discharge_efficiency") = d.discharge_efficiency, nb::arg("soc_min") = d.soc_min,
          nb::arg("soc_max") = d.soc_max, nb::arg("standing_loss_per_h") = d.standing_loss_per_h,
          "Validates every parameter; InputError names the first one out of range. Powers "
          "left unset are unlimited.")
      .def_static(
          "with_round_trip",
          [](double power_mw, double energy_mwh, double round_trip_efficiency) {
            if (!(round_trip_efficiency > 0 && round_trip_efficiency <= 1)) {
              throw InputError(fmt::format("round_trip_efficiency must be in (0, 1] (got {})",
                                           round_trip_efficiency));
            }
            StorageParams p =
                StorageParams::with_round_trip(power_mw, energy_mwh, round_trip_efficiency);
            p.validate();
            return p;
          },
          nb::kw_only(), nb::arg("power_mw"), nb::arg("energy_mwh"),
          nb::arg("round_trip_efficiency"),
          "Equal charge and discharge power; the round-trip efficiency split evenly, "
          "sqrt(rte) on charge and on discharge.")
      .def_ro("discharge_power_mw", &StorageParams::discharge_power_mw,
              "MW delivered at the terminals, at most.")
      .def_ro("charge_power_mw", &StorageParams::charge_power_mw,
              "MW drawn at the terminals, at most.")
      .def_ro("energy_mwh", &StorageParams::energy_mwh, "Nameplate energy, MWh.")
      .def_ro("charge_efficiency", &StorageParams::charge_efficiency, "Stored MWh per MWh drawn.")
      .def_ro("discharge_efficiency", &StorageParams::discharge_efficiency,
              "Delivered MWh per MWh taken from store.")
      .def_ro("soc_min", &StorageParams::soc_min, "Lowest SOC, fraction of energy_mwh.")
      .def_ro("soc_max", &StorageParams::soc_max, "Highest SOC, fraction of energy_mwh.")
      .def_ro("standing_loss_per_h", &StorageParams::standing_loss_per_h,
              "Fraction of the energy above soc_min lost per hour.")
      .def_prop_ro("round_trip_efficiency", &StorageParams::round_trip_efficiency,
                   "charge_efficiency * discharge_efficiency.")
      .def("__repr__", &params_repr);

  nb::class_<Storage>(
      m, "Storage",
      "One storage unit and its state, stepped at a fixed step of `dt_s` seconds by the same "
      "physics every ballast simulator uses.\n\n"
      "`step(request_mw)` asks for power (> 0 discharge to the grid, < 0 charge from it) for "
      "one step and returns what the unit delivered (> 0) or absorbed (< 0) within its power, "
      "energy window and efficiencies. One object is stepped by one thread at a time.")
      .def(
          "__init__",
          [](Storage* self, const StorageParams& params, double dt_s, double soc) {
            new (self) Storage(params, dt_s, soc);
          },
          nb::arg("params"), nb::kw_only(), nb::arg("dt_s"), nb::arg("soc"),
          "`dt_s` the step length in seconds; `soc` the starting state of charge, a fraction "
          "of params.energy_mwh inside the SOC window.")
      .def(
          "step",
          [](Storage& s, double request_mw) {
            require_finite(request_mw, "request_mw");
            BusyGuard busy(s.busy, "Storage");
            return s.model.step(s.state, request_mw);
          },
          nb::arg("request_mw"),
          "Steps once; returns the power delivered (> 0) or absorbed (< 0) at the terminals, MW.")
      .def(
          "run",
          [](Storage& s, const Array& request_mw, nb::object progress) {
            const std::size_t n = request_mw.shape(0);
            ProgressReporter reporter(progress, n);
            BusyGuard busy(s.busy, "Storage");
            std::vector<double> out(n);
            {
              nb::gil_scoped_release nogil;
              const std::span<const double> req = as_span(request_mw);
              require_finite(req, "request_mw");
              for (std::size_t i = 0; i < n; ++i) {
                out[i] = s.model.step(s.state, req[i]);
                reporter.report(i + 1);
              }
            }
            reporter.finish();
            return to_numpy(std::move(out));
          },
          nb::arg("request_mw"), nb::arg("progress") = nb::none(),
          "Steps once per request (GIL released); returns the delivered power of each step, "
          "MW. `progress`: None, a callable progress(done, total) or a ballast.Progress.")
      .def(
          "reset", [](Storage& s, double soc) { s.reset(soc); }, nb::kw_only(), nb::arg("soc"),
          "Starts again at state of charge `soc` with the throughput counters at zero.")
      .def_prop_ro(
          "params", [](const Storage& s) { return s.model.params(); }, "The unit's parameters.")
      .def_prop_ro(
          "dt_s", [](const Storage& s) { return s.dt_s; }, "Step length, s.")
      .def_prop_ro("soc", &Storage::soc, "State of charge now, fraction of params.energy_mwh.")
      .def_prop_ro(
          "stored_mwh", [](const Storage& s) { return s.state.energy_mwh; },
          "Energy stored now, MWh.")
      .def_prop_ro(
          "charged_mwh", [](const Storage& s) { return s.state.charged_mwh; },
          "Energy drawn at the terminals so far, MWh.")
      .def_prop_ro(
          "discharged_mwh", [](const Storage& s) { return s.state.discharged_mwh; },
          "Energy delivered at the terminals so far, MWh.")
      .def_prop_ro(
          "throughput_mwh",
          [](const Storage& s) { return s.state.charged_mwh + s.state.discharged_mwh; },
          "charged_mwh + discharged_mwh, MWh.")
      .def_prop_ro(
          "min_stored_mwh", [](const Storage& s) { return s.model.min_energy_mwh(); },
          "Energy at the SOC floor, MWh.")
      .def_prop_ro(
          "max_stored_mwh", [](const Storage& s) { return s.model.max_energy_mwh(); },
          "Energy at the SOC ceiling, MWh.")
      .def("__repr__", [](const Storage& s) {
        const StorageParams& p = s.model.params();
        return fmt::format(
            "Storage({:g} MW discharge / {:g} MW charge, {:g} MWh, round trip {:.1f} %, dt {:g} "
            "s; SOC {:.3f}, {:g} MWh stored, throughput {:g} MWh)",
            p.discharge_power_mw, p.charge_power_mw, p.energy_mwh, 100 * p.round_trip_efficiency(),
            s.dt_s, s.soc(), s.state.energy_mwh, s.state.charged_mwh + s.state.discharged_mwh);
      });
}

}  // namespace ballast::python
