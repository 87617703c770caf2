#include "cli_fields.h"

namespace ballast::cli {

std::string field_type_text(const FieldInfo& info) {
  switch (info.kind) {
    case FieldKind::kFlag:
      return "";
    case FieldKind::kNumbers:
      return "LIST";
    case FieldKind::kTexts:
      return "NAME";
    case FieldKind::kChoice: {
      std::string s;
      for (const std::string& c : info.choices)
        s += (s.empty() ? "" : "|") + c.substr(0, c.find('|'));
      return s;
    }
    case FieldKind::kText:
      return info.path ? "FILE" : "TEXT";
    case FieldKind::kInteger:
      return "INT";
    case FieldKind::kNumber:
      break;
  }
  switch (info.unit) {
    case FieldUnit::kMw:
      return "MW";
    case FieldUnit::kMwh:
      return "MWh";
    case FieldUnit::kPercent:
      return "%";
    case FieldUnit::kFraction:
      return "FRAC";
    case FieldUnit::kSeconds:
      return "S";
    default:
      return "NUM";
  }
}

std::string field_help(const FieldInfo& info) {
  std::string s = info.help;
  if (const std::string spellings = accepted_spellings(info); !spellings.empty()) {
    s += " {" + spellings + "}";
  }
  if (info.min || info.max) {
    const auto n = [](double x) { return fmt::format("{}", x); };
    if (info.min && info.max) {
      s += fmt::format(" ({}{}..{}{})", info.min_exclusive ? ">" : "", n(*info.min),
                       info.max_exclusive ? "<" : "", n(*info.max));
    } else if (info.min) {
      s += fmt::format(" ({} {})", info.min_exclusive ? ">" : ">=", n(*info.min));
    } else {
      s += fmt::format(" (<= {})", n(*info.max));
    }
  }
  if (!info.default_text.empty()) s += " [default: " + info.default_text + "]";
  return s;
}

}  // namespace ballast::cli
