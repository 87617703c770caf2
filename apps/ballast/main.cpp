// ballast: energy storage planning from the command line. A thin shell over the library:
// each subcommand parses its options, calls the library and prints.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "ballast/core/error.h"
#include "commands.h"

int main(int argc, char** argv) {
  CLI::App app{"ballast: plan and operate energy storage for the AI power era"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "ballast 0.1.0");
  ballast::cli::register_headroom(app);
  ballast::cli::register_size(app);
  ballast::cli::register_steady(app);
  ballast::cli::register_dispatch(app);
  ballast::cli::register_market(app);
  ballast::cli::register_frequency(app);
  ballast::cli::register_workload(app);
  ballast::cli::register_transient(app);
  ballast::cli::register_aging(app);
  ballast::cli::register_sweep(app);
  ballast::cli::register_expand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;  // bad input
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
