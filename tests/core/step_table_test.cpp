// StepTable: a fixed-step time axis and named columns, filled row by row.
#include "ballast/core/step_table.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"

namespace ballast {
namespace {

TEST(StepTable, RowsGoIntoTheirColumnsOnAFixedStep) {
  StepTable t({"a_mw", "b"}, 250'000, 500'000);
  t.add({1, 10});
  t.add({2, 20});
  t.add({3, 30});
  ASSERT_EQ(t.rows(), 3u);
  EXPECT_EQ(t.column(0), (std::vector<double>{1, 2, 3}));
  EXPECT_EQ(t.column(1), (std::vector<double>{10, 20, 30}));
  EXPECT_EQ(t.time_us(0), 250'000);
  EXPECT_EQ(t.time_us(2), 1'250'000);  // 0.25 s + 2 x 0.5 s
  EXPECT_FALSE(t.zone().has_value());
}

TEST(StepTable, AbsoluteTimesCarryTheirZone) {
  const StepTable t({"x"}, 1'751'299'200'000'000, 1'000'000, TimeZone::fixed(480));
  ASSERT_TRUE(t.zone().has_value());
  EXPECT_EQ(t.zone()->offset_min(1'751'299'200), 480);
  EXPECT_EQ(t.rows(), 0u);
}

TEST(StepTable, ARowOfTheWrongWidthAndANonPositiveStepAreRefused) {
  StepTable t({"a", "b"}, 0, 1000);
  EXPECT_THROW(t.add({1}), InternalError);
  EXPECT_EQ(t.rows(), 0u);
  EXPECT_THROW(StepTable({"a"}, 0, 0), InternalError);
}

}  // namespace
}  // namespace ballast
