// ballast dispatch: the LP dispatch of a whole fleet over a scenario's horizon.

#include <iostream>
#include <memory>

#include "ballast/dispatch/dispatch_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_dispatch(CLI::App& app) {
  using dispatch::DispatchRequest;
  auto request = std::make_shared<DispatchRequest>();
  auto output = std::make_shared<OutputOptions>();
  CLI::App* cmd = app.add_subcommand(
      "dispatch", "LP dispatch of generators, renewables, storage and new loads (COIN-OR CLP)");
  add_fields(*cmd, DispatchRequest::fields(), *request);
  cmd->get_option("scenario")->required()->check(CLI::ExistingFile);
  cmd->get_option("--out")->option_text("DIR");
  cmd->get_option("--write-mps")->option_text("FILE.mps");
  add_output_options(*cmd, *output);
  cmd->callback([request, output] {
    const dispatch::DispatchStudyResult r = run(*request, progress_printer(*output));
    if (!request->out.empty()) {
      std::cerr << "ballast: wrote " << dispatch::write_csv(r, request->out) << "\n";
    }
    print_result(*output, r);
  });
}

}  // namespace ballast::cli
