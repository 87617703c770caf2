// ballast workload: synthesise or import an AI datacenter's power and summarise its swings.

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "ballast/core/error.h"
#include "ballast/dynamics/kpis.h"
#include "ballast/report/html.h"
#include "ballast/report/table.h"
#include "ballast/workload/gpu.h"
#include "ballast/workload/scenario.h"
#include "ballast/workload/summary.h"
#include "commands.h"
#include "streaming_output.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

struct WorkloadOptions {
  std::string scenario;  // TOML with a [workload] table
  workload::SyntheticParams synthetic;
  std::string trace, column;
  workload::TraceScaling scaling;
  std::string out;  // CSV of the trace
  OutputOptions output;
};

nlohmann::ordered_json summary_json(const workload::TraceSummary& s) {
  nlohmann::ordered_json j = {
      {"steps", s.steps},
      {"step_s", s.step_s},
      {"mean_mw", s.mean_mw},
      {"peak_mw", s.peak_mw},
      {"min_mw", s.min_mw},
      {"rise_100ms_mw", s.rise_100ms_mw ? nlohmann::ordered_json(*s.rise_100ms_mw) : nullptr},
      {"fall_100ms_mw", s.fall_100ms_mw ? nlohmann::ordered_json(*s.fall_100ms_mw) : nullptr},
      {"rise_1s_mw", s.rise_1s_mw},
      {"fall_1s_mw", s.fall_1s_mw},
      {"max_ramp_mw_per_s", s.max_ramp_mw_per_s},
      {"p99_ramp_mw_per_s", s.p99_ramp_mw_per_s},
      {"swing_rms_mw", s.swing_rms_mw},
      {"swing_share_0_1_to_20_hz", s.band_share},
      {"swing_rms_0_1_to_20_hz_mw", s.band_rms_mw},
      {"spectrum_resolution_hz", s.spectrum_resolution_hz},
      {"dominant_frequencies", nlohmann::ordered_json::array()}};
  for (const workload::SpectralPeak& p : s.dominant) {
    j["dominant_frequencies"].push_back({{"frequency_hz", p.frequency_hz}, {"share", p.share}});
  }
  return j;
}

std::string describe(const workload::WorkloadSpec& spec) {
  if (const auto* p = std::get_if<workload::SyntheticParams>(&spec)) {
    return fmt::format(
        "synthetic: {} training + {} inference {} GPUs ({} MW IT at full load), PUE {}, "
        "{} ms iterations, seed {}",
        report::number(p->training_gpus), report::number(p->inference_gpus), p->gpu,
        report::number(workload::full_it_mw(*p), 1), p->pue, p->iteration_ms, p->seed);
  }
  const auto& t = std::get<workload::TraceSpec>(spec);
  return fmt::format("trace {} x {} units, PUE {}, phase spread {} ms", t.path,
                     report::number(t.scaling.units), t.scaling.pue, t.scaling.phase_spread_ms);
}

