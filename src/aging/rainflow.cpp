#include "ballast/aging/rainflow.h"

namespace ballast::aging {

std::vector<Cycle> count_cycles(std::span<const double> signal) {
  std::vector<Cycle> out;
  auto sink = [&out](const Cycle& c) { out.push_back(c); };
  Rainflow rf;
  for (double x : signal) rf.push(x, sink);
  rf.finish(sink);
  return out;
}

}  // namespace ballast::aging
