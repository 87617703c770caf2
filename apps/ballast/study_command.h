#pragma once
// A study as a subcommand: the request's fields become options, the output options are added,
// and the callback runs the study and prints its result as text, JSON or an HTML report.

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "ballast/core/progress.h"
#include "cli_fields.h"

namespace ballast::cli {

/// Where and how a command's result goes.
struct OutputOptions {
  bool json = false;
  std::string report;  // HTML path
  bool quiet = false;
  bool progress = false;
};

/// --json, --report, --quiet, --progress.
void add_output_options(CLI::App& app, OutputOptions& o);

/// Progress on stderr: shown when stderr is a terminal or with --progress, never with --quiet.
Progress progress_printer(const OutputOptions& o);

/// Writes the HTML report atomically when one was asked for, and says so on stderr.
void write_report(const OutputOptions& o, const std::string& html);

/// Prints a study's result: the report file if asked, then JSON or the text table on stdout.
template <class Result>
void print_result(const OutputOptions& o, const Result& r) {
  if (!o.report.empty()) write_report(o, to_html(r).render());
  if (o.json) {
    std::cout << to_json(r).dump(2) << "\n";
  } else {
    std::cout << to_text(r);
  }
}

/// Registers `name` as a subcommand running the study of `Request` (found by argument-dependent
/// lookup: run(request, progress), to_json, to_text, to_html).
template <class Request>
CLI::App* add_study_command(CLI::App& app, const std::string& name, const std::string& help,
                            const std::set<std::string>& skip = {}) {
  auto request = std::make_shared<Request>();
  auto out = std::make_shared<OutputOptions>();
  CLI::App* cmd = app.add_subcommand(name, help);
  add_fields(*cmd, Request::fields(), *request, skip);
  add_output_options(*cmd, *out);
  cmd->callback([request, out] { print_result(*out, run(*request, progress_printer(*out))); });
  return cmd;
}

}  // namespace ballast::cli
