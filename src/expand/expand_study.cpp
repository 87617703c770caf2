#include "ballast/expand/expand_study.h"

#include <cmath>

#include "ballast/aging/assess.h"
#include "ballast/aging/model.h"
#include "ballast/core/error.h"
#include "ballast/lp/solver_fields.h"

namespace ballast::expand {
namespace {

FieldTable<ExpandRequest> make_fields() {
  using R = ExpandRequest;
  FieldTable<R> t;
  t.add({.name = "scenario",
         .help = "Expansion case file (TOML; see docs/expansion.md)",
         .kind = FieldKind::kText,
         .positional = true,
         .path = true},
        &R::case_file);
  t.add({.name = "compare",
         .help = "Also solve with storage candidates only and with generators only",
         .kind = FieldKind::kFlag},
        &R::compare);
  t.add({.name = "fuel_price_per_mmbtu",
         .help = "Fuel price for generator candidates with a heat rate, currency/MMBtu",
         .min = 0},
        &R::fuel_price_per_mmbtu);
  t.add({.name = "storage_cost_scale",
         .help = "Multiply every storage candidate's capital cost (per kW and per kWh)",
         .min = 0},
        &R::storage_cost_scale);
  t.add({.name = "new_load_mw",
         .help = "A constant new load instead of the case's, MW",
         .unit = FieldUnit::kMw,
         .min = 0},
        &R::new_load_mw);
  t.add({.name = "thermal_cap_mw",
         .help = "Cap today's thermal fleet at this output (e.g. its peak so far), MW; new "
                 "generators are not in the cap",
         .unit = FieldUnit::kMw,
         .min = 0,
         .min_exclusive = true},
        &R::thermal_cap_mw);
  t.add({.name = "step_s",
         .help = "Solve on this coarser step, e.g. 1h (series averaged; overrides the case's "
                 "step_h)",
         .unit = FieldUnit::kSeconds,
         .min = 0,
         .min_exclusive = true,
         .old_names = {"step"}},
        &R::step_s);
  t.add({.name = "out",
         .help = "Write DIR/expand.csv with the price and every candidate's output per period",
         .kind = FieldKind::kText,
         .path = true},
        &R::out);
  t.add({.name = "write_mps",
         .help = "Write the LP in MPS format",
         .kind = FieldKind::kText,
         .path = true},
        &R::write_mps);
  t.add(lp::lp_method_field("dual simplex; from half a year of hourly periods on, barrier "
                            "without crossover: far faster on long horizons"),
        &R::lp_method);
  t.add(lp::time_limit_field(), &R::time_limit_s);
  t.include(aging::AgingSpec::fields(), &R::aging);
  return t;
}

}  // namespace

const FieldTable<ExpandRequest>& ExpandRequest::fields() {
  static const FieldTable<ExpandRequest> table = make_fields();
  return table;
}

ExpansionCase study_case(const ExpandRequest& q) {
  if (!q.case_file.empty() && q.case_data) {
    throw InputError("give the case as a file or as data, not both");
  }
  if (q.case_file.empty() && !q.case_data) throw InputError("expand needs a case file");
  ExpansionCase c = q.case_data ? *q.case_data : load_case(q.case_file);
  if (q.fuel_price_per_mmbtu) c.fuel_price_per_mmbtu = q.fuel_price_per_mmbtu;
  for (StorageCandidate& s : c.storage) {
    s.power.capex_per_kw *= q.storage_cost_scale;
    s.energy.capex_per_kw *= q.storage_cost_scale;
  }
  if (q.thermal_cap_mw) c.system.thermal_cap_mw = q.thermal_cap_mw;
  if (q.new_load_mw) c.load.mw.assign(c.system.periods(), *q.new_load_mw);
  validate(c);
  const std::optional<double> step_s = q.step_s   ? q.step_s
                                       : c.step_h ? std::optional(*c.step_h * 3600)
                                                  : std::nullopt;
  if (step_s && std::llround(*step_s) != c.system.demand.step_s) {
    c = coarsen(c, std::llround(*step_s));
  }
  return c;
}

ExpansionCase restricted(ExpansionCase c, bool storage, bool plants) {
  if (!storage) c.storage.clear();
  if (!plants) {
    c.generators.clear();
    c.renewables.clear();
  }
  return c;
}

namespace {

// The wear of each storage candidate the first variant builds: its state of charge (stored
// energy over the built energy, the start then each period's end) and its energy flows.
std::vector<aging::WearReport> built_storage_wear(const aging::AgingSpec& spec,
                                                  const ExpandStudyResult& r) {
  const ExpansionResult& x = r.variants.front().result;
  const double step_s = static_cast<double>(r.expansion_case.system.demand.step_s);
  const aging::AgingModel model = aging::parse_model(spec.aging);
  std::vector<aging::WearReport> out;
  for (const BuiltAsset& b : x.built) {
    if (b.type != "storage" || b.energy_mwh <= 0) continue;
    aging::WearMeter meter(model, step_s);
    meter.push(b.stored_mwh.back() / b.energy_mwh, spec.temperature_c);  // cyclic: start = end
    for (double e : b.stored_mwh) meter.push(e / b.energy_mwh, spec.temperature_c);
    aging::Throughput flows;
    for (double p : b.output_mw) {
      (p > 0 ? flows.discharged_mwh : flows.charged_mwh) += std::abs(p) * step_s / 3600;
    }
    // n + 1 SOC samples (the start, then each period's end) span n periods.
    aging::Wear wear = meter.finish();
    wear.duration_s = static_cast<double>(b.stored_mwh.size()) * step_s;
    out.push_back(aging::assess_wear(spec, model, wear, b.power_mw, b.energy_mwh, flows));
    out.back().model = b.name + ", " + model.name;
  }
  return out;
}

}  // namespace

ExpandStudyResult run(const ExpandRequest& q, const Progress& progress) {
  ExpandStudyResult r;
  r.expansion_case = study_case(q);
  ExpansionOptions o;
  o.write_mps = q.write_mps;
  o.solver.method = lp::parse_method(q.lp_method);
  o.solver.time_limit_s = q.time_limit_s;
  lp::validate(o.solver);
  const int total = q.compare ? 3 : 1;
  notify(progress, {"LP: every candidate", 0, double(total), ""});
  r.variants.push_back({"both", solve_expansion(r.expansion_case, o)});
  if (q.compare) {
    o.write_mps.clear();
    notify(progress, {"LP: storage only", 1, 3, ""});
    r.variants.push_back(
        {"storage only", solve_expansion(restricted(r.expansion_case, true, false), o)});
    notify(progress, {"LP: generators only", 2, 3, ""});
    r.variants.push_back(
        {"generators only", solve_expansion(restricted(r.expansion_case, false, true), o)});
  }
  if (q.aging.enabled()) r.wear = built_storage_wear(q.aging, r);
  notify(progress, {"done", double(total), double(total), ""});
  return r;
}

}  // namespace ballast::expand
