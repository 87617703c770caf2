// Tests src/workload/workload_study.cpp: the study equals the lower-level calls on the same
// inputs; its fields read from TOML and from --set text; bad values are InputErrors.

#include "ballast/workload/workload_study.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "ballast/core/error.h"
#include "ballast/core/fields_toml.h"
#include "ballast/core/toml_reader.h"

namespace ballast::workload {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("ballast_workload_study_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

SyntheticParams small_site() {
  SyntheticParams p;
  p.training_gpus = 2000;
  p.inference_gpus = 500;
  p.step_ms = 10;
  p.duration_s = 30;
  p.checkpoint_every_s = 10;
  p.checkpoint_s = 2;
  return p;
}

TEST(WorkloadStudy, SyntheticSummaryIsTheLibrarySummary) {
  WorkloadRequest q;
  q.synthetic = small_site();
  const WorkloadResult r = run(q);
  SyntheticSite site(small_site());
  const TraceSummary s = summarize(site);
  EXPECT_EQ(r.summary.steps, 3000u);
  EXPECT_EQ(summary_json(r.summary), summary_json(s));
  EXPECT_EQ(to_json(r)["summary"], summary_json(s));
  EXPECT_EQ(to_json(r)["source"], describe(WorkloadSpec(small_site())));
  EXPECT_TRUE(r.out.empty());
}

// A square wave in memory: 50 MW for 3 steps, 20 MW for 1, at 250 ms steps; its levels and
// ramps follow by hand.
TEST(WorkloadStudy, SeriesInMemoryIsSummarised) {
  WorkloadRequest q;
  std::vector<double> mw;
  for (int k = 0; k < 400; ++k) mw.push_back(k % 4 == 3 ? 20.0 : 50.0);
  q.series = SeriesSpec{mw, 250'000, "square"};
  const WorkloadResult r = run(q);
  EXPECT_EQ(r.summary.steps, 400u);
  EXPECT_DOUBLE_EQ(r.summary.peak_mw, 50);
  EXPECT_DOUBLE_EQ(r.summary.min_mw, 20);
  EXPECT_NEAR(r.summary.mean_mw, (3 * 50 + 20) / 4.0, 1e-12);
  EXPECT_DOUBLE_EQ(r.summary.max_ramp_mw_per_s, 30 / 0.25);
  EXPECT_FALSE(r.summary.rise_100ms_mw.has_value());  // the step is longer than 100 ms
  VectorSource src(mw, 250'000);
  EXPECT_EQ(summary_json(r.summary), summary_json(summarize(src)));
  EXPECT_EQ(r.source, "square: 400 values at 250 ms steps");
}

// A borrowed series is read in place: a change to the memory after the source is made (and
// before it is read) is what the source gives.
TEST(WorkloadStudy, ABorrowedSeriesIsReadInPlace) {
  std::vector<double> memory{5, 6, 7};
  const SeriesSpec spec{SeriesValues::borrowed(memory), 1000, "view"};
  const std::unique_ptr<LoadSource> source = make_source(spec);
  memory[2] = 70;
  EXPECT_EQ(collect(*source), (std::vector<double>{5, 6, 70}));
}

// keep_steps keeps what --out writes: each step's power at the step's start.
TEST(WorkloadStudy, KeptStepsAreTheSeriesAtEachStepsStart) {
  WorkloadRequest q;
  q.series = SeriesSpec{{50, 20, 50, 20, 35}, 250'000, "steps"};
  EXPECT_FALSE(run(q).steps.has_value());
  q.keep_steps = true;
  const WorkloadResult r = run(q);
  ASSERT_TRUE(r.steps.has_value());
  EXPECT_EQ(r.steps->names(), (std::vector<std::string>{"site_mw"}));
  EXPECT_EQ(r.steps->column(0), (std::vector<double>{50, 20, 50, 20, 35}));
  EXPECT_EQ(r.steps->time_us(0), 0);
  EXPECT_EQ(r.steps->time_us(4), 1'000'000);
}

TEST(WorkloadStudy, ScenarioTopLevelStepAndDurationRuleTheLoad) {
  WorkloadRequest q;
  q.scenario = BALLAST_EXAMPLES_DIR "/datacenter-50mw-grid.toml";
  const WorkloadSpec spec = workload_spec(q);
  const auto& p = std::get<SyntheticParams>(spec);
  EXPECT_EQ(p.training_gpus, 32680);
  EXPECT_EQ(p.step_ms, 5);
  EXPECT_EQ(p.duration_s, 900);
}

TEST(WorkloadStudy, TraceIsScaledAsTheTraceSite) {
  const fs::path dir = scratch("trace");
  std::ofstream(dir / "node.csv") << "time_s,node_kw\n0,10\n0.5,4\n1,10\n1.5,4\n2,10\n";
  WorkloadRequest q;
  q.trace = (dir / "node.csv").string();
  q.scaling.units = 1000;
  q.scaling.pue = 1.25;
  q.scaling.step_ms = 100;
  const WorkloadResult r = run(q);
  TraceSite site(read_power_trace(q.trace), q.scaling);
  EXPECT_EQ(summary_json(r.summary), summary_json(summarize(site)));
  // 1,000 nodes at 10 kW and PUE 1.25: 12.5 MW at the peak.
  EXPECT_NEAR(r.summary.peak_mw, 12.5, 1e-9);
}

TEST(WorkloadStudy, OutWritesEveryStepAtomically) {
  const fs::path dir = scratch("out");
  WorkloadRequest q;
  q.synthetic = small_site();
  q.out = (dir / "site.csv").string();
  const WorkloadResult r = run(q);
  EXPECT_EQ(r.out, q.out);
  std::istringstream in(slurp(dir / "site.csv"));
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "time_s,site_mw");
  SyntheticSite site(small_site());
  std::size_t rows = 0;
  double max_error = 0;
  while (std::getline(in, line)) {
    const std::size_t comma = line.find(',');
    // Times are exact multiples of the step, written from the integer clock.
    EXPECT_EQ(line.substr(0, comma), fmt::format("{}.{:06}", rows / 100, (rows % 100) * 10'000));
    max_error = std::max(max_error, std::abs(std::stod(line.substr(comma + 1)) - site.next_mw()));
    ++rows;
  }
  EXPECT_EQ(rows, 3000u);
  EXPECT_LE(max_error, 5e-7);  // six decimals
  EXPECT_EQ(std::distance(fs::directory_iterator(dir), fs::directory_iterator()), 1);
  EXPECT_NE(to_text(r).find("trace written to " + q.out), std::string::npos);
}

TEST(WorkloadStudy, OutThatCannotBeWrittenFailsBeforeTheWork) {
  const fs::path dir = scratch("bad_out");
  WorkloadRequest q;
  q.synthetic = small_site();
  q.out = (dir / "missing" / "site.csv").string();
  EXPECT_THROW(run(q), InputError);
  EXPECT_TRUE(fs::is_empty(dir));
}

TEST(WorkloadStudy, TextTableShowsTheSummary) {
  WorkloadRequest q;
  q.synthetic = small_site();
  const WorkloadResult r = run(q);
  const std::string text = to_text(r);
  EXPECT_EQ(text.rfind(r.source + "\n3,000 steps of 10 ms (30.0 s)\n", 0), 0u);
  EXPECT_NE(text.find(fmt::format("{:.2f}", r.summary.peak_mw)), std::string::npos);
  EXPECT_EQ(text.find("trace written"), std::string::npos);
  EXPECT_EQ(to_html(r).chart_count(), 2u);  // site power and its spectrum
}

TEST(WorkloadStudy, FieldsFromToml) {
  const fs::path dir = scratch("toml");
  std::ofstream(dir / "request.toml") << "training_gpus = 5000\nstep_ms = 20\n"
                                      << "duration_s = \"2min\"\ngpu = \"gb200\"\n"
                                      << "compute_share = \"75%\"\ntrace_pue = 1.1\n"
                                      << "out = \"site.csv\"\n";
  const TomlReader reader((dir / "request.toml").string());
  WorkloadRequest q;
  apply_toml(WorkloadRequest::fields(), q, reader.root(), reader);
  EXPECT_EQ(q.synthetic.training_gpus, 5000);
  EXPECT_EQ(q.synthetic.step_ms, 20);
  EXPECT_EQ(q.synthetic.duration_s, 120);
  EXPECT_EQ(q.synthetic.gpu, "GB200");
  EXPECT_DOUBLE_EQ(q.synthetic.compute_share, 0.75);
  EXPECT_DOUBLE_EQ(q.scaling.pue, 1.1);
  EXPECT_EQ(q.out, (dir / "site.csv").string());                        // relative to the TOML file
  EXPECT_EQ(q.synthetic.iteration_ms, SyntheticParams{}.iteration_ms);  // untouched: default
}

TEST(WorkloadStudy, FieldsFromSetText) {
  WorkloadRequest q;
  const auto& f = WorkloadRequest::fields();
  f.set_text(q, "inference_gpus=1200");
  f.set_text(q, "checkpoint_every_s=15min");
  f.set_text(q, "seed=42");
  f.set_text(q, "units=8");
  f.set_text(q, "trace_step_ms=5");
  EXPECT_EQ(q.synthetic.inference_gpus, 1200);
  EXPECT_EQ(q.synthetic.checkpoint_every_s, 900);
  EXPECT_EQ(q.synthetic.seed, 42u);
  EXPECT_EQ(q.scaling.units, 8);
  EXPECT_EQ(q.scaling.step_ms, 5);
}

TEST(WorkloadStudy, BadValuesAreInputErrors) {
  WorkloadRequest q;
  const auto& f = WorkloadRequest::fields();
  EXPECT_THROW(f.set_text(q, "pue=0.5"), InputError);          // below 1
  EXPECT_THROW(f.set_text(q, "step_ms=1.5"), InputError);      // not whole
  EXPECT_THROW(f.set_text(q, "step_ms=2000"), InputError);     // above 1000
  EXPECT_THROW(f.set_text(q, "gpu=V100"), InputError);         // unknown type
  EXPECT_THROW(f.set_text(q, "compute_share=1"), InputError);  // must leave time to talk
  EXPECT_THROW(f.set_text(q, "units=0"), InputError);
  EXPECT_THROW(f.set_text(q, "duration_s=soon"), InputError);
  EXPECT_THROW(f.set_text(q, "gpus=8"), InputError);  // no such field
  EXPECT_THROW(run(q), InputError);                   // no GPUs, trace or scenario
  WorkloadRequest nan;
  nan.series = SeriesSpec{{1, std::nan(""), 3}, 1000, "bad"};
  EXPECT_THROW(run(nan), InputError);
  WorkloadRequest zero_step;
  zero_step.series = SeriesSpec{{1, 2}, 0, "bad"};
  EXPECT_THROW(run(zero_step), InputError);
  WorkloadRequest both;
  both.series = SeriesSpec{{1, 2}, 1000, "series"};
  both.scenario = BALLAST_EXAMPLES_DIR "/datacenter-50mw-grid.toml";
  EXPECT_THROW(run(both), InputError);
}

TEST(WorkloadStudy, BadTomlValueNamesItsPlace) {
  const fs::path dir = scratch("bad_toml");
  std::ofstream(dir / "request.toml") << "training_gpus = 10\npue = 7\n";
  const TomlReader reader((dir / "request.toml").string());
  WorkloadRequest q;
  try {
    apply_toml(WorkloadRequest::fields(), q, reader.root(), reader);
    FAIL() << "pue 7 was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, 2);
    EXPECT_NE(std::string(e.what()).find("pue"), std::string::npos);
  }
}

}  // namespace
}  // namespace ballast::workload
