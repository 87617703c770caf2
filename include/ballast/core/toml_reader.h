#pragma once
/// @file Reading scenario TOML with file:line:column on every error (toml++ source regions);
/// shared by every scenario reader (dispatch, workload, dynamics, market).

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "ballast/core/error.h"

namespace ballast {

/// Typed access to one parsed TOML file; every failure throws InputError at the node's place.
class TomlReader {
 public:
  /// Parses `path`; a syntax error throws InputError at its file:line:column.
  explicit TomlReader(std::string path);

  const toml::table& root() const { return root_; }
  const std::string& path() const { return path_; }
  /// `file` relative to the scenario's folder (absolute paths unchanged).
  std::string resolve(const std::string& file) const;

  [[noreturn]] void fail(const toml::node* node, const std::string& what) const;
  /// Calls f(table, "[[key]] #i") for each table of the array of tables `key` in `doc` (none
  /// when absent); anything but an array of tables is an error at its place.
  template <class F>
  void for_each_table(const toml::table& doc, const char* key, F&& f) const {
    const toml::node* n = doc.get(key);
    if (n == nullptr) return;
    const toml::array* arr = n->as_array();
    if (arr == nullptr)
      fail(n, "'" + std::string(key) + "' must be an array of tables: [[" + key + "]]");
    int i = 0;
    for (const toml::node& item : *arr) {
      const toml::table* t = item.as_table();
      if (t == nullptr) fail(&item, "each [[" + std::string(key) + "]] must be a table");
      f(*t, "[[" + std::string(key) + "]] #" + std::to_string(++i));
    }
  }
  /// The file:line:column of `node` (the file alone when null).
  SourceLocation location(const toml::node* node) const;
  /// Every key of `table` must be in `known`: a misspelt key is an error, not a default.
  void check_keys(const toml::table& table, const std::set<std::string>& known,
                  const std::string& where) const;
  /// The sub-table `key`, or nullptr when absent; a non-table value is an error.
  const toml::table* table(const toml::table& t, const char* key) const;
  /// The number at `key`, finite and in [lo, hi] (give the quantity's physical range at least:
  /// core/fields.h limits), or `fallback` when absent.
  double number(const toml::table& t, const char* key, double lo, double hi, double fallback) const;
  /// As number(), but the key is required.
  double required(const toml::table& t, const char* key, double lo, double hi,
                  const std::string& where) const;
  /// An integer at `key` in [lo, hi], or `fallback` when absent.
  std::int64_t integer(const toml::table& t, const char* key, std::int64_t lo, std::int64_t hi,
                       std::int64_t fallback) const;
  /// The string at `key`, or nullopt.
  std::optional<std::string> text(const toml::table& t, const char* key) const;
  /// The boolean at `key`, or `fallback`.
  bool flag(const toml::table& t, const char* key, bool fallback) const;
  /// The string at `key`, or `fallback`; when `allowed` is not empty it must be one of them.
  std::string choice(const toml::table& t, const char* key, const std::string& fallback,
                     const std::set<std::string>& allowed = {}) const;
  /// The number at `key` in [lo, hi], or nullopt when absent.
  std::optional<double> optional_number(const toml::table& t, const char* key, double lo,
                                        double hi) const;

 private:
  std::string path_;
  toml::table root_;
};

}  // namespace ballast
