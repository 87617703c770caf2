#include "ballast/workload/load_source.h"

namespace ballast::workload {

std::vector<double> collect(LoadSource& source) {
  source.rewind();
  std::vector<double> out(source.steps());
  for (double& v : out) v = source.next_mw();
  source.rewind();
  return out;
}

}  // namespace ballast::workload
