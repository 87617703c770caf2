#pragma once
/// @file The smallest battery that keeps the upstream ramp within the controller's limit and
/// the state of charge within its window over a whole load trace.

#include "ballast/core/progress.h"
#include "ballast/dynamics/simulator.h"
#include "ballast/workload/load_source.h"

namespace ballast::dynamics {

/// Whether a battery does the job over a trace.
struct Feasibility {
  std::size_t ramp_violations = 0;  ///< upstream steps above the ramp limit
  long long short_steps = 0;        ///< steps the battery could not deliver its set-point
  double max_request_mw = 0;        ///< largest |inverter set-point|, MW
  bool ok() const { return ramp_violations == 0 && short_steps == 0; }
};

/// Runs `source` with `params` (which must have a battery) and checks it.
Feasibility check_battery(workload::LoadSource& source, const TransientParams& params);

/// The sized battery.
struct BatterySize {
  double power_mw = 0;        ///< smallest inverter rating, MW
  double energy_mwh = 0;      ///< smallest nameplate energy, MWh
  double charge_mwh = 0;      ///< largest rise of stored energy above the start, MWh
  double discharge_mwh = 0;   ///< largest fall of stored energy below the start, MWh
  int verification_runs = 0;  ///< simulations used (1 unconstrained + checks)
  /// Where the answer comes from, in seconds from the start of the trace: the step with the
  /// largest set-point (the power), and the excursion that sets the energy, from the last step
  /// the stored energy was at its start level to the step it is farthest from it.
  double power_at_s = 0;
  bool energy_set_by_discharge = false;  ///< the fall below the start binds, else the rise
  double energy_window_from_s = 0, energy_window_to_s = 0;
  double trace_s = 0;  ///< the trace's length, s (the whole of it is sized over)
};

/// Sizes power and energy for `base` (its battery's efficiencies, SOC window, standing loss,
/// lag and start SOC; its power and energy are ignored). One run with an unconstrained battery
/// gives the largest inverter set-point (the power: a smaller rating clips it, a larger one
/// changes nothing) and the stored energy's excursions above and below the start (the energy:
/// the start SOC must have room for both). A check run confirms; with standing loss, which
/// grows with the energy, the energy is raised by bisection until the check passes.
/// Throws InfeasibleError when the start SOC leaves no room on a side that is needed.
/// Each simulation run is reported to `progress` ("size the battery", run k, the energy tried).
BatterySize size_battery(workload::LoadSource& source, const TransientParams& base,
                         const Progress& progress = {});

}  // namespace ballast::dynamics
