#pragma once
/// @file The HTML report of a finished sweep (`ballast sweep --report FILE.html`): what ran and
/// what failed, and for each value shown, heatmaps over the last two numeric axis columns (e.g.
/// storage power x hours), one per combination of the other axes, picked with a selector.

#include <string>
#include <vector>

#include "ballast/report/html.h"
#include "ballast/sweep/plan.h"

namespace ballast::sweep {

/// The result columns the report shows for `study` when none are asked for: headroom's
/// `results.K.headroom_mw` for every limit K, dispatch's `thermal.peak_mw` and `cost`; for the
/// other studies none (give them with --report-value).
std::vector<std::string> default_report_values(const std::string& study,
                                               const std::vector<std::string>& columns);

/// The report of the table at `jsonl_path` (written by write_tables). `values` are result
/// columns (dotted names as in the table); InputError naming a value the table does not have.
report::HtmlReport sweep_report(const SweepPlan& plan, const std::string& jsonl_path,
                                const std::vector<std::string>& values);

}  // namespace ballast::sweep
