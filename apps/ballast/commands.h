#pragma once
// Each subcommand registers itself on the app: its options table and the function it runs.

#include <CLI/CLI.hpp>

namespace ballast::cli {

void register_headroom(CLI::App& app);
void register_size(CLI::App& app);
void register_steady(CLI::App& app);
void register_dispatch(CLI::App& app);
void register_market(CLI::App& app);
void register_frequency(CLI::App& app);
void register_workload(CLI::App& app);
void register_transient(CLI::App& app);
void register_aging(CLI::App& app);
void register_sweep(CLI::App& app);
void register_expand(CLI::App& app);
void register_init(CLI::App& app);

}  // namespace ballast::cli
