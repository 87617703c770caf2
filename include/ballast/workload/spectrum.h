#pragma once
/// @file Power spectrum of a stream (Welch's method with a Hann window) in constant memory, and
/// the radix-2 FFT it uses.

#include <complex>
#include <cstddef>
#include <vector>

namespace ballast::workload {

/// In-place radix-2 FFT (forward, no scaling); the size must be a power of two.
/// Throws InputError otherwise.
void fft_radix2(std::vector<std::complex<double>>& data);

/// The naive O(n^2) DFT (forward, no scaling), the reference the FFT is tested against.
std::vector<std::complex<double>> dft_naive(const std::vector<std::complex<double>>& data);

/// One spectral peak.
struct SpectralPeak {
  double frequency_hz = 0;  ///< centre of the bin, Hz
  double share = 0;         ///< share of the swing energy in this bin
};

/// Welch's averaged periodogram over non-overlapping segments, each with its mean removed (the
/// swing is the power's deviation from its segment mean) and a Hann window. Samples after the
/// last full segment are not used.
class SwingSpectrum {
 public:
  /// `dt_s` the sample step, `total_samples` how many will be added: the segment is the
  /// smallest power of two covering `segment_s` seconds, capped at 2^17 samples and at the
  /// largest power of two <= total_samples (at least 8).
  SwingSpectrum(double dt_s, std::size_t total_samples, double segment_s = 100);
  /// Adds the next sample, MW.
  void add(double mw);
  /// Samples per segment.
  std::size_t segment() const { return segment_; }
  /// Full segments analysed so far.
  std::size_t segments() const { return segments_; }
  /// Frequency step between bins, Hz.
  double resolution_hz() const { return 1.0 / (static_cast<double>(segment_) * dt_s_); }
  /// Swing energy as the mean variance of the windowed segments, MW^2 (0 with no segment).
  double total_mw2() const;
  /// The part of total_mw2() in bins whose centre lies in [lo_hz, hi_hz], MW^2.
  double band_mw2(double lo_hz, double hi_hz) const;
  /// Share of the swing energy in [lo_hz, hi_hz] (0 when there is no swing).
  double band_share(double lo_hz, double hi_hz) const;
  /// Swing energy a bin, MW^2, bins 0 .. segment/2 (bin k at k * resolution_hz()).
  std::vector<double> bins_mw2() const;
  /// The `count` largest local maxima of the spectrum, largest first.
  std::vector<SpectralPeak> peaks(std::size_t count) const;

 private:
  void analyse();

  double dt_s_;
  std::size_t segment_;
  std::vector<double> buffer_;
  std::vector<double> window_;
  std::vector<std::complex<double>> work_;
  std::vector<std::complex<double>> twiddle_;
  std::vector<double> psd_;  // summed |X_k|^2 (one-sided, k = 0 .. segment/2)
  double window_power_ = 0;  // sum of window^2
  std::size_t segments_ = 0;
};

}  // namespace ballast::workload
