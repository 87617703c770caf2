#include <exception>
#include <string>

#include "ballast/core/error.h"
#include "common.h"

namespace ballast::python {

namespace {

// Raises the Python class ballast.errors.<name> (pure Python, so that it can keep the location
// as attributes), built by `make(cls)`.
template <class Make>
void raise_python(const char* name, const char* what, Make&& make) {
  try {
    nb::object cls = nb::module_::import_("ballast.errors").attr(name);
    nb::object exc = make(cls);
    PyErr_SetObject(cls.ptr(), exc.ptr());
  } catch (const nb::python_error&) {
    // ballast.errors could not be imported (a broken install): keep the message at least.
    PyErr_SetString(PyExc_RuntimeError, what);
  }
}

}  // namespace

void bind_errors(nb::module_&) {
  // The C++ tree becomes the Python tree: ballast::InputError -> ballast.InputError (with file,
  // line, column and reason), InfeasibleError, InternalError, and Error for the rest.
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const InputError& e) {
      raise_python("InputError", e.what(), [&](nb::handle cls) {
        return cls(e.reason(), nb::arg("file") = e.where().file, nb::arg("line") = e.where().line,
                   nb::arg("column") = e.where().column);
      });
    } catch (const InfeasibleError& e) {
      raise_python("InfeasibleError", e.what(),
                   [&](nb::handle cls) { return cls(std::string(e.what())); });
    } catch (const InternalError& e) {
      raise_python("InternalError", e.what(),
                   [&](nb::handle cls) { return cls(std::string(e.what())); });
    } catch (const Error& e) {
      raise_python("Error", e.what(), [&](nb::handle cls) { return cls(std::string(e.what())); });
    }
  });
}

}  // namespace ballast::python
