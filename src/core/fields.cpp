#include "ballast/core/fields.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "ballast/core/quantity.h"

namespace ballast {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// What text a number of this unit may be, for messages.
std::string accepted(FieldUnit unit) {
  switch (unit) {
    case FieldUnit::kMw:
      return "a power in MW, e.g. 5000 or 5GW";
    case FieldUnit::kMwh:
      return "an energy in MWh, e.g. 20000 or 20GWh";
    case FieldUnit::kPercent:
      return "a percentage, e.g. 0.5 or 0.5%";
    case FieldUnit::kFraction:
      return "a fraction, e.g. 0.85 or 85%";
    case FieldUnit::kSeconds:
      return "a duration, e.g. 900, 900s, 30min or 48h";
    case FieldUnit::kNone:
      break;
  }
  return "a number";
}

std::optional<double> parse_number(std::string_view text, FieldUnit unit) {
  text = trim(text);
  switch (unit) {
    case FieldUnit::kMw:
      return parse_power_mw(text);
    case FieldUnit::kMwh:
      return parse_energy_mwh(text);
    case FieldUnit::kPercent:
      if (!text.empty() && text.back() == '%') text.remove_suffix(1);
      return parse_double(text);
    case FieldUnit::kFraction:
      return parse_fraction(text);
    case FieldUnit::kSeconds:
      if (const auto plain = parse_double(text)) return plain;
      return parse_duration_s(text);
    case FieldUnit::kNone:
      break;
  }
  return parse_double(text);
}

std::string number_text(double x) { return fmt::format("{}", x); }

// Checks one number against the field's bounds and kind.
void check_number(const FieldInfo& f, double x, const SourceLocation& where, std::string_view as) {
  if (!std::isfinite(x)) {
    throw InputError(fmt::format("{} {}: must be a finite number", as, number_text(x)), where);
  }
  if ((f.kind == FieldKind::kInteger || f.whole) && x != std::floor(x)) {
    throw InputError(fmt::format("{} {}: must be a whole number", as, number_text(x)), where);
  }
  const bool below = f.min && (f.min_exclusive ? x <= *f.min : x < *f.min);
  const bool above = f.max && (f.max_exclusive ? x >= *f.max : x > *f.max);
  const double limit = f.magnitude_max > 0 ? f.magnitude_max : physical_limit(f.unit);
  if (!below && !above && ((!f.min && x < -limit) || (!f.max && x > limit))) {
    throw InputError(fmt::format("{} {}: beyond the physical range of {} (|x| <= {}); check the "
                                 "unit and the number of digits",
                                 as, number_text(x), accepted(f.unit), number_text(limit)),
                     where);
  }
  if (below || above) {
    std::string range;
    if (f.min && f.max) {
      range = fmt::format("in {}{}, {}{}", f.min_exclusive ? "(" : "[", number_text(*f.min),
                          number_text(*f.max), f.max_exclusive ? ")" : "]");
    } else if (f.min) {
      range = fmt::format("{} {}", f.min_exclusive ? "above" : "at least", number_text(*f.min));
    } else {
      range = fmt::format("{} {}", f.max_exclusive ? "below" : "at most", number_text(*f.max));
    }
    throw InputError(fmt::format("{} {}: must be {}", as, number_text(x), range), where);
  }
}

}  // namespace

double physical_limit(FieldUnit unit) {
  switch (unit) {
    case FieldUnit::kMw:
      return limits::kPowerMw;
    case FieldUnit::kMwh:
      return limits::kEnergyMwh;
    case FieldUnit::kPercent:
      return 1e6;
    case FieldUnit::kFraction:
      return 1e4;
    case FieldUnit::kSeconds:
      return limits::kSeconds;
    case FieldUnit::kNone:
      break;
  }
  return limits::kNumber;
}

void check_range(double x, double lo, double hi, const SourceLocation& where, std::string_view as) {
  if (!std::isfinite(x)) {
    throw InputError(fmt::format("{} {}: must be a finite number", as, number_text(x)), where);
  }
  if (x < lo || x > hi) {
    throw InputError(fmt::format("{} {}: must be in [{}, {}]", as, number_text(x), number_text(lo),
                                 number_text(hi)),
                     where);
  }
}

