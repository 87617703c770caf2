#include "ballast/dynamics/sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/error.h"

namespace ballast::dynamics {
namespace {

struct Excursion {
  Feasibility feasibility;
  double up_mwh = 0, down_mwh = 0;  // stored energy above / below the start
  // When they happen (s from the start): the largest set-point; the peak of each excursion and
  // the last step before it at (or across) the start level.
  double request_at_s = 0;
  double up_from_s = 0, up_to_s = 0, down_from_s = 0, down_to_s = 0;
};

Excursion simulate(workload::LoadSource& source, const TransientParams& params) {
  if (!params.battery) throw InputError("sizing needs a [battery] (its efficiencies and window)");
  const double limit_mw = params.control.ramp_mw_per_s * params.dt_s();
  source.rewind();
  const std::size_t n = source.steps();
  Excursion x;
  if (n == 0) return x;
  double site = source.next_mw();
  Simulator sim(params, site);
  const double e0 = sim.battery()->stored_mwh();
  double prev_up = site;
  const double dt = params.dt_s();
  double at_or_below_start_s = 0, at_or_above_start_s = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0) site = source.next_mw();
    const StepState& s = sim.step(site);
    const double t = static_cast<double>(k + 1) * dt;
    if (std::fabs(s.request_mw) > x.feasibility.max_request_mw) {
      x.feasibility.max_request_mw = std::fabs(s.request_mw);
      x.request_at_s = t;
    }
    if (std::fabs(s.upstream_mw - prev_up) > limit_mw * (1 + 1e-9) + 1e-9) {
      ++x.feasibility.ramp_violations;
    }
    prev_up = s.upstream_mw;
    const double e = sim.battery()->stored_mwh();
    if (e <= e0) at_or_below_start_s = t;
    if (e >= e0) at_or_above_start_s = t;
    if (e - e0 > x.up_mwh) {
      x.up_mwh = e - e0;
      x.up_from_s = at_or_below_start_s;
      x.up_to_s = t;
    }
    if (e0 - e > x.down_mwh) {
      x.down_mwh = e0 - e;
      x.down_from_s = at_or_above_start_s;
      x.down_to_s = t;
    }
  }
  x.feasibility.short_steps = sim.battery()->short_steps();
  source.rewind();
  return x;
}

TransientParams with_size(const TransientParams& base, double power_mw, double energy_mwh) {
  TransientParams p = base;
  p.battery->storage.discharge_power_mw = power_mw;
  p.battery->storage.charge_power_mw = power_mw;
  p.battery->storage.energy_mwh = energy_mwh;
  return p;
}

}  // namespace

Feasibility check_battery(workload::LoadSource& source, const TransientParams& params) {
  return simulate(source, params).feasibility;
}

BatterySize size_battery(workload::LoadSource& source, const TransientParams& base,
                         const Progress& progress) {
  if (!base.battery) throw InputError("sizing needs a [battery] (its efficiencies and window)");
  const StorageParams& st = base.battery->storage;
  const double s0 = base.battery->initial_soc;
  // An energy so large that the window never binds: |battery| <= |site - upstream|, and both
  // stay within the load's range plus the SOC correction.
  double peak_mw = 0;
  source.rewind();
  for (std::size_t k = 0; k < source.steps(); ++k) {
    peak_mw = std::max(peak_mw, std::fabs(source.next_mw()));
  }
  const double hours = static_cast<double>(source.steps()) * base.dt_s() / 3600.0;
  const double room = std::min(st.soc_max - s0, s0 - st.soc_min);
  BatterySize out;
  if (!(room > 0)) {
    throw InfeasibleError(fmt::format(
        "the start SOC {} sits on the edge of the window [{}, {}]: the battery could not both "
        "charge and discharge; start inside the window (initial_soc / target_soc)",
        s0, st.soc_min, st.soc_max));
  }
  const double big_mwh = 4 * (peak_mw + 1) * std::max(hours, 1e-3) / room + 1;
  notify(progress, {"size the battery", 1, 0, "run 1: an unconstrained battery"});
  const Excursion x = simulate(source, with_size(base, kUnlimited, big_mwh));
  ++out.verification_runs;
  if (x.feasibility.short_steps > 0 || x.feasibility.ramp_violations > 0) {
    throw InternalError("sizing: the unconstrained battery did not keep the ramp limit");
  }
  // The set-points of a run with another energy differ in the last bits (the SOC correction
  // works on target - stored energy, which rounds differently at another size); 1e-9 of
  // headroom keeps those from being clipped.
  out.power_mw = x.feasibility.max_request_mw * (1 + 1e-9);
  out.charge_mwh = x.up_mwh;
  out.discharge_mwh = x.down_mwh;
  out.energy_mwh = std::max(x.up_mwh / (st.soc_max - s0), x.down_mwh / (s0 - st.soc_min));
  out.power_at_s = x.request_at_s;
  out.energy_set_by_discharge = x.down_mwh / (s0 - st.soc_min) >= x.up_mwh / (st.soc_max - s0);
  out.energy_window_from_s = out.energy_set_by_discharge ? x.down_from_s : x.up_from_s;
  out.energy_window_to_s = out.energy_set_by_discharge ? x.down_to_s : x.up_to_s;
  out.trace_s = hours * 3600;
  const auto ok = [&](double e) {
    ++out.verification_runs;
    notify(progress, {"size the battery", static_cast<double>(out.verification_runs), 0,
                      fmt::format("run {}: check {:.4g} MWh", out.verification_runs, e)});
    return check_battery(source, with_size(base, out.power_mw, e)).ok();
  };
  if (ok(out.energy_mwh)) return out;
  // Standing loss grows with the energy above the floor, and rounding can clip the exact
  // bound: raise the energy until the check passes, then bisect to 1e-6 relative.
  double lo = out.energy_mwh, hi = std::max(out.energy_mwh * (1 + 1e-9), 1e-9);
  for (int i = 0; !ok(hi); ++i) {
    if (i > 60) throw InternalError("sizing: no energy keeps the SOC within its window");
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1e-6 * hi) {
    const double mid = 0.5 * (lo + hi);
    (ok(mid) ? hi : lo) = mid;
  }
  out.energy_mwh = hi;
  return out;
}

}  // namespace ballast::dynamics