void run(WorkloadOptions o) {
  workload::WorkloadSpec spec;
  if (!o.scenario.empty()) {
    const TomlReader r(o.scenario);
    const toml::table* w = r.table(r.root(), "workload");
    if (w == nullptr) r.fail(nullptr, "the scenario has no [workload] table");
    spec = workload::read_workload(r, *w);
    // A transient scenario sets the step and length at its top level.
    if (auto* p = std::get_if<workload::SyntheticParams>(&spec)) {
      p->step_ms = r.integer(r.root(), "step_ms", 1, 1000, p->step_ms);
      p->duration_s = r.number(r.root(), "duration_s", 1e-3, 366 * 86400.0, p->duration_s);
    }
  } else if (!o.trace.empty()) {
    spec = workload::TraceSpec{o.trace, o.column, o.scaling};
  } else {
    if (o.synthetic.training_gpus + o.synthetic.inference_gpus <= 0) {
      throw InputError(
          "give --training-gpus and/or --inference-gpus, --trace FILE.csv, or --scenario "
          "FILE.toml");
    }
    spec = o.synthetic;
  }
  std::unique_ptr<workload::LoadSource> source = workload::make_source(spec);
  std::cerr << fmt::format("ballast: {} steps of {} ms...\n", source->steps(),
                           static_cast<double>(source->step_us()) / 1000);
  std::optional<StreamingFile> out;
  if (!o.out.empty()) {
    out.emplace(o.out);
    std::fputs("time_s,site_mw\n", out->get());
  }
  dynamics::StreamingDecimator chart(1, source->steps(), 1500);
  std::int64_t k = 0;
  const std::int64_t step_us = source->step_us();
  const workload::TraceSummary s = workload::summarize(*source, [&](double mw) {
    const std::int64_t t_us = k++ * step_us;
    const double t_s = static_cast<double>(t_us) * 1e-6;
    chart.add(t_s, &mw);
    if (out)
      std::fprintf(out->get(), "%lld.%06lld,%.6f\n", static_cast<long long>(t_us / 1'000'000),
                   static_cast<long long>(t_us % 1'000'000), mw);
  });
  chart.finish();
  if (out) out->commit();
  if (!o.output.report.empty()) {
    report::HtmlReport html("ballast workload");
    html.add_paragraph(describe(spec));
    html.add_table({"quantity", "value"},
                   {{"mean MW", report::number(s.mean_mw, 2)},
                    {"peak MW", report::number(s.peak_mw, 2)},
                    {"min MW", report::number(s.min_mw, 2)},
                    {"p99 ramp MW/s", report::number(s.p99_ramp_mw_per_s, 1)},
                    {"swing share 0.1-20 Hz %", report::number(100 * s.band_share, 1)}});
    html.add_chart({.title = "site power",
                    .x_label = "time (s)",
                    .y_label = "power (MW)",
                    .x = chart.x(),
                    .series = {{.label = "site", .y = chart.y(0)}}});
    report::Chart spectrum{.title = "swing spectrum (Welch, Hann)",
                           .x_label = "frequency (Hz)",
                           .y_label = "swing energy per bin (MW^2)"};
    spectrum.series.push_back({.label = "site"});
    for (std::size_t b = 1; b < s.spectrum_mw2.size(); ++b) {
      const double f = static_cast<double>(b) * s.spectrum_resolution_hz;
      if (f > workload::kSwingBandHiHz) break;
      spectrum.x.push_back(f);
      spectrum.series[0].y.push_back(s.spectrum_mw2[b]);
    }
    html.add_chart(report::decimate(spectrum, 2000));
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "workload"}, {"source", describe(spec)}};
    j["summary"] = summary_json(s);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << describe(spec) << "\n";
  std::cout << fmt::format("{} steps of {} ms ({} s)\n\n", report::number(double(s.steps)),
                           s.step_s * 1000, report::number(double(s.steps) * s.step_s, 1));
  report::Table t({"quantity", "value"});
  t.add_row({"mean MW", report::number(s.mean_mw, 2)});
  t.add_row({"peak MW", report::number(s.peak_mw, 2)});
  t.add_row({"min MW", report::number(s.min_mw, 2)});
  if (s.rise_100ms_mw) {
    t.add_row({"largest rise / fall in 100 ms MW",
               fmt::format("{} / {}", report::number(*s.rise_100ms_mw, 2),
                           report::number(*s.fall_100ms_mw, 2))});
  }
  t.add_row(
      {"largest rise / fall in 1 s MW",
       fmt::format("{} / {}", report::number(s.rise_1s_mw, 2), report::number(s.fall_1s_mw, 2))});
  t.add_row({"max ramp MW/s", report::number(s.max_ramp_mw_per_s, 1)});
  t.add_row({"p99 ramp MW/s", report::number(s.p99_ramp_mw_per_s, 1)});
  t.add_row({"swing RMS MW", report::number(s.swing_rms_mw, 2)});
  t.add_row({"swing energy in 0.1-20 Hz %", report::number(100 * s.band_share, 1)});
  for (const workload::SpectralPeak& p : s.dominant) {
    t.add_row({fmt::format("spectral peak {:.3f} Hz, % of swing", p.frequency_hz),
               report::number(100 * p.share, 1)});
  }
  std::cout << t.render();
  if (!o.out.empty()) std::cout << "trace written to " << o.out << "\n";
}

}  // namespace

