#include "ballast/core/error.h"

#include <fmt/format.h>

namespace ballast {

std::string to_string(const SourceLocation& where) {
  if (where.line <= 0) return where.file;
  if (where.column <= 0) return fmt::format("{}:{}", where.file, where.line);
  return fmt::format("{}:{}:{}", where.file, where.line, where.column);
}

namespace {
std::string with_location(const std::string& what, const SourceLocation& where) {
  std::string loc = to_string(where);
  return loc.empty() ? what : loc + ": " + what;
}
}  // namespace

InputError::InputError(const std::string& what, SourceLocation where)
    : Error(with_location(what, where)), where_(std::move(where)), reason_(what) {}

}  // namespace ballast
