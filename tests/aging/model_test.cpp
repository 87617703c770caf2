// Degradation models against values computed by hand from their published equations.

#include "ballast/aging/model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace ballast::aging {
namespace {

const XuParams kXu;  // Xu et al. 2018, Table I

// S_d(1) = 1 / (1.40e5 * 1^-0.501 - 1.23e5) = 1 / 17000 = 5.882352941e-5.
TEST(Xu2018, DodStressAtFullDepth) { EXPECT_NEAR(xu_dod_stress(kXu, 1), 1.0 / 17000, 1e-15); }

// S_d(0.5): 0.5^-0.501 = e^(0.501 ln 2) = 1.4151942; 1.40e5 * 1.4151942 - 1.23e5 = 75127.19;
// 1 / 75127.19 = 1.331076e-5.
TEST(Xu2018, DodStressAtHalfDepth) { EXPECT_NEAR(xu_dod_stress(kXu, 0.5), 1.331076e-5, 1e-11); }

TEST(Xu2018, DodStressIsZeroWithoutDepth) { EXPECT_EQ(xu_dod_stress(kXu, 0), 0); }

// S_s(0.5) = e^0 = 1; S_s(0.8) = e^(1.04 * 0.3) = e^0.312 = 1.3661547.
TEST(Xu2018, SocStress) {
  EXPECT_DOUBLE_EQ(xu_soc_stress(kXu, 0.5), 1);
  EXPECT_NEAR(xu_soc_stress(kXu, 0.8), 1.3661547, 1e-7);
}

// S_T(25 C) = 1; S_T(35 C) = e^(0.0693 * 10 K * 298.15 K / 308.15 K) = e^0.6705110 = 1.9552361.
TEST(Xu2018, TemperatureStressInKelvin) {
  EXPECT_DOUBLE_EQ(xu_temp_stress(kXu, 25), 1);
  EXPECT_NEAR(xu_temp_stress(kXu, 35), 1.9552361, 1e-7);
}

// L(0.01) = 1 - 0.0575 e^(-1.21) - 0.9425 e^(-0.01) = 1 - 0.0171485 - 0.9331218 = 0.0497317.
TEST(Xu2018, SeiLaw) {
  EXPECT_NEAR(xu_capacity_loss(kXu, 0.01), 0.0497317, 1e-7);
  EXPECT_DOUBLE_EQ(xu_capacity_loss(kXu, 0), 0);
}

// One full 100 % cycle a day at mean SOC 0.5 and 25 C for 365.25 days:
// f_cyc = 365.25 / 17000 = 0.0214853; f_cal = 4.14e-10 * 365.25 * 86400 s = 0.0130648;
// f_d = 0.0345501; L = 1 - 0.0575 e^(-121 f_d) - 0.9425 e^(-f_d) = 0.0886282.
TEST(Xu2018, OneYearOfDailyFullCycles) {
  const AgingModel m = xu2018();
  const double per_cycle = m.cycle_damage(1, 0.5, 25);
  EXPECT_NEAR(per_cycle, 1.0 / 17000, 1e-15);
  EXPECT_NEAR(m.capacity(365.25 * per_cycle, 365.25, 0.5, 25), 1 - 0.0886282, 1e-7);
}

// SAM / Smith et al. 2017 at the reference 296 K (22.85 C): k = a, so after 365 days
// q = 1.02 - 0.00266 sqrt(365) = 1.02 - 0.0508192 = 0.9691808, whatever the SOC.
TEST(SamCalendar, AtReferenceTemperature) {
  const CalendarParams p;
  EXPECT_NEAR(sam_calendar_q(p, 365, 0.5, 296 - 273.15), 0.9691808, 1e-7);
  EXPECT_NEAR(sam_calendar_q(p, 365, 0.9, 296 - 273.15), 0.9691808, 1e-7);
  EXPECT_DOUBLE_EQ(sam_calendar_q(p, 0, 0.5, 40), 1.02);
}

TEST(SamCalendar, HotterAgesFaster) {
  const CalendarParams p;
  EXPECT_LT(sam_calendar_q(p, 365, 0.5, 35), sam_calendar_q(p, 365, 0.5, 25));
}

// Table rows: 50 % DOD lasts 6000 cycles to 80 %, 100 % DOD lasts 3000 cycles to 80 %.
// Loss per cycle: 0.2 / 6000 = 3.333e-5 and 0.2 / 3000 = 6.667e-5; at 75 % DOD the linear
// interpolation gives 5e-5; below the first row the loss scales with depth (25 %: 1.667e-5).
TEST(CycleTable, InterpolatesLossPerCycle) {
  const AgingModel m = cycle_table({{1.0, 3000, 0.8}, {0.5, 6000, 0.8}});
  EXPECT_NEAR(m.cycle_damage(0.75, 0.5, 25), 5e-5, 1e-15);
  EXPECT_NEAR(m.cycle_damage(0.5, 0.5, 25), 0.2 / 6000, 1e-15);
  EXPECT_NEAR(m.cycle_damage(0.25, 0.5, 25), 0.1 / 6000, 1e-15);
  EXPECT_NEAR(m.cycle_damage(1.0, 0.5, 25), 0.2 / 3000, 1e-15);
}

// Capacity is the lower of the cycle capacity (1 - damage) and the calendar capacity.
TEST(CycleTable, CapacityIsTheLowerOfCycleAndCalendar) {
  const AgingModel m = cycle_table({{1.0, 3000, 0.8}});
  const double t = 296 - 273.15;
  EXPECT_NEAR(m.capacity(0.01, 365, 0.5, t), 0.9691808, 1e-7);  // calendar limits
  EXPECT_NEAR(m.capacity(0.10, 365, 0.5, t), 0.90, 1e-12);      // cycling limits
  EXPECT_DOUBLE_EQ(m.capacity(0, 1, 0.5, t), 1);                // q0 = 1.02 is capped at nameplate
}

TEST(CycleTable, RejectsBadRows) {
  EXPECT_THROW(cycle_table({}), InputError);
  EXPECT_THROW(cycle_table({{0, 100, 0.8}}), InputError);
  EXPECT_THROW(cycle_table({{0.5, 0, 0.8}}), InputError);
  EXPECT_THROW(cycle_table({{0.5, 100, 1.2}}), InputError);
  EXPECT_THROW(cycle_table({{0.5, 100, 0.8}, {0.5, 200, 0.8}}), InputError);
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p.string();
}

TEST(CycleTable, ReadsCsv) {
  const std::string path = write_temp("ballast_cycle_table.csv",
                                      "dod_pct,cycles,capacity_pct\n100,3000,80\n50,6000,80\n");
  const AgingModel m = parse_model("table:" + path);
  EXPECT_EQ(m.kind, AgingModel::Kind::kTable);
  EXPECT_NEAR(m.cycle_damage(0.75, 0.5, 25), 5e-5, 1e-15);
}

TEST(CycleTable, CsvErrorsNameLineAndColumn) {
  const std::string path =
      write_temp("ballast_cycle_bad.csv", "dod_pct,cycles,capacity_pct\n100,abc,80\n");
  try {
    read_cycle_table(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_EQ(e.where().column, 5);
  }
}

// One row, 100 % DOD for 3000 cycles to 80 %: Phi(d) = (0.2 d / 3000) / 0.2 = d / 3000, linear,
// so every segment costs R / 3000: 100 per MWh for R = 300 000 per MWh.
TEST(CycleDepthCost, LinearTableGivesAFlatCost) {
  const AgingModel m = cycle_table({{1.0, 3000, 0.8}});
  for (double c : cycle_depth_costs(m, 300000, 4, 0.8, 25)) EXPECT_NEAR(c, 100, 1e-9);
}

// Xu: the costs come sorted (the LP draws the cheapest segment first anyway), and
// sum_j c_j / J = R Phi(1): a full cycle costs R / (cycles to end of life at 100 % DOD).
TEST(CycleDepthCost, XuCostsRiseWithDepthAndSumToAFullCycle) {
  const AgingModel m = xu2018();
  const std::vector<double> c = cycle_depth_costs(m, 1000, 5, 0.8, 25);
  for (std::size_t k = 1; k < c.size(); ++k) EXPECT_GE(c[k], c[k - 1]);
  EXPECT_GT(c.back(), c.front());
  double sum = 0;
  for (double x : c) sum += x / 5;
  const double life = damage_to_end_of_life(m, 0.8);
  EXPECT_NEAR(1 - xu_capacity_loss(kXu, life), 0.8, 1e-12);
  EXPECT_NEAR(sum, 1000 * m.cycle_damage(1, 0.5, 25) / life, 1e-9);
}

TEST(ParseModel, RejectsUnknown) { EXPECT_THROW(parse_model("nrel"), InputError); }

}  // namespace
}  // namespace ballast::aging
