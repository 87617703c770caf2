#pragma once
/// @file One table of fields per study request (STYLE 8, after HiGHS's option records): each
/// field's name with its unit, description, bounds and (through the request's own member
/// initialiser) default, written once. The same table drives the CLI flags, the TOML and JSON
/// keys of scenarios and sweeps, `--set key=value`, the Python keyword arguments and --help.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "ballast/core/error.h"

namespace ballast {

/// What a field holds.
enum class FieldKind {
  kFlag,     ///< true or false; on the command line a flag without a value
  kNumber,   ///< a finite real number
  kInteger,  ///< a whole number
  kText,     ///< free text: a name, a path, a shorthand
  kChoice,   ///< one word of a fixed set, matched without regard to case
  kNumbers,  ///< a list of numbers: "a,b,c" or "start:stop:step"
  kTexts,    ///< a list of names: "a,b" as text, a TOML array of strings; CLI: the flag repeated
};

/// How a number may be written as text. A bare number is always in the field's own unit.
enum class FieldUnit {
  kNone,
  kMw,        ///< "80GW", "500kW", "80000"
  kMwh,       ///< "20GWh", "400MWh"
  kPercent,   ///< the field is in %: "0.5%" and "0.5" are both 0.5
  kFraction,  ///< the field is a fraction: "85%" and "0.85" are both 0.85
  kSeconds,   ///< "48h", "30min", "900s", "900"
};

/// A value as a front end hands it over: text from the command line or `--set`, typed values
/// from TOML, JSON or Python. Integers arrive as double and are checked to be whole.
using FieldValue =
    std::variant<bool, double, std::string, std::vector<double>, std::vector<std::string>>;

/// Everything about a field but where it is stored: what --help, the docs, the JSON schema and
/// Python show.
struct FieldInfo {
  std::string name{};  ///< snake_case with its unit, e.g. "power_mw"; on the CLI --power-mw
  std::string help{};  ///< one line, with the unit in words where the name is not enough
  FieldKind kind = FieldKind::kNumber;
  FieldUnit unit = FieldUnit::kNone;
  std::optional<double> min{};  ///< inclusive bound of a number (of each number of a list)
  std::optional<double> max{};
  bool min_exclusive = false;          ///< min itself is refused ("> 0" rather than ">= 0")
  bool max_exclusive = false;          ///< max itself is refused
  bool whole = false;                  ///< kNumbers: whole numbers only
  std::vector<std::string> choices{};  ///< kChoice: the canonical spellings
  std::string group{};                 ///< --help section; empty: the command's own
  bool positional = false;             ///< CLI: given without --name
  bool path = false;  ///< kText naming a file: in a TOML file, relative to that file's folder
  std::vector<std::string> old_names{};  ///< earlier spellings, accepted with a warning
  /// A bare number given under an old name is in this many of the field's unit (3600 when an
  /// old "hours" became "duration_s"); numbers written with a unit ("2h") are read as written.
  double old_scale = 1;
  std::string default_text{};  ///< filled from the request's default; "" when none
  /// Largest magnitude accepted where min or max leaves a side open; 0: physical_limit(unit).
  /// Whole-number fields get the range of the member's type (set by FieldTable::add).
  double magnitude_max = 0;
};

/// The physical range of a quantity by its unit, |x| <= this: beyond it a number is a typo or a
/// wrong unit, never a real plant (10 TW is more than the world's generating capacity). Every
/// number ballast reads is held to it where its own bounds leave a side open, so that 1e300 MW
/// is refused where it is read instead of giving 300-digit tables or "inf %".
double physical_limit(FieldUnit unit);

/// The physical limits by quantity, for readers that take numbers outside a FieldTable.
namespace limits {
inline constexpr double kPowerMw = 1e7;               ///< 10 TW
inline constexpr double kEnergyMwh = 1e9;             ///< 1 PWh
inline constexpr double kPricePerMwh = 1e7;           ///< in any currency, per MWh
inline constexpr double kSeconds = 1e10;              ///< about 317 years
inline constexpr double kNumber = 1e12;               ///< any other number
inline constexpr double kWhole = 9007199254740992.0;  ///< 2^53: every whole number exact
}  // namespace limits

/// Throws InputError at `where` unless `x` is finite and in [lo, hi]; the message names the
/// value as `as` (e.g. "'mw' in [[new_load]] #1") and the range.
void check_range(double x, double lo, double hi, const SourceLocation& where, std::string_view as);

/// The CLI spelling of a field name: "power_mw" -> "--power-mw".
std::string flag_name(std::string_view field_name);

/// Reads `value` for the field `info`: converts text by its unit, checks finiteness, bounds and
/// choices, and returns the canonical value (a choice in its canonical spelling; a number list
/// from text). Throws InputError at `where`, naming the field as `as` (e.g. "--power-mw" or
/// "power_mw") and saying what is accepted.
FieldValue normalize(const FieldInfo& info, FieldValue value, const SourceLocation& where,
                     std::string_view as);

/// A value given under one of the field's old names, in the field's own unit (see old_scale).
FieldValue from_old_name(const FieldInfo& info, FieldValue value);

/// How a value of this field may be written, for --help: e.g. "0.85 or 85%"; "" for plain text.
std::string accepted_spellings(const FieldInfo& info);

/// The value as a user would write it: numbers shortest round-trip, lists comma-separated.
std::string to_text(const FieldValue& value);

/// Quotes at most 80 characters of user input, with control characters escaped, for messages.
std::string quote_input(std::string_view text);

/// The fields of one request type `R`. Built once (a function-local static in each request's
/// `fields()`); values are read from and written to an `R` through member pointers.
template <class R>
class FieldTable {
 public:
  struct Field {
    FieldInfo info;
    std::function<void(R&, const FieldValue&)> assign;           ///< value already normal
    std::function<std::optional<FieldValue>(const R&)> current;  ///< nullopt: not set
  };

