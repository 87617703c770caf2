#pragma once
/// @file Published per-GPU power figures for the accelerators a datacenter load is built from.

#include <string>
#include <string_view>
#include <vector>

namespace ballast::workload {

/// One accelerator type: the IT power a GPU accounts for at full load, including its share of
/// the server (CPUs, memory, NICs, fans), and where that figure comes from.
struct GpuSpec {
  std::string_view name;     ///< e.g. "H100"
  double it_kw_per_gpu = 0;  ///< server power at full load / GPUs per server, kW
  std::string_view source;   ///< the published figure it is derived from
};

/// The spec for `name` (case-insensitive: H100, B200, GB200). Throws InputError naming the
/// known types otherwise.
const GpuSpec& gpu_spec(std::string_view name);

/// Every known GPU type, in a fixed order.
const std::vector<GpuSpec>& known_gpus();

}  // namespace ballast::workload
