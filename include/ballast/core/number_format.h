#pragma once
/// @file Numbers in machine-readable outputs (CSV): shortest text that reads back to the same
/// double, and exact zeros where a model's value is zero within its tolerance.

#include <cmath>
#include <string>

namespace ballast {

/// Shortest decimal text that parses back to exactly `x` (fmt's "{}"), e.g. "0.1", "41863",
/// "1e-300"; "0" for both zeros. Tables for people round; machine outputs use this.
std::string format_number(double x);
/// Appends format_number(x) to `out` without a temporary string.
void append_number(std::string& out, double x);

/// `x`, or exactly 0 when |x| <= tol: a solver's 1.65856e-11 where the model's value is zero
/// within the solver's tolerance, and -0 as 0.
inline double clean_zero(double x, double tol) { return std::fabs(x) <= tol ? 0.0 : x; }

}  // namespace ballast
