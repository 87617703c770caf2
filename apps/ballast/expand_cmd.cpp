// ballast expand: the least-cost build (storage, generators, renewables) for a new load.

#include <iostream>

#include "ballast/expand/expand_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_expand(CLI::App& app) {
  using expand::ExpandRequest;
  const StudyCommand<ExpandRequest> c = add_study_options<ExpandRequest>(
      app, "expand",
      "Capacity expansion: the least-cost storage, generators and renewables for a new load, "
      "one LP over the whole chronology (COIN-OR CLP)");
  c.app->get_option("scenario")->required()->check(CLI::ExistingFile);
  c.app->get_option("--out")->option_text("DIR");
  c.app->get_option("--write-mps")->option_text("FILE.mps");
  c.app->callback([c] {
    const expand::ExpandStudyResult r = run(*c.request, progress_printer(*c.output));
    if (!c.request->out.empty()) {
      std::cerr << "ballast: wrote " << expand::write_csv(r, c.request->out) << "\n";
    }
    print_result(*c.output, r);
  });
}

}  // namespace ballast::cli
