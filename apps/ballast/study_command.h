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

/// A study's subcommand with its request and output options, for commands that do more than
/// print the result (e.g. turn a result into an exit status).
template <class Request>
struct StudyCommand {
  CLI::App* app = nullptr;
  std::shared_ptr<Request> request;
  std::shared_ptr<OutputOptions> output;
};

/// Registers `name` with the request's fields (except `skip`) and the output options, without
/// a callback.
template <class Request>
StudyCommand<Request> add_study_options(CLI::App& app, const std::string& name,
                                        const std::string& help,
                                        const std::set<std::string>& skip = {}) {
  StudyCommand<Request> c{app.add_subcommand(name, help), std::make_shared<Request>(),
                          std::make_shared<OutputOptions>()};
  add_fields(*c.app, Request::fields(), *c.request, skip);
  add_output_options(*c.app, *c.output);
  return c;
}

/// Registers `name` as a subcommand running the study of `Request` (found by argument-dependent
/// lookup: run(request, progress), to_json, to_text, to_html).
template <class Request>
CLI::App* add_study_command(CLI::App& app, const std::string& name, const std::string& help,
                            const std::set<std::string>& skip = {}) {
  const StudyCommand<Request> c = add_study_options<Request>(app, name, help, skip);
  c.app->callback([c] { print_result(*c.output, run(*c.request, progress_printer(*c.output))); });
  return c.app;
}

}  // namespace ballast::cli
