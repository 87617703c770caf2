#pragma once
// What the fuzz targets of the TOML scenario and config readers share. Each reader takes a path
// (TomlReader reads files), so every input goes through a scratch file in a folder of this
// process's own, beside a link to the source tree's data/: the examples' relative paths
// ("../data/...") hold, and the seeds (examples/*.toml) reach the readers' depths.
//
// Any input must either be read, giving values that are finite and in their physical range, or
// throw ballast::InputError. Anything else is a bug: another exception escapes (a crash for
// libFuzzer), a sanitizer fires, or require() below throws std::logic_error.

#include <unistd.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"

namespace ballast::fuzz {

inline void require(bool ok, const std::string& what) {
  if (!ok) throw std::logic_error("TOML reader fuzz invariant broken: " + what);
}

/// A finite number within `limit` in magnitude.
inline void require_physical(double x, double limit, const std::string& what) {
  require(std::isfinite(x) && std::fabs(x) <= limit, what + " is not finite and in range");
}

class Scratch {
 public:
  explicit Scratch(const std::string& name) {
    const std::filesystem::path base =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    dir_ = base / ("ballast_" + name + "_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_ / "examples");
    std::error_code ec;
    std::filesystem::create_directory_symlink(BALLAST_SOURCE_DIR "/data", dir_ / "data", ec);
    path_ = (dir_ / "examples" / "input.toml").string();
    token_ = (dir_ / "examples" / "token").string();
    std::FILE* t = std::fopen(token_.c_str(), "wb");  // then 0600, as ballastd asks
    if (t != nullptr) {
      std::fputs("a-fuzzing-token-of-at-least-thirty-two-characters\n", t);
      std::fclose(t);
      std::filesystem::permissions(
          token_, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    }
  }
  ~Scratch() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  /// Writes the input to the scratch file; false if it cannot.
  bool write(const std::uint8_t* data, std::size_t size) const {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    if (f == nullptr) return false;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    return true;
  }
  const std::string& path() const { return path_; }
  const std::string& token() const { return token_; }

 private:
  std::filesystem::path dir_;
  std::string path_, token_;
};

/// Runs `read` on the input (written to the scratch file `scratch().path()`); an InputError is
/// a proper refusal and must say where.
template <class Read>
int fuzz_toml(const Scratch& scratch, const std::uint8_t* data, std::size_t size, Read&& read) {
  if (!scratch.write(data, size)) return 0;
  try {
    read(scratch.path());
  } catch (const InputError& e) {
    require(!e.where().file.empty() || !e.reason().empty(), "an error says nothing");
  }
  return 0;
}

}  // namespace ballast::fuzz
