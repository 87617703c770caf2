#pragma once
// A planning study (headroom, size, steady) as a subcommand: the study's options and output
// options, and --out FILE.csv for its per-step table (plan/plan_steps.h).

#include <memory>
#include <string>

#include "ballast/plan/plan_steps.h"
#include "study_command.h"

namespace ballast::cli {

/// Registers `name` running the planning study of `Request`; with --out the per-step CSV is
/// written (atomically) before the result is printed.
template <class Request>
CLI::App* add_plan_command(CLI::App& app, const std::string& name, const std::string& help) {
  const StudyCommand<Request> c = add_study_options<Request>(app, name, help);
  auto out = std::make_shared<std::string>();
  c.app
      ->add_option("--out", *out,
                   "Write the per-step table as CSV: time, load_mw, limit_mw and, for each "
                   "answer, new_load_served_mw, curtailed_mw, storage_mw, energy_mwh")
      ->option_text("FILE.csv")
      ->group("Output");
  c.app->callback([c, out] {
    const auto result = run(*c.request, progress_printer(*c.output));
    if (!out->empty()) plan::write_steps_csv(plan::plan_steps(result), *out);
    print_result(*c.output, result);
  });
  return c.app;
}

}  // namespace ballast::cli
