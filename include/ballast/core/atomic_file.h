#pragma once
/// @file Writing output files so that a failure never leaves a half-written file behind.

#include <cstdio>
#include <string>
#include <string_view>

namespace ballast {

/// A file written piece by piece (constant memory for outputs of any length) that appears under
/// its name only when complete: the pieces go to a temporary file beside `path`, which commit()
/// renames over `path`. Destroyed without commit() (an error on the way), it removes the
/// temporary file and leaves `path` as it was.
class AtomicFileWriter {
 public:
  /// Opens the temporary file; throws InputError when it cannot.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  /// Appends `text` (errors surface at commit()).
  void write(std::string_view text);
  /// Flushes to disk, closes and renames into place; throws InputError on failure.
  void commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
};

/// Writes `content` to a temporary file beside `path`, then renames it over `path`.
/// Throws InputError (the path cannot be written) and leaves no partial file.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace ballast
