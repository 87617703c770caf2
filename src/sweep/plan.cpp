#include "ballast/sweep/plan.h"

#include <fmt/format.h>

#include <cmath>
#include <functional>
#include <utility>

#include "ballast/aging/aging_study.h"
#include "ballast/dispatch/dispatch_study.h"
#include "ballast/dynamics/transient_study.h"
#include "ballast/expand/expand_study.h"
#include "ballast/market/run_study.h"
#include "ballast/plan/headroom_study.h"
#include "ballast/plan/size_study.h"
#include "ballast/plan/steady_study.h"
#include "study_plan.h"

namespace ballast::sweep {
namespace {

using Factory = std::function<std::unique_ptr<SweepPlan>(SweepSpec)>;

template <class Request>
std::pair<std::string, Factory> entry() {
  return {Request::kName,
          [](SweepSpec spec) { return std::make_unique<StudyPlan<Request>>(std::move(spec)); }};
}

// Each study whose result is one answer per request. The others answer with a file check
// (market bid), a curve or a trace (market curve, frequency, workload) of their own inputs,
// or a search over sizes that is itself a sweep (market size): nothing a table row would add.
const std::vector<std::pair<std::string, Factory>>& studies() {
  static const std::vector<std::pair<std::string, Factory>> all = {
      entry<plan::HeadroomRequest>(),      entry<plan::SizeRequest>(),
      entry<plan::SteadyRequest>(),        entry<dispatch::DispatchRequest>(),
      entry<dynamics::TransientRequest>(), entry<market::MarketRunRequest>(),
      entry<aging::AgingRequest>(),        entry<expand::ExpandRequest>(),
  };
  return all;
}

const std::vector<std::string> kNotSweepable = {"market curve", "market bid", "market size",
                                                "frequency", "workload"};

}  // namespace

std::vector<std::string> sweepable_studies() {
  std::vector<std::string> names;
  for (const auto& [name, factory] : studies()) names.push_back(name);
  return names;
}

std::vector<std::string> SweepPlan::axis_columns() const {
  std::vector<std::string> out;
  for (const Axis& a : spec_.axes) out.insert(out.end(), a.columns.begin(), a.columns.end());
  return out;
}

nlohmann::ordered_json SweepPlan::case_columns(std::int64_t index) const {
  nlohmann::ordered_json row = nlohmann::ordered_json::object();
  const std::vector<const AxisPoint*> points = spec_.case_points(index);
  for (std::size_t k = 0; k < points.size(); ++k) {
    for (std::size_t c = 0; c < points[k]->columns.size(); ++c) {
      const FieldValue& v = points[k]->columns[c];
      const double* x = std::get_if<double>(&v);
      if (x != nullptr && std::floor(*x) == *x && std::abs(*x) < 9e15) {
        row[spec_.axes[k].columns[c]] = static_cast<std::int64_t>(*x);  // 2016, not 2016.0
      } else {
        std::visit([&](const auto& y) { row[spec_.axes[k].columns[c]] = y; }, v);
      }
    }
  }
  return row;
}

std::unique_ptr<SweepPlan> plan_sweep(const std::string& path) {
  SweepSpec spec = read_spec(path);
  std::string study = spec.study;
  for (char& c : study) c = c == '_' ? ' ' : c;  // "market_run" as well as "market run"
  for (const auto& [name, factory] : studies()) {
    if (name == study) return factory(std::move(spec));
  }
  std::string known;
  for (const std::string& name : sweepable_studies()) known += (known.empty() ? "" : ", ") + name;
  for (const std::string& name : kNotSweepable) {
    if (name == study) {
      throw InputError(fmt::format("study '{}' cannot be swept (its answer is not one row per "
                                   "request); sweepable studies: {}",
                                   spec.study, known),
                       spec.study_where);
    }
  }
  throw InputError(
      fmt::format("unknown study {}; sweepable studies: {}", quote_input(spec.study), known),
      spec.study_where);
}

}  // namespace ballast::sweep
