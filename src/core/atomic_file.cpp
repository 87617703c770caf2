#include "ballast/core/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ballast/core/error.h"

namespace ballast {
namespace {

[[noreturn]] void fail(const std::string& path, int err) {
  throw InputError(std::string("cannot write the output file: ") + std::strerror(err), {path});
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path)
    : path_(std::move(path)), tmp_(path_ + ".tmp." + std::to_string(::getpid())) {
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
  if (file_ != nullptr) std::fwrite(text.data(), 1, text.size(), file_);
}

void AtomicFileWriter::commit() {
  if (file_ == nullptr) fail(path_, EBADF);  // committed twice
  // fwrite errors stick to the stream: ferror() sees any short write before the rename.
  int err = 0;
  if (std::fflush(file_) != 0 || ::fsync(::fileno(file_)) != 0 || std::ferror(file_) != 0) {
    err = errno != 0 ? errno : EIO;
  }
  if (std::fclose(file_) != 0 && err == 0) err = errno;
  file_ = nullptr;
  if (err == 0 && std::rename(tmp_.c_str(), path_.c_str()) != 0) err = errno;
  if (err != 0) {
    std::remove(tmp_.c_str());
    fail(path_, err);
  }
}

void write_file_atomically(const std::string& path, std::string_view content) {
  AtomicFileWriter file(path);
  file.write(content);
  file.commit();
}

}  // namespace ballast
