#include "ballast/sweep/spec.h"

#include <fmt/format.h>

#include <algorithm>

#include "ballast/core/fields_toml.h"
#include "ballast/core/quantity.h"

namespace ballast::sweep {
namespace {

constexpr std::int64_t kMaxCases = 1'000'000'000;

// The entries of a TOML table in the order they are written (toml++ keeps them by name).
std::vector<std::pair<std::string, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<std::string, const toml::node*>> out;
  for (const auto& [key, node] : t) out.emplace_back(std::string(key.str()), &node);
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    const auto& x = a.second->source().begin;
    const auto& y = b.second->source().begin;
    return x.line != y.line ? x.line < y.line : x.column < y.column;
  });
  return out;
}

// The values of one plain axis: a TOML array (one value per item) or a "start:stop:step" range.
std::vector<AxisPoint> plain_points(const TomlReader& reader, const toml::node& node,
                                    const std::string& name) {
  std::vector<AxisPoint> out;
  const auto point = [](FieldValue v, SourceLocation where) {
    return AxisPoint{v, {v}, std::move(where)};
  };
  if (const toml::array* a = node.as_array()) {
    for (const toml::node& item : *a)
      out.push_back(point(field_value(item, reader), location(reader, item)));
  } else if (const auto text = node.value_exact<std::string>()) {
    const auto range =
        text->find(':') == std::string::npos ? std::nullopt : parse_range_or_list(*text);
    if (!range) {
      reader.fail(&node, fmt::format("axis '{}': {} is not a range; write START:STOP:STEP "
                                     "(e.g. \"0:20000:1000\") or a list [a, b, c]",
                                     name, quote_input(*text)));
    }
    for (double x : *range) out.push_back(point(x, location(reader, node)));
  } else {
    reader.fail(&node, fmt::format("axis '{}': give a list [a, b, c] or a range "
                                   "\"START:STOP:STEP\"",
                                   name));
  }
  if (out.empty()) {
    reader.fail(&node, fmt::format("axis '{}' is empty: give it at least one value", name));
  }
  return out;
}

// Replaces each {part} of `format` by that part's value as text.
std::string format_point(const std::string& format, const std::vector<std::string>& parts,
                         const std::vector<FieldValue>& values) {
  std::string out = format;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    const std::string key = "{" + parts[k] + "}";
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at)) {
      const std::string text = to_text(values[k]);
      out.replace(at, key.size(), text);
      at += text.size();
    }
  }
  return out;
}

// A formatted axis: { format = "...{a}...{b}...", a = [...], b = "..." }; its points are the
// product of the parts (the last varying fastest), each giving the text of the format.
Axis formatted_axis(const TomlReader& reader, const toml::table& t, const std::string& name) {
  Axis axis{name, {}, {}, location(reader, t)};
  const toml::node* format_node = t.get("format");
  if (format_node == nullptr || !format_node->is_string()) {
    reader.fail(&t, fmt::format("axis '{}': a table axis needs format = \"...{{part}}...\"", name));
  }
  const std::string format = *format_node->value<std::string>();
  std::vector<std::vector<AxisPoint>> parts;
  for (const auto& [part, at] : in_file_order(t)) {
    const toml::node& node = *at;
    if (part == "format") continue;
    if (format.find("{" + part + "}") == std::string::npos) {
      reader.fail(&node, fmt::format("axis '{}': part '{}' is not used in its format \"{}\"", name,
                                     part, format));
    }
    axis.columns.push_back(part);
    parts.push_back(plain_points(reader, node, name + "." + part));
  }
  if (parts.empty()) reader.fail(&t, fmt::format("axis '{}' has no parts besides format", name));
  axis.columns.push_back(name);
  std::vector<std::size_t> at(parts.size(), 0);
  while (true) {
    AxisPoint p;
    p.where = parts.back()[at.back()].where;
    for (std::size_t k = 0; k < parts.size(); ++k) p.columns.push_back(parts[k][at[k]].value);
    p.value = format_point(format, axis.columns, p.columns);
    p.columns.push_back(p.value);
    axis.points.push_back(std::move(p));
    std::size_t k = parts.size();
    while (k > 0 && ++at[k - 1] == parts[k - 1].size()) at[--k] = 0;
    if (k == 0) break;
  }
  return axis;
}

}  // namespace

SourceLocation location(const TomlReader& reader, const toml::node& node) {
  return {reader.path(), static_cast<int>(node.source().begin.line),
          static_cast<int>(node.source().begin.column)};
}

SweepSpec read_spec(const std::string& path) {
  SweepSpec spec;
  spec.reader = std::make_shared<const TomlReader>(path);
  const TomlReader& reader = *spec.reader;
  const toml::table& root = reader.root();
  spec.spec_keys = {"study", "combine", "axes"};
  const toml::node* study = root.get("study");
  if (study == nullptr || !study->is_string()) {
    reader.fail(study != nullptr ? study : &root,
                "give the study every case runs, e.g. study = \"headroom\"");
  }
  spec.study = *study->value<std::string>();
  spec.study_where = location(reader, *study);
  const std::string combine = reader.choice(root, "combine", "product", {"product", "zip"});
  spec.combine = combine == "zip" ? Combine::kZip : Combine::kProduct;
  const toml::table* axes = reader.table(root, "axes");
  if (axes == nullptr || axes->empty()) {
    reader.fail(axes != nullptr ? static_cast<const toml::node*>(axes) : &root,
                "a sweep needs [axes] with at least one axis, e.g. year = \"2016:2024:1\"");
  }
  for (const auto& [name, at] : in_file_order(*axes)) {
    const toml::node& node = *at;
    if (root.get(name) != nullptr) {
      reader.fail(&node, fmt::format("'{}' is both a base key and an axis: keep one", name));
    }
    if (const toml::table* t = node.as_table()) {
      spec.axes.push_back(formatted_axis(reader, *t, name));
    } else {
      spec.axes.push_back({name, {name}, plain_points(reader, node, name), location(reader, node)});
    }
  }
  if (spec.combine == Combine::kZip) {
    for (const Axis& a : spec.axes) {
      if (a.points.size() != spec.axes.front().points.size()) {
        throw InputError(fmt::format("combine = \"zip\": axis '{}' has {} values but '{}' has {}; "
                                     "zipped axes must be equally long",
                                     a.field, a.points.size(), spec.axes.front().field,
                                     spec.axes.front().points.size()),
                         a.where);
      }
    }
  } else {
    double n = 1;
    for (const Axis& a : spec.axes) n *= static_cast<double>(a.points.size());
    if (n > kMaxCases) {
      throw InputError(
          fmt::format("the axes make {:.3g} cases, more than {}; split the sweep", n, kMaxCases),
          location(reader, *axes));
    }
  }
  return spec;
}

std::int64_t SweepSpec::case_count() const {
  if (combine == Combine::kZip) return static_cast<std::int64_t>(axes.front().points.size());
  std::int64_t n = 1;
  for (const Axis& a : axes) n *= static_cast<std::int64_t>(a.points.size());
  return n;
}

std::vector<const AxisPoint*> SweepSpec::case_points(std::int64_t index) const {
  std::vector<const AxisPoint*> out(axes.size());
  for (std::size_t k = axes.size(); k-- > 0;) {
    const auto n = static_cast<std::int64_t>(axes[k].points.size());
    if (combine == Combine::kZip) {
      out[k] = &axes[k].points[static_cast<std::size_t>(index)];
    } else {
      out[k] = &axes[k].points[static_cast<std::size_t>(index % n)];
      index /= n;
    }
  }
  return out;
}

}  // namespace ballast::sweep
