#pragma once
/// @file The summary `ballast workload` prints: levels, ramps, swings and spectrum of a site's
/// power, computed in one streaming pass.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "ballast/workload/load_source.h"
#include "ballast/workload/spectrum.h"

namespace ballast::workload {

/// Swing band of the summary (the 0.1-20 Hz: faster than governors, slower than the
/// inverter), Hz.
inline constexpr double kSwingBandLoHz = 0.1;
inline constexpr double kSwingBandHiHz = 20;

/// What a site's power does over a run.
struct TraceSummary {
  std::size_t steps = 0;  ///< samples
  double step_s = 0;      ///< sample step, s
  double mean_mw = 0, peak_mw = 0, min_mw = 0;
  std::optional<double> rise_100ms_mw;    ///< largest rise within 100 ms (none if step > 100 ms)
  std::optional<double> fall_100ms_mw;    ///< largest fall within 100 ms
  double rise_1s_mw = 0, fall_1s_mw = 0;  ///< largest rise and fall within 1 s (or one step)
  double max_ramp_mw_per_s = 0;           ///< largest step-to-step change / step
  double p99_ramp_mw_per_s = 0;           ///< 99th percentile of |step-to-step change| / step
  double swing_rms_mw = 0;                ///< RMS deviation from the segment means, MW
  double band_share = 0;                  ///< share of swing energy in 0.1-20 Hz
  double band_rms_mw = 0;                 ///< RMS of the swing in 0.1-20 Hz, MW
  double spectrum_resolution_hz = 0;      ///< frequency step of the spectrum
  std::vector<SpectralPeak> dominant;     ///< the three largest spectral peaks
  std::vector<double> spectrum_mw2;       ///< swing energy a bin, MW^2 (bin k at k x resolution)
};

/// Streams `source` from its start once; `each` (if set) sees every value in order, MW.
TraceSummary summarize(LoadSource& source, const std::function<void(double)>& each = {});

}  // namespace ballast::workload
