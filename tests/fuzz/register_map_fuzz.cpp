// Fuzz target for the register map TOML reader (src/modbus/register_map.cpp).
//
// Any input must either give a map that passes validate() with every block within one Modbus
// read, or throw ballast::InputError naming the file. Anything else is a bug: another exception
// escapes (a crash for libFuzzer), a sanitizer fires, or a check below throws std::logic_error.
// The reader takes a path (TomlReader reads files), so each input goes through a scratch file.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "ballast/core/error.h"
#include "ballast/modbus/register_map.h"

namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("register map fuzz invariant broken: ") + what);
}

// A file of this process's own, removed at exit.
struct Scratch {
  Scratch() {
    const std::filesystem::path dir =
        std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    path = (dir / ("ballast_register_map_fuzz_" + std::to_string(getpid()) + ".toml")).string();
  }
  ~Scratch() { std::remove(path.c_str()); }
  std::string path;
};

const std::string& scratch_path() {
  static const Scratch scratch;
  return scratch.path;
}

void check_block(const ballast::modbus::Block& b) {
  require(b.first >= 0 && b.count >= 1 && b.count <= 125, "block not within one Modbus read");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string& path = scratch_path();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    const ballast::modbus::RegisterMap map = ballast::modbus::read_register_map(path);
    ballast::modbus::validate(map);  // must not throw for a map the reader returned
    check_block(ballast::modbus::meter_block(map.meter));
    check_block(ballast::modbus::inverter_block(map.inverter));
    require(!map.inverter.running_status.empty(), "no running status code");
    for (const int code : map.inverter.running_status) {
      require(code >= 0 && code <= 65535, "running status out of range");
    }
  } catch (const ballast::InputError& e) {
    require(e.where().file == path, "error names another file");
  }
  return 0;
}
