#pragma once
// --aging for the commands not yet on the study layer: the library's aging options as flags.

#include <CLI/CLI.hpp>

#include "ballast/aging/wear_report.h"
#include "cli_fields.h"

namespace ballast::cli {

using AgingOptions = aging::AgingSpec;
using aging::add_wear_section;
using aging::assess_wear;
using aging::Throughput;
using aging::wear_json;
using aging::wear_text;
using aging::WearReport;

/// --aging, --temperature-c, --eol-pct and the economics options.
inline void add_aging_options(CLI::App& app, AgingOptions& o) {
  add_fields(app, AgingOptions::fields(), o, {}, false);
}

}  // namespace ballast::cli
