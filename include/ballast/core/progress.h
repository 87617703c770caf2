#pragma once
/// @file Progress of long work, reported to whoever called (the CLI prints it on stderr, Python
/// passes it to a callback, a sweep counts cases). The library never prints.

#include <functional>
#include <string>

namespace ballast {

/// One report of progress.
struct ProgressEvent {
  std::string phase;   ///< what is running, e.g. "search", "LP stage 1", "simulate"
  double done = 0;     ///< units of work done
  double total = 0;    ///< units of work in all; 0 when unknown (e.g. simplex iterations)
  std::string detail;  ///< e.g. "limit 0.5 %" or "iteration 1200, objective 33059.5"
};

/// Called from the working thread; may throw to cancel the work (the exception propagates).
using Progress = std::function<void(const ProgressEvent&)>;

/// Calls `progress` when it is set.
inline void notify(const Progress& progress, const ProgressEvent& event) {
  if (progress) progress(event);
}

}  // namespace ballast
