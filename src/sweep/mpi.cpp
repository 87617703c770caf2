// A sweep across MPI ranks. Rank 0 keeps the table: it answers each worker's request with the
// next pending case (dynamic scheduling: a cheap case frees its rank at once) and appends the
// row the worker sends back. Its main thread is the only one that calls MPI (funneled); it
// polls for requests and sleeps between polls, so that rank 0's own case threads keep the core.

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>

#include "ballast/core/error.h"
#include "distributed.h"
#include "scheduler.h"

namespace ballast::sweep {
namespace {

constexpr int kTagRow = 1;   // worker -> 0: "" (first request) or failed flag + row
constexpr int kTagCase = 2;  // 0 -> worker: the case index, -1 when none is left

void check(int code, const char* what) {
  if (code != MPI_SUCCESS) throw InternalError(std::string("MPI: ") + what + " failed");
}

// Answers requests until every worker has had its two "none left" answers (see work()).
void serve(Scheduler& scheduler, int workers) {
  int active = 2 * workers;
  std::string buffer;
  while (active > 0) {
    int ready = 0;
    MPI_Status status;
    check(MPI_Iprobe(MPI_ANY_SOURCE, kTagRow, MPI_COMM_WORLD, &ready, &status), "probe");
    if (ready == 0) {
      std::this_thread::sleep_for(std::chrono::microseconds(100));
      continue;
    }
    int size = 0;
    MPI_Get_count(&status, MPI_CHAR, &size);
    buffer.resize(static_cast<std::size_t>(size));
    check(MPI_Recv(buffer.data(), size, MPI_CHAR, status.MPI_SOURCE, kTagRow, MPI_COMM_WORLD,
                   MPI_STATUS_IGNORE),
          "receive");
    if (!buffer.empty()) scheduler.record(buffer.substr(1), buffer[0] == '1');
    const std::int64_t next = scheduler.next().value_or(-1);
    check(MPI_Send(&next, 1, MPI_INT64_T, status.MPI_SOURCE, kTagCase, MPI_COMM_WORLD), "send");
    if (next < 0) --active;
  }
}

// Each worker keeps one case in reserve: it asks twice at the start, and each row it sends back
// asks for one more, so that it never waits for rank 0 between two cases.
void work(const SweepPlan& plan, const RunOptions& options) {
  const auto send = [](const std::string& message) {
    check(MPI_Send(message.data(), static_cast<int>(message.size()), MPI_CHAR, 0, kTagRow,
                   MPI_COMM_WORLD),
          "send");
  };
  send("");
  send("");
  std::int64_t index = -1, reserve = -1;
  check(MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagCase, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
        "receive");
  MPI_Request pending;
  check(MPI_Irecv(&reserve, 1, MPI_INT64_T, 0, kTagCase, MPI_COMM_WORLD, &pending), "receive");
  while (index >= 0) {
    bool failed = false;
    const std::string line = run_case_line(plan, index, options, &failed);
    check(MPI_Wait(&pending, MPI_STATUS_IGNORE), "receive");
    send((failed ? "1" : "0") + line);
    index = reserve;
    check(MPI_Irecv(&reserve, 1, MPI_INT64_T, 0, kTagCase, MPI_COMM_WORLD, &pending), "receive");
  }
  check(MPI_Wait(&pending, MPI_STATUS_IGNORE), "receive");  // the answer to the last request
}

}  // namespace

Cluster::Cluster(bool allow_mpi) {
  if (!allow_mpi || !launched_by_mpi()) return;
  int provided = 0;
  check(MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided), "init");
  mpi_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

Cluster::~Cluster() {
  if (mpi_) MPI_Finalize();
}

void Cluster::abort(int code) const {
  if (mpi_) MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

SweepSummary run_distributed(const SweepPlan& plan, const RunOptions& options,
                             const Cluster& cluster) {
  if (cluster.rank() != 0) {
    work(plan, options);
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
  serve(scheduler, cluster.size() - 1);
  local.join();
  if (error) std::rethrow_exception(error);
  return scheduler.finish(cluster.size());
}

}  // namespace ballast::sweep
