#include "ballast/plan/wear.h"

#include <fmt/format.h>

#include <cmath>

#include "ballast/plan/simulate.h"
#include "ballast/report/table.h"

namespace ballast::plan {

std::vector<PlanWear> plan_wear(const aging::AgingSpec& o, const Grid& grid,
                                const std::vector<HeadroomRow>& rows, const StorageOption& storage,
                                const std::vector<int>& years) {
  const aging::AgingModel model = aging::parse_model(o.aging);
  const StorageParams& p = storage.params;
  std::vector<PlanWear> out;
  for (const HeadroomRow& row : rows) {
    PlanWear w;
    w.limit = row.limit;
    w.headroom_mw = row.headroom_mw;
    const SimulationResult sim =
        simulate(grid, row.headroom_mw, p, storage.start, /*keep_traces=*/true);
    aging::WearMeter meter(model, static_cast<double>(grid.load.step_s));
    for (double e : sim.energy_mwh)
      meter.push(p.energy_mwh > 0 ? e / p.energy_mwh : 0, o.temperature_c);
    aging::Throughput flows;
    flows.discharged_mwh = sim.discharged_mwh;
    flows.charged_mwh = sim.charged_mwh;
    // New energy the storage unlocks: the extra constant load over the no-storage headroom,
    // served at (1 - limit) of its potential energy.
    const double without = headroom(grid, row.limit, std::nullopt);
    flows.new_energy_mwh = std::max(0.0, row.headroom_mw - without) * (1 - row.limit) *
                           grid.step_h() * static_cast<double>(grid.size());
    double power = p.discharge_power_mw;  // unlimited: the largest discharge the run used
    if (!std::isfinite(power)) {
      power = 0;
      for (double x : sim.storage_mw) power = std::max(power, x);
    }
    w.wear = aging::assess_wear(o, model, meter.finish(), power, p.energy_mwh, flows);
    for (int y : years) {
      const double cap = aging::capacity_after(model, w.wear.wear, y);
      StorageOption faded = storage;
      faded.params.energy_mwh *= cap;
      w.by_year.push_back({y, cap, headroom(grid, row.limit, faded)});
    }
    out.push_back(std::move(w));
  }
  return out;
}

namespace {

// The peak-shaving greedy with the shared storage physics; returns the unshaved excess, MWh.
double shave(const Grid& grid, const std::vector<double>& cap_mw, const StorageParams& p,
             aging::WearMeter* meter, double temp_c, aging::Throughput* flows) {
  const StorageModel m(p, grid.step_h());
  StorageState st{m.initial_energy_mwh(SocStart::kFull)};
  double short_mwh = 0;
  const double e = p.energy_mwh > 0 ? p.energy_mwh : 1;
  if (meter != nullptr) meter->push(st.energy_mwh / e, temp_c);
  for (std::size_t t = 0; t < grid.size(); ++t) {
    const double excess = grid.load.values[t] - cap_mw[t];
    const double got = m.step(st, excess);
    if (excess > 0) short_mwh += (excess - got) * grid.step_h();
    if (meter != nullptr) meter->push(st.energy_mwh / e, temp_c);
  }
  if (flows != nullptr) {
    flows->discharged_mwh = st.discharged_mwh;
    flows->charged_mwh = st.charged_mwh;
  }
  return short_mwh;
}

}  // namespace

PlanWear shaving_wear(const aging::AgingSpec& o, const Grid& grid,
                      const std::vector<double>& cap_mw, const StorageParams& unit,
                      const std::vector<int>& years) {
  const aging::AgingModel model = aging::parse_model(o.aging);
  PlanWear w;
  w.shaving = true;
  aging::WearMeter meter(model, static_cast<double>(grid.load.step_s));
  aging::Throughput flows;
  shave(grid, cap_mw, unit, &meter, o.temperature_c, &flows);
  w.wear =
      aging::assess_wear(o, model, meter.finish(), unit.discharge_power_mw, unit.energy_mwh, flows);
  for (int y : years) {
    const double cap = aging::capacity_after(model, w.wear.wear, y);
    StorageParams faded = unit;
    faded.energy_mwh *= cap;
    const double short_mwh = shave(grid, cap_mw, faded, nullptr, 0, nullptr);
    w.by_year.push_back({y, cap, 0, grid.years > 0 ? short_mwh / grid.years : short_mwh});
  }
  return w;
}

nlohmann::ordered_json plan_wear_json(const std::vector<PlanWear>& ws) {
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const PlanWear& w : ws) {
    nlohmann::ordered_json y = nlohmann::ordered_json::array();
    for (const FadedHeadroom& f : w.by_year) {
      y.push_back({{"year", f.year},
                   {"capacity_pct", 100 * f.capacity},
                   {"headroom_mw", f.headroom_mw},
                   {"unshaved_mwh_per_year", f.shortfall_mwh_per_year}});
    }
    j.push_back({{"curtailment_limit_pct", 100 * w.limit},
                 {"headroom_mw", w.headroom_mw},
                 {"wear", aging::wear_json(w.wear)},
                 {"headroom_by_year", y}});
  }
  return j;
}

std::string plan_wear_text(const std::vector<PlanWear>& ws) {
  std::string s;
  for (const PlanWear& w : ws) {
    s += w.shaving
             ? std::string("\npeak shaving: ")
             : fmt::format("\nat {} % curtailment ({} MW): ", report::number(100 * w.limit, 2),
                           report::number(w.headroom_mw));
    s += aging::wear_text(w.wear);
    if (w.by_year.empty()) continue;
    if (w.shaving) {
      s += "  excess left unshaved as the battery fades:";
      for (const FadedHeadroom& f : w.by_year) {
        s += fmt::format(" year {} ({} %): {} MWh/yr;", f.year, report::number(100 * f.capacity, 1),
                         report::number(f.shortfall_mwh_per_year));
      }
      s.back() = '\n';
      continue;
    }
    s += "  headroom as the battery fades:";
    for (const FadedHeadroom& f : w.by_year) {
      s += fmt::format(" year {} ({} %): {} MW;", f.year, report::number(100 * f.capacity, 1),
                       report::number(f.headroom_mw));
    }
    s.back() = '\n';
  }
  return s;
}

}  // namespace ballast::plan
