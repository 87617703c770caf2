#pragma once
// Load files read again in one process (the cases of a sweep, a Python loop over years) are
// parsed once: parsing 9 years of hourly CSV costs more than a headroom search on them.

#include <string>

#include "ballast/core/csv_time_series.h"

namespace ballast::plan {

/// read_time_series_csv(path, options), from a small cache of recent reads keyed by the path,
/// the file's size and modification time, and every reader option. Thread-safe; InputError as
/// the reader (errors are not cached).
CsvSeries read_csv_cached(const std::string& path, const CsvReadOptions& options);

}  // namespace ballast::plan
