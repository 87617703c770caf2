#include "progress.h"

#include <fmt/format.h>

#include <algorithm>

namespace ballast::python {

namespace {

// About a hundred reports a call, never fewer than 4096 steps apart (a storage step takes a
// few ns: taking the GIL costs more) nor more than 2^20 (Ctrl-C answers within milliseconds).
std::uint64_t stride_for(std::uint64_t total) {
  return std::clamp<std::uint64_t>(total / 100, 4096, std::uint64_t{1} << 20);
}

bool on_main_thread() {
  nb::module_ threading = nb::module_::import_("threading");
  return threading.attr("current_thread")().is(threading.attr("main_thread")());
}

}  // namespace

ProgressReporter::ProgressReporter(nb::handle progress, std::uint64_t total)
    : total_(total), stride_(stride_for(total)), next_(stride_), main_thread_(on_main_thread()) {
  if (progress.is_none()) {
  } else if (nb::isinstance<ProgressState>(progress)) {
    state_ = nb::inst_ptr<ProgressState>(progress);
    state_->done.store(0, std::memory_order_relaxed);
    state_->total.store(total, std::memory_order_relaxed);
    state_->calls.fetch_add(1, std::memory_order_relaxed);
  } else if (PyCallable_Check(progress.ptr())) {
    callback_ = progress;
  } else {
    throw nb::type_error(fmt::format("progress must be None, a callable progress(done, total) or a "
                                     "ballast.Progress (got {})",
                                     nb::type_name(progress.type()).c_str())
                             .c_str());
  }
}

void ProgressReporter::slow_report(std::uint64_t done) {
  next_ = done + stride_;
  if (state_) state_->done.store(done, std::memory_order_relaxed);
  if (!callback_ && !main_thread_) return;  // nothing needs the GIL
  nb::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw nb::python_error();
  if (callback_) {
    callback_(done, total_);
    reported_ = done;
  }
}

void ProgressReporter::finish() {
  if (state_) state_->done.store(total_, std::memory_order_relaxed);
  if (callback_ && reported_ != total_) callback_(total_, total_);  // once with done = total
}

StudyProgress::StudyProgress(nb::handle progress) : main_thread_(on_main_thread()) {
  if (progress.is_none()) {
  } else if (nb::isinstance<ProgressState>(progress)) {
    state_ = nb::inst_ptr<ProgressState>(progress);
    state_->done.store(0, std::memory_order_relaxed);
    state_->total.store(0, std::memory_order_relaxed);
    state_->calls.fetch_add(1, std::memory_order_relaxed);
  } else if (PyCallable_Check(progress.ptr())) {
    callback_ = progress;
  } else {
    throw nb::type_error(fmt::format("progress must be None, a callable progress(done, total) or a "
                                     "ballast.Progress (got {})",
                                     nb::type_name(progress.type()).c_str())
                             .c_str());
  }
}

Progress StudyProgress::callback() {
  if (!callback_ && !state_ && !main_thread_) return {};
  return [this](const ProgressEvent& e) { report(e); };
}

void StudyProgress::report(const ProgressEvent& e) {
  const auto whole = [](double x) { return static_cast<std::uint64_t>(std::max(0.0, x)); };
  if (state_) {
    state_->done.store(whole(e.done), std::memory_order_relaxed);
    state_->total.store(whole(e.total), std::memory_order_relaxed);
  }
  if (!callback_ && !main_thread_) return;
  nb::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() != 0) throw nb::python_error();
  if (callback_) callback_(e.done, e.total);
}

void bind_progress(nb::module_& m) {
  nb::class_<ProgressState>(m, "Progress",
                            "Progress of a long call, readable from any thread while it runs.\n\n"
                            "Pass it as `progress=` to a long call on one thread and read "
                            "`done`, `total` or `fraction` from another (a notebook's progress "
                            "bar, a GUI). One object follows one call at a time; it restarts "
                            "at 0 when the next call starts.")
      .def(nb::init<>())
      .def_prop_ro(
          "done", [](const ProgressState& s) { return s.done.load(std::memory_order_relaxed); },
          "Steps finished so far.")
      .def_prop_ro(
          "total", [](const ProgressState& s) { return s.total.load(std::memory_order_relaxed); },
          "Steps of the running (or last) call; 0 before any call.")
      .def_prop_ro(
          "calls", [](const ProgressState& s) { return s.calls.load(std::memory_order_relaxed); },
          "Calls started with this object.")
      .def_prop_ro(
          "fraction",
          [](const ProgressState& s) {
            const auto total = s.total.load(std::memory_order_relaxed);
            return total == 0 ? 0.0
                              : static_cast<double>(s.done.load(std::memory_order_relaxed)) /
                                    static_cast<double>(total);
          },
          "done / total, 0 before any call.")
      .def("__repr__", [](const ProgressState& s) {
        const auto done = s.done.load(std::memory_order_relaxed);
        const auto total = s.total.load(std::memory_order_relaxed);
        return fmt::format("Progress({} of {} steps)", done, total);
      });
}

}  // namespace ballast::python
