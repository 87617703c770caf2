// ballast transient: a datacenter, its battery and controller, and the grid or on-site plant,
// simulated at millisecond steps; --size finds the smallest battery that keeps the ramp limit.

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "aging_output.h"
#include "ballast/core/error.h"
#include "ballast/core/number_format.h"
#include "ballast/dynamics/run.h"
#include "ballast/dynamics/scenario.h"
#include "ballast/dynamics/sizing.h"
#include "ballast/report/html.h"
#include "ballast/report/table.h"
#include "commands.h"
#include "streaming_output.h"
#include "study_command.h"

namespace ballast::cli {
namespace {

struct TransientOptions {
  std::string scenario;
  bool no_battery = false;
  bool size = false;
  std::optional<double> ramp_mw_per_min;
  std::optional<double> duration_s;
  std::string out;  // per-step CSV
  AgingOptions aging;
  OutputOptions output;
};

nlohmann::ordered_json opt(const std::optional<double>& v) {
  return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json kpi_json(const dynamics::TransientKpis& k) {
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

std::string upstream_text(const dynamics::TransientParams& p) {
  switch (p.upstream) {
    case dynamics::UpstreamKind::kGrid:
      return fmt::format("grid {} Hz, {} MVA, H {} s, D {}, R {}", p.grid.frequency_hz,
                         report::number(p.grid.base_mva), p.grid.inertia_s, p.grid.damping,
                         p.grid.droop);
    case dynamics::UpstreamKind::kIsland:
      return fmt::format("island {} Hz, {} x {} MW turbines ramping {} MW/s each, H {} s",
                         p.island.frequency_hz, p.island.turbines, p.island.turbine_mw,
                         p.island.ramp_mw_per_s, p.island.inertia_s);
    case dynamics::UpstreamKind::kNone:
      return "none (no upstream model)";
  }
  return "";
}

std::string fmt_opt(const std::optional<double>& v, int decimals) {
  return v ? report::number(*v, decimals) : "-";
}

void add_charts(report::HtmlReport& html, const dynamics::Traces& t, const std::string& label,
                bool battery) {
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

void run(const TransientOptions& o) {
  dynamics::TransientScenario sc = dynamics::read_transient_scenario(o.scenario);
  if (o.duration_s) {
    auto* p = std::get_if<workload::SyntheticParams>(&sc.workload);
    if (p == nullptr) throw InputError("--duration-s applies to synthetic workloads only");
    p->duration_s = *o.duration_s;
  }
  if (o.ramp_mw_per_min) sc.params.control.ramp_mw_per_s = *o.ramp_mw_per_min / 60;
  if (o.no_battery && o.size) throw InputError("--size and --no-battery exclude each other");
  if (o.no_battery) sc.params.battery.reset();
  if (o.size && !sc.params.battery) {
    sc.params.battery.emplace();  // default efficiencies and window
    sc.params.battery->storage = StorageParams::with_round_trip(0, 0, 0.85);
    sc.params.battery->storage.soc_min = 0.1;
    sc.params.battery->storage.soc_max = 0.9;
    sc.params.battery->initial_soc = sc.params.control.soc.target_soc;
  }
  std::unique_ptr<workload::LoadSource> source = workload::make_source(sc.workload);
  std::optional<dynamics::BatterySize> sized;
  if (o.size) {
    std::cerr << "ballast: sizing the battery...\n";
    sized = dynamics::size_battery(*source, sc.params);
    auto& st = sc.params.battery->storage;
    st.discharge_power_mw = st.charge_power_mw = sized->power_mw;
    st.energy_mwh = sized->energy_mwh;
  }
  std::cerr << fmt::format("ballast: simulating {} steps...\n", source->steps());
  dynamics::TransientParams bare = sc.params;
  bare.battery.reset();
  const dynamics::TransientResult without = dynamics::run_transient(*source, bare);
  std::optional<dynamics::TransientResult> with;
  std::optional<StreamingFile> out;
  if (!o.out.empty()) {
    out.emplace(o.out);
    std::fputs("time_s,site_mw,upstream_mw,battery_mw,soc,frequency_hz\n", out->get());
  }
  dynamics::RunOptions ro;
  if (out) {
    ro.each = [&, line = std::string()](std::int64_t t_us, const dynamics::StepState& s) mutable {
      // Time exact in microseconds; values in shortest round-trip form.
      line = fmt::format("{}.{:06d}", t_us / 1'000'000, t_us % 1'000'000);
      for (double x : {s.site_mw, s.upstream_mw, s.battery_mw, s.soc, s.frequency_hz}) {
        line += ',';
        append_number(line, x);
      }
      line += '\n';
      std::fputs(line.c_str(), out->get());
    };
  }
  // --aging: the battery's SOC at every step goes through the shared wear meter.
  std::optional<aging::AgingModel> aging_model;
  std::optional<aging::WearMeter> meter;
  if (o.aging.enabled() && sc.params.battery) {
    aging_model = aging::parse_model(o.aging.aging);
    meter.emplace(*aging_model, 1.0);
    ro.each = [&, csv = ro.each](std::int64_t t_us, const dynamics::StepState& s) {
      if (csv) csv(t_us, s);
      meter->push(s.soc, o.aging.temperature_c);
    };
  }
  if (sc.params.battery) {
    with = dynamics::run_transient(*source, sc.params, ro);
  } else if (out) {
    dynamics::run_transient(*source, bare, ro);
  }
  if (out) out->commit();
  const dynamics::TransientKpis& a = without.kpis;
  std::optional<WearReport> wear;
  if (meter && with) {
    aging::Wear w = meter->finish();
    w.duration_s = static_cast<double>(with->kpis.steps) * with->kpis.step_s;
    const auto& st = sc.params.battery->storage;
    Throughput flows;  // the battery's own energy flows; revenue and new energy do not apply
    flows.discharged_mwh = with->kpis.discharged_mwh;
    flows.charged_mwh = with->kpis.charged_mwh;
    wear = assess_wear(o.aging, *aging_model, w, st.discharge_power_mw, st.energy_mwh, flows);
  }
  if (!o.output.report.empty()) {
    report::HtmlReport html("ballast transient: " + sc.name);
    html.add_paragraph("upstream: " + upstream_text(sc.params));
    html.add_heading("without battery");
    add_charts(html, without.traces, "(no battery)", false);
    if (with) {
      html.add_heading("with battery");
      add_charts(html, with->traces, "(battery)", true);
    }
    if (wear) add_wear_section(html, *wear);
    write_report(o.output, html.render());
  }
  if (o.output.json) {
    nlohmann::ordered_json j = {{"command", "transient"},
                                {"scenario", sc.name},
                                {"upstream", upstream_text(sc.params)},
                                {"without_battery", kpi_json(a)}};
    if (with) {
      const auto& st = sc.params.battery->storage;
      j["battery"] = {{"power_mw", st.discharge_power_mw},
                      {"energy_mwh", st.energy_mwh},
                      {"round_trip_efficiency", st.round_trip_efficiency()},
                      {"soc_min", st.soc_min},
                      {"soc_max", st.soc_max},
                      {"inverter_lag_ms", sc.params.battery->inverter_lag_ms},
                      {"sized", sized.has_value()}};
      j["with_battery"] = kpi_json(with->kpis);
    }
    if (wear) j["aging"] = wear_json(*wear);
    std::cout << j.dump(2) << "\n";
    return;
  }
  std::cout << fmt::format("scenario: {}\n", sc.name);
  std::cout << fmt::format("{} steps of {} ms ({} s); upstream: {}\n",
                           report::number(double(a.steps)), a.step_s * 1000,
                           report::number(double(a.steps) * a.step_s, 1), upstream_text(sc.params));
  std::cout << fmt::format("site: mean {} MW, peak {} MW, min {} MW\n",
                           report::number(a.site_mean_mw, 1), report::number(a.site_peak_mw, 1),
                           report::number(a.site_min_mw, 1));
  if (with) {
    const auto& st = sc.params.battery->storage;
    std::cout << fmt::format(
        "battery{}: {} MW / {} MWh, round trip {:.0f} %, SOC window {}-{}, inverter lag {} ms; "
        "ramp limit {} MW/min\n",
        sized ? " (sized)" : "", report::number(st.discharge_power_mw, 2),
        report::number(st.energy_mwh, 3), 100 * st.round_trip_efficiency(), st.soc_min, st.soc_max,
        sc.params.battery->inverter_lag_ms,
        report::number(sc.params.control.ramp_mw_per_s * 60, 2));
  }
  std::cout << "\n";
  std::vector<std::string> header = {"quantity", "no battery"};
  if (with) header.push_back("with battery");
  report::Table t(header);
  const auto row = [&](const std::string& name, auto get) {
    std::vector<std::string> cells = {name, get(a)};
    if (with) cells.push_back(get(with->kpis));
    t.add_row(cells);
  };
  using K = dynamics::TransientKpis;
  row("upstream max ramp MW/s",
      [](const K& k) { return report::number(k.upstream_max_ramp_mw_per_s, 3); });
  row("upstream p99 ramp MW/s",
      [](const K& k) { return report::number(k.upstream_p99_ramp_mw_per_s, 3); });
  row("upstream swing 0.1-20 Hz RMS MW",
      [](const K& k) { return report::number(std::sqrt(k.upstream_band_mw2), 3); });
  row("upstream swing in 0.1-20 Hz %",
      [](const K& k) { return report::number(100 * k.upstream_band_share, 1); });
  row("frequency nadir Hz", [](const K& k) { return fmt_opt(k.frequency_nadir_hz, 4); });
  row("frequency zenith Hz", [](const K& k) { return fmt_opt(k.frequency_zenith_hz, 4); });
  row("max RoCoF Hz/s", [](const K& k) { return fmt_opt(k.max_rocof_hz_per_s, 4); });
  if (with) {
    row("ramp limit violations", [](const K& k) {
      return k.ramp_limit_mw_per_s ? report::number(double(k.ramp_violations)) : std::string("-");
    });
    row("SOC min-max", [](const K& k) {
      return k.soc_min ? fmt::format("{:.3f}-{:.3f}", *k.soc_min, *k.soc_max) : std::string("-");
    });
    row("battery throughput MWh", [](const K& k) { return report::number(k.throughput_mwh, 3); });
    row("equivalent full cycles",
        [](const K& k) { return report::number(k.equivalent_full_cycles, 2); });
    row("battery losses MWh", [](const K& k) { return report::number(k.battery_losses_mwh, 3); });
  }
  row("energy balance residual",
      [](const K& k) { return fmt::format("{:.1e}", k.energy_balance_residual); });
  std::cout << t.render();
  std::cout << fmt::format("site swing in 0.1-20 Hz: {} MW RMS ({:.1f} % of the swing energy)\n",
                           report::number(std::sqrt(a.site_band_mw2), 3), 100 * a.site_band_share);
  if (sized) {
    std::cout << fmt::format(
        "sized: {} MW / {} MWh keeps the upstream ramp within {} MW/min and SOC within [{}, {}] "
        "(charges up to {} MWh and discharges up to {} MWh around the start; {} runs)\n",
        report::number(sized->power_mw, 2), report::number(sized->energy_mwh, 3),
        report::number(sc.params.control.ramp_mw_per_s * 60, 2), sc.params.battery->storage.soc_min,
        sc.params.battery->storage.soc_max, report::number(sized->charge_mwh, 3),
        report::number(sized->discharge_mwh, 3), sized->verification_runs);
  }
  if (wear) std::cout << "if this operation ran all year: " << wear_text(*wear);
}

}  // namespace

void register_transient(CLI::App& app) {
  auto o = std::make_shared<TransientOptions>();
  CLI::App* cmd = app.add_subcommand(
      "transient",
      "Millisecond simulation of a datacenter, battery and controller, on a grid or island");
  cmd->add_option("--scenario", o->scenario, "Transient scenario TOML (see examples/)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--no-battery", o->no_battery, "Ignore the scenario's battery");
  cmd->add_flag("--size", o->size,
                "Find the smallest battery power and energy that keep the ramp limit and SOC "
                "window");
  cmd->add_option("--ramp-mw-per-min", o->ramp_mw_per_min, "Upstream ramp limit, MW/min")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--duration-s", o->duration_s, "Override the run length, s")
      ->check(CLI::PositiveNumber);
  cmd->add_option(
      "--out", o->out,
      "Write every step as CSV (time_s,site_mw,upstream_mw,battery_mw,soc,frequency_hz)");
  add_aging_options(*cmd, o->aging);
  add_output_options(*cmd, o->output);
  cmd->callback([o] { run(*o); });
}

}  // namespace ballast::cli
