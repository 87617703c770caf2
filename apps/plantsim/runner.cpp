#include "plantsim/runner.h"

#include <fmt/format.h>

#include <chrono>

#include "ballast/core/error.h"

namespace ballast::plantsim {

void RunnerOptions::validate(std::int64_t step_us) const {
  const std::pair<const char*, std::int64_t> periods[] = {{"meter update_ms", meter_update_ms},
                                                          {"battery update_ms", inverter_update_ms},
                                                          {"trace interval_ms", trace_ms}};
  for (const auto& [name, ms] : periods) {
    if (ms < 1 || ms > 60000 || (ms * 1000) % step_us != 0) {
      throw InputError(
          fmt::format("{} is {}; give 1 .. 60000 ms, a whole number of physics "
                      "steps ({} us)",
                      name, ms, step_us));
    }
  }
}

PlantRunner::PlantRunner(Plant plant, RunnerOptions options, RegisterImages& images,
                         const Faults& faults, Trace* trace)
    : plant_(std::move(plant)), options_(options), images_(images), faults_(faults), trace_(trace) {
  options_.validate(plant_.params().step_us);
  const FaultState f = faults_.get();
  plant_.set_inverter_fault(f.inverter_fault);
  images_.publish_meter(plant_.read_meter(), f.garbage);
  images_.publish_inverter(plant_.read_inverter());
  setpoint_writes_ = images_.last_setpoint().count;
  truth_ = plant_.truth();
  if (trace_ != nullptr) trace_->add(truth_);
}

PlantRunner::~PlantRunner() { stop(); }

void PlantRunner::start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] { run(); });
}

void PlantRunner::stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

PlantTruth PlantRunner::truth() const {
  const std::lock_guard lock(truth_mutex_);
  return truth_;
}

void PlantRunner::run() {
  using Clock = std::chrono::steady_clock;
  const std::int64_t step_us = plant_.params().step_us;
  const std::int64_t meter_us = options_.meter_update_ms * 1000;
  const std::int64_t inverter_us = options_.inverter_update_ms * 1000;
  const std::int64_t trace_us = options_.trace_ms * 1000;
  const std::int64_t first_tick = plant_.tick();
  const Clock::time_point start = Clock::now();
  while (!stop_) {
    const FaultState f = faults_.get();
    plant_.set_inverter_fault(f.inverter_fault);
    const SetpointWrite w = images_.last_setpoint();
    if (w.count != setpoint_writes_) {
      setpoint_writes_ = w.count;
      plant_.write_setpoint_mw(w.setpoint_w * 1e-6);
    }
    // Every tick the wall clock has passed; readings are taken at their own ticks and only the
    // newest of each is published (one lock per wake).
    const auto elapsed_us =
        std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
    const std::int64_t target = first_tick + elapsed_us / step_us;
    std::optional<modbus::MeterValues> meter;
    std::optional<modbus::InverterValues> inverter;
    while (plant_.tick() < target) {
      plant_.step();
      const std::int64_t t_us = plant_.time_us();
      if (!f.freeze && t_us % meter_us == 0) meter = plant_.read_meter();
      if (!f.freeze && t_us % inverter_us == 0) {
        inverter = plant_.read_inverter();
        // Beyond 100 %: what a confused battery management system reports.
        if (f.soc_out_of_range) inverter->soc_pct = 120.0;
      }
      if (trace_ != nullptr && t_us % trace_us == 0) trace_->add(plant_.truth());
    }
    if (meter) images_.publish_meter(*meter, f.garbage);
    if (inverter) images_.publish_inverter(*inverter);
    {
      const std::lock_guard lock(truth_mutex_);
      truth_ = plant_.truth();
    }
    std::this_thread::sleep_until(
        start + std::chrono::microseconds((plant_.tick() + 1 - first_tick) * step_us));
  }
}

}  // namespace ballast::plantsim
