#pragma once
// A CSV output file written row by row (constant memory for runs of any length) that appears
// under its name only when complete: rows go to a temporary file renamed over the target.

#include <cstdio>
#include <string>

namespace ballast::cli {

class StreamingFile {
 public:
  /// Opens a temporary file beside `path`; throws InputError if it cannot.
  explicit StreamingFile(std::string path);
  /// Removes the temporary file unless commit() succeeded.
  ~StreamingFile();
  StreamingFile(const StreamingFile&) = delete;
  StreamingFile& operator=(const StreamingFile&) = delete;

  std::FILE* get() const { return file_; }
  /// Flushes, closes and renames into place; throws InputError on failure.
  void commit();

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
};

}  // namespace ballast::cli
