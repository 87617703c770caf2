#include "ballast/workload/workload_study.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "ballast/core/toml_reader.h"
#include "ballast/report/streaming_decimator.h"
#include "ballast/report/table.h"
#include "ballast/workload/gpu.h"

namespace ballast::workload {
namespace {

constexpr std::size_t kChartBuckets = 1500;            // at most 3,000 chart points
constexpr std::int64_t kProgressEvery = 1 << 16;       // steps between progress reports
constexpr const char* kTraceGroup = "Measured trace";  // the --help section

FieldTable<TraceScaling> make_scaling_fields() {
  using S = TraceScaling;
  FieldTable<S> t;
  t.add({.name = "units",
         .help = "Measured units (GPUs or nodes) at the site",
         .min = 0,
         .min_exclusive = true,
         .group = kTraceGroup},
        &S::units);
  t.add({.name = "trace_pue",
         .help = "PUE applied to a trace",
         .min = 1,
         .max = 3,
         .group = kTraceGroup},
        &S::pue);
  t.add({.name = "phase_spread_ms",
         .help = "Units start up to this much apart, ms",
         .min = 0,
         .max = 1e7,
         .group = kTraceGroup},
        &S::phase_spread_ms);
  t.add({.name = "trace_step_ms",
         .help = "Resample a trace to this step, ms (0: its median)",
         .kind = FieldKind::kInteger,
         .min = 0,
         .max = 1000,
         .group = kTraceGroup},
        &S::step_ms);
  return t;
}

FieldTable<WorkloadRequest> make_fields() {
  using R = WorkloadRequest;
  FieldTable<R> t;
  t.add({.name = "scenario",
         .help = "TOML file with a [workload] table",
         .kind = FieldKind::kText,
         .path = true},
        &R::scenario);
  t.include(SyntheticParams::fields(), &R::synthetic);
  t.add({.name = "trace",
         .help = "Measured trace CSV (e.g. nvidia-smi power.draw [W])",
         .kind = FieldKind::kText,
         .group = kTraceGroup,
         .path = true},
        &R::trace);
  t.add({.name = "column",
         .help = "Power column of the trace (default: found from header)",
         .kind = FieldKind::kText,
         .group = kTraceGroup},
        &R::column);
  static const FieldTable<TraceScaling> scaling = make_scaling_fields();
  t.include(scaling, &R::scaling);
  t.add({.name = "out",
         .help = "Write the site power as CSV (time_s,site_mw)",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  return t;
}

}  // namespace

const FieldTable<WorkloadRequest>& WorkloadRequest::fields() {
  static const FieldTable<WorkloadRequest> table = make_fields();
  return table;
}

WorkloadSpec workload_spec(const WorkloadRequest& q) {
  if (q.series) {
    if (!q.scenario.empty() || !q.trace.empty()) {
      throw InputError("give the load as a series, a scenario or a trace, not several");
    }
    return *q.series;
  }
  if (!q.scenario.empty()) {
    const TomlReader r(q.scenario);
    const toml::table* w = r.table(r.root(), "workload");
    if (w == nullptr) r.fail(nullptr, "the scenario has no [workload] table");
    WorkloadSpec spec = read_workload(r, *w);
    // A transient scenario sets the step and length at its top level.
    if (auto* p = std::get_if<SyntheticParams>(&spec)) {
      p->step_ms = r.integer(r.root(), "step_ms", 1, 1000, p->step_ms);
      p->duration_s = r.number(r.root(), "duration_s", 1e-3, 366 * 86400.0, p->duration_s);
    }
    return spec;
  }
  if (!q.trace.empty()) return TraceSpec{q.trace, q.column, q.scaling};
  if (q.synthetic.training_gpus + q.synthetic.inference_gpus <= 0) {
    throw InputError(
        "give --training-gpus and/or --inference-gpus, --trace FILE.csv, or --scenario "
        "FILE.toml");
  }
  return q.synthetic;
}

std::string describe(const WorkloadSpec& spec) {
  if (const auto* p = std::get_if<SyntheticParams>(&spec)) {
    return fmt::format(
        "synthetic: {} training + {} inference {} GPUs ({} MW IT at full load), PUE {}, "
        "{} ms iterations, seed {}",
        report::number(p->training_gpus), report::number(p->inference_gpus), p->gpu,
        report::number(full_it_mw(*p), 1), p->pue, p->iteration_ms, p->seed);
  }
  if (const auto* t = std::get_if<TraceSpec>(&spec)) {
    return fmt::format("trace {} x {} units, PUE {}, phase spread {} ms", t->path,
                       report::number(t->scaling.units), t->scaling.pue,
                       t->scaling.phase_spread_ms);
  }
  const auto& s = std::get<SeriesSpec>(spec);
  return fmt::format("{}: {} values at {} ms steps", s.name,
                     report::number(static_cast<double>(s.site_mw.size())),
                     static_cast<double>(s.step_us) / 1000);
}

WorkloadResult run(const WorkloadRequest& request, const Progress& progress) {
  const WorkloadSpec spec = workload_spec(request);
  std::unique_ptr<LoadSource> source = make_source(spec);
  const std::int64_t step_us = source->step_us();
  const auto total = static_cast<double>(source->steps());
  notify(progress,
         {"summarize", 0, total, fmt::format("{} ms steps", static_cast<double>(step_us) / 1000)});
  std::optional<AtomicFileWriter> csv;
  if (!request.out.empty()) {
    csv.emplace(request.out);
    csv->write("time_s,site_mw\n");
  }
  WorkloadResult r;
  r.source = describe(spec);
  if (request.keep_steps) {
    r.steps.emplace(std::vector<std::string>{"site_mw"}, 0, step_us);
    r.steps->reserve(source->steps());
  }
  report::StreamingDecimator chart(1, source->steps(), kChartBuckets);
  std::int64_t k = 0;
  r.summary = summarize(*source, [&](double mw) {
    const std::int64_t t_us = k * step_us;  // the step's start
    chart.add(static_cast<double>(t_us) * 1e-6, &mw);
    if (csv) {
      std::fprintf(csv->stream(), "%lld.%06lld,%.6f\n", static_cast<long long>(t_us / 1'000'000),
                   static_cast<long long>(t_us % 1'000'000), mw);
    }
    if (r.steps) r.steps->add({mw});
    if (++k % kProgressEvery == 0) {
      notify(progress, {"summarize", static_cast<double>(k), total, ""});
    }
  });
  chart.finish();
  if (csv) {
    csv->commit();
    r.out = request.out;
  }
  r.time_s = chart.x();
  r.site_mw = chart.y(0);
  return r;
}

}  // namespace ballast::workload
