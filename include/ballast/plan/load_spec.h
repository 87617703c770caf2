#pragma once
/// @file Where a planning study's load comes from — a CSV file, a built-in grid, or a series in
/// memory (Python) — and how its calendar and capacity limit are read.

#include <optional>
#include <string>

#include "ballast/core/fields.h"
#include "ballast/core/time_series.h"
#include "ballast/plan/grid.h"

namespace ballast::plan {

/// The load of a planning study and the limit it must stay under.
struct LoadSpec {
  std::string load;  ///< CSV path; empty: `series`, else the built-in `grid`
  std::string grid = "ERCO";
  std::string column;
  std::optional<double> utc_offset_h;
  std::string fill = "none";
  std::string time_label;  ///< "start" or "end"; empty: end for built-in grids, else start
  std::optional<int> year;
  std::string threshold;  ///< "seasonal", "peak" or a capacity in MW; empty: the study's default
  std::string method = "duke";
  std::string timezone;                ///< IANA name or UTC+HH:MM; empty: the grid's, else UTC
  std::string partial_years = "drop";  ///< drop, weight or keep
  std::string delimiter;               ///< ",", ";" or "tab"; empty: detect
  std::string decimal = "auto";        ///< auto, point or comma
  std::string unit;                    ///< W, kW, MW, GW; empty: from the column name, else MW
  std::string time_format = "auto";    ///< auto, mdy or dmy
  /// A series given in memory (Python); used when `load` is empty. `series_offset_min` is its
  /// calendar's offset when known. A borrowed series (LoadValues::borrowed) is read in place:
  /// its memory must outlive the study's result.
  std::optional<LoadSeries> series;
  std::optional<int> series_offset_min;

  static const FieldTable<LoadSpec>& fields();
};

/// A grid read and prepared, and a name for where it came from.
struct LoadedGrid {
  Grid grid;
  std::string source;      ///< e.g. "ERCO (EIA-930, Ruggles et al. 2020, CC BY 4.0)" or the path
  std::size_t filled = 0;  ///< intervals filled by fill = linear
};

/// The folder of the built-in data: $BALLAST_DATA_DIR, else the one the library was built with.
std::string data_dir();

/// Reads the load and builds the grid with `default_threshold` when the spec gives none;
/// InputError on any problem.
LoadedGrid load_grid(const LoadSpec& spec, const std::string& default_threshold);

/// "note: ..." lines for a text header ("" when there are none).
std::string notes_text(const std::vector<std::string>& notes);

/// "seasonal", "peak" or a capacity ("80000", "80GW"); InputError otherwise.
Threshold parse_threshold(const std::string& text);

}  // namespace ballast::plan
