#pragma once
/// @file Drives a Plant in real time in its own thread: as many ticks as the wall clock demands
/// at each wake (so late wakes never change the physics), readings published to the register
/// images at their update periods, set-points taken from what clients wrote.

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <thread>

#include "plantsim/faults.h"
#include "plantsim/plant.h"
#include "plantsim/register_images.h"
#include "plantsim/trace.h"

namespace ballast::plantsim {

/// How often the registers and the trace get new values.
struct RunnerOptions {
  std::int64_t meter_update_ms = 10;     ///< meter registers updated this often, ms
  std::int64_t inverter_update_ms = 10;  ///< inverter registers updated this often, ms
  std::int64_t trace_ms = 10;            ///< a trace row this often, ms

  /// Throws InputError unless each period is a whole number of the plant's steps.
  void validate(std::int64_t step_us) const;
};

/// The physics thread.
class PlantRunner {
 public:
  /// Publishes the first readings at once; `trace` may be null. `images`, `faults` and `trace`
  /// must outlive the runner. Throws InputError for bad options.
  PlantRunner(Plant plant, RunnerOptions options, RegisterImages& images, const Faults& faults,
              Trace* trace);
  ~PlantRunner();
  PlantRunner(const PlantRunner&) = delete;
  PlantRunner& operator=(const PlantRunner&) = delete;

  /// Starts the clock and the thread.
  void start();
  /// Stops the thread.
  void stop();
  /// The plant's state after the last wake.
  PlantTruth truth() const;

 private:
  void run();

  Plant plant_;  // owned by the thread once started
  RunnerOptions options_;
  RegisterImages& images_;
  const Faults& faults_;
  Trace* trace_;
  std::uint64_t setpoint_writes_ = 0;  // writes already handed to the plant
  mutable std::mutex truth_mutex_;
  PlantTruth truth_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace ballast::plantsim
