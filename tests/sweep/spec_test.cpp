// Reading sweep specs: ranges, lists, formatted axes, product and zip, and every bad spec
// stopped with its file:line:column before any case runs.

#include "ballast/sweep/spec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "ballast/sweep/plan.h"

namespace {

namespace fs = std::filesystem;
using ballast::InputError;
using ballast::sweep::plan_sweep;
using ballast::sweep::read_spec;

fs::path write_spec(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / ("sweep_spec_" + std::to_string(getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

// The message of the InputError that planning `text` throws ("" when none).
std::string plan_error(const std::string& text) {
  const fs::path p = write_spec("bad.toml", text);
  try {
    plan_sweep(p.string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(SweepSpec, RangeIncludesItsStop) {
  const auto spec = read_spec(write_spec("r.toml",
                                         "study = 'headroom'\n[axes]\n"
                                         "storage_mw = '0:20000:1000'\n")
                                  .string());
  ASSERT_EQ(spec.axes.size(), 1u);
  EXPECT_EQ(spec.case_count(), 21);
  EXPECT_EQ(std::get<double>(spec.axes[0].points.back().value), 20000.0);
}

TEST(SweepSpec, ProductVariesTheLastAxisFastest) {
  const auto spec = read_spec(write_spec("p.toml",
                                         "study = 'headroom'\n[axes]\nyear = [2020, 2021]\n"
                                         "storage_mw = [0, 10, 20]\n")
                                  .string());
  EXPECT_EQ(spec.case_count(), 6);
  const auto c4 = spec.case_points(4);  // (2021, 10)
  EXPECT_EQ(std::get<double>(c4[0]->value), 2021.0);
  EXPECT_EQ(std::get<double>(c4[1]->value), 10.0);
}

TEST(SweepSpec, ZipPairsTheIthValues) {
  const auto spec =
      read_spec(write_spec("z.toml",
                           "study = 'headroom'\ncombine = 'zip'\n[axes]\nyear = [2020, 2021]\n"
                           "storage_mw = [5, 7]\n")
                    .string());
  EXPECT_EQ(spec.case_count(), 2);
  EXPECT_EQ(std::get<double>(spec.case_points(1)[1]->value), 7.0);
}

TEST(SweepSpec, FormattedAxisMakesTheProductOfItsParts) {
  const auto spec =
      read_spec(write_spec("f.toml",
                           "study = 'headroom'\n[axes]\n"
                           "storage = { format = '{p}MW/{h}h', p = '0:2000:1000', h = [1, 8] }\n")
                    .string());
  const auto& axis = spec.axes[0];
  ASSERT_EQ(axis.points.size(), 6u);
  EXPECT_EQ(std::get<std::string>(axis.points[3].value), "1000MW/8h");
  EXPECT_EQ((std::vector<std::string>{"p", "h", "storage"}), axis.columns);
}

TEST(SweepSpec, ZippedAxesOfDifferentLengthsAreRefused) {
  EXPECT_NE(plan_error("study = 'headroom'\ncombine = 'zip'\n[axes]\nyear = [2020, 2021]\n"
                       "storage_mw = [5]\n")
                .find("bad.toml:5:14"),
            std::string::npos);
}

TEST(SweepSpec, UnknownKeyIsRefusedAtItsPlace) {
  const std::string e = plan_error("study = 'headroom'\ngrd = 'PJM'\n[axes]\nyear = [2020]\n");
  EXPECT_NE(e.find("bad.toml:2:7"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'grd'"), std::string::npos) << e;
}

TEST(SweepSpec, UnknownAxisKeyIsRefusedAtItsPlace) {
  const std::string e = plan_error("study = 'headroom'\n[axes]\nyeer = [2020]\n");
  EXPECT_NE(e.find("bad.toml:3:8"), std::string::npos) << e;
}

TEST(SweepSpec, EmptyAxisIsRefused) {
  const std::string e = plan_error("study = 'headroom'\n[axes]\nyear = []\n");
  EXPECT_NE(e.find("bad.toml:3:8"), std::string::npos) << e;
  EXPECT_NE(e.find("empty"), std::string::npos) << e;
}

TEST(SweepSpec, ValueOutOfRangeIsRefusedAtTheValue) {
  // storage_mw has a lower bound of 0: the third value is out of range.
  const std::string e = plan_error("study = 'headroom'\n[axes]\nstorage_mw = [0, 10, -5]\n");
  EXPECT_NE(e.find("bad.toml:3:22"), std::string::npos) << e;
}

TEST(SweepSpec, RangeOutOfBoundsIsRefused) {
  const std::string e = plan_error("study = 'headroom'\n[axes]\ncurtailment = '0:200:50'\n");
  EXPECT_NE(e.find("bad.toml:3:15"), std::string::npos) << e;
}

TEST(SweepSpec, MissingFileIsRefusedAtItsName) {
  const std::string e =
      plan_error("study = 'headroom'\n[axes]\nload = ['bad.toml', 'no-such.csv']\n");
  EXPECT_NE(e.find("bad.toml:3:21"), std::string::npos) << e;
  EXPECT_NE(e.find("no-such.csv"), std::string::npos) << e;
}

TEST(SweepSpec, StudyThatIsNotSweepableIsRefused) {
  const std::string e = plan_error("study = 'workload'\n[axes]\nyear = [2020]\n");
  EXPECT_NE(e.find("bad.toml:1:9"), std::string::npos) << e;
  EXPECT_NE(e.find("cannot be swept"), std::string::npos) << e;
}

TEST(SweepSpec, UnknownStudyIsRefused) {
  EXPECT_NE(plan_error("study = 'headrom'\n[axes]\nyear = [2020]\n").find("unknown study"),
            std::string::npos);
}

TEST(SweepSpec, MalformedRangeIsRefused) {
  EXPECT_NE(plan_error("study = 'headroom'\n[axes]\nyear = '2020:2016:1'\n").find("bad.toml:3:8"),
            std::string::npos);
}

TEST(SweepSpec, KeyBothBaseAndAxisIsRefused) {
  EXPECT_NE(
      plan_error("study = 'headroom'\nyear = 2020\n[axes]\nyear = [2021]\n").find("bad.toml:4:8"),
      std::string::npos);
}

}  // namespace