void register_workload(CLI::App& app) {
  auto o = std::make_shared<WorkloadOptions>();
  CLI::App* cmd = app.add_subcommand(
      "workload", "Synthesise or import an AI datacenter's power and summarise its swings");
  workload::SyntheticParams& p = o->synthetic;
  cmd->add_option("--scenario", o->scenario, "TOML file with a [workload] table")
      ->check(CLI::ExistingFile);
  cmd->add_option("--gpu", p.gpu, "GPU type: H100, B200, GB200")->capture_default_str();
  cmd->add_option("--training-gpus", p.training_gpus, "GPUs in one synchronous training job")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--inference-gpus", p.inference_gpus, "GPUs serving inference (daily pattern)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--pue", p.pue, "Facility power / IT power")->capture_default_str();
  cmd->add_option("--cooling-lag-s", p.cooling_lag_s, "Cooling follows IT heat with this lag, s")
      ->capture_default_str();
  cmd->add_option("--step-ms", p.step_ms, "Output step, ms (1-1000)")->capture_default_str();
  cmd->add_option("--duration-s", p.duration_s, "Run length, s")->capture_default_str();
  cmd->add_option("--seed", p.seed, "Random seed (same seed, same trace)")->capture_default_str();
  cmd->add_option("--iteration-ms", p.iteration_ms, "Training iteration period, ms")
      ->capture_default_str();
  cmd->add_option("--compute-share", p.compute_share, "Share of an iteration spent computing")
      ->capture_default_str();
  cmd->add_option("--compute-level", p.compute_level, "GPU power computing, fraction of full")
      ->capture_default_str();
  cmd->add_option("--comm-level", p.comm_level, "GPU power communicating, fraction of full")
      ->capture_default_str();
  cmd->add_option("--edge-ms", p.edge_ms, "Phase change time of one GPU group, ms")
      ->capture_default_str();
  cmd->add_option("--jitter-ms", p.jitter_ms, "Std deviation of GPU groups' phase offsets, ms")
      ->capture_default_str();
  cmd->add_option("--checkpoint-every-s", p.checkpoint_every_s,
                  "Checkpoint pause period, s (0: none)")
      ->capture_default_str();
  cmd->add_option("--checkpoint-s", p.checkpoint_s, "Checkpoint pause length, s")
      ->capture_default_str();
  cmd->add_option("--failures-per-h", p.failures_per_h, "Job failures per hour (Poisson)")
      ->capture_default_str();
  cmd->add_option("--restart-s", p.restart_s, "Idle time after a failure, s")
      ->capture_default_str();
  cmd->add_option("--power-floor", p.power_floor, "GPU power floor, fraction of full")
      ->capture_default_str();
  cmd->add_option("--gpu-ramp-per-s", p.gpu_ramp_per_s,
                  "GPU ramp limit, fraction of full per s (0: none)")
      ->capture_default_str();
  cmd->add_option("--trace", o->trace, "Measured trace CSV (e.g. nvidia-smi power.draw [W])")
      ->check(CLI::ExistingFile);
  cmd->add_option("--column", o->column, "Power column of the trace (default: found from header)");
  cmd->add_option("--units", o->scaling.units, "Measured units (GPUs or nodes) at the site")
      ->capture_default_str();
  cmd->add_option("--trace-pue", o->scaling.pue, "PUE applied to a trace")->capture_default_str();
  cmd->add_option("--phase-spread-ms", o->scaling.phase_spread_ms,
                  "Units start up to this much apart, ms")
      ->capture_default_str();
  cmd->add_option("--trace-step-ms", o->scaling.step_ms,
                  "Resample a trace to this step, ms (0: its median)")
      ->capture_default_str();
  cmd->add_option("--out", o->out, "Write the site power as CSV (time_s,site_mw)");
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli
