#pragma once
/// @file The version of a study's JSON: every `--json` output and every Python to_dict() starts
/// with "schema": "ballast.<study>/1", described by docs/schema/<study>.schema.json.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace ballast::report {

/// "ballast.<study>/1".
inline std::string schema_id(std::string_view study) {
  return "ballast." + std::string(study) + "/1";
}

/// `j` with "schema" as its first key.
inline nlohmann::ordered_json with_schema(std::string_view study, nlohmann::ordered_json j) {
  nlohmann::ordered_json out = {{"schema", schema_id(study)}};
  for (auto& [key, value] : j.items()) out[key] = std::move(value);
  return out;
}

}  // namespace ballast::report
