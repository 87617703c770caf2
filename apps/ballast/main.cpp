// ballast: energy storage planning from the command line. A thin shell over the library:
// each subcommand parses its options, calls the library and prints.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <string_view>

#include "ballast/core/error.h"
#include "ballast/core/heap.h"
#include "commands.h"

int main(int argc, char** argv) {
  // Only the subcommand the command line names is built: building all twelve option tables
  // was most of the time of a short run. --version needs none; --help and anything else get
  // them all.
  const std::string_view first = argc > 1 ? argv[1] : "";
  const ballast::cli::Command* only = ballast::cli::find_command(first);
  if (only == nullptr || only->study_heap) ballast::prepare_heap();
  CLI::App app{"ballast: plan and operate energy storage for the AI power era"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ballast 0.1.0");
  app.footer(
      "Numbers take the spellings people type: powers 5000, 5000MW or 5GW; energies 20GWh; "
      "fractions 0.85 or 85%; percents 0.5 or 0.5%; durations 900, 15min or 48h; storage "
      "10GW/40GWh@85%. Names (grids, models, choices) in any case: ERCOT, pjm. Old option names "
      "still work for one release, with a warning. See docs/cli.md.");
  for (const ballast::cli::Command& c : ballast::cli::kCommands) {
    if ((only != nullptr && &c != only) || (argc == 2 && first == "--version")) continue;
    c.add(app);
    // The table's name must be the one the subcommand registers, or a typed name would miss it.
    if (app.get_subcommands([&](CLI::App* s) { return s->get_name() == c.name; }).empty()) {
      std::cerr << "ballast: internal error: no subcommand " << c.name << "\n";
      return 1;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {  // bad input, said as every other input error is
    std::cerr << "ballast: error: " << e.what() << "\nRun with --help for more information.\n";
    return 2;
  } catch (const ballast::InputError& e) {
    std::cerr << "ballast: error: " << e.what() << "\n";
    return 2;
  } catch (const ballast::InfeasibleError& e) {
    std::cerr << "ballast: no answer: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "ballast: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