namespace {

double number_from(const FieldInfo& f, const FieldValue& v, const SourceLocation& where,
                   std::string_view as) {
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const std::string* s = std::get_if<std::string>(&v)) {
    if (const auto x = parse_number(*s, f.unit)) return *x;
    throw InputError(fmt::format("{} {}: expected {}", as, quote_input(*s), accepted(f.unit)),
                     where);
  }
  throw InputError(fmt::format("{}: expected {}", as, accepted(f.unit)), where);
}

std::vector<double> numbers_from(const FieldInfo& f, const FieldValue& v,
                                 const SourceLocation& where, std::string_view as) {
  if (const auto* xs = std::get_if<std::vector<double>>(&v)) return *xs;
  if (const double* d = std::get_if<double>(&v)) return {*d};
  const std::string* s = std::get_if<std::string>(&v);
  if (s == nullptr) throw InputError(fmt::format("{}: expected a list of numbers", as), where);
  const std::string_view text = trim(*s);
  const std::string example = f.unit == FieldUnit::kPercent ? "0.25,0.5,1,5" : "1,2,4 or 2:10:2";
  if (text.find(':') != std::string_view::npos) {
    if (const auto range = parse_range_or_list(text)) return *range;
    throw InputError(
        fmt::format("{} {}: expected START:STOP:STEP, e.g. 2:10:2", as, quote_input(text)), where);
  }
  std::vector<double> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    const auto x = parse_number(text.substr(begin, comma - begin), f.unit);
    if (!x) {
      throw InputError(
          fmt::format("{} {}: expected numbers such as {}", as, quote_input(text), example), where);
    }
    out.push_back(*x);
    begin = comma + 1;
  }
  return out;
}

bool flag_from(const FieldValue& v, const SourceLocation& where, std::string_view as) {
  if (const bool* b = std::get_if<bool>(&v)) return *b;
  if (const std::string* s = std::get_if<std::string>(&v)) {
    const std::string t = lower(trim(*s));
    if (t == "true" || t == "yes" || t == "on" || t == "1") return true;
    if (t == "false" || t == "no" || t == "off" || t == "0") return false;
    throw InputError(fmt::format("{} {}: expected true or false", as, quote_input(*s)), where);
  }
  throw InputError(fmt::format("{}: expected true or false", as), where);
}

// Choices are written "canonical|alias|alias".
std::string choice_from(const FieldInfo& f, const FieldValue& v, const SourceLocation& where,
                        std::string_view as) {
  const std::string text = std::holds_alternative<double>(v)        ? to_text(v)
                           : std::holds_alternative<std::string>(v) ? std::get<std::string>(v)
                                                                    : std::string();
  const std::string wanted = lower(trim(text));
  std::vector<std::string> canonical;
  for (const std::string& c : f.choices) {
    std::size_t begin = 0;
    const std::string first = c.substr(0, c.find('|'));
    canonical.push_back(first);
    while (begin <= c.size()) {
      const std::size_t bar = std::min(c.find('|', begin), c.size());
      if (lower(c.substr(begin, bar - begin)) == wanted) return first;
      begin = bar + 1;
    }
  }
  std::string list;
  for (const std::string& c : canonical) list += (list.empty() ? "" : ", ") + c;
  throw InputError(fmt::format("{} {}: expected one of {}", as, quote_input(text), list), where);
}

// A list of names: kept as given when it is a list (each item one name, commas and all: asset
// names are free text); text is split at its commas ("--set drop=a,b").
std::vector<std::string> texts_from(const FieldValue& v, const SourceLocation& where,
                                    std::string_view as) {
  std::vector<std::string> out;
  if (const auto* xs = std::get_if<std::vector<std::string>>(&v)) {
    out = *xs;
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    std::size_t begin = 0;
    while (begin <= s->size()) {
      const std::size_t comma = std::min(s->find(',', begin), s->size());
      out.emplace_back(trim(std::string_view(*s).substr(begin, comma - begin)));
      begin = comma + 1;
    }
  } else if (const double* d = std::get_if<double>(&v)) {
    out.push_back(to_text(*d));
  } else if (const auto* ns = std::get_if<std::vector<double>>(&v); ns != nullptr && ns->empty()) {
    // an empty TOML array: no names
  } else {
    throw InputError(fmt::format("{}: expected a list of names", as), where);
  }
  for (const std::string& name : out) {
    if (name.empty()) throw InputError(fmt::format("{}: a name is empty", as), where);
  }
  return out;
}

