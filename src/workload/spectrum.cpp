#include "ballast/workload/spectrum.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <numbers>

#include "ballast/core/error.h"

// Why our own FFT: Debian's FFTW (libfftw3-dev) is GPL-2+, which would bind every ballast
// binary to the GPL, and Debian builds kissfft for float only (libkissfft-float131). Welch's
// method needs nothing but power-of-two transforms of real segments, which a plain iterative
// radix-2 FFT does in a few dozen lines; tests/workload/spectrum_test.cpp checks it against the
// naive DFT.

namespace ballast::workload {
namespace {

using Complex = std::complex<double>;

std::vector<Complex> make_twiddles(std::size_t n) {
  if (n == 0 || !std::has_single_bit(n)) throw InputError("the FFT size must be a power of two");
  std::vector<Complex> twiddle(n / 2);
  for (std::size_t k = 0; k < n / 2; ++k) {
    twiddle[k] =
        std::polar(1.0, -2 * std::numbers::pi * static_cast<double>(k) / static_cast<double>(n));
  }
  return twiddle;
}

// Iterative radix-2 FFT with a precomputed twiddle table (one sin/cos a point, not one a
// butterfly): bit-reversal permutation, then log2(n) passes of butterflies.
void fft_with(std::vector<Complex>& a, const std::vector<Complex>& twiddle) {
  const std::size_t n = a.size();
  for (std::size_t i = 1, j = 0; i < n; ++i) {
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const std::size_t stride = n / len;
    for (std::size_t i = 0; i < n; i += len) {
      for (std::size_t j = 0; j < len / 2; ++j) {
        const Complex u = a[i + j];
        const Complex v = a[i + j + len / 2] * twiddle[j * stride];
        a[i + j] = u + v;
        a[i + j + len / 2] = u - v;
      }
    }
  }
}

}  // namespace

void fft_radix2(std::vector<Complex>& data) { fft_with(data, make_twiddles(data.size())); }

std::vector<Complex> dft_naive(const std::vector<Complex>& data) {
  const std::size_t n = data.size();
  std::vector<Complex> out(n);
  for (std::size_t k = 0; k < n; ++k) {
    Complex sum = 0;
    for (std::size_t t = 0; t < n; ++t) {
      // Reduce k*t mod n first so the angle stays exact for large products.
      const double angle =
          -2 * std::numbers::pi * static_cast<double>((k * t) % n) / static_cast<double>(n);
      sum += data[t] * std::polar(1.0, angle);
    }
    out[k] = sum;
  }
  return out;
}

SwingSpectrum::SwingSpectrum(double dt_s, std::size_t total_samples, double segment_s)
    : dt_s_(dt_s) {
  if (!(dt_s > 0) || !(segment_s > 0)) throw InputError("spectrum: step and segment must be > 0");
  const auto wanted = static_cast<std::size_t>(std::ceil(segment_s / dt_s));
  std::size_t seg = std::bit_ceil(std::max<std::size_t>(wanted, 8));
  seg = std::min<std::size_t>(seg, std::size_t{1} << 17);
  if (total_samples >= 8) seg = std::min(seg, std::bit_floor(total_samples));
  segment_ = std::max<std::size_t>(seg, 8);
  buffer_.reserve(segment_);
  window_.resize(segment_);
  for (std::size_t i = 0; i < segment_; ++i) {
    window_[i] = 0.5 - 0.5 * std::cos(2 * std::numbers::pi * static_cast<double>(i) /
                                      static_cast<double>(segment_));
    window_power_ += window_[i] * window_[i];
  }
  work_.resize(segment_);
  twiddle_ = make_twiddles(segment_);
  psd_.assign(segment_ / 2 + 1, 0.0);
}

void SwingSpectrum::add(double mw) {
  buffer_.push_back(mw);
  if (buffer_.size() == segment_) analyse();
}

void SwingSpectrum::analyse() {
  double mean = 0;
  for (double v : buffer_) mean += v;
  mean /= static_cast<double>(segment_);
  for (std::size_t i = 0; i < segment_; ++i) work_[i] = {(buffer_[i] - mean) * window_[i], 0.0};
  fft_with(work_, twiddle_);
  for (std::size_t k = 0; k <= segment_ / 2; ++k) {
    const double one_sided = (k == 0 || k == segment_ / 2) ? 1.0 : 2.0;
    psd_[k] += one_sided * std::norm(work_[k]);
  }
  ++segments_;
  buffer_.clear();
}

double SwingSpectrum::band_mw2(double lo_hz, double hi_hz) const {
  if (segments_ == 0) return 0;
  double sum = 0;
  for (std::size_t k = 1; k < psd_.size(); ++k) {
    const double f = static_cast<double>(k) * resolution_hz();
    if (f >= lo_hz && f <= hi_hz) sum += psd_[k];
  }
  // Parseval: sum_k |X_k|^2 = n sum_t (w_t x_t)^2 ~ n var sum_t w_t^2.
  return sum / (static_cast<double>(segment_) * window_power_ * static_cast<double>(segments_));
}

double SwingSpectrum::total_mw2() const {
  return band_mw2(0, std::numeric_limits<double>::infinity());
}

double SwingSpectrum::band_share(double lo_hz, double hi_hz) const {
  const double total = total_mw2();
  return total > 0 ? band_mw2(lo_hz, hi_hz) / total : 0;
}

std::vector<double> SwingSpectrum::bins_mw2() const {
  std::vector<double> out(psd_.size(), 0.0);
  if (segments_ == 0) return out;
  const double norm =
      static_cast<double>(segment_) * window_power_ * static_cast<double>(segments_);
  for (std::size_t k = 1; k < psd_.size(); ++k) out[k] = psd_[k] / norm;
  return out;
}

std::vector<SpectralPeak> SwingSpectrum::peaks(std::size_t count) const {
  std::vector<SpectralPeak> out;
  double total = 0;
  for (std::size_t k = 1; k < psd_.size(); ++k) total += psd_[k];
  if (segments_ == 0 || total <= 0) return out;
  for (std::size_t k = 1; k < psd_.size(); ++k) {
    const bool left = psd_[k] > psd_[k - 1];
    const bool right = k + 1 == psd_.size() || psd_[k] >= psd_[k + 1];
    if (left && right) out.push_back({static_cast<double>(k) * resolution_hz(), psd_[k] / total});
  }
  std::sort(out.begin(), out.end(),
            [](const SpectralPeak& a, const SpectralPeak& b) { return a.share > b.share; });
  if (out.size() > count) out.resize(count);
  return out;
}

}  // namespace ballast::workload
