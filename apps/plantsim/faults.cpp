#include "plantsim/faults.h"

#include <fmt/format.h>

#include "ballast/core/fields.h"

namespace ballast::plantsim {

std::vector<std::string> FaultState::active() const {
  std::vector<std::string> names;
  if (drop) names.emplace_back("drop");
  if (freeze) names.emplace_back("freeze");
  if (exception) names.emplace_back("exception");
  if (soc_out_of_range) names.emplace_back("soc_out_of_range");
  if (garbage) names.emplace_back("garbage");
  if (slow) names.emplace_back("slow");
  if (inverter_fault) names.emplace_back("inverter_fault");
  return names;
}

FaultState Faults::get() const {
  const std::lock_guard lock(mutex_);
  return state_;
}

std::string Faults::apply(const std::string& name, bool on, int delay_ms, int code) {
  if (delay_ms < 0 || delay_ms > 60000) {
    return fmt::format("delay_ms {} is out of range; give 0 .. 60000 ms", delay_ms);
  }
  // Exception codes 1 .. 11 are the ones the Modbus application protocol (v1.1b3, 7) defines.
  if (code < 0 || code > 11) {
    return fmt::format("code {} is not a Modbus exception code; give 1 .. 11", code);
  }
  const std::lock_guard lock(mutex_);
  FaultState& s = state_;
  if (name == "clear") {
    s = FaultState{};
  } else if (name == "drop") {
    s.drop = on;
  } else if (name == "freeze") {
    s.freeze = on;
  } else if (name == "exception") {
    s.exception = on;
    if (code > 0) s.exception_code = code;
  } else if (name == "soc_out_of_range") {
    s.soc_out_of_range = on;
  } else if (name == "garbage") {
    s.garbage = on;
  } else if (name == "slow") {
    s.slow = on;
    if (delay_ms > 0) s.delay_ms = delay_ms;
  } else if (name == "inverter_fault") {
    s.inverter_fault = on;
  } else {
    return fmt::format(
        "unknown fault {}; known: drop, freeze, exception, soc_out_of_range, garbage, slow, "
        "inverter_fault, clear",
        quote_input(name));
  }
  return "";
}

}  // namespace ballast::plantsim
