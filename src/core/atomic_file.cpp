#include "ballast/core/atomic_file.h"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <string>

#include "ballast/core/error.h"

namespace ballast {
namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  throw InputError(std::string("cannot write the output file: ") + std::strerror(err), {path});
}

// Unique within the machine: the process id, and a counter for writers open at once in one
// process (threads of a sweep writing beside each other).
std::string temporary_name(const std::string& path) {
  static std::atomic<unsigned> counter{0};
  const unsigned n = counter.fetch_add(1);
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  if (n > 0) tmp += "." + std::to_string(n);
  return tmp;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path)
    : path_(std::move(path)), tmp_(temporary_name(path_)) {
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr) fail(path_, errno);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_.c_str());
  }
}

void AtomicFileWriter::write(std::string_view text) {
  if (file_ != nullptr && !text.empty()) std::fwrite(text.data(), 1, text.size(), file_);
}

void AtomicFileWriter::commit() {
  if (file_ == nullptr) throw InternalError("AtomicFileWriter::commit called twice: " + path_);
  // The first failure's reason; a write that failed earlier shows as the stream's error flag.
  const auto reason = [] { return errno != 0 ? errno : EIO; };
  errno = 0;
  int err = 0;
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0 || std::ferror(file_)) {
    err = reason();
  }
  if (std::fclose(file_) != 0 && err == 0) err = reason();
  file_ = nullptr;
  if (err == 0 && std::rename(tmp_.c_str(), path_.c_str()) != 0) err = reason();
  if (err != 0) {
    std::remove(tmp_.c_str());
    fail(path_, err);
  }
}

TemporaryBeside::TemporaryBeside(std::string path)
    : path_(std::move(path)), tmp_(temporary_name(path_)) {}

TemporaryBeside::~TemporaryBeside() {
  if (!done_) std::remove(tmp_.c_str());
}

void TemporaryBeside::commit() {
  done_ = true;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp_.c_str());
    fail(path_, err);
  }
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFileWriter out(path);
  out.write(content);
  out.commit();
}

}  // namespace ballast
