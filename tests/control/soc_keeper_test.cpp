#include "ballast/control/soc_keeper.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"

namespace ballast::control {
namespace {

TEST(SocKeeper, ChargesBelowTargetDischargesAbove) {
  SocKeeper k({.target_soc = 0.5, .correction_time_s = 3600}, 10);
  EXPECT_DOUBLE_EQ(k.correction_mw(4), 1);  // 1 MWh short, worked off in an hour
  EXPECT_DOUBLE_EQ(k.correction_mw(6.5), -1.5);
  EXPECT_DOUBLE_EQ(k.correction_mw(5), 0);
}

TEST(SocKeeper, DeadBandAndClamp) {
  SocKeeper k(
      {.target_soc = 0.5, .dead_band = 0.1, .correction_time_s = 3600, .max_correction_mw = 2}, 10);
  EXPECT_DOUBLE_EQ(k.correction_mw(4.5), 0);  // inside 5 +- 1 MWh
  EXPECT_DOUBLE_EQ(k.correction_mw(3), 1);    // 2 short, 1 beyond the band
  EXPECT_DOUBLE_EQ(k.correction_mw(-10), 2);  // clamped
}

TEST(SocKeeper, RejectsBadParameters) {
  EXPECT_THROW(SocKeeper({.target_soc = 1.5}, 1), InputError);
  EXPECT_THROW(SocKeeper({.correction_time_s = 0}, 1), InputError);
}

}  // namespace
}  // namespace ballast::control
