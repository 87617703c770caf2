// The transient study's renderers: the KPI JSON, the text table and the HTML report.

#include <fmt/format.h>

#include <cmath>

#include "ballast/dynamics/transient_study.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"

namespace ballast::dynamics {
namespace {

nlohmann::ordered_json opt(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

std::string fmt_opt(const std::optional<double>& v, int decimals) {
  return v ? report::number(*v, decimals) : "-";
}

void add_charts(report::HtmlReport& html, const Traces& t, const std::string& label, bool battery) {
  std::vector<report::Series> power = {{.label = "site", .y = t.site_mw},
                                       {.label = "upstream", .y = t.upstream_mw}};
  if (battery) power.push_back({.label = "battery", .y = t.battery_mw});
  html.add_chart({.title = "power " + label,
                  .x_label = "time (s)",
                  .y_label = "power (MW)",
                  .x = t.time_s,
                  .series = power});
  html.add_chart({.title = "frequency " + label,
                  .x_label = "time (s)",
                  .y_label = "frequency (Hz)",
                  .x = t.time_s,
                  .series = {{.label = "frequency", .y = t.frequency_hz}}});
  if (battery) {
    html.add_chart({.title = "battery SOC " + label,
                    .x_label = "time (s)",
                    .y_label = "SOC (fraction)",
                    .x = t.time_s,
                    .series = {{.label = "SOC", .y = t.soc}}});
  }
}

// The KPI table: one column without the battery, one with it.
std::string kpi_table(const TransientKpis& a, const TransientKpis* with) {
  std::vector<std::string> header = {"quantity", "no battery"};
  if (with != nullptr) header.push_back("with battery");
  report::Table t(header);
  const auto row = [&](const std::string& name, auto get) {
    std::vector<std::string> cells = {name, get(a)};
    if (with != nullptr) cells.push_back(get(*with));
    t.add_row(cells);
  };
  using K = TransientKpis;
  using report::number;
  row("upstream max ramp MW/s", [](const K& k) { return number(k.upstream_max_ramp_mw_per_s, 3); });
  row("upstream p99 ramp MW/s", [](const K& k) { return number(k.upstream_p99_ramp_mw_per_s, 3); });
  row("upstream swing 0.1-20 Hz RMS MW",
      [](const K& k) { return number(std::sqrt(k.upstream_band_mw2), 3); });
  row("upstream swing in 0.1-20 Hz %",
      [](const K& k) { return number(100 * k.upstream_band_share, 1); });
  row("frequency nadir Hz", [](const K& k) { return fmt_opt(k.frequency_nadir_hz, 4); });
  row("frequency zenith Hz", [](const K& k) { return fmt_opt(k.frequency_zenith_hz, 4); });
  row("max RoCoF Hz/s", [](const K& k) { return fmt_opt(k.max_rocof_hz_per_s, 4); });
  if (with != nullptr) {
    row("ramp limit violations", [](const K& k) {
      return k.ramp_limit_mw_per_s ? number(double(k.ramp_violations)) : std::string("-");
    });
    row("SOC min-max", [](const K& k) {
      return k.soc_min ? fmt::format("{:.3f}-{:.3f}", *k.soc_min, *k.soc_max) : std::string("-");
    });
    row("battery throughput MWh", [](const K& k) { return number(k.throughput_mwh, 3); });
    row("equivalent full cycles", [](const K& k) { return number(k.equivalent_full_cycles, 2); });
    row("battery losses MWh", [](const K& k) { return number(k.battery_losses_mwh, 3); });
  }
  row("energy balance residual",
      [](const K& k) { return fmt::format("{:.1e}", k.energy_balance_residual); });
  return t.render();
}

}  // namespace

nlohmann::ordered_json kpi_json(const TransientKpis& k) {
  return {{"steps", k.steps},
          {"step_s", k.step_s},
          {"site_mean_mw", k.site_mean_mw},
          {"site_peak_mw", k.site_peak_mw},
          {"site_min_mw", k.site_min_mw},
          {"site_max_ramp_mw_per_s", k.site_max_ramp_mw_per_s},
          {"site_p99_ramp_mw_per_s", k.site_p99_ramp_mw_per_s},
          {"upstream_peak_mw", k.upstream_peak_mw},
          {"upstream_min_mw", k.upstream_min_mw},
          {"upstream_max_ramp_mw_per_s", k.upstream_max_ramp_mw_per_s},
          {"upstream_p99_ramp_mw_per_s", k.upstream_p99_ramp_mw_per_s},
          {"ramp_limit_mw_per_s", opt(k.ramp_limit_mw_per_s)},
          {"ramp_violations", k.ramp_violations},
          {"site_swing_0_1_to_20_hz_mw2", k.site_band_mw2},
          {"upstream_swing_0_1_to_20_hz_mw2", k.upstream_band_mw2},
          {"site_swing_share_0_1_to_20_hz", k.site_band_share},
          {"upstream_swing_share_0_1_to_20_hz", k.upstream_band_share},
          {"frequency_nadir_hz", opt(k.frequency_nadir_hz)},
          {"frequency_zenith_hz", opt(k.frequency_zenith_hz)},
          {"max_rocof_hz_per_s", opt(k.max_rocof_hz_per_s)},
          {"soc_min", opt(k.soc_min)},
          {"soc_max", opt(k.soc_max)},
          {"charged_mwh", k.charged_mwh},
          {"discharged_mwh", k.discharged_mwh},
          {"throughput_mwh", k.throughput_mwh},
          {"equivalent_full_cycles", k.equivalent_full_cycles},
          {"battery_losses_mwh", k.battery_losses_mwh},
          {"battery_short_steps", k.battery_short_steps},
          {"site_mwh", k.site_mwh},
          {"upstream_mwh", k.upstream_mwh},
          {"energy_balance_residual", k.energy_balance_residual}};
}

std::string upstream_text(const TransientParams& p) {
  switch (p.upstream) {
    case UpstreamKind::kGrid:
      return fmt::format("grid {} Hz, {} MVA, H {} s, D {}, R {}", p.grid.frequency_hz,
                         report::number(p.grid.base_mva), p.grid.inertia_s, p.grid.damping,
                         p.grid.droop);
    case UpstreamKind::kIsland:
      return fmt::format("island {} Hz, {} x {} MW turbines ramping {} MW/s each, H {} s",
                         p.island.frequency_hz, p.island.turbines, p.island.turbine_mw,
                         p.island.ramp_mw_per_s, p.island.inertia_s);
    case UpstreamKind::kNone:
      return "none (no upstream model)";
  }
  return "";
}

nlohmann::ordered_json to_json(const TransientStudyResult& r) {
  nlohmann::ordered_json j = {{"command", "transient"},
                              {"scenario", r.scenario},
                              {"upstream", upstream_text(r.params)},
                              {"without_battery", kpi_json(r.without.kpis)}};
  if (r.with) {
    const StorageParams& st = r.params.battery->storage;
    j["battery"] = {{"power_mw", st.discharge_power_mw},
                    {"energy_mwh", st.energy_mwh},
                    {"round_trip_efficiency", st.round_trip_efficiency()},
                    {"soc_min", st.soc_min},
                    {"soc_max", st.soc_max},
                    {"inverter_lag_ms", r.params.battery->inverter_lag_ms},
                    {"sized", r.sized.has_value()}};
    j["with_battery"] = kpi_json(r.with->kpis);
  }
  if (r.wear) j["aging"] = aging::wear_json(*r.wear);
  return report::with_schema("transient", std::move(j));
}

std::string to_text(const TransientStudyResult& r) {
  using report::number;
  const TransientKpis& a = r.without.kpis;
  std::string s = fmt::format("scenario: {}\n", r.scenario);
  s += fmt::format("{} steps of {} ms ({} s); upstream: {}\n", number(double(a.steps)),
                   a.step_s * 1000, number(double(a.steps) * a.step_s, 1), upstream_text(r.params));
  s += fmt::format("site: mean {} MW, peak {} MW, min {} MW\n", number(a.site_mean_mw, 1),
                   number(a.site_peak_mw, 1), number(a.site_min_mw, 1));
  const double ramp_mw_per_min = r.params.control.ramp_mw_per_s * 60;
  if (r.with) {
    const StorageParams& st = r.params.battery->storage;
    s += fmt::format(
        "battery{}: {} MW / {} MWh, round trip {:.0f} %, SOC window {}-{}, inverter lag {} ms; "
        "ramp limit {} MW/min\n",
        r.sized ? " (sized)" : "", number(st.discharge_power_mw, 2), number(st.energy_mwh, 3),
        100 * st.round_trip_efficiency(), st.soc_min, st.soc_max, r.params.battery->inverter_lag_ms,
        number(ramp_mw_per_min, 2));
  }
  s += "\n";
  s += kpi_table(a, r.with ? &r.with->kpis : nullptr);
  s += fmt::format("site swing in 0.1-20 Hz: {} MW RMS ({:.1f} % of the swing energy)\n",
                   number(std::sqrt(a.site_band_mw2), 3), 100 * a.site_band_share);
  if (r.sized) {
    const StorageParams& st = r.params.battery->storage;
    s += fmt::format(
        "sized: {} MW / {} MWh keeps the upstream ramp within {} MW/min and SOC within [{}, {}] "
        "(charges up to {} MWh and discharges up to {} MWh around the start; {} runs)\n",
        number(r.sized->power_mw, 2), number(r.sized->energy_mwh, 3), number(ramp_mw_per_min, 2),
        st.soc_min, st.soc_max, number(r.sized->charge_mwh, 3), number(r.sized->discharge_mwh, 3),
        r.sized->verification_runs);
  }
  if (r.wear) s += "if this operation ran all year: " + aging::wear_text(*r.wear);
  return s;
}

report::HtmlReport to_html(const TransientStudyResult& r) {
  report::HtmlReport html("ballast transient: " + r.scenario);
  html.add_paragraph("upstream: " + upstream_text(r.params));
  html.add_heading("without battery");
  add_charts(html, r.without.traces, "(no battery)", false);
  if (r.with) {
    html.add_heading("with battery");
    add_charts(html, r.with->traces, "(battery)", true);
  }
  if (r.wear) aging::add_wear_section(html, *r.wear);
  return html;
}

}  // namespace ballast::dynamics
