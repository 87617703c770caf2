/// @file ballast._core.control: the controllers ballastd, the market simulator and the dynamics
/// simulator call, as objects a Python loop can call too.

#include <fmt/format.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <vector>

#include "ballast/control/peak_shaver.h"
#include "ballast/control/ramp_limiter.h"
#include "ballast/control/regulation_controller.h"
#include "ballast/control/soc_keeper.h"
#include "ballast/core/error.h"
#include "common.h"

namespace ballast::python {

namespace {

using control::PeakShaver;
using control::PeakShaverParams;
using control::RampLimiter;
using control::RampLimiterParams;
using control::RegulationController;
using control::RegulationParams;
using control::RegulationStep;
using control::SocKeeper;
using control::SocKeeperParams;

// RampLimiter with what it was made from, for repr.
struct PyRampLimiter {
  RampLimiterParams params;
  double dt_s;
  RampLimiter limiter;
};

struct PySocKeeper {
  SocKeeperParams params;
  double energy_mwh;
  SocKeeper keeper;
};

struct PyPeakShaver {
  double energy_mwh;
  PeakShaver shaver;
};

taipower::Product parse_product(const std::string& name) {
  for (auto p : {taipower::Product::kDreg, taipower::Product::kEdreg, taipower::Product::kSreg}) {
    if (name == taipower::to_string(p)) return p;
  }
  throw InputError(fmt::format("product must be \"dreg\" or \"edreg\" (got \"{}\")", name));
}

}  // namespace

void bind_control(nb::module_& m) {
  nb::class_<PyRampLimiter>(
      m, "RampLimiter",
      "Follows a target, changing at most `ramp_mw_per_s` MW per second at a fixed step: "
      "|output(k) - output(k-1)| never exceeds ramp_mw_per_s * dt_s.")
      .def(
          "__init__",
          [](PyRampLimiter* self, double ramp_mw_per_s, double dt_s, double initial_mw) {
            require_finite(initial_mw, "initial_mw");
            RampLimiterParams p{ramp_mw_per_s};
            new (self) PyRampLimiter{p, dt_s, RampLimiter(p, dt_s, initial_mw)};
          },
          nb::kw_only(), nb::arg("ramp_mw_per_s"), nb::arg("dt_s"), nb::arg("initial_mw") = 0.0,
          "InputError unless ramp_mw_per_s > 0 and dt_s > 0.")
      .def(
          "step",
          [](PyRampLimiter& r, double target_mw) {
            require_finite(target_mw, "target_mw");
            return r.limiter.step(target_mw);
          },
          nb::arg("target_mw"), "Moves toward `target_mw` within one step's limit; returns MW.")
      .def(
          "reset",
          [](PyRampLimiter& r, double mw) {
            require_finite(mw, "mw");
            r.limiter.reset(mw);
          },
          nb::arg("mw"), "Restarts from `mw`.")
      .def_prop_ro(
          "output_mw", [](const PyRampLimiter& r) { return r.limiter.output_mw(); },
          "The last output, MW.")
      .def_prop_ro(
          "max_step_mw", [](const PyRampLimiter& r) { return r.limiter.max_step_mw(); },
          "The largest change in one step, MW.")
      .def_prop_ro(
          "ramp_mw_per_s", [](const PyRampLimiter& r) { return r.params.ramp_mw_per_s; },
          "The ramp limit, MW/s.")
      .def_prop_ro(
          "dt_s", [](const PyRampLimiter& r) { return r.dt_s; }, "Step length, s.")
      .def("__repr__", [](const PyRampLimiter& r) {
        return fmt::format("RampLimiter(ramp_mw_per_s={:g}, dt_s={:g}; output {:g} MW)",
                           r.params.ramp_mw_per_s, r.dt_s, r.limiter.output_mw());
      });

  const SocKeeperParams k;
  nb::class_<PySocKeeper>(
      m, "SocKeeper",
      "Keeps a battery's SOC near a target with a slow proportional correction: the MW to add "
      "to the power drawn upstream (> 0 charges the battery, < 0 discharges it).")
      .def(
          "__init__",
          [](PySocKeeper* self, double energy_mwh, double target_soc, double dead_band,
             double correction_time_s, double max_correction_mw) {
            SocKeeperParams p{target_soc, dead_band, correction_time_s, max_correction_mw};
            new (self) PySocKeeper{p, energy_mwh, SocKeeper(p, energy_mwh)};
          },
          nb::kw_only(), nb::arg("energy_mwh"), nb::arg("target_soc") = k.target_soc,
          nb::arg("dead_band") = k.dead_band, nb::arg("correction_time_s") = k.correction_time_s,
          nb::arg("max_correction_mw") = k.max_correction_mw,
          "`energy_mwh` the battery's nameplate energy; an SOC error is worked off in about "
          "`correction_time_s`; no correction within target_soc +- dead_band.")
      .def(
          "correction_mw",
          [](const PySocKeeper& s, double stored_mwh) {
            require_finite(stored_mwh, "stored_mwh");
            return s.keeper.correction_mw(stored_mwh);
          },
          nb::arg("stored_mwh"), "Correction for `stored_mwh` stored, MW.")
      .def_prop_ro(
          "target_mwh", [](const PySocKeeper& s) { return s.keeper.target_mwh(); },
          "The target stored energy, MWh.")
      .def("__repr__", [](const PySocKeeper& s) {
        return fmt::format(
            "SocKeeper(energy_mwh={:g}, target_soc={:g}, dead_band={:g}, correction_time_s={:g}, "
            "max_correction_mw={:g})",
            s.energy_mwh, s.params.target_soc, s.params.dead_band, s.params.correction_time_s,
            s.params.max_correction_mw);
      });

  const PeakShaverParams ps;
  nb::class_<PyPeakShaver>(
      m, "PeakShaver",
      "Peak shaving at a site: discharges whatever the site would import above `threshold_mw` "
      "and recharges below it, keeping the import `recharge_margin_mw` under the threshold.")
      .def(
          "__init__",
          [](PyPeakShaver* self, double threshold_mw, double energy_mwh, double recharge_margin_mw,
             double recharge_max_mw, double target_soc) {
            PeakShaverParams p{threshold_mw, recharge_margin_mw, recharge_max_mw, target_soc};
            new (self) PyPeakShaver{energy_mwh, PeakShaver(p, energy_mwh)};
          },
          nb::kw_only(), nb::arg("threshold_mw"), nb::arg("energy_mwh"),
          nb::arg("recharge_margin_mw") = ps.recharge_margin_mw,
          nb::arg("recharge_max_mw") = ps.recharge_max_mw, nb::arg("target_soc") = ps.target_soc,
          "`energy_mwh` the battery's nameplate energy; recharging stops at `target_soc`.")
      .def(
          "step",
          [](const PyPeakShaver& s, double site_mw, double stored_mwh) {
            require_finite(site_mw, "site_mw");
            require_finite(stored_mwh, "stored_mwh");
            return s.shaver.step(site_mw, stored_mwh);
          },
          nb::arg("site_mw"), nb::arg("stored_mwh"),
          "Battery set-point for a site drawing `site_mw` before the battery, MW (> 0 "
          "discharge, < 0 charge).")
      .def_prop_ro(
          "threshold_mw", [](const PyPeakShaver& s) { return s.shaver.params().threshold_mw; },
          "Largest import the site should draw, MW.")
      .def("__repr__", [](const PyPeakShaver& s) {
        const PeakShaverParams& p = s.shaver.params();
        return fmt::format(
            "PeakShaver(threshold_mw={:g}, energy_mwh={:g}, recharge_margin_mw={:g}, "
            "recharge_max_mw={:g}, target_soc={:g})",
            p.threshold_mw, s.energy_mwh, p.recharge_margin_mw, p.recharge_max_mw, p.target_soc);
      });

  nb::class_<RegulationStep>(m, "RegulationStep", "One second's regulation decision.")
      .def_prop_ro(
          "band_lo_mw", [](const RegulationStep& s) { return s.band_mw.lo; },
          "Lowest allowed output, MW (> 0 discharge).")
      .def_prop_ro(
          "band_hi_mw", [](const RegulationStep& s) { return s.band_mw.hi; },
          "Highest allowed output, MW.")
      .def_ro("setpoint_mw", &RegulationStep::setpoint_mw, "The output chosen in the band, MW.")
      .def_ro("shift_mw", &RegulationStep::shift_mw, "E-dReg shifting power inside it, MW.")
      .def_ro("cancelled_until_s", &RegulationStep::cancelled_until_s,
              "Set when the low-frequency rule fired now: shifting is cancelled until this "
              "second since the schedule start; None otherwise.")
      .def("__repr__", [](const RegulationStep& s) {
        return fmt::format(
            "RegulationStep(band {:g} .. {:g} MW, setpoint {:g} MW, shift {:g} MW{})", s.band_mw.lo,
            s.band_mw.hi, s.setpoint_mw, s.shift_mw,
            s.cancelled_until_s ? fmt::format(", cancelled until {} s", *s.cancelled_until_s) : "");
      });

  const RegulationParams rp;
  nb::class_<RegulationController>(
      m, "RegulationController",
      "Taipower dReg / E-dReg as one controller (the one the market simulator and ballastd "
      "use): E-dReg's shifting schedule with its low-frequency rule, the frequency-power band "
      "around the shifting power, and the output chosen inside the band (steering SOC).")
      .def(
          "__init__",
          [](RegulationController* self, const std::string& product, double bid_mw, double base_hz,
             std::vector<double> schedule_mw, double full_correction_mwh, bool steer) {
            RegulationParams p;
            p.product = parse_product(product);
            p.bid_mw = bid_mw;
            p.base_hz = base_hz;
            p.schedule = control::ShiftSchedule(std::move(schedule_mw));
            p.steering.full_correction_mwh = full_correction_mwh;
            p.steer = steer;
            new (self) RegulationController(std::move(p));
          },
          nb::kw_only(), nb::arg("product"), nb::arg("bid_mw"), nb::arg("base_hz") = rp.base_hz,
          nb::arg("schedule_mw") = std::vector<double>{},
          nb::arg("full_correction_mwh") = rp.steering.full_correction_mwh,
          nb::arg("steer") = rp.steer,
          "`product` \"dreg\" or \"edreg\"; `bid_mw` the regulation capacity; `schedule_mw` "
          "E-dReg's shifting targets, one per 15-minute interval (> 0 discharge); "
          "`full_correction_mwh` the SOC error that uses the whole band; `steer=False` "
          "holds the band's centre.")
      .def(
          "step",
          [](RegulationController& c, std::int64_t t_s, double frequency_hz, double energy_mwh,
             double target_mwh) {
            require_finite(frequency_hz, "frequency_hz");
            require_finite(energy_mwh, "energy_mwh");
            require_finite(target_mwh, "target_mwh");
            return c.step(t_s, frequency_hz, energy_mwh, target_mwh);
          },
          nb::arg("t_s"), nb::arg("frequency_hz"), nb::arg("energy_mwh"), nb::arg("target_mwh"),
          "The decision at second `t_s` since the schedule start, at `frequency_hz`, with "
          "`energy_mwh` stored, steering toward `target_mwh`.")
      .def_prop_ro("low_frequency_events", &RegulationController::low_frequency_events,
                   "Times the low-frequency rule fired.")
      .def_prop_ro(
          "product",
          [](const RegulationController& c) {
            return std::string(taipower::to_string(c.params().product));
          },
          "\"dreg\" or \"edreg\".")
      .def_prop_ro(
          "bid_mw", [](const RegulationController& c) { return c.params().bid_mw; },
          "Regulation capacity, MW.")
      .def("__repr__", [](const RegulationController& c) {
        const RegulationParams& p = c.params();
        return fmt::format(
            "RegulationController(product=\"{}\", bid_mw={:g}, base_hz={:g}, {} schedule "
            "intervals, steer={})",
            taipower::to_string(p.product), p.bid_mw, p.base_hz, p.schedule.size(),
            p.steer ? "True" : "False");
      });
}

}  // namespace ballast::python
