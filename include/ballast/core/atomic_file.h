#pragma once
/// @file Writing output files so that a failure never leaves a half-written file behind.

#include <string>
#include <string_view>

namespace ballast {

/// Writes `content` to a temporary file beside `path`, then renames it over `path`.
/// Throws InputError (the path cannot be written) and leaves no partial file.
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace ballast
