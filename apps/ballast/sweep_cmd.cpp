// ballast sweep: many cases of one study from a spec, on threads and MPI ranks, resumable.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "ballast/core/error.h"
#include "ballast/sweep/plan.h"
#include "ballast/sweep/report.h"
#include "ballast/sweep/run.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

struct SweepOptions {
  std::string spec;
  std::string out;
  int jobs = 1;
  bool details = false;
  bool no_mpi = false;
  bool dry_run = false;
  std::vector<std::string> report_values;
  OutputOptions output;
};

void print_summary(const SweepOptions& o, const sweep::SweepSummary& s) {
  if (o.output.json) {
    nlohmann::ordered_json j = {
        {"command", "sweep"},   {"cases", s.cases},   {"already_done", s.skipped},
        {"ran", s.ran},         {"failed", s.failed}, {"ranks", s.ranks},
        {"seconds", s.seconds}, {"csv", s.csv_path},  {"jsonl", s.jsonl_path}};
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format(
      "sweep: {} cases ({} already done, {} run now on {} rank{}), {} failed, "
      "{:.1f} s\n",
      s.cases, s.skipped, s.ran, s.ranks, s.ranks == 1 ? "" : "s", s.failed, s.seconds);
  std::cout << "table: " << s.csv_path << " and " << s.jsonl_path << "\n";
}

void run_command(const SweepOptions& o) {
  const sweep::Cluster cluster(!o.no_mpi);
  // Every rank reads and checks the spec; only rank 0 reports a bad one. The others end
  // quietly with 0: a rank ending non-zero first would have the launcher stop rank 0 before it
  // said what is wrong.
  if (cluster.rank() != 0) std::cerr.setstate(std::ios::failbit);
  std::unique_ptr<sweep::SweepPlan> plan;
  try {
    plan = sweep::plan_sweep(o.spec);
  } catch (const Error&) {
    if (cluster.rank() != 0) return;
    throw;
  }
  if (o.dry_run) {
    if (cluster.rank() == 0) {
      std::cout << fmt::format("sweep: {} cases of {}, every request valid; nothing run\n",
                               plan->case_count(), plan->spec().study);
    }
    return;
  }
  sweep::RunOptions run;
  run.out_dir = o.out.empty() ? std::filesystem::path(o.spec).stem().string() + ".sweep" : o.out;
  run.jobs = o.jobs;
  run.details = o.details;
  if (cluster.rank() == 0) run.progress = progress_printer(o.output);
  sweep::SweepSummary summary;
  try {
    summary = sweep::run_sweep(*plan, run, cluster);
  } catch (const std::exception& e) {
    if (cluster.size() == 1) throw;
    std::cerr << "ballast: error: " << e.what() << "\n";
    cluster.abort(dynamic_cast<const InputError*>(&e) != nullptr ? 2 : 1);
  }
  if (cluster.rank() != 0) return;
  print_summary(o, summary);
  if (!o.output.report.empty()) {
    write_report(o.output,
                 sweep::sweep_report(*plan, summary.jsonl_path, o.report_values).render());
  }
  if (summary.failed > 0) {
    std::cerr << fmt::format("ballast: {} case{} failed: see the status and error columns\n",
                             summary.failed, summary.failed == 1 ? "" : "s");
  }
}

}  // namespace

void register_sweep(CLI::App& app) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* sub = app.add_subcommand(
      "sweep",
      "Run many cases of one study from a spec (docs/sweep.md): threads, MPI ranks, resumable");
  sub->add_option("spec", o->spec, "Sweep spec (TOML): study, base keys and [axes]")
      ->required()
      ->check(CLI::ExistingFile)
      ->option_text("SPEC.toml");
  sub->add_option("--out", o->out,
                  "Folder of the results (results.csv, results.jsonl, cases/); running the same "
                  "command again resumes (default: SPEC.sweep in the current folder)")
      ->option_text("DIR");
  sub->add_option("--jobs", o->jobs, "Threads running cases (under MPI: on rank 0)")
      ->check(CLI::Range(1, 1024));
  sub->add_flag("--details", o->details, "Also write each case's full JSON to DIR/cases/");
  sub->add_flag("--no-mpi", o->no_mpi, "Run on threads only even when started by mpirun or srun");
  sub->add_flag("--dry-run", o->dry_run,
                "Check the spec and build every case's request; run nothing");
  sub->add_flag("--json", o->output.json, "Summary as JSON on stdout")->group("Output");
  sub->add_option("--report", o->output.report,
                  "Write an HTML report of the table: heatmaps over the last two numeric axes, "
                  "one per combination of the others")
      ->option_text("FILE.html")
      ->group("Output");
  sub->add_option("--report-value", o->report_values,
                  "A result column the report shows (repeatable; default: headroom's headroom "
                  "at each limit, dispatch's thermal peak and cost)")
      ->option_text("COLUMN")
      ->group("Output");
  sub->add_flag("--quiet", o->output.quiet, "No progress on stderr")->group("Output");
  sub->add_flag("--progress", o->output.progress,
                "Progress on stderr even when it is not a terminal")
      ->group("Output");
  sub->callback([o] { run_command(*o); });
}

}  // namespace ballast::cli
