#pragma once
/// @file The site's load as plantsim plays it: a constant, a step profile with linear
/// transitions, a CSV trace or a synthetic AI-datacenter workload.

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ballast::plantsim {

/// A constant site load.
struct ConstantLoad {
  double power_mw = 50;  ///< MW
};

/// Levels that start at given times and are reached linearly within transition_ms.
struct StepProfile {
  std::vector<std::pair<std::int64_t, double>> levels;  ///< (ms since start, MW), sorted
  std::int64_t transition_ms = 100;  ///< time to move from one level to the next, ms
  std::int64_t repeat_ms = 0;        ///< period of the profile, ms (0: no repeat)

  /// Throws InputError: no levels, unsorted times, levels closer than transition_ms, a period
  /// that ends before the last transition.
  void validate() const;
};

/// A CSV trace (steps of 1 s or more), linearly interpolated and repeated after its end.
struct CsvLoad {
  std::string path;
  std::string column;  ///< value column (empty: "demand_mw" or the only numeric one)
};

/// A ballast workload scenario (its [workload] table), repeated after its duration.
struct WorkloadLoad {
  std::string path;  ///< scenario TOML
};

/// Where the site's load comes from.
using LoadSpec = std::variant<ConstantLoad, StepProfile, CsvLoad, WorkloadLoad>;

/// The site load as a function of time; asked at non-decreasing times.
class SiteLoad {
 public:
  virtual ~SiteLoad() = default;
  /// The site's power at `t_us` microseconds since the start, MW.
  virtual double power_mw(std::int64_t t_us) = 0;
};

/// The value of a (validated) step profile at `t_us` microseconds since the start, MW.
double step_profile_mw(const StepProfile& profile, std::int64_t t_us);

/// The load a spec describes; files are read now. Throws InputError.
std::unique_ptr<SiteLoad> make_site_load(const LoadSpec& spec);

}  // namespace ballast::plantsim
