#include "ballast/report/table.h"

#include <gtest/gtest.h>

namespace ballast::report {
namespace {

TEST(Number, GroupsThousands) { EXPECT_EQ(number(12345.6, 1), "12,345.6"); }
TEST(Number, RoundsToTheGivenDecimals) { EXPECT_EQ(number(0.0005, 3), "0.001"); }
TEST(Number, KeepsTheSignOfNegatives) { EXPECT_EQ(number(-1234567), "-1,234,567"); }
TEST(Number, DropsTheSignOfANegativeZero) { EXPECT_EQ(number(-0.0001, 2), "0.00"); }
TEST(Number, SaysInfForUnlimited) { EXPECT_EQ(number(1.0 / 0.0), "inf"); }
TEST(Number, SmallNumbersHaveNoSeparator) { EXPECT_EQ(number(999), "999"); }

TEST(Table, AlignsNumbersRightUnderTheirHeaders) {
  Table t({"name", "MW"});
  t.add_row({"a", "1"});
  t.add_row({"bb", "1,000"});
  EXPECT_EQ(t.render(), "name     MW\n-----------\na         1\nbb    1,000\n");
}

}  // namespace
}  // namespace ballast::report
