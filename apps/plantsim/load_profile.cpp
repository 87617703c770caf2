#include "plantsim/load_profile.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ballast/core/csv_time_series.h"
#include "ballast/core/error.h"
#include "ballast/core/toml_reader.h"
#include "ballast/workload/scenario.h"

namespace ballast::plantsim {

void StepProfile::validate() const {
  if (levels.empty()) throw InputError("the load profile needs at least one [seconds, MW] level");
  if (transition_ms < 0) throw InputError("transition_ms must be >= 0");
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (levels[i].first < 0) throw InputError("load profile times must be >= 0 s");
    if (!(levels[i].second >= 0) || !std::isfinite(levels[i].second)) {
      throw InputError("load profile levels must be finite and >= 0 MW");
    }
    if (i > 0 && levels[i].first - levels[i - 1].first < std::max<std::int64_t>(transition_ms, 1)) {
      throw InputError(fmt::format(
          "load profile level {} starts {} ms after the one before; levels must be sorted and at "
          "least transition_ms ({} ms) apart",
          i + 1, levels[i].first - levels[i - 1].first, transition_ms));
    }
  }
  if (repeat_ms < 0) throw InputError("repeat_s must be >= 0");
  if (repeat_ms > 0 && repeat_ms < levels.back().first + transition_ms) {
    throw InputError(fmt::format(
        "repeat_s ({} ms) ends before the last level's transition does ({} ms); make it longer",
        repeat_ms, levels.back().first + transition_ms));
  }
}

double step_profile_mw(const StepProfile& p, std::int64_t t_us) {
  const std::int64_t period_us = p.repeat_ms * 1000;
  const bool later_period = period_us > 0 && t_us >= period_us;
  const std::int64_t tau_us = period_us > 0 ? t_us % period_us : t_us;
  const auto& levels = p.levels;
  // The level whose transition started last (none before the first level's time).
  std::size_t i = levels.size();
  while (i > 0 && levels[i - 1].first * 1000 > tau_us) --i;
  if (i == 0) return later_period ? levels.back().second : levels.front().second;
  const auto& [start_ms, target_mw] = levels[i - 1];
  // The level before: the previous entry, or in a repeated period the previous period's last.
  double from_mw = target_mw;
  if (i >= 2) {
    from_mw = levels[i - 2].second;
  } else if (later_period) {
    from_mw = levels.back().second;
  }
  const std::int64_t since_us = tau_us - start_ms * 1000;
  if (p.transition_ms <= 0 || since_us >= p.transition_ms * 1000) return target_mw;
  const double share = static_cast<double>(since_us) / static_cast<double>(p.transition_ms * 1000);
  return from_mw + (target_mw - from_mw) * share;
}

namespace {

class Constant : public SiteLoad {
 public:
  explicit Constant(double mw) : mw_(mw) {}
  double power_mw(std::int64_t) override { return mw_; }

 private:
  double mw_;
};

class Steps : public SiteLoad {
 public:
  explicit Steps(StepProfile p) : p_(std::move(p)) { p_.validate(); }
  double power_mw(std::int64_t t_us) override { return step_profile_mw(p_, t_us); }

 private:
  StepProfile p_;
};

// Linear interpolation between samples at i x step; after the last sample the trace starts
// again (interpolating from the last value to the first).
class Csv : public SiteLoad {
 public:
  explicit Csv(const CsvLoad& spec) {
    CsvReadOptions options;
    options.column = spec.column;
    series_ = read_time_series_csv(spec.path, options).series;
  }
  double power_mw(std::int64_t t_us) override {
    const auto& v = series_.values;
    const std::int64_t step_us = series_.step_s * 1000000;
    const std::int64_t period_us = step_us * static_cast<std::int64_t>(v.size());
    const std::int64_t tau_us = t_us % period_us;
    const auto i = static_cast<std::size_t>(tau_us / step_us);
    const double share = static_cast<double>(tau_us % step_us) / static_cast<double>(step_us);
    const double next = v[(i + 1) % v.size()];
    return v[i] + (next - v[i]) * share;
  }

 private:
  TimeSeries series_;
};

// A stream of values, each held for its step; rewound after its last step.
class Workload : public SiteLoad {
 public:
  explicit Workload(const WorkloadLoad& spec) {
    const TomlReader reader(spec.path);
    const toml::table* table = reader.table(reader.root(), "workload");
    if (table == nullptr) {
      throw InputError(
          fmt::format("{} has no [workload] table; give the site's workload there", spec.path));
    }
    source_ = workload::make_source(workload::read_workload(reader, *table));
    if (source_->steps() == 0)
      throw InputError(fmt::format("{}: the workload is empty", spec.path));
    step_us_ = source_->step_us();
  }
  double power_mw(std::int64_t t_us) override {
    // Index of the step that holds t_us, counted over every repetition.
    const std::int64_t wanted = t_us / step_us_;
    while (taken_ <= wanted) {
      if (taken_ % static_cast<std::int64_t>(source_->steps()) == 0 && taken_ > 0) {
        source_->rewind();
      }
      value_mw_ = source_->next_mw();
      ++taken_;
    }
    return value_mw_;
  }

 private:
  std::unique_ptr<workload::LoadSource> source_;
  std::int64_t step_us_ = 1;
  std::int64_t taken_ = 0;  // steps read so far
  double value_mw_ = 0;
};

}  // namespace

std::unique_ptr<SiteLoad> make_site_load(const LoadSpec& spec) {
  if (const auto* c = std::get_if<ConstantLoad>(&spec)) {
    if (!(c->power_mw >= 0) || !std::isfinite(c->power_mw)) {
      throw InputError("the site load must be finite and >= 0 MW");
    }
    return std::make_unique<Constant>(c->power_mw);
  }
  if (const auto* s = std::get_if<StepProfile>(&spec)) return std::make_unique<Steps>(*s);
  if (const auto* c = std::get_if<CsvLoad>(&spec)) return std::make_unique<Csv>(*c);
  return std::make_unique<Workload>(std::get<WorkloadLoad>(spec));
}

}  // namespace ballast::plantsim
