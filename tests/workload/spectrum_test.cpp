#include "ballast/workload/spectrum.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <random>

#include "ballast/core/error.h"

namespace ballast::workload {
namespace {

TEST(Fft, MatchesNaiveDftOnRandomInput) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> z(0, 1);
  for (std::size_t n : {1u, 2u, 4u, 8u, 64u, 512u, 1024u}) {
    std::vector<std::complex<double>> x(n);
    for (auto& c : x) c = {z(rng), z(rng)};
    const auto expected = dft_naive(x);
    fft_radix2(x);
    for (std::size_t k = 0; k < n; ++k) {
      ASSERT_NEAR(std::abs(x[k] - expected[k]), 0, 1e-9 * static_cast<double>(n)) << n << " " << k;
    }
  }
}

TEST(Fft, RejectsNonPowerOfTwo) {
  std::vector<std::complex<double>> x(12);
  EXPECT_THROW(fft_radix2(x), InputError);
}

std::vector<double> sine(double hz, double amplitude_mw, double dt_s, std::size_t n) {
  std::vector<double> v(n);
  for (std::size_t k = 0; k < n; ++k) {
    v[k] = 50 + amplitude_mw * std::sin(2 * std::numbers::pi * hz * static_cast<double>(k) * dt_s);
  }
  return v;
}

TEST(SwingSpectrum, SineVarianceAndPeak) {
  const double dt = 0.01;
  const std::vector<double> v = sine(0.5, 10, dt, 100'000);  // 1000 s of a 0.5 Hz swing
  SwingSpectrum s(dt, v.size());
  for (double x : v) s.add(x);
  EXPECT_NEAR(s.total_mw2(), 50.0, 0.5);  // variance of 10 sin: 100 / 2
  EXPECT_NEAR(s.band_share(0.1, 20), 1.0, 1e-6);
  const auto peaks = s.peaks(1);
  ASSERT_EQ(peaks.size(), 1u);
  EXPECT_NEAR(peaks[0].frequency_hz, 0.5, s.resolution_hz());
}

TEST(SwingSpectrum, SplitsTwoTonesByBand) {
  const double dt = 0.001;
  std::vector<double> slow = sine(0.02, 10, dt, 1 << 19), fast = sine(5, 10, dt, 1 << 19);
  SwingSpectrum s(dt, slow.size(), 200);  // a segment long enough to resolve 0.02 Hz
  for (std::size_t k = 0; k < slow.size(); ++k) s.add(slow[k] + fast[k] - 50);
  EXPECT_NEAR(s.band_share(0.1, 20), 0.5, 0.05);
}

TEST(SwingSpectrum, ShortRunsUseTheLargestFittingSegment) {
  SwingSpectrum s(0.001, 3000);
  EXPECT_EQ(s.segment(), 2048u);
}

}  // namespace
}  // namespace ballast::workload
