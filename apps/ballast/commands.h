#pragma once
// Each subcommand registers itself on the app: its options table and the function it runs.

#include <CLI/CLI.hpp>
#include <string_view>

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

/// A subcommand's name and the function that adds it to the app.
struct Command {
  std::string_view name;
  void (*add)(CLI::App&);
  /// The heap is kept for short studies (core/heap.h). Off for one long LP solve: CLP's many
  /// re-allocations leave holes in a heap kept that way (the Taiwan peak dispatch peaked at
  /// 302 MB instead of 262 MB with glibc's defaults, in the same time).
  bool study_heap = true;
};
/// Every subcommand, in the order `ballast --help` lists them.
inline constexpr Command kCommands[] = {
    {"headroom", register_headroom},    {"size", register_size},
    {"steady", register_steady},        {"dispatch", register_dispatch, false},
    {"market", register_market},        {"frequency", register_frequency},
    {"workload", register_workload},    {"transient", register_transient},
    {"aging", register_aging},          {"sweep", register_sweep},
    {"expand", register_expand, false}, {"init", register_init},
};
/// The subcommand named exactly `name`, or null.
inline const Command* find_command(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace ballast::cli
