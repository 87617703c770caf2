#include "streaming_output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ballast/core/error.h"

namespace ballast::cli {

StreamingFile::StreamingFile(std::string path)
    : path_(std::move(path)), tmp_(path_ + ".tmp." + std::to_string(::getpid())) {
  file_ = std::fopen(tmp_.c_str(), "wb");
  if (file_ == nullptr) {
    throw InputError(std::string("cannot write the output file: ") + std::strerror(errno), {path_});
  }
}

StreamingFile::~StreamingFile() {
  if (file_ != nullptr) {
    std::fclose(file_);
    std::remove(tmp_.c_str());
  }
}

void StreamingFile::commit() {
  const bool ok = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0 && !std::ferror(file_);
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!ok || !closed || std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    std::remove(tmp_.c_str());
    throw InputError(std::string("cannot write the output file: ") + std::strerror(err), {path_});
  }
}

}  // namespace ballast::cli
