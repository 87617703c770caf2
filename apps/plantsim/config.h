#pragma once
/// @file plantsim's configuration: defaults, overridden by a TOML file (every key documented in
/// docs/plantsim.md), overridden by command-line options.

#include <string>

#include "plantsim/load_profile.h"
#include "plantsim/plant.h"
#include "plantsim/runner.h"

namespace ballast::plantsim {

/// Everything plantsim runs with.
struct Config {
  std::string host = "127.0.0.1";  ///< Modbus server address (IPv4)
  int port = 1502;                 ///< Modbus server port (0: a free port)
  std::string registers_path;      ///< register map TOML (empty: RegisterMap::defaults())
  int power_scale_factor = 1;      ///< served power exponent: raw x 10^sf W (1: 10 W steps)
  PlantParams plant;
  LoadSpec load = ConstantLoad{};
  RunnerOptions runner;
  std::string control_host = "127.0.0.1";  ///< control API address
  int control_port = 8502;                 ///< control API port (0: a free port)
  std::string trace_path;                  ///< plant-truth CSV (empty: none)
};

/// Reads `path` over the defaults. Throws InputError at file:line:column (unknown keys too).
Config read_config(const std::string& path);

}  // namespace ballast::plantsim
