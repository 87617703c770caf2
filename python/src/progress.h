#pragma once
/// @file Progress of a long C++ call that runs with the GIL released: a Python callback
/// `progress(done, total)`, or a ballast.Progress object that another thread polls. The loop
/// calls report() without the GIL; the GIL is taken only every `stride` steps, to call the
/// callback and (on the main thread) to let Ctrl-C raise KeyboardInterrupt.
///
/// The pattern for a binding:
///
///   [](Thing& t, const Array& x, nb::handle progress) {
///     ProgressReporter reporter(progress, x.shape(0));  // GIL held: reads the argument
///     std::vector<double> out(x.shape(0));
///     {
///       nb::gil_scoped_release nogil;                    // no Python object touched below
///       for (std::size_t i = 0; i < n; ++i) { out[i] = ...; reporter.report(i + 1); }
///     }
///     reporter.finish();
///     return to_numpy(std::move(out));                   // GIL held again
///   }
///
/// An exception raised by the callback (or KeyboardInterrupt) leaves report() as
/// nb::python_error and reaches the caller unchanged.

#include <atomic>
#include <cstdint>

#include "ballast/core/progress.h"
#include "common.h"

namespace ballast::python {

/// What ballast.Progress holds: steps done and the call's total, updated by the running call
/// and readable from any thread without the GIL.
struct ProgressState {
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> total{0};
  std::atomic<std::uint64_t> calls{0};  ///< calls started with this object
};

/// Reports one call's progress. Made with the GIL held from the call's `progress` argument
/// (None, a callable or a ballast.Progress), which it borrows: the argument outlives the call.
class ProgressReporter {
 public:
  /// Throws TypeError (nb::type_error) if `progress` is neither None, callable nor Progress.
  ProgressReporter(nb::handle progress, std::uint64_t total);

  /// `done` steps are finished (GIL released or held). Cheap until the next stride.
  void report(std::uint64_t done) {
    if (done >= next_) slow_report(done);
  }
  /// The call finished: done = total, and a last callback (GIL held).
  void finish();

 private:
  void slow_report(std::uint64_t done);

  nb::handle callback_;             // borrowed; null when none
  ProgressState* state_ = nullptr;  // when a ballast.Progress was given
  std::uint64_t total_;
  std::uint64_t stride_;
  std::uint64_t next_;
  std::uint64_t reported_ = 0;  // the last `done` the callback was given
  bool main_thread_;            // Ctrl-C is delivered to the main thread only
};

/// The library's Progress for one study call, made with the GIL held from the call's
/// `progress` argument (as ProgressReporter). Each event goes to the callback as
/// `progress(done, total)` with the GIL taken, or to the ballast.Progress; on the main thread
/// a pending Ctrl-C cancels the study (KeyboardInterrupt).
class StudyProgress {
 public:
  explicit StudyProgress(nb::handle progress);
  /// The callback to pass to the study; valid while this object lives.
  Progress callback();

 private:
  void report(const ProgressEvent& event);

  nb::handle callback_;
  ProgressState* state_ = nullptr;
  bool main_thread_;
};

}  // namespace ballast::python
