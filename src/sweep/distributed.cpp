// A sweep across MPI ranks. Rank 0 keeps the table: it answers each worker's request with the
// next pending case (dynamic scheduling: a cheap case frees its rank at once) and appends the
// row the worker sends back. Its main thread is the only one that calls MPI (funneled); it
// polls for requests and sleeps between polls, so that rank 0's own case threads keep the core.
// MPI itself is in a module loaded only here (mpi_transport.h), when a launcher started us.

#include "distributed.h"

#include <dlfcn.h>
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "ballast/core/error.h"
#include "mpi_transport.h"
#include "scheduler.h"

namespace ballast::sweep {
namespace {

void check(int code, const char* what) {
  if (code != 0) throw InternalError(std::string("MPI: ") + what + " failed");
}

// libballast_mpi.so next to the program, else where the build put it.
const BallastMpiTransport* load_transport() {
#ifdef BALLAST_MPI_MODULE
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::filesystem::path beside = exe.parent_path() / "libballast_mpi.so";
  const std::string path =
      !ec && std::filesystem::exists(beside, ec) ? beside.string() : BALLAST_MPI_MODULE;
  // Global: Open MPI's own plugins, which it loads in MPI_Init, need libmpi's symbols.
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (module == nullptr) {
    throw InternalError(
        fmt::format("started by an MPI launcher, but the MPI module cannot be "
                    "loaded ({}); run with --no-mpi, or rebuild ballast",
                    dlerror()));
  }
  const auto get = reinterpret_cast<BallastMpiTransportFn>(dlsym(module, "ballast_mpi_transport"));
  const BallastMpiTransport* t = get != nullptr ? get() : nullptr;
  if (t == nullptr || t->abi != kBallastMpiAbi) {
    throw InternalError(fmt::format("{} is not this ballast's MPI module; rebuild ballast", path));
  }
  return t;
#else
  return nullptr;  // built without MPI: a sweep is this process alone (threads only)
#endif
}

// Answers requests until every worker has had its two "none left" answers (see work()).
void serve(const BallastMpiTransport& mpi, Scheduler& scheduler, int workers) {
  int active = 2 * workers;
  std::string buffer;
  // Idle polls back off from 50 us to 1 ms, leaving the core to rank 0's own cases: each
  // worker holds a case in reserve, so an answer up to a millisecond late costs it nothing.
  std::chrono::microseconds pause(50);
  while (active > 0) {
    int ready = 0, source = 0, size = 0;
    check(mpi.probe_row(&ready, &source, &size), "probe");
    if (ready == 0) {
      std::this_thread::sleep_for(pause);
      pause = std::min(2 * pause, std::chrono::microseconds(1000));
      continue;
    }
    pause = std::chrono::microseconds(50);
    buffer.resize(static_cast<std::size_t>(size));
    check(mpi.receive_row(buffer.data(), size, source), "receive");
    if (!buffer.empty()) scheduler.record(buffer.substr(1), buffer[0] == '1');
    const std::int64_t next = scheduler.next().value_or(-1);
    check(mpi.send_case(next, source), "send");
    if (next < 0) --active;
  }
}

// Each worker keeps one case in reserve: it asks twice at the start, and each row it sends back
// asks for one more, so that it never waits for rank 0 between two cases.
void work(const BallastMpiTransport& mpi, const SweepPlan& plan, const RunOptions& options) {
  const auto send = [&](const std::string& message) {
    check(mpi.send_row(message.data(), static_cast<int>(message.size())), "send");
  };
  send("");
  send("");
  std::int64_t index = -1, reserve = -1;
  check(mpi.receive_case(&index), "receive");
  check(mpi.start_case(&reserve), "receive");
  while (index >= 0) {
    bool failed = false;
    const std::string line = run_case_line(plan, index, options, &failed);
    check(mpi.finish_case(), "receive");
    send((failed ? "1" : "0") + line);
    index = reserve;
    check(mpi.start_case(&reserve), "receive");
  }
  check(mpi.finish_case(), "receive");  // the answer to the last request
}

}  // namespace

Cluster::Cluster(bool allow_mpi) {
  if (!allow_mpi || !launched_by_mpi()) return;
  mpi_ = load_transport();
  if (mpi_ == nullptr) return;
  check(mpi_->init(&rank_, &size_), "init");
}

Cluster::~Cluster() {
  if (mpi_ != nullptr) mpi_->finalize();
}

void Cluster::abort(int code) const {
  if (mpi_ != nullptr) mpi_->abort(code);
  std::exit(code);
}

SweepSummary run_distributed(const SweepPlan& plan, const RunOptions& options,
                             const Cluster& cluster) {
  if (cluster.mpi() == nullptr) throw InternalError("a sweep across ranks without MPI");
  if (cluster.rank() != 0) {
    work(*cluster.mpi(), plan, options);
    return {};
  }
  // Rank 0 opens the table before any worker is answered; a worker's first request waits.
  Scheduler scheduler(plan, options);
  std::exception_ptr error;
  std::thread local([&] {
    try {
      run_threads(scheduler, plan, options, std::max(1, options.jobs));
    } catch (...) {
      error = std::current_exception();
    }
  });
  serve(*cluster.mpi(), scheduler, cluster.size() - 1);
  local.join();
  if (error) std::rethrow_exception(error);
  return scheduler.finish(cluster.size());
}

}  // namespace ballast::sweep
