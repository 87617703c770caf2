#pragma once
/// @file Writing output files so that a failure never leaves a half-written file behind: the
/// one atomic writer of ballast, whole (write_file_atomically) or streamed (AtomicFileWriter).

#include <cstdio>
#include <string>
#include <string_view>

namespace ballast {

/// An output file written piece by piece (constant memory for output of any length) that
/// appears under its name only when complete: everything goes to a temporary file beside
/// `path`, which commit() flushes to disk and renames over `path`. Destroyed without a commit
/// (an exception on the way), it removes the temporary file and leaves `path` as it was.
class AtomicFileWriter {
 public:
  /// Opens the temporary file; throws InputError (naming `path`) if it cannot.
  explicit AtomicFileWriter(std::string path);
  /// Removes the temporary file unless commit() succeeded.
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  /// The final path.
  const std::string& path() const { return path_; }
  /// The open temporary file, for fprintf and fwrite; null after commit().
  std::FILE* stream() const { return file_; }
  /// Appends `text`. A failed write is reported by commit().
  void write(std::string_view text);
  /// Flushes to disk, closes and renames into place; throws InputError (naming the path and
  /// the system's reason) and removes the temporary file on any failure, including an earlier
  /// failed write. Call once.
  void commit();

 private:
  std::string path_, tmp_;
  std::FILE* file_ = nullptr;
};

/// A name beside `path` for a file that another writer (e.g. a solver library) fills; commit()
/// renames it over `path`. Destroyed without a commit, it removes the temporary file, so a
/// failure on the way leaves `path` as it was.
class TemporaryBeside {
 public:
  explicit TemporaryBeside(std::string path);
  ~TemporaryBeside();
  TemporaryBeside(const TemporaryBeside&) = delete;
  TemporaryBeside& operator=(const TemporaryBeside&) = delete;

  const std::string& temporary() const { return tmp_; }
  /// Renames the temporary file over the path; InputError (naming the path) if it cannot.
  void commit();

 private:
  std::string path_, tmp_;
  bool done_ = false;
};

/// Writes `content` to a temporary file beside `path`, then renames it over `path`.
/// Throws InputError (the path cannot be written) and leaves no partial file.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace ballast
