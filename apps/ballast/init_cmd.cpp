// ballast init: writes a commented scenario template to fill in.

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "ballast/core/atomic_file.h"
#include "ballast/core/error.h"
#include "commands.h"
#include "init_templates.h"

namespace ballast::cli {
namespace {

struct InitOptions {
  std::string kind;
  std::string out;
  bool force = false;
};

void write_new(const std::filesystem::path& path, std::string_view text, bool force) {
  if (std::filesystem::exists(path) && !force) {
    throw InputError(path.string() + " exists; give another --out or --force to replace it");
  }
  write_file_atomically(path.string(), std::string(text));
  std::cerr << "ballast: wrote " << path.string() << "\n";
}

}  // namespace

void register_init(CLI::App& app) {
  auto o = std::make_shared<InitOptions>();
  CLI::App* cmd = app.add_subcommand(
      "init", "Write a commented scenario template: dispatch, market, transient or sweep");
  cmd->add_option("kind", o->kind, "dispatch, market, transient or sweep")
      ->required()
      ->transform(CLI::IsMember({"dispatch", "market", "transient", "sweep"}, CLI::ignore_case));
  cmd->add_option("--out", o->out, "File to write (default KIND.toml here)")
      ->option_text("FILE.toml");
  cmd->add_flag("--force", o->force, "Replace the file if it exists");
  cmd->callback([o] {
    const std::filesystem::path path = o->out.empty() ? o->kind + ".toml" : o->out;
    if (o->kind == "dispatch") {
      // the template's demand.csv goes beside it: data paths are relative to the scenario
      write_new(path.parent_path() / "demand.csv", kDispatchDemand, o->force);
      write_new(path, kDispatchTemplate, o->force);
    } else if (o->kind == "market") {
      write_new(path, kMarketTemplate, o->force);
    } else if (o->kind == "transient") {
      write_new(path, kTransientTemplate, o->force);
    } else {
      write_new(path, kSweepTemplate, o->force);
    }
  });
}

}  // namespace ballast::cli
