// ballast frequency: a deterministic synthetic grid frequency (mean-reverting noise plus unit
// trips), written as CSV for `ballast market run --frequency`, with a summary.

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ballast/market/frequency_study.h"
#include "commands.h"
#include "study_command.h"

namespace ballast::cli {

void register_frequency(CLI::App& app) {
  using market::FrequencyRequest;
  const auto c = add_study_options<FrequencyRequest>(
      app, "frequency", "Synthetic grid frequency: mean-reverting noise plus unit trips (seeded)",
      {"trip"});
  // --trip repeats on the command line; the request holds the trips as one ';'-joined value.
  c.app->add_option_function<std::vector<std::string>>(
      "--trip",
      [r = c.request](const std::vector<std::string>& trips) {
        FrequencyRequest::fields().set(*r, "trip", fmt::format("{}", fmt::join(trips, ";")), {},
                                       "--trip");
      },
      "A unit trip HH:MM[:SS],MW after the start (repeatable)");
  c.app->callback([c] { print_result(*c.output, run(*c.request, progress_printer(*c.output))); });
}

}  // namespace ballast::cli
