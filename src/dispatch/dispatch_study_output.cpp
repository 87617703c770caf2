// The dispatch study's renderers: text tables, JSON, the HTML report and the per-period CSV.

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "ballast/core/atomic_file.h"
#include "ballast/dispatch/dispatch_report.h"
#include "ballast/dispatch/dispatch_study.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::dispatch {

nlohmann::ordered_json to_json(const DispatchStudyResult& r) {
  nlohmann::ordered_json j = dispatch_json(r.scenario, r.dispatch, r.summary);
  // Present exactly when wear is priced in the LP (0 when the batteries then never discharge).
  const bool priced = std::any_of(r.scenario.storage.begin(), r.scenario.storage.end(),
                                  [](const StorageUnit& u) { return u.wear_cost_per_mwh > 0; });
  if (priced) j["wear_cost"] = r.dispatch.wear_cost;
  if (r.aging) {
    j["aging"] = nlohmann::ordered_json::array();
    for (const aging::WearReport& w : r.wear) j["aging"].push_back(aging::wear_json(w));
  }
  return report::with_schema("dispatch", std::move(j));
}

std::string to_text(const DispatchStudyResult& result) {
  using report::number;
  const Scenario& s = result.scenario;
  const DispatchResult& r = result.dispatch;
  const DispatchSummary& d = result.summary;
  std::string out =
      fmt::format("scenario: {} — {} periods of {} s, {} LP window(s), {} variables\n", s.name,
                  s.periods(), s.demand.step_s, r.windows, r.variables);
  if (!r.limit_note.empty()) out += "note: " + r.limit_note + "\n";
  out += "objective " + objective_text(r, s.currency) + "\n";
  if (r.new_load_mw) {
    out += fmt::format("largest constant new load: {} MW\n", number(*r.new_load_mw));
  }
  out += fmt::format(
      "cost {} {}; unserved {} MWh; renewables curtailed {} MWh\n"
      "net load peak {} MW; thermal peak {} MW, {} h at >= 99 % of it\n\n",
      number(d.cost), s.currency, number(d.unserved_mwh), number(d.renewable_curtailed_mwh),
      number(d.net_load_peak_mw), number(d.thermal_peak_mw), number(d.thermal_hours_near_peak, 1));
  report::Table g({"generator", "energy MWh", "capacity factor", "hours at full", "starts proxy"});
  for (const GeneratorSummary& x : d.generators) {
    g.add_row({x.name, number(x.energy_mwh), number(x.capacity_factor, 3),
               number(x.hours_at_full, 1), number(x.starts_proxy, 1)});
  }
  out += g.render();
  if (!d.storage.empty()) {
    report::Table t({"storage", "in MWh", "out MWh", "full cycles", "losses MWh"});
    for (const StorageSummary& x : d.storage) {
      t.add_row({x.name, number(x.energy_in_mwh), number(x.energy_out_mwh),
                 number(x.equivalent_full_cycles, 1), number(x.losses_mwh)});
    }
    out += '\n';
    out += t.render();
  }
  if (r.wear_cost > 0) {
    out += fmt::format("\nbattery wear priced in the LP: {} {}\n", number(r.wear_cost), s.currency);
  }
  for (const aging::WearReport& w : result.wear) {
    out += '\n';
    out += aging::wear_text(w);
  }
  return out;
}

report::HtmlReport to_html(const DispatchStudyResult& r) {
  report::HtmlReport html = dispatch_html(r.scenario, r.dispatch, r.summary);
  html.set_data(to_json(r));
  for (std::size_t i = 0; i < r.wear.size(); ++i) {
    aging::add_wear_section(html, r.wear[i], fmt::format("/aging/{}", i));
  }
  return html;
}

std::string to_csv(const DispatchStudyResult& r) { return dispatch_csv(r.scenario, r.dispatch); }

std::string write_csv(const DispatchStudyResult& r, const std::string& dir) {
  std::filesystem::create_directories(dir);
  const std::string path = (std::filesystem::path(dir) / "dispatch.csv").string();
  write_file_atomically(path, to_csv(r));
  return path;
}

}  // namespace ballast::dispatch
