#include "ballast/dynamics/transient_study.h"

#include <fmt/format.h>

#include <memory>

#include "ballast/aging/model.h"
#include "ballast/core/error.h"
#include "ballast/dynamics/step_csv.h"
#include "ballast/storage/spec.h"

namespace ballast::dynamics {
namespace {

constexpr std::int64_t kProgressEvery = 1 << 16;  // steps between progress reports

FieldTable<TransientRequest> make_fields() {
  using R = TransientRequest;
  FieldTable<R> t;
  t.add({.name = "scenario",
         .help = "Transient scenario TOML (see examples/)",
         .kind = FieldKind::kText,
         .path = true},
        &R::scenario);
  t.add({.name = "no_battery", .help = "Ignore the scenario's battery", .kind = FieldKind::kFlag},
        &R::no_battery);
  t.add({.name = "size",
         .help = "Find the smallest battery power and energy that keep the ramp limit and SOC "
                 "window",
         .kind = FieldKind::kFlag},
        &R::size);
  t.add({.name = "ramp_mw_per_min",
         .help = "Upstream ramp limit, MW/min",
         .min = 0,
         .min_exclusive = true},
        &R::ramp_mw_per_min);
  t.add({.name = "duration_s",
         .help = "Override the run length, s",
         .unit = FieldUnit::kSeconds,
         .min = 0,
         .min_exclusive = true},
        &R::duration_s);
  t.add({.name = "out",
         .help = "Write every step as CSV (time_s,site_mw,upstream_mw,battery_mw,soc,frequency_hz)",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  t.include(aging::AgingSpec::fields(), &R::aging);
  return t;
}

std::string step_text(std::int64_t step_us) {
  return fmt::format("{} ms", static_cast<double>(step_us) / 1000);
}

// The scenario's own load, or the series in its place.
void use_series(TransientScenario& sc, const workload::SeriesSpec& series, bool from_file) {
  if (from_file && sc.step_stated && sc.params.step_us != series.step_us) {
    throw InputError(fmt::format(
        "the scenario's step_ms ({}) differs from the series' step ({}); the series' step is "
        "the simulation's: remove step_ms from the scenario or resample the series",
        step_text(sc.params.step_us), step_text(series.step_us)));
  }
  sc.workload = series;
  sc.params.step_us = series.step_us;
}

}  // namespace

const FieldTable<TransientRequest>& TransientRequest::fields() {
  static const FieldTable<TransientRequest> table = make_fields();
  return table;
}

BatteryParams default_sizing_battery(const control::SmoothingParams& control) {
  StorageTable table;  // power and energy are what sizing finds
  table.power_mw = 0;
  table.energy_mwh = 0;
  table.soc_min = kSizingSocMin;
  table.soc_max = kSizingSocMax;
  BatteryParams b;
  b.storage = storage_params(table);
  b.initial_soc = control.soc.target_soc;
  return b;
}

TransientScenario transient_scenario(const TransientRequest& q) {
  TransientScenario sc;
  if (!q.scenario.empty()) {
    sc = read_transient_scenario(q.scenario);
  } else if (q.series) {
    sc.name = q.series->name;  // as a scenario file with only a load: nothing upstream
    sc.params.upstream = UpstreamKind::kNone;
  } else {
    throw InputError("give --scenario FILE.toml (a transient scenario; see examples/)");
  }
  if (q.series) use_series(sc, *q.series, !q.scenario.empty());
  if (q.duration_s) {
    auto* p = std::get_if<workload::SyntheticParams>(&sc.workload);
    if (p == nullptr) throw InputError("--duration-s applies to synthetic workloads only");
    p->duration_s = *q.duration_s;
  }
  if (q.ramp_mw_per_min) sc.params.control.ramp_mw_per_s = *q.ramp_mw_per_min / 60;
  if (q.no_battery && q.size) throw InputError("--size and --no-battery exclude each other");
  if (q.no_battery) sc.params.battery.reset();
  if (q.size && !sc.params.battery) sc.params.battery = default_sizing_battery(sc.params.control);
  return sc;
}

TransientStudyResult run(const TransientRequest& request, const Progress& progress) {
  TransientScenario sc = transient_scenario(request);
  std::unique_ptr<workload::LoadSource> source = workload::make_source(sc.workload);
  const auto steps = static_cast<double>(source->steps());
  // Opened first, so that a path that cannot be written fails before the work.
  const StepColumns columns{.battery = sc.params.battery.has_value(),
                            .frequency = sc.params.upstream != UpstreamKind::kNone};
  std::optional<StepCsvWriter> csv;
  if (!request.out.empty()) csv.emplace(request.out, columns);
  TransientStudyResult r;
  r.scenario = sc.name;
  if (request.keep_steps) r.steps = step_table(sc.params.step_us, source->steps());
  if (request.size) {
    notify(progress, {"size the battery", 0, 0, fmt::format("{} steps", steps)});
    r.sized = size_battery(*source, sc.params, progress);
    StorageParams& st = sc.params.battery->storage;
    st.discharge_power_mw = st.charge_power_mw = r.sized->power_mw;
    st.energy_mwh = r.sized->energy_mwh;
  }
  r.params = sc.params;
  const bool battery = sc.params.battery.has_value();
  // With aging, the battery's SOC at every step goes through the shared wear meter.
  std::optional<aging::AgingModel> model;
  std::optional<aging::WearMeter> meter;
  if (request.aging.enabled() && battery) {
    model = aging::parse_model(request.aging.aging);
    meter.emplace(*model, sc.params.dt_s());
  }
  // The per-step work of a run: progress, and for the run that is reported step by step (with
  // the battery, if any) the CSV rows and the wear meter.
  // The report's zoom records each large swing at full resolution in both runs.
  SwingZoom zoom(sc.params.dt_s());
  const auto options = [&](const std::string& phase, bool reported, bool bare_run) {
    RunOptions o;
    const bool rows = reported && (csv || meter || r.steps);
    o.each = [&, phase, rows, bare_run](std::int64_t t_us, const StepState& s) {
      if (bare_run) {
        zoom.add_bare(s);
      } else {
        zoom.add_battery(s);
      }
      if (rows) {
        if (csv) csv->add(t_us, s);
        if (r.steps) add_step_row(*r.steps, s, columns);
        if (meter) meter->push(s.soc, request.aging.temperature_c);
      }
      if (progress && s.tick % kProgressEvery == 0) {
        progress({phase, static_cast<double>(s.tick), steps, ""});
      }
    };
    return o;
  };
  TransientParams bare = sc.params;
  bare.battery.reset();
  notify(progress, {"simulate without the battery", 0, steps, ""});
  r.without = run_transient(*source, bare, options("simulate without the battery", !battery, true));
  if (battery) {
    notify(progress, {"simulate with the battery", 0, steps, ""});
    r.with = run_transient(*source, sc.params, options("simulate with the battery", true, false));
  }
  r.swings = zoom.swings();
  if (csv) {
    csv->commit();
    r.out = request.out;
  }
  if (meter && r.with) {
    const aging::Wear w = meter->finish();
    const StorageParams& st = sc.params.battery->storage;
    aging::Throughput flows;  // the battery's own energy flows; revenue and new energy do not apply
    flows.discharged_mwh = r.with->kpis.discharged_mwh;
    flows.charged_mwh = r.with->kpis.charged_mwh;
    r.wear =
        aging::assess_wear(request.aging, *model, w, st.discharge_power_mw, st.energy_mwh, flows);
  }
  return r;
}

}  // namespace ballast::dynamics
