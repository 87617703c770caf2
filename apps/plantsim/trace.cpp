#include "plantsim/trace.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>

#include "ballast/core/error.h"

namespace ballast::plantsim {

Trace::Trace(const std::string& path) : file_(std::fopen(path.c_str(), "w")) {
  if (file_ == nullptr) {
    throw InputError(fmt::format("cannot write the trace {}: {}", path, std::strerror(errno)));
  }
  std::fputs(kTraceHeader, file_);
  std::fputc('\n', file_);
  std::fflush(file_);
}

Trace::~Trace() {
  flush();
  std::fclose(file_);
}

void Trace::add(const PlantTruth& t) {
  // Power to 1 W and SOC to 1e-9: finer than any register the plant serves.
  const std::string row =
      fmt::format("{:.3f},{:.6f},{:.6f},{:.6f},{:.9f},{:.6f},{:.5f}\n", t.time_s, t.site_mw,
                  t.battery_mw, t.upstream_mw, t.soc, t.setpoint_mw, t.frequency_hz);
  const std::lock_guard lock(buffer_mutex_);
  buffer_ += row;
}

void Trace::flush() {
  std::string rows;
  {
    const std::lock_guard lock(buffer_mutex_);
    rows.swap(buffer_);
  }
  const std::lock_guard lock(file_mutex_);
  std::fwrite(rows.data(), 1, rows.size(), file_);
  std::fflush(file_);
}

}  // namespace ballast::plantsim
