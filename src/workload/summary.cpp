#include "ballast/workload/summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "ballast/workload/ramp_stats.h"

namespace ballast::workload {

TraceSummary summarize(LoadSource& source, const std::function<void(double)>& each) {
  source.rewind();
  TraceSummary s;
  s.steps = source.steps();
  const std::int64_t step_us = source.step_us();
  s.step_s = static_cast<double>(step_us) / 1e6;
  std::optional<WindowSwing> swing_100ms;
  if (step_us <= 100'000) swing_100ms.emplace(static_cast<std::size_t>(100'000 / step_us));
  WindowSwing swing_1s(static_cast<std::size_t>(std::max<std::int64_t>(1, 1'000'000 / step_us)));
  QuantileHistogram ramps;
  SwingSpectrum spectrum(s.step_s, s.steps);
  double sum = 0, prev = 0;
  s.peak_mw = -std::numeric_limits<double>::infinity();
  s.min_mw = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < s.steps; ++k) {
    const double mw = source.next_mw();
    if (each) each(mw);
    sum += mw;
    s.peak_mw = std::max(s.peak_mw, mw);
    s.min_mw = std::min(s.min_mw, mw);
    if (swing_100ms) swing_100ms->add(mw);
    swing_1s.add(mw);
    if (k > 0) ramps.add((mw - prev) / s.step_s);
    spectrum.add(mw);
    prev = mw;
  }
  source.rewind();
  if (s.steps == 0) return s;
  s.mean_mw = sum / static_cast<double>(s.steps);
  if (swing_100ms) {
    s.rise_100ms_mw = swing_100ms->rise_mw();
    s.fall_100ms_mw = swing_100ms->fall_mw();
  }
  s.rise_1s_mw = swing_1s.rise_mw();
  s.fall_1s_mw = swing_1s.fall_mw();
  s.max_ramp_mw_per_s = ramps.max();
  s.p99_ramp_mw_per_s = ramps.quantile(0.99);
  s.swing_rms_mw = std::sqrt(spectrum.total_mw2());
  s.band_share = spectrum.band_share(kSwingBandLoHz, kSwingBandHiHz);
  s.band_rms_mw = std::sqrt(spectrum.band_mw2(kSwingBandLoHz, kSwingBandHiHz));
  s.spectrum_resolution_hz = spectrum.resolution_hz();
  s.dominant = spectrum.peaks(3);
  s.spectrum_mw2 = spectrum.bins_mw2();
  return s;
}

}  // namespace ballast::workload
