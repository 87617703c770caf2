#pragma once
// Options shared by the planning commands: where the load comes from, storage, output.

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "ballast/plan/grid.h"
#include "ballast/plan/headroom.h"

namespace ballast::cli {

struct LoadOptions {
  std::string load;  // CSV path; empty: the named --grid from data/
  std::string grid = "ERCO";
  std::string column;
  std::optional<double> utc_offset_h;
  std::string fill = "none";
  std::string time_label;  // "start" or "end"; empty: end for built-in grids, else start
  std::optional<int> year;
  std::string threshold;  // "seasonal", "peak" or MW; empty: the command's default
  std::string method = "duke";
  // --- readers, time zones and partial years (issue 12) ---
  std::string timezone;                // IANA name or UTC+HH:MM; empty: see load_grid
  std::string partial_years = "drop";  // drop, weight or keep
  std::string delimiter;               // ",", ";", "tab"; empty: detect
  std::string decimal = "auto";        // auto, point or comma
  std::string unit;                    // W, kW, MW, GW; empty: from the column name, else MW
  std::string time_format = "auto";    // auto, mdy or dmy
};

struct StorageOptions {
  std::string shorthand;  // "10GW/40GWh@85%"
  std::optional<double> power_mw, energy_mwh, efficiency, charge_efficiency, discharge_efficiency;
  double soc_min = 0, soc_max = 1, standing_loss_per_h = 0;
  std::string soc_start = "cyclic";
};

struct OutputOptions {
  bool json = false;
  std::string report;  // HTML path
};

/// A grid read and prepared, and a name for where it came from.
struct LoadedGrid {
  plan::Grid grid;
  std::string source;
};

/// "note: ..." lines for a table header ("" when there are none).
std::string notes_text(const std::vector<std::string>& notes);

void add_load_options(CLI::App& app, LoadOptions& o, const std::string& default_threshold);
/// Efficiencies, SOC window, losses and start; with `with_unit` also --storage, --storage-mw
/// and --storage-mwh.
void add_storage_options(CLI::App& app, StorageOptions& o, bool with_unit);
void add_output_options(CLI::App& app, OutputOptions& o);

/// Reads the load and builds the grid; InputError on any problem.
LoadedGrid load_grid(const LoadOptions& o, const std::string& default_threshold);
/// The storage the options describe, or nullopt when none was given.
std::optional<plan::StorageOption> make_storage(const StorageOptions& o);
/// Efficiencies, SOC window and losses from the options, with the given power and energy.
StorageParams storage_params(const StorageOptions& o, double power_mw, double energy_mwh);
SocStart soc_start(const StorageOptions& o);

/// Prints `text` to stdout, or writes the HTML report atomically when asked.
void write_report(const OutputOptions& o, const std::string& html);

}  // namespace ballast::cli
