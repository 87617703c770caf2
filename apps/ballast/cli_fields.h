#pragma once
// A request's field table as CLI11 options: --name for each field (flags for booleans,
// positionals where the field says so, a repeated flag for a list of names), help with the default
// and the bounds, old spellings accepted with a warning, and --set KEY=VALUE for any field.

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "ballast/core/fields.h"

namespace ballast::cli {

/// The help line of a field: its text, the accepted spellings, the default and the bounds.
std::string field_help(const FieldInfo& info);
/// The option text shown after the flag in --help, e.g. "MW", "%", "LIST".
std::string field_type_text(const FieldInfo& info);

/// Adds one CLI option per field of `table` (except those named in `skip`), writing into
/// `request` (which must outlive the parse) as the command line is parsed; with `with_set` also
/// --set KEY=VALUE (repeatable) for any field.
template <class R>
void add_fields(CLI::App& app, const FieldTable<R>& table, R& request,
                const std::set<std::string>& skip = {}, bool with_set = true) {
  for (const auto& f : table.fields()) {
    const FieldInfo& info = f.info;
    if (skip.count(info.name)) continue;
    const std::string flag = info.positional ? info.name : flag_name(info.name);
    auto set = [&table, &request, name = info.name, flag](const FieldValue& v) {
      table.set(request, name, v, {}, flag);
    };
    CLI::Option* opt = nullptr;
    if (info.kind == FieldKind::kFlag) {
      opt = app.add_flag_function(
          flag, [set](std::int64_t count) { set(count > 0); }, info.help);
    } else if (info.kind == FieldKind::kTexts) {  // repeat the flag, one name each time
      opt = app.add_option_function<std::vector<std::string>>(
          flag, [set](const std::vector<std::string>& names) { set(names); }, field_help(info));
      opt->option_text(field_type_text(info))->allow_extra_args(false);
    } else {
      opt = app.add_option_function<std::string>(
          flag, [set](const std::string& text) { set(text); }, field_help(info));
      opt->option_text(field_type_text(info));
    }
    if (!info.group.empty()) opt->group(info.group);
    for (const std::string& old : info.old_names) {
      app.add_option_function<std::string>(
             flag_name(old),
             [&table, &request, old, flag](const std::string& text) {
               std::cerr << fmt::format("ballast: warning: {} is deprecated; use {}\n",
                                        flag_name(old), flag);
               table.set(request, old, text, {}, flag_name(old));  // scaled to the new unit
             },
             "")
          ->group("");  // hidden
    }
  }
  if (!with_set) return;
  app.add_option_function<std::vector<std::string>>(
         "--set",
         [&table, &request](const std::vector<std::string>& items) {
           for (const std::string& item : items) table.set_text(request, item, {});
         },
         "Set any option as KEY=VALUE (the option's name with _ for -; repeatable)")
      ->option_text("KEY=VALUE")
      ->allow_extra_args(false);
}

}  // namespace ballast::cli
