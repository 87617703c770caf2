#include "ballast/dynamics/run.h"

#include <fmt/format.h>

#include "ballast/core/error.h"
#include "ballast/report/streaming_decimator.h"

namespace ballast::dynamics {

TransientResult run_transient(workload::LoadSource& source, const TransientParams& params,
                              const RunOptions& options) {
  if (source.step_us() != params.step_us) {
    throw InputError(fmt::format("the load's step ({} us) differs from the simulation's ({} us)",
                                 source.step_us(), params.step_us));
  }
  const std::size_t n = source.steps();
  if (n == 0) throw InputError("the load has no steps to simulate");
  source.rewind();
  double site = source.next_mw();
  Simulator sim(params, site);
  KpiAccumulator kpis(params, n, sim.state());
  report::StreamingDecimator chart(5, n, options.chart_buckets);
  for (std::size_t k = 0; k < n; ++k) {
    if (k > 0) site = source.next_mw();
    const StepState& s = sim.step(site);
    kpis.add(s);
    const std::int64_t t_us = s.tick * params.step_us;  // the step's end
    const double values[5] = {s.site_mw, s.upstream_mw, s.battery_mw, s.soc, s.frequency_hz};
    chart.add(static_cast<double>(t_us) * 1e-6, values);
    if (options.each) options.each(t_us, s);
  }
  chart.finish();
  source.rewind();
  TransientResult r{kpis.finish(sim), {}};
  r.traces.time_s = chart.x();
  r.traces.site_mw = chart.y(0);
  r.traces.upstream_mw = chart.y(1);
  r.traces.battery_mw = chart.y(2);
  r.traces.soc = chart.y(3);
  r.traces.frequency_hz = chart.y(4);
  return r;
}

}  // namespace ballast::dynamics