  /// Adds a field stored in `member`. The member's type decides the conversion: bool, double,
  /// int, std::int64_t, std::uint64_t, std::string, std::vector<double>, std::vector<int>,
  /// std::vector<std::string>, or std::optional of one of them (unset: no default). The
  /// default is the member's initial value in a default-constructed `R`.
  template <class M>
  FieldTable& add(FieldInfo info, M R::*member) {
    if constexpr (std::is_integral_v<base_t<M>> && !std::is_same_v<base_t<M>, bool>) {
      // A whole number must fit its member: 1e300 into an int is undefined behaviour.
      constexpr double type_max = static_cast<double>(std::numeric_limits<base_t<M>>::max());
      const double fit = std::min(type_max, limits::kWhole);
      info.magnitude_max = info.magnitude_max > 0 ? std::min(info.magnitude_max, fit) : fit;
    }
    Field f{std::move(info), [member](R& r, const FieldValue& v) { store(r.*member, v); },
            [member](const R& r) { return load(r.*member); }};
    if (const auto d = f.current(R{})) f.info.default_text = to_text(*d);
    return push(std::move(f));
  }

  /// Adds every field of a nested part (e.g. the load or the storage of a request).
  template <class S>
  FieldTable& include(const FieldTable<S>& part, S R::*member) {
    for (const auto& g : part.fields()) {
      push({g.info, [a = g.assign, member](R& r, const FieldValue& v) { a(r.*member, v); },
            [c = g.current, member](const R& r) { return c(r.*member); }});
    }
    return *this;
  }

  const std::vector<Field>& fields() const { return fields_; }

  /// The field called `name` (or by one of its old names, then `*old` is set); nullptr if none.
  const Field* find(std::string_view name, bool* old = nullptr) const {
    for (const Field& f : fields_) {
      if (f.info.name == name) return &f;
    }
    for (const Field& f : fields_) {
      for (const std::string& o : f.info.old_names) {
        if (o == name) {
          if (old != nullptr) *old = true;
          return &f;
        }
      }
    }
    return nullptr;
  }

