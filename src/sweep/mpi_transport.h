#pragma once
// The calls a distributed sweep makes to MPI, as a table of C functions. They live in a small
// shared module (src/sweep/mpi_transport.cpp, libballast_mpi.so) that `ballast sweep` loads
// only when an MPI launcher started it: every other ballast process runs without loading
// Open MPI (about 4 ms of loading and relocation at each start). The protocol itself (which
// rank asks, which answers) is in src/sweep/distributed.cpp.

#include <cstdint>

extern "C" {

/// Bumped when the table changes; the module and the program must agree.
inline constexpr int kBallastMpiAbi = 1;

/// Each function returns 0 on success, else a nonzero MPI error code.
struct BallastMpiTransport {
  int abi;
  /// MPI_Init_thread (funneled: only the calling thread uses MPI); this rank and the size.
  int (*init)(int* rank, int* size);
  void (*finalize)();
  void (*abort)(int code);
  /// Rank 0: is a row (or a first request) waiting? Its sender and length in bytes.
  int (*probe_row)(int* ready, int* source, int* size);
  int (*receive_row)(char* buffer, int size, int source);
  /// Rank 0: the next case index for `dest`, -1 when none is left.
  int (*send_case)(std::int64_t index, int dest);
  /// A worker: a row (or an empty request) to rank 0.
  int (*send_row)(const char* data, int size);
  /// A worker: waits for a case index from rank 0.
  int (*receive_case)(std::int64_t* index);
  /// A worker: starts receiving the next case index into `index`; finish_case waits for it.
  /// One such receive is pending at a time.
  int (*start_case)(std::int64_t* index);
  int (*finish_case)();
};

/// The module's one exported symbol.
using BallastMpiTransportFn = const BallastMpiTransport* (*)();
}