// Levenshtein distance, for "did you mean".
std::size_t distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diag = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
    }
  }
  return row[b.size()];
}

}  // namespace

FieldValue from_old_name(const FieldInfo& info, FieldValue value) {
  if (info.old_scale == 1) return value;
  if (double* d = std::get_if<double>(&value)) {
    *d *= info.old_scale;
  } else if (auto* xs = std::get_if<std::vector<double>>(&value)) {
    for (double& x : *xs) x *= info.old_scale;
  } else if (const std::string* s = std::get_if<std::string>(&value)) {
    if (const auto x = parse_double(trim(*s))) return *x * info.old_scale;
  }
  return value;
}

std::string accepted_spellings(const FieldInfo& info) {
  switch (info.kind) {
    case FieldKind::kChoice: {
      std::string aliases;
      for (const std::string& c : info.choices) {
        const std::size_t bar = c.find('|');
        if (bar == std::string::npos) continue;
        for (char ch : c.substr(bar + 1))
          aliases += ch == '|' ? std::string(", ") : std::string(1, ch);
        aliases += ", ";
      }
      if (!aliases.empty()) aliases.resize(aliases.size() - 2);
      return "any case" + (aliases.empty() ? std::string() : "; also " + aliases);
    }
    case FieldKind::kNumber:
    case FieldKind::kNumbers:
      break;
    default:
      return "";
  }
  switch (info.unit) {
    case FieldUnit::kMw:
      return "e.g. 5000, 5000MW or 5GW";
    case FieldUnit::kMwh:
      return "e.g. 20000 or 20GWh";
    case FieldUnit::kPercent:
      return "e.g. 0.5 or 0.5%";
    case FieldUnit::kFraction:
      return "e.g. 0.5 or 50%";
    case FieldUnit::kSeconds:
      return "e.g. 900, 15min or 48h";
    case FieldUnit::kNone:
      break;
  }
  return "";
}

std::string flag_name(std::string_view field_name) {
  std::string out = "--";
  for (char c : field_name) out += c == '_' ? '-' : c;
  return out;
}

std::string quote_input(std::string_view text) {
  constexpr std::size_t kMax = 80;
  std::string out = "'";
  std::size_t shown = 0;
  for (char c : text) {
    if (shown == kMax) {
      out += fmt::format("...' ({} characters)", text.size());
      return out;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      out += fmt::format("\\x{:02x}", u);
    } else {
      out += c;
    }
    ++shown;
  }
  return out + "'";
}

std::string to_text(const FieldValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, double>) {
          return number_text(v);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return v;
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          std::string s;
          for (std::size_t k = 0; k < v.size(); ++k) {
            if (k > 0) s += ',';
            s += v[k];
          }
          return s;
        } else {
          std::string s;
          for (double x : v) s += (s.empty() ? "" : ",") + number_text(x);
          return s;
        }
      },
      value);
}

FieldValue normalize(const FieldInfo& f, FieldValue v, const SourceLocation& where,
                     std::string_view as) {
  switch (f.kind) {
    case FieldKind::kFlag:
      return flag_from(v, where, as);
    case FieldKind::kNumber:
    case FieldKind::kInteger: {
      const double x = number_from(f, v, where, as);
      check_number(f, x, where, as);
      return x;
    }
    case FieldKind::kNumbers: {
      std::vector<double> xs = numbers_from(f, v, where, as);
      if (xs.empty()) throw InputError(fmt::format("{}: give at least one value", as), where);
      for (double x : xs) check_number(f, x, where, as);
      return xs;
    }
    case FieldKind::kChoice:
      return choice_from(f, v, where, as);
    case FieldKind::kTexts:
      return texts_from(v, where, as);
    case FieldKind::kText:
      if (std::holds_alternative<std::string>(v)) return v;
      if (std::holds_alternative<double>(v)) return to_text(v);
      throw InputError(fmt::format("{}: expected text", as), where);
  }
  return v;
}

std::string nearest_and_known(std::string_view name, const std::vector<std::string>& names) {
  std::string best;
  std::size_t best_d = 3;  // suggest only close names
  for (const std::string& n : names) {
    const std::size_t d = distance(name, n);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  std::string known;
  for (const std::string& n : names) known += (known.empty() ? "" : ", ") + n;
  return (best.empty() ? "" : "did you mean '" + best + "'? ") + "known keys: " + known;
}

}  // namespace ballast
