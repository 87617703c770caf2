// The transient study's renderers: the KPI JSON, the text table and the HTML report.

#include <fmt/format.h>

#include <cmath>

#include "ballast/dynamics/transient_study.h"
#include "ballast/report/schema.h"
#include "ballast/report/table.h"
#include "ballast/workload/summary.h"

namespace ballast::dynamics {
namespace {

nlohmann::ordered_json opt(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

// A battery's figure: null in a run without one (the KPIs have an SOC range only with one).
nlohmann::ordered_json battery_only(const TransientKpis& k, double v) {
  return k.soc_min ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
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

// The KPI table: one column without the battery, one with it; each number bound to its key
// in "/without_battery" or "/with_battery" of the study's JSON where it is one of them.
struct KpiTable {
  std::vector<std::string> header;
  std::vector<std::vector<report::Cell>> rows;
};

KpiTable kpi_rows(const TransientKpis& a, const TransientKpis* with) {
  KpiTable t{{"quantity", "no battery"}, {}};
  if (with != nullptr) t.header.push_back("with battery");
  using K = TransientKpis;
  using report::number;
  // `key` empty: the number is derived (not a key of the JSON).
  const auto row = [&](const std::string& name, const char* key, double scale, auto get) {
    std::vector<report::Cell> cells = {{.text = name}};
    const auto cell = [&](const K& k, const char* side) {
      const std::string text = get(k);
      const bool bound = key[0] != '\0' && text != "-";
      return report::Cell{.text = text,
                          .key = bound ? std::string(side) + "/" + key : std::string(),
                          .scale = scale};
    };
    cells.push_back(cell(a, "/without_battery"));
    if (with != nullptr) cells.push_back(cell(*with, "/with_battery"));
    t.rows.push_back(std::move(cells));
  };
  row("upstream max ramp MW/s", "upstream_max_ramp_mw_per_s", 1,
      [](const K& k) { return number(k.upstream_max_ramp_mw_per_s, 3); });
  row("upstream p99 ramp MW/s", "upstream_p99_ramp_mw_per_s", 1,
      [](const K& k) { return number(k.upstream_p99_ramp_mw_per_s, 3); });
  row("upstream swing 0.1-20 Hz RMS MW", "upstream_swing_rms_0_1_to_20_hz_mw", 1,
      [](const K& k) { return number(std::sqrt(k.upstream_band_mw2), 3); });
  row("upstream swing in 0.1-20 Hz %", "upstream_swing_share_0_1_to_20_hz_frac", 100,
      [](const K& k) { return number(100 * k.upstream_band_share, 1); });
  row("frequency nadir Hz", "frequency_nadir_hz", 1,
      [](const K& k) { return fmt_opt(k.frequency_nadir_hz, 4); });
  row("frequency zenith Hz", "frequency_zenith_hz", 1,
      [](const K& k) { return fmt_opt(k.frequency_zenith_hz, 4); });
  row("max RoCoF Hz/s", "max_rocof_hz_per_s", 1,
      [](const K& k) { return fmt_opt(k.max_rocof_hz_per_s, 4); });
  if (with != nullptr) {
    row("ramp limit violations", "ramp_violations", 1, [](const K& k) {
      return k.ramp_limit_mw_per_s ? number(double(k.ramp_violations)) : std::string("-");
    });
    row("SOC min-max", "", 1, [](const K& k) {
      return k.soc_min ? fmt::format("{:.3f}-{:.3f}", *k.soc_min, *k.soc_max) : std::string("-");
    });
    // Not applicable without a battery: "-", as null in the JSON.
    const auto battery = [](const K& k, double v, int decimals) {
      return k.soc_min ? number(v, decimals) : std::string("-");
    };
    row("battery throughput MWh", "throughput_mwh", 1,
        [&](const K& k) { return battery(k, k.throughput_mwh, 3); });
    row("equivalent full cycles", "equivalent_full_cycles", 1,
        [&](const K& k) { return battery(k, k.equivalent_full_cycles, 2); });
    row("battery losses MWh", "battery_losses_mwh", 1,
        [&](const K& k) { return battery(k, k.battery_losses_mwh, 3); });
  }
  row("energy balance residual", "energy_balance_residual_frac", 1,
      [](const K& k) { return fmt::format("{:.1e}", k.energy_balance_residual); });
  return t;
}

std::string kpi_table(const TransientKpis& a, const TransientKpis* with) {
  const KpiTable k = kpi_rows(a, with);
  report::Table t(k.header);
  for (const auto& row : k.rows) {
    std::vector<std::string> cells;
    for (const report::Cell& c : row) cells.push_back(c.text);
    t.add_row(cells);
  }
  return t.render();
}

// The swing spectra in the 0.1-20 Hz band: the load, and upstream without and with the battery.
report::Chart spectrum_chart(const TransientStudyResult& r) {
  const TransientKpis& a = r.without.kpis;
  report::Chart c{.id = "spectrum",
                  .title = "Swing spectrum in 0.1-20 Hz (Welch, Hann window)",
                  .x_label = "frequency (Hz)",
                  .y_label = "swing energy per bin (MW²)"};
  report::Series site{.label = "site load", .color = "#7f7f7f"};
  report::Series bare{.label = "upstream, no battery", .color = "#d62728"};
  report::Series with{.label = "upstream, with battery", .color = "#1f77b4"};
  for (std::size_t k = 1; k < a.upstream_spectrum_mw2.size(); ++k) {
    const double f = static_cast<double>(k) * a.spectrum_resolution_hz;
    if (f < workload::kSwingBandLoHz || f > workload::kSwingBandHiHz) continue;
    c.x.push_back(f);
    site.y.push_back(a.site_spectrum_mw2[k]);
    bare.y.push_back(a.upstream_spectrum_mw2[k]);
    if (r.with) with.y.push_back(r.with->kpis.upstream_spectrum_mw2[k]);
  }
  c.series = {site, bare};
  if (r.with) c.series.push_back(with);
  return c;
}

void add_swing_zoom(report::HtmlReport& html, const std::vector<SwingWindow>& swings) {
  if (swings.empty()) return;
  html.add_heading("The first seconds of each swing");
  html.add_paragraph(fmt::format(
      "Every step from 0.5 s before to 4.5 s after the load changed by more than 10 % within "
      "100 ms; the first {} such swings of the run.",
      swings.size()));
  for (std::size_t i = 0; i < swings.size(); ++i) {
    const SwingWindow& w = swings[i];
    std::vector<report::Series> lines = {
        {.label = "site", .y = w.site_mw, .color = "#7f7f7f"},
        {.label = "upstream, no battery", .y = w.upstream_bare_mw, .color = "#d62728"}};
    if (w.upstream_battery_mw.size() == w.time_s.size()) {
      lines.push_back(
          {.label = "upstream, with battery", .y = w.upstream_battery_mw, .color = "#1f77b4"});
      lines.push_back({.label = "battery", .y = w.battery_mw, .color = "#2ca02c"});
    }
    html.add_chart({.id = fmt::format("swing-{}", i + 1),
                    .title = fmt::format("Swing {} at {:.3f} s", i + 1, w.start_s),
                    .x_label = "time (s from the start of the run)",
                    .y_label = "power (MW)",
                    .x = w.time_s,
                    .series = std::move(lines),
                    .group = "swing",
                    .choice = fmt::format("{} at {:.3f} s", i + 1, w.start_s)});
  }
}

// Where the sized battery's energy and power are set, over the whole trace.
std::string sized_window_text(const BatterySize& b) {
  return fmt::format(
      "binding: the energy is set by the {} from {:.3f} s to {:.3f} s, the power by the set-point "
      "at {:.3f} s (sized over the whole {:.1f} s trace; a longer run may need more)",
      b.energy_set_by_discharge ? "discharge" : "charge", b.energy_window_from_s,
      b.energy_window_to_s, b.power_at_s, b.trace_s);
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
          // The same band as an RMS swing, MW (as workload's swing_rms_0_1_to_20_hz_mw).
          {"site_swing_rms_0_1_to_20_hz_mw", std::sqrt(k.site_band_mw2)},
          {"upstream_swing_rms_0_1_to_20_hz_mw", std::sqrt(k.upstream_band_mw2)},
          {"site_swing_share_0_1_to_20_hz_frac", k.site_band_share},
          {"upstream_swing_share_0_1_to_20_hz_frac", k.upstream_band_share},
          {"frequency_nadir_hz", opt(k.frequency_nadir_hz)},
          {"frequency_zenith_hz", opt(k.frequency_zenith_hz)},
          {"max_rocof_hz_per_s", opt(k.max_rocof_hz_per_s)},
          {"soc_min_frac", opt(k.soc_min)},
          {"soc_max_frac", opt(k.soc_max)},
          {"charged_mwh", battery_only(k, k.charged_mwh)},
          {"discharged_mwh", battery_only(k, k.discharged_mwh)},
          {"throughput_mwh", battery_only(k, k.throughput_mwh)},
          {"equivalent_full_cycles", battery_only(k, k.equivalent_full_cycles)},
          {"battery_losses_mwh", battery_only(k, k.battery_losses_mwh)},
          {"battery_short_steps", k.soc_min ? nlohmann::ordered_json(k.battery_short_steps)
                                            : nlohmann::ordered_json(nullptr)},
          {"site_mwh", k.site_mwh},
          {"upstream_mwh", k.upstream_mwh},
          {"energy_balance_residual_frac", k.energy_balance_residual}};
}

// What is upstream, as values (the text and report say it in words: upstream_text).
nlohmann::ordered_json upstream_json(const TransientParams& p) {
  switch (p.upstream) {
    case UpstreamKind::kGrid:
      return {{"model", "grid"},
              {"frequency_hz", p.grid.frequency_hz},
              {"base_mva", p.grid.base_mva},
              {"inertia_s", p.grid.inertia_s},
              {"damping", p.grid.damping},
              {"droop", p.grid.droop}};
    case UpstreamKind::kIsland:
      return {{"model", "island"},
              {"frequency_hz", p.island.frequency_hz},
              {"turbines", p.island.turbines},
              {"turbine_mw", p.island.turbine_mw},
              {"ramp_mw_per_s", p.island.ramp_mw_per_s},
              {"inertia_s", p.island.inertia_s}};
    case UpstreamKind::kNone:
      break;
  }
  return {{"model", "none"}};
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
                              {"upstream", upstream_json(r.params)},
                              {"without_battery", kpi_json(r.without.kpis)}};
  if (r.with) {
    const StorageParams& st = r.params.battery->storage;
    j["battery"] = {{"power_mw", st.discharge_power_mw},
                    {"energy_mwh", st.energy_mwh},
                    {"round_trip_efficiency_frac", st.round_trip_efficiency()},
                    {"soc_min_frac", st.soc_min},
                    {"soc_max_frac", st.soc_max},
                    {"inverter_lag_ms", r.params.battery->inverter_lag_ms},
                    {"sized", r.sized.has_value()}};
    j["with_battery"] = kpi_json(r.with->kpis);
  }
  if (r.sized) {
    const BatterySize& b = *r.sized;
    j["sizing"] = {{"power_mw", b.power_mw},
                   {"energy_mwh", b.energy_mwh},
                   {"charge_mwh", b.charge_mwh},
                   {"discharge_mwh", b.discharge_mwh},
                   {"power_at_s", b.power_at_s},
                   {"energy_set_by", b.energy_set_by_discharge ? "discharge" : "charge"},
                   {"energy_window_from_s", b.energy_window_from_s},
                   {"energy_window_to_s", b.energy_window_to_s},
                   {"trace_s", b.trace_s},
                   {"runs", b.verification_runs}};
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
    s += sized_window_text(*r.sized) + "\n";
  }
  if (r.wear) s += "if this operation ran all year: " + aging::wear_text(*r.wear);
  return s;
}

report::HtmlReport to_html(const TransientStudyResult& r) {
  report::HtmlReport html("ballast transient: " + r.scenario);
  const TransientKpis& a = r.without.kpis;
  html.add_paragraph(fmt::format(
      "{} steps of {} ms ({} s); upstream: {}.", report::number(double(a.steps)), a.step_s * 1000,
      report::number(double(a.steps) * a.step_s, 1), upstream_text(r.params)));
  if (r.sized) {
    const BatterySize& b = *r.sized;
    using report::Cell;
    using report::number;
    html.add_heading("Sized battery");
    html.add_cells(
        {"quantity", "value"},
        {{{.text = "power (MW)"}, {.text = number(b.power_mw, 2), .key = "/sizing/power_mw"}},
         {{.text = "energy (MWh)"}, {.text = number(b.energy_mwh, 3), .key = "/sizing/energy_mwh"}},
         {{.text = "largest rise above the start (MWh)"},
          {.text = number(b.charge_mwh, 3), .key = "/sizing/charge_mwh"}},
         {{.text = "largest fall below the start (MWh)"},
          {.text = number(b.discharge_mwh, 3), .key = "/sizing/discharge_mwh"}},
         {{.text = "the power is set at (s)"},
          {.text = number(b.power_at_s, 3), .key = "/sizing/power_at_s"}},
         {{.text = std::string("the energy is set by the ") +
                   (b.energy_set_by_discharge ? "discharge" : "charge") + " from (s)"},
          {.text = number(b.energy_window_from_s, 3), .key = "/sizing/energy_window_from_s"}},
         {{.text = "to (s)"},
          {.text = number(b.energy_window_to_s, 3), .key = "/sizing/energy_window_to_s"}},
         {{.text = "sized over the whole trace (s)"},
          {.text = number(b.trace_s, 1), .key = "/sizing/trace_s"}}});
  }
  html.add_heading("Key figures");
  KpiTable k = kpi_rows(a, r.with ? &r.with->kpis : nullptr);
  html.add_cells(std::move(k.header), std::move(k.rows));
  html.add_heading("Swing spectrum");
  html.add_chart(spectrum_chart(r));
  add_swing_zoom(html, r.swings);
  html.add_heading("without battery");
  add_charts(html, r.without.traces, "(no battery)", false);
  if (r.with) {
    html.add_heading("with battery");
    add_charts(html, r.with->traces, "(battery)", true);
  }
  if (r.wear) aging::add_wear_section(html, *r.wear, "/aging");
  html.set_data(to_json(r));
  return html;
}

}  // namespace ballast::dynamics
