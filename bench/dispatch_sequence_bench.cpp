// A sweep over battery energy on one scenario: the cases solved one after another by one warm
// LP solver (run_dispatch_sequence) against each solved cold (run_dispatch, warm_start off).
// Prints both totals, their ratio and the largest difference of the optima.
// Usage: dispatch_sequence_bench SCENARIO.toml STORAGE CASES FROM_MWH TO_MWH

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "ballast/dispatch/dispatch.h"
#include "ballast/dispatch/scenario.h"

int main(int argc, char** argv) {
  using namespace ballast::dispatch;
  if (argc != 6) {
    std::fprintf(stderr, "usage: %s SCENARIO.toml STORAGE CASES FROM_MWH TO_MWH\n", argv[0]);
    return 2;
  }
  const Scenario base = load_scenario(argv[1]);
  const std::string name = argv[2];
  const int cases = std::atoi(argv[3]);
  const double from = std::atof(argv[4]), to = std::atof(argv[5]);
  std::vector<Scenario> variants;
  for (int k = 0; k < cases; ++k) {
    Scenario v = base;
    for (StorageUnit& u : v.storage) {
      if (u.name == name) u.params.energy_mwh = from + (to - from) * k / std::max(1, cases - 1);
    }
    variants.push_back(std::move(v));
  }
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  const std::vector<DispatchResult> warm = run_dispatch_sequence(variants, {});
  const double warm_s = std::chrono::duration<double>(Clock::now() - t0).count();
  t0 = Clock::now();
  double worst = 0;
  long cold_iterations = 0, warm_iterations = 0;
  for (int k = 0; k < cases; ++k) {
    const DispatchResult cold = run_dispatch(variants[k], {.warm_start = false});
    worst =
        std::max(worst, std::abs(cold.cost - warm[k].cost) / std::max(1.0, std::abs(cold.cost)));
    cold_iterations += cold.iterations;
    warm_iterations += warm[k].iterations;
  }
  const double cold_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf(
      "%d cases: warm %.2f s (%ld iterations), cold %.2f s (%ld iterations), "
      "cold/warm %.2fx, largest relative cost difference %.2g\n",
      cases, warm_s, warm_iterations, cold_s, cold_iterations, cold_s / warm_s, worst);
  return 0;
}
