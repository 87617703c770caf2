#include "ballast/workload/synthetic.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "ballast/core/error.h"
#include "ballast/workload/gpu.h"

namespace ballast::workload {
namespace {

constexpr std::int64_t kUsPerS = 1'000'000;

void check(bool ok, const std::string& what) {
  if (!ok) throw InputError(what + "; fix the workload parameters");
}

void check_fraction(double v, const char* name) {
  check(v >= 0 && v <= 1, fmt::format("workload: {} must be in [0, 1] (got {})", name, v));
}

std::int64_t to_us(double s) { return static_cast<std::int64_t>(std::llround(s * 1e6)); }

}  // namespace

void SyntheticParams::validate() const {
  (void)gpu_spec(gpu);
  check(training_gpus >= 0 && inference_gpus >= 0 && training_gpus + inference_gpus > 0,
        "workload: training_gpus and inference_gpus must be >= 0, and not both 0");
  check(pue >= 1 && pue <= 3, fmt::format("workload: pue must be in [1, 3] (got {})", pue));
  check(cooling_lag_s >= 0, "workload: cooling_lag_s must be >= 0");
  check(step_ms >= 1 && step_ms <= 1000,
        fmt::format("workload: step_ms must be 1 .. 1000 (got {})", step_ms));
  check(duration_s > 0 && duration_s * 1000 >= static_cast<double>(step_ms),
        "workload: duration_s must cover at least one step");
  check(iteration_ms >= 2, "workload: iteration_ms must be >= 2");
  check(compute_share > 0 && compute_share < 1, "workload: compute_share must be in (0, 1)");
  check_fraction(compute_level, "compute_level");
  check_fraction(comm_level, "comm_level");
  check_fraction(checkpoint_level, "checkpoint_level");
  check_fraction(idle_level, "idle_level");
  check_fraction(power_floor, "power_floor");
  check_fraction(inference_min_level, "inference_min_level");
  check_fraction(inference_max_level, "inference_max_level");
  check_fraction(inference_noise, "inference_noise");
  const double compute_ms = compute_share * static_cast<double>(iteration_ms);
  check(edge_ms >= 0 && static_cast<double>(edge_ms) <= compute_ms &&
            static_cast<double>(edge_ms) <= static_cast<double>(iteration_ms) - compute_ms,
        "workload: edge_ms must be >= 0 and fit in both the compute and communication phase");
  check(groups >= 1 && groups <= 4096, "workload: groups must be 1 .. 4096");
  check(jitter_ms >= 0, "workload: jitter_ms must be >= 0");
  check(checkpoint_every_s >= 0 && checkpoint_s >= 0 &&
            (checkpoint_every_s == 0 || checkpoint_s < checkpoint_every_s),
        "workload: checkpoint_s must be >= 0 and shorter than checkpoint_every_s");
  check(failures_per_h >= 0 && restart_s >= 0 && restart_ramp_s >= 0,
        "workload: failures_per_h, restart_s and restart_ramp_s must be >= 0");
  check(gpu_ramp_per_s >= 0, "workload: gpu_ramp_per_s must be >= 0");
  check(inference_peak_hour >= 0 && inference_peak_hour < 24 && start_hour >= 0 && start_hour < 24,
        "workload: inference_peak_hour and start_hour must be in [0, 24)");
}

double full_it_mw(const SyntheticParams& params) {
  return (params.training_gpus + params.inference_gpus) * gpu_spec(params.gpu).it_kw_per_gpu /
         1000.0;
}

SyntheticSite::SyntheticSite(SyntheticParams params) : p_(std::move(params)) {
  p_.validate();
  step_us_ = p_.step_ms * 1000;
  steps_ = static_cast<std::size_t>(to_us(p_.duration_s) / step_us_);
  const double kw = gpu_spec(p_.gpu).it_kw_per_gpu;
  train_mw_full_ = p_.training_gpus * kw / 1000.0;
  infer_mw_full_ = p_.inference_gpus * kw / 1000.0;
  const double dt_s = static_cast<double>(step_us_) / kUsPerS;
  cooling_alpha_ = p_.cooling_lag_s > 0 ? 1.0 - std::exp(-dt_s / p_.cooling_lag_s) : 1.0;
  rewind();
}

void SyntheticSite::rewind() {
  // One engine a purpose, so switching a feature on does not reshuffle the others' draws.
  rng_.seed(p_.seed);
  const int groups = p_.jitter_ms > 0 ? p_.groups : 1;
  std::normal_distribution<double> jitter(0.0, std::max(p_.jitter_ms, 1e-12) * 1000.0);
  offsets_us_.assign(static_cast<std::size_t>(groups), 0);
  if (p_.jitter_ms > 0) {
    for (std::int64_t& o : offsets_us_) o = std::llround(jitter(rng_));
  }
  k_ = 0;
  restart_at_us_ = -1;
  running_since_us_ = 0;
  level_ = -1;
  noise_ = 0;
  overhead_mw_ = -1;
  rng_.seed(p_.seed ^ 0x9e3779b97f4a7c15ULL);  // failures and inference noise
  schedule_failure(0);
}

void SyntheticSite::schedule_failure(std::int64_t from_us) {
  if (p_.failures_per_h <= 0) {
    fail_at_us_ = std::numeric_limits<std::int64_t>::max();
    return;
  }
  std::exponential_distribution<double> gap_h(p_.failures_per_h);
  fail_at_us_ = from_us + std::max<std::int64_t>(1, to_us(gap_h(rng_) * 3600));
}

double SyntheticSite::training_level(std::int64_t t_us) {
  if (restart_at_us_ >= 0) {  // the job is down
    if (t_us < restart_at_us_) return p_.idle_level;
    running_since_us_ = restart_at_us_;
    restart_at_us_ = -1;
    schedule_failure(t_us);
  }
  if (t_us >= fail_at_us_) {
    restart_at_us_ = t_us + to_us(p_.restart_s);
    return p_.idle_level;
  }
  double active;  // what the running job draws, before the restart ramp
  const std::int64_t every_us = to_us(p_.checkpoint_every_s);
  if (every_us > 0 && t_us >= every_us && t_us % every_us < to_us(p_.checkpoint_s)) {
    active = p_.checkpoint_level;
  } else {
    // Each group runs the same iteration shifted by its offset: a linear edge of edge_ms up
    // into the compute phase and down into the communication phase.
    const double period = static_cast<double>(p_.iteration_ms) * 1000.0;
    const double compute = p_.compute_share * period;
    const double edge = static_cast<double>(p_.edge_ms) * 1000.0;
    double sum_w = 0;
    for (std::int64_t o : offsets_us_) {
      std::int64_t q = (t_us - o) % (p_.iteration_ms * 1000);
      if (q < 0) q += p_.iteration_ms * 1000;
      const double p = static_cast<double>(q);
      double w;
      if (p < edge) {
        w = p / edge;
      } else if (p < compute) {
        w = 1;
      } else if (p < compute + edge) {
        w = 1 - (p - compute) / edge;
      } else {
        w = 0;
      }
      sum_w += w;
    }
    const double w = sum_w / static_cast<double>(offsets_us_.size());
    active = p_.comm_level + (p_.compute_level - p_.comm_level) * w;
  }
  const double ramp_us = p_.restart_ramp_s * 1e6;
  const double since = static_cast<double>(t_us - running_since_us_);
  if (running_since_us_ > 0 && since < ramp_us) {
    return p_.idle_level + (active - p_.idle_level) * since / ramp_us;
  }
  return active;
}

double SyntheticSite::inference_level(std::int64_t t_us) {
  const double hour = p_.start_hour + static_cast<double>(t_us) / 3.6e9;
  const double daily =
      0.5 * (1 + std::cos(2 * std::numbers::pi * (hour - p_.inference_peak_hour) / 24.0));
  if (p_.inference_noise > 0) {
    // AR(1) noise with a 60 s correlation time: requests arrive in bursts, not white noise.
    const double phi = std::exp(-static_cast<double>(step_us_) / 60e6);
    std::normal_distribution<double> z(0.0, 1.0);
    noise_ = phi * noise_ + p_.inference_noise * std::sqrt(1 - phi * phi) * z(rng_);
  }
  const double level =
      p_.inference_min_level + (p_.inference_max_level - p_.inference_min_level) * daily + noise_;
  return std::clamp(level, 0.0, 1.0);
}

double SyntheticSite::next_mw() {
  const std::int64_t t_us = static_cast<std::int64_t>(k_) * step_us_;
  ++k_;
  double level = train_mw_full_ > 0 ? training_level(t_us) : 0;
  level = std::max(level, p_.power_floor);
  if (p_.gpu_ramp_per_s > 0 && level_ >= 0) {
    const double d = p_.gpu_ramp_per_s * static_cast<double>(step_us_) / kUsPerS;
    level = std::clamp(level, level_ - d, level_ + d);
  }
  level_ = level;
  double it_mw = train_mw_full_ * level;
  if (infer_mw_full_ > 0) {
    it_mw += infer_mw_full_ * std::max(inference_level(t_us), p_.power_floor);
  }
  const double target = (p_.pue - 1) * it_mw;
  overhead_mw_ =
      overhead_mw_ < 0 ? target : overhead_mw_ + cooling_alpha_ * (target - overhead_mw_);
  return it_mw + overhead_mw_;
}

}  // namespace ballast::workload
