#pragma once
/// @file Load files read again and again by one process during a sweep are parsed once:
/// parsing 9 years of hourly CSV costs more than a headroom search on one of them. Caching is on
/// only while a CsvCacheScope lives (the sweep holds one), so a file that changes between two
/// single studies is always read afresh.

#include <string>

#include "ballast/core/csv_time_series.h"

namespace ballast::plan {

/// While one lives, read_csv_cached() keeps the last few files read (keyed by the path, the
/// file's size and modification time, and every reader option); the last one to go empties the
/// cache. Thread-safe.
class CsvCacheScope {
 public:
  CsvCacheScope();
  ~CsvCacheScope();
  CsvCacheScope(const CsvCacheScope&) = delete;
  CsvCacheScope& operator=(const CsvCacheScope&) = delete;
};

/// read_time_series_csv(path, options), from the cache while a CsvCacheScope lives. InputError
/// as the reader (errors are not cached).
CsvSeries read_csv_cached(const std::string& path, const CsvReadOptions& options);

}  // namespace ballast::plan
