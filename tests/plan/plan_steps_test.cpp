// Per-step output of the planning studies, on grids small enough to work out by hand; and the
// load read in place (LoadValues).

#include "ballast/plan/plan_steps.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"
#include "support/grids.h"

namespace ballast::plan {
namespace {

// Load 50, 80, 100, 60 MW under 100 MW; a new load of 30 MW exceeds it by -20, 10, 30, -10.
HeadroomResult four_hours(std::vector<double> limits) {
  HeadroomResult r;
  r.grid.grid = testing::small_grid({50, 80, 100, 60}, {100, 100, 100, 100});
  for (double limit : limits) {
    HeadroomRow row;
    row.limit = limit;
    row.headroom_mw = 30;
    r.rows.push_back(row);
  }
  return r;
}

TEST(PlanSteps, WithoutStorageTheNewLoadLosesTheExcess) {
  const PlanSteps s = plan_steps(four_hours({0.1}));
  ASSERT_EQ(s.cases.size(), 1u);
  EXPECT_EQ(s.load_mw, (std::vector<double>{50, 80, 100, 60}));
  EXPECT_EQ(s.limit_mw, (std::vector<double>{100, 100, 100, 100}));
  EXPECT_EQ(s.cases[0].curtailed_mw, (std::vector<double>{0, 10, 30, 0}));
  EXPECT_EQ(s.cases[0].new_load_served_mw, (std::vector<double>{30, 20, 0, 30}));
  EXPECT_FALSE(s.cases[0].storage);
  EXPECT_EQ(steps_csv(s),
            "time,load_mw,limit_mw,new_load_served_mw,curtailed_mw\n"
            "2021-01-01T00:00:00Z,50,100,30,0\n"
            "2021-01-01T01:00:00Z,80,100,20,10\n"
            "2021-01-01T02:00:00Z,100,100,0,30\n"
            "2021-01-01T03:00:00Z,60,100,30,0\n");
}

TEST(PlanSteps, StorageCoversWhatItCan) {
  // 20 MW / 40 MWh, lossless, starting full: idle (full), discharge 10, discharge 20 (its
  // limit; 10 curtailed), charge 10.
  HeadroomResult r = four_hours({0.1});
  r.storage = StorageOption{StorageParams::with_round_trip(20, 40, 1), SocStart::kFull};
  const StepCase c = plan_steps(r).cases.at(0);
  EXPECT_TRUE(c.storage);
  EXPECT_EQ(c.storage_mw, (std::vector<double>{0, 10, 20, -10}));
  EXPECT_EQ(c.energy_mwh, (std::vector<double>{40, 30, 10, 20}));
  EXPECT_EQ(c.curtailed_mw, (std::vector<double>{0, 0, 10, 0}));
  EXPECT_EQ(c.new_load_served_mw, (std::vector<double>{30, 30, 20, 30}));
}

TEST(PlanSteps, SeveralAnswersCarrySuffixes) {
  const PlanSteps s = plan_steps(four_hours({0.005, 0.01}));
  EXPECT_EQ(step_columns(s),
            (std::vector<std::string>{"time", "load_mw", "limit_mw", "new_load_served_mw_0.5pct",
                                      "curtailed_mw_0.5pct", "new_load_served_mw_1pct",
                                      "curtailed_mw_1pct"}));
}

TEST(PlanSteps, ASizeSweepHasNoSteps) {
  SizeResult r;
  r.sweep = true;
  EXPECT_THROW(plan_steps(r), InputError);
}

TEST(LoadValues, OwnedCopiesOwnTheirValuesAndViewsStayViews) {
  const std::vector<double> memory = {1, 2, 3};
  const LoadValues view = LoadValues::borrowed(memory);
  const LoadValues view_copy = view;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(view.data(), memory.data());
  EXPECT_EQ(view_copy.data(), memory.data());
  EXPECT_TRUE(view_copy.borrowed());

  LoadValues owned(std::vector<double>{4, 5});
  const LoadValues owned_copy = owned;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_NE(owned_copy.data(), owned.data());
  EXPECT_EQ(owned_copy.to_vector(), (std::vector<double>{4, 5}));
  const double* before = owned.data();
  const LoadValues moved = std::move(owned);
  EXPECT_EQ(moved.data(), before);  // a move keeps the buffer
  EXPECT_FALSE(moved.borrowed());
}

TEST(LoadValues, AGridReadsABorrowedLoadInPlaceAndAgreesWithAnOwnedOne) {
  std::vector<double> memory(24 * 366);
  for (std::size_t i = 0; i < memory.size(); ++i) memory[i] = 50 + static_cast<double>(i % 24);
  LoadSeries borrowed;
  borrowed.start_s = 1609459200;
  borrowed.values = LoadValues::borrowed(memory);
  TimeSeries owned;
  owned.start_s = 1609459200;
  owned.values = memory;
  const Grid a = make_grid(borrowed, Calendar(0), {ThresholdKind::kPeak}, RateMethod::kPooled);
  const Grid b = make_grid(owned, Calendar(0), {ThresholdKind::kPeak}, RateMethod::kPooled);
  EXPECT_EQ(a.load.values.data(), memory.data());
  EXPECT_NE(b.load.values.data(), memory.data());
  EXPECT_EQ(a.capacity_mw, b.capacity_mw);
  EXPECT_EQ(a.peak_mw, 73);
}

}  // namespace
}  // namespace ballast::plan
