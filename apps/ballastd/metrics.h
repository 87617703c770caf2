#pragma once
/// @file Prometheus metrics (text exposition format 0.0.4) of the daemon's status.

#include <cstdint>
#include <string>

#include "state.h"

namespace ballast::ballastd {

/// The content type GET /metrics answers with.
inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

/// All metrics of `status` at Unix time `now_ms` (ms; for ballastd_uptime_seconds). Names start
/// with ballastd_; powers in megawatts, SOC as a ratio, times in seconds; unknown values NaN.
std::string prometheus_text(const Status& status, std::int64_t now_ms);
/// The same at the current wall-clock time.
std::string prometheus_text(const Status& status);

}  // namespace ballast::ballastd
