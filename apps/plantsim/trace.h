#pragma once
/// @file The plant-truth trace: CSV rows buffered in memory by the physics thread and written
/// by whoever calls flush() (main, once a second), so the physics never waits on the disk.

#include <cstdio>
#include <mutex>
#include <string>

#include "plantsim/plant.h"

namespace ballast::plantsim {

/// Header of the trace CSV.
inline constexpr const char* kTraceHeader =
    "time_s,site_mw,battery_mw,upstream_mw,soc,setpoint_mw,frequency_hz";

/// A CSV file of PlantTruth rows.
class Trace {
 public:
  /// Creates `path` and writes the header; throws InputError when it cannot.
  explicit Trace(const std::string& path);
  /// Flushes and closes.
  ~Trace();
  Trace(const Trace&) = delete;
  Trace& operator=(const Trace&) = delete;

  /// Appends one row to the buffer (no I/O).
  void add(const PlantTruth& t);
  /// Writes the buffered rows to the file.
  void flush();

 private:
  std::mutex buffer_mutex_;
  std::string buffer_;
  std::mutex file_mutex_;
  std::FILE* file_ = nullptr;
};

}  // namespace ballast::plantsim
