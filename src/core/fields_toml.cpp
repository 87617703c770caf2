#include "ballast/core/fields_toml.h"

namespace ballast {

FieldValue field_value(const toml::node& node, const TomlReader& reader) {
  if (const auto b = node.value_exact<bool>()) return *b;
  if (node.is_number()) return *node.value<double>();
  if (const auto s = node.value_exact<std::string>()) return *s;
  if (const toml::array* a = node.as_array()) {
    if (!a->empty() && a->front().is_string()) {  // a list of names
      std::vector<std::string> names;
      for (const toml::node& item : *a) {
        if (!item.is_string()) reader.fail(&item, "expected text in this list of names");
        names.push_back(*item.value<std::string>());
      }
      return names;
    }
    std::vector<double> xs;
    for (const toml::node& item : *a) {
      if (!item.is_number()) reader.fail(&item, "expected a number in this list");
      xs.push_back(*item.value<double>());
    }
    return xs;
  }
  reader.fail(&node, "expected a number, text, true/false or a list of numbers or names");
}

}  // namespace ballast
