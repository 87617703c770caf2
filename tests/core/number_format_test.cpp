// Tests src/core/number_format.cpp: machine outputs read back exactly.

#include "ballast/core/number_format.h"

#include <gtest/gtest.h>

#include <charconv>
#include <random>

namespace ballast {
namespace {

double read_back(const std::string& s) {
  double x = 0;
  std::from_chars(s.data(), s.data() + s.size(), x);
  return x;
}

TEST(FormatNumber, ShortestText) {
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(41863), "41863");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(59.98), "59.98");
}

TEST(FormatNumber, EveryDoubleReadsBackExactly) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1e6, 1e6);
  for (int k = 0; k < 20000; ++k) {
    const double x = u(rng) * std::pow(10.0, static_cast<int>(rng() % 20) - 10);
    ASSERT_EQ(read_back(format_number(x)), x) << format_number(x);
  }
}

TEST(CleanZero, SnapsSolverNoiseOnly) {
  EXPECT_EQ(format_number(clean_zero(1.65856e-11, 1e-9)), "0");
  EXPECT_EQ(clean_zero(-1e-12, 1e-9), 0.0);
  EXPECT_FALSE(std::signbit(clean_zero(-1e-12, 1e-9)));
  EXPECT_EQ(clean_zero(2e-9, 1e-9), 2e-9);
}

}  // namespace
}  // namespace ballast
