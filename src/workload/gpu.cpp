#include "ballast/workload/gpu.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"

namespace ballast::workload {

const std::vector<GpuSpec>& known_gpus() {
  // Server power at full load over its GPUs: the GPU's share of the whole server.
  static const std::vector<GpuSpec> kGpus = {
      {"H100", 10.2 / 8, "NVIDIA DGX H100 datasheet: system power ~10.2 kW max for 8 H100 GPUs"},
      {"B200", 14.3 / 8, "NVIDIA DGX B200 datasheet: system power ~14.3 kW max for 8 B200 GPUs"},
      {"GB200", 120.0 / 72,
       "NVIDIA GB200 NVL72 (GTC 2024): about 120 kW a rack for 72 Blackwell GPUs"},
  };
  return kGpus;
}

const GpuSpec& gpu_spec(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (const GpuSpec& g : known_gpus()) {
    if (g.name == upper) return g;
  }
  std::vector<std::string_view> names;
  for (const GpuSpec& g : known_gpus()) names.push_back(g.name);
  throw InputError(fmt::format("unknown GPU type {}; known types: {}", quote_input(name),
                               fmt::join(names, ", ")));
}

}  // namespace ballast::workload
