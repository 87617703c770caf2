#pragma once
/// @file A request's fields from a TOML table: the keys are the field names (the CLI's option
/// names with _ for -), each value checked at its file:line:column.

#include <set>
#include <string>

#include "ballast/core/fields.h"
#include "ballast/core/toml_reader.h"

namespace ballast {

/// The value of a TOML node as a field value (numbers, text, booleans, arrays of numbers);
/// InputError at the node for anything else.
FieldValue field_value(const toml::node& node, const TomlReader& reader);

/// Sets each key of `table` that names a field of `fields`; a key that is neither a field nor in
/// `other_keys` is an error. Paths (FieldInfo::path) are resolved against the TOML file's folder.
template <class R>
void apply_toml(const FieldTable<R>& fields, R& r, const toml::table& table,
                const TomlReader& reader, const std::set<std::string>& other_keys = {}) {
  for (const auto& [key, node] : table) {
    const std::string name(key.str());
    if (other_keys.count(name)) continue;
    bool old = false;
    const auto* f = fields.find(name, &old);
    if (f == nullptr) reader.fail(&node, fields.unknown_message(name));
    const SourceLocation where{reader.path(), static_cast<int>(node.source().begin.line),
                               static_cast<int>(node.source().begin.column)};
    FieldValue given = field_value(node, reader);
    if (old) given = from_old_name(f->info, std::move(given));
    FieldValue v = normalize(f->info, std::move(given), where, name);
    if (f->info.path) v = reader.resolve(std::get<std::string>(v));
    f->assign(r, v);
  }
}

}  // namespace ballast
