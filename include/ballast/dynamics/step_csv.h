#pragma once
/// @file The per-step CSV of a transient run (`ballast transient --out`): one row a step,
/// written as the run goes (constant memory) into a file that appears only when complete; or
/// kept in memory as a StepTable.

#include <cstdint>
#include <string>

#include "ballast/core/atomic_file.h"
#include "ballast/core/step_table.h"
#include "ballast/dynamics/simulator.h"

namespace ballast::dynamics {

/// The header row, with its newline.
inline constexpr const char* kStepCsvHeader =
    "time_s,site_mw,upstream_mw,battery_mw,soc_frac,frequency_hz\n";

/// Which columns of a row hold a value; the others are left empty (not applicable), never 0.
struct StepColumns {
  bool battery = true;    ///< battery_mw and soc_frac: the run has a battery
  bool frequency = true;  ///< frequency_hz: the run has an upstream model (grid or island)
};

/// The same rows kept in memory (TransientRequest::keep_steps): the CSV's columns after
/// time_s, row k at the end of step k + 1 (seconds from the run's start), room for `steps`.
StepTable step_table(std::int64_t step_us, std::size_t steps);
/// Appends the row of one step to a table made by step_table(); the columns `columns` leaves
/// out are NaN (the CSV's empty cells).
void add_step_row(StepTable& table, const StepState& s, StepColumns columns = {});

/// One row, with its newline: the step's end time (exact microseconds), then MW to 1 W, SOC
/// and frequency to 1e-9; the columns `columns` leaves out are empty.
std::string step_csv_row(std::int64_t t_us, const StepState& s, StepColumns columns = {});

/// Writes the header, then a row for each add(); the file appears under its name at commit().
class StepCsvWriter {
 public:
  /// Opens a temporary file beside `path` and writes the header; InputError if it cannot.
  explicit StepCsvWriter(const std::string& path, StepColumns columns = {});
  /// Appends the row of the step ending at `t_us`.
  void add(std::int64_t t_us, const StepState& s);
  /// Puts the file in place; InputError on failure (nothing is left behind).
  void commit() { file_.commit(); }

 private:
  AtomicFileWriter file_;
  StepColumns columns_;
};

}  // namespace ballast::dynamics