  /// Sets `name` from `value`; InputError at `where` for an unknown name or a bad value, naming
  /// the field as `as` (default: its name).
  void set(R& r, std::string_view name, FieldValue value, const SourceLocation& where = {},
           std::string_view as = {}) const {
    bool old = false;
    const Field* f = find(name, &old);
    if (f == nullptr) throw InputError(unknown_message(name), where);
    if (old) value = from_old_name(f->info, std::move(value));
    f->assign(r, normalize(f->info, std::move(value), where, as.empty() ? f->info.name : as));
  }

  /// "name=value" as given to `--set`; the value is text.
  void set_text(R& r, std::string_view assignment, const SourceLocation& where = {}) const {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string_view::npos || eq == 0) {
      throw InputError("--set " + quote_input(assignment) + ": expected KEY=VALUE, e.g. " +
                           (fields_.empty() ? std::string("key=1") : fields_[0].info.name + "=1"),
                       where);
    }
    set(r, assignment.substr(0, eq), std::string(assignment.substr(eq + 1)), where);
  }

  /// Copies into `into` each field that `from` sets and `into` leaves unset.
  void fill_unset(R& into, const R& from) const {
    for (const Field& f : fields_) {
      if (f.current(into)) continue;
      if (const auto v = f.current(from)) f.assign(into, *v);
    }
  }

  /// "unknown key 'x'; known keys: ..." (with the nearest name first when one is close).
  std::string unknown_message(std::string_view name) const;

 private:
  FieldTable& push(Field f) {
    for (const Field& g : fields_) {
      if (g.info.name == f.info.name) throw InternalError("duplicate field " + f.info.name);
    }
    fields_.push_back(std::move(f));
    return *this;
  }

  template <class M>
  struct base {
    using type = M;
  };
  template <class M>
  struct base<std::optional<M>> {
    using type = M;
  };
  template <class M>
  using base_t = typename base<M>::type;

  template <class M>
  static void store(M& m, const FieldValue& v) {
    if constexpr (std::is_same_v<M, bool>) {
      m = std::get<bool>(v);
    } else if constexpr (std::is_same_v<M, double>) {
      m = std::get<double>(v);
    } else if constexpr (std::is_integral_v<M>) {
      m = static_cast<M>(std::get<double>(v));
    } else if constexpr (std::is_same_v<M, std::string>) {
      m = std::get<std::string>(v);
    } else if constexpr (std::is_same_v<M, std::vector<double>>) {
      m = std::get<std::vector<double>>(v);
    } else if constexpr (std::is_same_v<M, std::vector<int>>) {
      const auto& xs = std::get<std::vector<double>>(v);
      m.assign(xs.begin(), xs.end());
    } else if constexpr (std::is_same_v<M, std::vector<std::string>>) {
      m = std::get<std::vector<std::string>>(v);
    } else {  // std::optional<T>
      typename M::value_type x{};
      store(x, v);
      m = std::move(x);
    }
  }

  template <class M>
  static std::optional<FieldValue> load(const M& m) {
    if constexpr (std::is_same_v<M, std::string> || std::is_same_v<M, std::vector<std::string>>) {
      if (m.empty()) return std::nullopt;  // empty text or list of names: not set
      return FieldValue(m);
    } else if constexpr (std::is_same_v<M, bool> || std::is_same_v<M, double> ||
                         std::is_same_v<M, std::vector<double>>) {
      return FieldValue(m);
    } else if constexpr (std::is_integral_v<M>) {
      return FieldValue(static_cast<double>(m));
    } else if constexpr (std::is_same_v<M, std::vector<int>>) {
      return FieldValue(std::vector<double>(m.begin(), m.end()));
    } else {  // std::optional<T>
      if (!m) return std::nullopt;
      return load(*m);
    }
  }

  std::vector<Field> fields_;
};

/// Names of a table's fields, for messages.
std::string nearest_and_known(std::string_view name, const std::vector<std::string>& names);

template <class R>
std::string FieldTable<R>::unknown_message(std::string_view name) const {
  std::vector<std::string> names;
  for (const Field& f : fields_) names.push_back(f.info.name);
  return "unknown key " + quote_input(name) + "; " + nearest_and_known(name, names);
}

}  // namespace ballast
