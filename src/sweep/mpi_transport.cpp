// The MPI calls of a distributed sweep (see mpi_transport.h), built as libballast_mpi.so: the
// only ballast code that links Open MPI. Uses MPI's C interface.

#include "mpi_transport.h"

#include <mpi.h>

namespace {

MPI_Request pending_case = MPI_REQUEST_NULL;

constexpr int kTagRow = 1;   // worker -> 0: "" (first request) or failed flag + row
constexpr int kTagCase = 2;  // 0 -> worker: the case index, -1 when none is left

int init(int* rank, int* size) {
  int provided = 0;
  if (const int e = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided)) return e;
  MPI_Comm_rank(MPI_COMM_WORLD, rank);
  return MPI_Comm_size(MPI_COMM_WORLD, size);
}

void finalize() { MPI_Finalize(); }

void abort_all(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

int probe_row(int* ready, int* source, int* size) {
  MPI_Status status;
  if (const int e = MPI_Iprobe(MPI_ANY_SOURCE, kTagRow, MPI_COMM_WORLD, ready, &status)) return e;
  if (*ready == 0) return MPI_SUCCESS;
  *source = status.MPI_SOURCE;
  return MPI_Get_count(&status, MPI_CHAR, size);
}

int receive_row(char* buffer, int size, int source) {
  return MPI_Recv(buffer, size, MPI_CHAR, source, kTagRow, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

int send_case(std::int64_t index, int dest) {
  return MPI_Send(&index, 1, MPI_INT64_T, dest, kTagCase, MPI_COMM_WORLD);
}

int send_row(const char* data, int size) {
  return MPI_Send(data, size, MPI_CHAR, 0, kTagRow, MPI_COMM_WORLD);
}

int receive_case(std::int64_t* index) {
  return MPI_Recv(index, 1, MPI_INT64_T, 0, kTagCase, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
}

int start_case(std::int64_t* index) {
  return MPI_Irecv(index, 1, MPI_INT64_T, 0, kTagCase, MPI_COMM_WORLD, &pending_case);
}

int finish_case() { return MPI_Wait(&pending_case, MPI_STATUS_IGNORE); }

constexpr BallastMpiTransport kTransport{
    kBallastMpiAbi, init,     finalize,     abort_all,  probe_row,   receive_row,
    send_case,      send_row, receive_case, start_case, finish_case,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const BallastMpiTransport*
ballast_mpi_transport() {
  return &kTransport;
}
