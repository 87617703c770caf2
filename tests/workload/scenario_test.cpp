#include "ballast/workload/scenario.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "ballast/core/error.h"

namespace ballast::workload {
namespace {

std::string write(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / name;
  std::ofstream(p) << text;
  return p.string();
}

TEST(WorkloadScenario, ReadsSyntheticTable) {
  const TomlReader r(write("w1.toml",
                           "[workload]\ngpu = \"B200\"\ntraining_gpus = 8000\n"
                           "checkpoint_every_s = 600\n"));
  const WorkloadSpec spec = read_workload(r, *r.table(r.root(), "workload"));
  const auto& p = std::get<SyntheticParams>(spec);
  EXPECT_EQ(p.gpu, "B200");
  EXPECT_EQ(p.training_gpus, 8000);
  EXPECT_EQ(p.checkpoint_every_s, 600);
}

TEST(WorkloadScenario, SyntaxErrorHasLineAndColumn) {
  try {
    TomlReader r(write("w2.toml", "[workload]\ntraining_gpus = = 3\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_GT(e.where().column, 0);
  }
}

TEST(WorkloadScenario, UnknownKeyIsAnErrorAtItsPlace) {
  const TomlReader r(write("w3.toml", "[workload]\ntraining_gpus = 10\n  gpus = 3\n"));
  try {
    read_workload(r, *r.table(r.root(), "workload"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 10);
    EXPECT_NE(std::string(e.what()).find("unknown key 'gpus'"), std::string::npos);
  }
}

TEST(WorkloadScenario, UnknownGpuIsAnErrorAtItsPlace) {
  const TomlReader r(write("w4.toml", "[workload]\ntraining_gpus = 10\ngpu = \"V100\"\n"));
  try {
    read_workload(r, *r.table(r.root(), "workload"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 3);
  }
}

}  // namespace
}  // namespace ballast::workload
