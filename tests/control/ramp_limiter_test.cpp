#include "ballast/control/ramp_limiter.h"

#include <gtest/gtest.h>

#include <random>

#include "ballast/core/error.h"

namespace ballast::control {
namespace {

TEST(RampLimiter, FollowsATargetWithinReach) {
  RampLimiter r({10}, 0.1, 50);
  EXPECT_DOUBLE_EQ(r.step(50.5), 50.5);
}

TEST(RampLimiter, StepsAtTheLimitTowardAFarTarget) {
  RampLimiter r({10}, 0.1, 50);
  EXPECT_DOUBLE_EQ(r.step(20), 49);
  EXPECT_DOUBLE_EQ(r.step(20), 48);
}

TEST(RampLimiter, RejectsNonPositiveLimit) {
  EXPECT_THROW(RampLimiter({0}, 0.1, 0), InputError);
  EXPECT_THROW(RampLimiter({1}, 0, 0), InputError);
}

// Property: for random targets, limits, steps and magnitudes, no output step exceeds the limit
// as measured in double arithmetic (fixed seeds).
TEST(RampLimiter, NeverExceedsItsLimit) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(0, 1);
    const double limit = std::pow(10.0, -3 + 6 * u(rng));
    const double dt = std::pow(10.0, -3 + 2 * u(rng));
    const double scale = std::pow(10.0, -2 + 7 * u(rng));
    RampLimiter r({limit}, dt, scale * u(rng));
    double last = r.output_mw();
    for (int k = 0; k < 20'000; ++k) {
      const double target = scale * (u(rng) < 0.5 ? u(rng) : -u(rng));
      const double out = r.step(target);
      ASSERT_LE(std::fabs(out - last), r.max_step_mw()) << seed << " " << k;
      last = out;
    }
  }
}

}  // namespace
}  // namespace ballast::control
