#include "ballast/workload/gpu.h"

#include <gtest/gtest.h>

#include "ballast/core/error.h"
#include "ballast/workload/summary.h"
#include "ballast/workload/synthetic.h"

namespace ballast::workload {
namespace {

TEST(Gpu, H100IsDgxH100PowerOverEightGpus) {
  EXPECT_DOUBLE_EQ(gpu_spec("H100").it_kw_per_gpu, 1.275);  // 10.2 kW / 8
}

TEST(Gpu, NamesAreCaseInsensitive) { EXPECT_EQ(gpu_spec("gb200").name, "GB200"); }

TEST(Gpu, UnknownTypeNamesTheKnownOnes) {
  try {
    gpu_spec("A100");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("H100, B200, GB200"), std::string::npos);
  }
}

// xAI's Colossus: 100,000 H100 GPUs, about 150 MW (published). At PUE 1.2 the synthetic
// training load must average about that.
TEST(Gpu, HundredThousandH100AtPue12AverageAbout150Mw) {
  SyntheticParams p;
  p.training_gpus = 100'000;
  p.pue = 1.2;
  p.step_ms = 10;
  p.duration_s = 60;
  EXPECT_NEAR(full_it_mw(p) * p.pue, 153.0, 1e-9);
  SyntheticSite site(p);
  const TraceSummary s = summarize(site);
  EXPECT_GT(s.mean_mw, 135.0);
  EXPECT_LT(s.mean_mw, 155.0);
  EXPECT_LE(s.peak_mw, 153.0 + 1e-9);
}

}  // namespace
}  // namespace ballast::workload
