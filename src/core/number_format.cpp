#include "ballast/core/number_format.h"

#include <fmt/format.h>

#include <iterator>

namespace ballast {

void append_number(std::string& out, double x) {
  if (x == 0) {  // also -0: a sign on zero means nothing to a reader of the file
    out += '0';
    return;
  }
  // fmt formats a double with no precision as the shortest round-trip representation
  // (Dragonbox), which is what a machine reader needs to recompute balances exactly.
  fmt::format_to(std::back_inserter(out), "{}", x);
}

std::string format_number(double x) {
  std::string s;
  append_number(s, x);
  return s;
}

}  // namespace ballast
