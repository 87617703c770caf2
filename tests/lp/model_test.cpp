#include "ballast/lp/model.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ballast::lp {
namespace {

TEST(LpModel, SolvesATextbookMaximisation) {
  // max 3x + 2y  s.t. x + y <= 4, x + 3y <= 6, x <= 3  -> x = 3, y = 1, objective 11.
  Model m;
  const int x = m.add_variable(0, 3, 3);
  const int y = m.add_variable(0, kInf, 2);
  m.add_row(-kInf, 4, {{x, 1}, {y, 1}});
  m.add_row(-kInf, 6, {{x, 1}, {y, 3}});
  m.set_sense(Sense::kMaximize);
  const Solution s = m.solve();
  ASSERT_EQ(s.status, Status::kOptimal);
  EXPECT_NEAR(s.objective, 11, 1e-9);
  EXPECT_NEAR(s.x[x], 3, 1e-9);
  EXPECT_NEAR(s.x[y], 1, 1e-9);
}

TEST(LpModel, RowDualsArePricesOfOneMoreUnit) {
  // min 2x + 3y  s.t. x + y >= 4, x <= 3: x = 3, y = 1. One more unit of demand is met by y,
  // so the row's price is 3; the loose row y <= 10 has price 0.
  Model m;
  const int x = m.add_variable(0, 3, 2);
  const int y = m.add_variable(0, kInf, 3);
  const int demand = m.add_row(4, kInf, {{x, 1}, {y, 1}});
  const int loose = m.add_row(-kInf, 10, {{y, 1}});
  const Solution s = m.solve();
  ASSERT_EQ(s.status, Status::kOptimal);
  ASSERT_EQ(s.row_duals.size(), 2u);
  EXPECT_NEAR(s.row_duals[demand], 3, 1e-9);
  EXPECT_NEAR(s.row_duals[loose], 0, 1e-9);

  // max 3x + 2y  s.t. x + y <= 4, x <= 3: one more unit of the row's bound adds one y, +2.
  Model mx;
  const int a = mx.add_variable(0, 3, 3);
  const int b = mx.add_variable(0, kInf, 2);
  const int cap = mx.add_row(-kInf, 4, {{a, 1}, {b, 1}});
  mx.set_sense(Sense::kMaximize);
  const Solution t = mx.solve();
  ASSERT_EQ(t.status, Status::kOptimal);
  EXPECT_NEAR(t.objective, 11, 1e-9);
  EXPECT_NEAR(t.row_duals[cap], 2, 1e-9);
}

TEST(LpModel, ReportsInfeasibility) {
  Model m;
  const int x = m.add_variable(0, 1, 1);
  m.add_row(2, kInf, {{x, 1}});
  EXPECT_EQ(m.solve().status, Status::kInfeasible);
}

TEST(LpModel, ReportsUnboundedness) {
  Model m;
  m.add_variable(0, kInf, -1);
  EXPECT_EQ(m.solve().status, Status::kUnbounded);
}

TEST(LpModel, KeepsAVariableThatAppearsInNoRow) {
  Model m;
  const int x = m.add_variable(0, 1, 1);
  const int y = m.add_variable(2, 5, 1);
  m.add_row(1, kInf, {{x, 1}});
  const Solution s = m.solve();
  ASSERT_EQ(s.x.size(), 2u);
  EXPECT_NEAR(s.x[y], 2, 1e-9);
}

TEST(LpModel, WritesMpsWithTheGivenNames) {
  Model m;
  const int x = m.add_variable(0, 1, 1, "charge0");
  m.add_row(0.5, kInf, {{x, 1}}, "cap0");
  const std::string path = ::testing::TempDir() + "/model.mps";
  m.write_mps(path);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("charge0"), std::string::npos);
  EXPECT_NE(text.str().find("cap0"), std::string::npos);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace ballast::lp
