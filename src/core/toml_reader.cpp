#include "ballast/core/toml_reader.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <filesystem>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"

namespace ballast {

TomlReader::TomlReader(std::string path) : path_(std::move(path)) {
  if (!std::filesystem::exists(path_)) {
    throw InputError("cannot open the scenario file; check the path", {path_});
  }
  try {
    root_ = toml::parse_file(path_);
  } catch (const toml::parse_error& e) {
    throw InputError(std::string(e.description()) + "; fix the TOML syntax",
                     {path_, static_cast<int>(e.source().begin.line),
                      static_cast<int>(e.source().begin.column)});
  }
}

std::string TomlReader::resolve(const std::string& file) const {
  const std::filesystem::path p(file);
  return p.is_absolute() ? file : (std::filesystem::path(path_).parent_path() / p).string();
}

SourceLocation TomlReader::location(const toml::node* node) const {
  SourceLocation where{path_};
  if (node != nullptr) {
    where.line = static_cast<int>(node->source().begin.line);
    where.column = static_cast<int>(node->source().begin.column);
  }
  return where;
}

void TomlReader::fail(const toml::node* node, const std::string& what) const {
  throw InputError(what, location(node));
}

void TomlReader::check_keys(const toml::table& table, const std::set<std::string>& known,
                            const std::string& where) const {
  for (const auto& [key, value] : table) {
    if (!known.count(std::string(key.str()))) {
      fail(&value, fmt::format("unknown key {} in {}; known keys: {}", quote_input(key.str()),
                               where, fmt::join(known, ", ")));
    }
  }
}

const toml::table* TomlReader::table(const toml::table& t, const char* key) const {
  const toml::node* n = t.get(key);
  if (n == nullptr) return nullptr;
  if (const toml::table* sub = n->as_table()) return sub;
  fail(n, fmt::format("'{}' must be a table ([{}])", key, key));
}

double TomlReader::number(const toml::table& t, const char* key, double lo, double hi,
                          double fallback) const {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  const std::optional<double> v = n->is_number() ? n->value<double>() : std::nullopt;
  if (!v) fail(n, fmt::format("'{}' must be a number", key));
  check_range(*v, lo, hi, location(n), fmt::format("'{}'", key));
  return *v;
}

double TomlReader::required(const toml::table& t, const char* key, double lo, double hi,
                            const std::string& where) const {
  if (t.get(key) == nullptr) fail(&t, fmt::format("{} needs '{}'", where, key));
  return number(t, key, lo, hi, 0);
}

std::int64_t TomlReader::integer(const toml::table& t, const char* key, std::int64_t lo,
                                 std::int64_t hi, std::int64_t fallback) const {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  const std::optional<std::int64_t> v = n->is_integer() ? n->value<std::int64_t>() : std::nullopt;
  if (!v) fail(n, fmt::format("'{}' must be a whole number", key));
  if (*v < lo || *v > hi)
    fail(n, fmt::format("'{}' must be in [{}, {}] (got {})", key, lo, hi, *v));
  return *v;
}

std::optional<std::string> TomlReader::text(const toml::table& t, const char* key) const {
  const toml::node* n = t.get(key);
  if (n == nullptr) return std::nullopt;
  if (auto v = n->value<std::string>()) return *v;
  fail(n, fmt::format("'{}' must be a string", key));
}

bool TomlReader::flag(const toml::table& t, const char* key, bool fallback) const {
  const toml::node* n = t.get(key);
  if (n == nullptr) return fallback;
  if (auto v = n->value<bool>()) return *v;
  fail(n, fmt::format("'{}' must be true or false", key));
}

std::string TomlReader::choice(const toml::table& t, const char* key, const std::string& fallback,
                               const std::set<std::string>& allowed) const {
  const std::string v = text(t, key).value_or(fallback);
  if (!allowed.empty() && !allowed.count(v)) {
    fail(t.get(key), fmt::format("'{}' must be one of {} (got {})", key, fmt::join(allowed, ", "),
                                 quote_input(v)));
  }
  return v;
}

std::optional<double> TomlReader::optional_number(const toml::table& t, const char* key, double lo,
                                                  double hi) const {
  if (t.get(key) == nullptr) return std::nullopt;
  return number(t, key, lo, hi, 0);
}

}  // namespace ballast
