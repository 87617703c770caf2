/// @file ballast._core.testing: what ballast's own tests need to see inside the bindings.

#include <cstdint>

#include "common.h"

namespace ballast::python {

void bind_testing(nb::module_& m) {
  m.def(
      "data_address", [](const Array& a) { return reinterpret_cast<std::uintptr_t>(a.data()); },
      nb::arg("values"),
      "The address of the memory C++ reads for `values`, through the same array type every "
      "binding takes: equal to values.ctypes.data exactly when nothing was copied.");
}

}  // namespace ballast::python
