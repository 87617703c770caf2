#include "state.h"

#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

namespace ballast::ballastd {

std::int64_t unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr std::array<const char*, 5> kModeNames = {"standby", "manual", "smoothing", "peak_shaving",
                                                   "regulation"};

constexpr std::array<const char*, kAlarmCount> kAlarmNames = {
    "meter_comm",           "inverter_comm", "stale_data",  "frozen_data", "bad_data",
    "inverter_not_running", "soc_limit",     "power_limit", "watchdog"};

// The Unix second holding `time_ms`, rounding down also before 1970.
std::int64_t second_of(std::int64_t time_ms) {
  std::int64_t s = time_ms / 1000;
  if (time_ms % 1000 < 0) --s;
  return s;
}

// Commands beyond this many, unread by the loop, drop the oldest: an operator's latest request
// is the one that matters, and a flood of POSTs must not grow memory without bound.
constexpr std::size_t kMaxQueuedCommands = 256;

}  // namespace

const char* to_string(Mode mode) {
  const auto i = static_cast<std::size_t>(mode);
  return i < kModeNames.size() ? kModeNames[i] : "unknown";
}

std::optional<Mode> parse_mode(std::string_view name) {
  for (std::size_t i = 0; i < kModeNames.size(); ++i) {
    if (name == kModeNames[i]) return static_cast<Mode>(i);
  }
  return std::nullopt;
}

const char* alarm_name(int i) {
  return i >= 0 && i < kAlarmCount ? kAlarmNames[static_cast<std::size_t>(i)] : "unknown";
}

std::vector<std::string> alarm_names(std::uint32_t alarms) {
  std::vector<std::string> names;
  for (int i = 0; i < kAlarmCount; ++i) {
    if (alarms & (1u << i)) names.emplace_back(alarm_name(i));
  }
  return names;
}

std::optional<HistoryRow> SecondAggregator::add(const Sample& s) {
  std::optional<HistoryRow> done;
  const std::int64_t second = second_of(s.time_ms);
  if (open_ && second != row_.time_s) done = flush();
  if (!open_) {
    // While a second is open the three power fields hold sums over the finite samples.
    row_ = HistoryRow{.time_s = second,
                      .site_mw = 0,
                      .upstream_mw = 0,
                      .battery_mw = 0,
                      .setpoint_mw = kNaN,
                      .soc = kNaN,
                      .frequency_hz = kNaN};
    finite_[0] = finite_[1] = finite_[2] = 0;
    open_ = true;
  }
  const double powers[3] = {s.site_mw, s.upstream_mw, s.battery_mw};
  double* sums[3] = {&row_.site_mw, &row_.upstream_mw, &row_.battery_mw};
  for (int k = 0; k < 3; ++k) {
    if (std::isfinite(powers[k])) {
      *sums[k] += powers[k];
      ++finite_[k];
    }
  }
  if (std::isfinite(s.setpoint_mw)) row_.setpoint_mw = s.setpoint_mw;
  if (std::isfinite(s.soc)) row_.soc = s.soc;
  if (std::isfinite(s.frequency_hz)) row_.frequency_hz = s.frequency_hz;
  row_.mode = s.mode;
  row_.safe = row_.safe || s.safe;
  row_.alarms |= s.alarms;
  ++row_.samples;
  return done;
}

// Closes the second in progress: the next sample, whatever its time, opens a new one.
std::optional<HistoryRow> SecondAggregator::flush() {
  if (!open_) return std::nullopt;
  HistoryRow row = row_;
  double* sums[3] = {&row.site_mw, &row.upstream_mw, &row.battery_mw};
  for (int k = 0; k < 3; ++k) *sums[k] = finite_[k] > 0 ? *sums[k] / finite_[k] : kNaN;
  open_ = false;
  return row;
}

void SharedState::publish(const Status& status) {
  std::lock_guard lock(mutex_);
  Status kept = status;  // the historian's fields are the historian's
  kept.history_rows = status_.history_rows;
  kept.history_errors = status_.history_errors;
  kept.history_error = std::move(status_.history_error);
  kept.api_auth_failures = status_.api_auth_failures;  // and the API's are the API's
  kept.api_evictions = status_.api_evictions;
  status_ = std::move(kept);
}

void SharedState::set_api(std::int64_t auth_failures, std::int64_t evictions) {
  std::lock_guard lock(mutex_);
  status_.api_auth_failures = auth_failures;
  status_.api_evictions = evictions;
}

void SharedState::add_row(const HistoryRow& row) {
  std::lock_guard lock(mutex_);
  recent_.push_back(row);
  while (recent_.size() > keep_) recent_.pop_front();
}

void SharedState::set_history(std::int64_t rows, std::int64_t errors, const std::string& error) {
  std::lock_guard lock(mutex_);
  status_.history_rows = rows;
  status_.history_errors = errors;
  status_.history_error = error;
}

Status SharedState::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

// "The last `seconds` seconds" counts back from the newest row, not from the wall clock, so a
// reader sees the same rows whether or not the loop has stalled; gaps shorten the answer.
std::vector<HistoryRow> SharedState::recent(std::size_t seconds) const {
  std::lock_guard lock(mutex_);
  std::vector<HistoryRow> rows;
  if (recent_.empty() || seconds == 0) return rows;
  const std::int64_t after = recent_.back().time_s - static_cast<std::int64_t>(seconds);
  auto first = recent_.end();
  while (first != recent_.begin() && std::prev(first)->time_s > after) --first;
  rows.assign(first, recent_.end());
  return rows;
}

void SharedState::request(const Command& c) {
  std::lock_guard lock(mutex_);
  if (commands_.size() >= kMaxQueuedCommands) commands_.erase(commands_.begin());
  commands_.push_back(c);
}

std::vector<Command> SharedState::take_commands() {
  std::vector<Command> taken;
  std::lock_guard lock(mutex_);
  taken.swap(commands_);
  return taken;
}

}  // namespace ballast::ballastd
