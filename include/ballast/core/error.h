#pragma once
/// @file Error types: every failure ballast reports derives from ballast::Error.

#include <stdexcept>
#include <string>

namespace ballast {

/// Base of every ballast exception.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Where in an input a problem was found; line and column are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

/// Formats a location as "file:line:column" (parts that are unknown are left out).
std::string to_string(const SourceLocation& where);

/// Bad user input: a malformed file, an out-of-range option. The CLI exits with code 2.
class InputError : public Error {
 public:
  /// `what` says what is wrong and what to do; `where` names the place in the input.
  explicit InputError(const std::string& what, SourceLocation where = {});
  const SourceLocation& where() const { return where_; }
  /// The message without the location prefix.
  const std::string& reason() const { return reason_; }

 private:
  SourceLocation where_;
  std::string reason_;
};

/// A well-formed question with no answer (e.g. storage too weak for any energy to suffice).
class InfeasibleError : public Error {
 public:
  using Error::Error;
};

/// A solver or other internal component failed. The CLI exits with code 1.
class InternalError : public Error {
 public:
  using Error::Error;
};

}  // namespace ballast
