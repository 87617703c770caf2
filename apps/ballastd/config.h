#pragma once
/// @file ballastd's configuration file (TOML): where the meter and inverter are, the loop's
/// timing and safety limits, the battery, each mode's parameters, the HTTP API and the
/// historian. Every key is documented in docs/ballastd.md; unknown keys are errors.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ballast/control/peak_shaver.h"
#include "ballast/control/smoothing_controller.h"
#include "ballast/control/taipower_rules.h"
#include "ballast/modbus/register_map.h"
#include "state.h"

namespace ballast::ballastd {

/// The control loop's timing and safety.
struct LoopConfig {
  int period_ms = 10;            ///< control period, ms (10-1000)
  int stale_ms = 500;            ///< no fresh reading this long: safe set-point, ms
  int timeout_ms = 100;          ///< longest wait for one Modbus reply or connection, ms
  int watchdog_ms = 100;         ///< a cycle longer than this raises the watchdog alarm, ms
  int watchdog_abort_ms = 5000;  ///< a cycle stuck this long ends the process (exit 3), ms
  int reconnect_min_ms = 100;    ///< first wait before reconnecting, ms (doubles)
  int reconnect_max_ms = 5000;   ///< longest wait before reconnecting, ms
  int realtime_priority = 0;     ///< SCHED_FIFO priority of the loop thread (0: normal)
};

/// The battery as ballastd limits it (the inverter's reported limits apply as well).
struct BatteryConfig {
  double power_mw = 0;          ///< rated power, MW (set-points never exceed it)
  double energy_mwh = 0;        ///< nameplate energy, MWh (SOC fraction x this = stored)
  double soc_min = 0.05;        ///< no discharge at or below this SOC, fraction
  double soc_max = 0.95;        ///< no charge at or above this SOC, fraction
  double safe_setpoint_mw = 0;  ///< set-point on stale or bad data, MW
  double inverter_lag_ms = 0;   ///< the inverter's first-order lag, ms (smoothing compensates it)
};

/// Plausibility limits: readings outside them are garbage (bad_data alarm).
struct PlausibilityConfig {
  double max_abs_site_mw = 1000;  ///< |meter import| and |battery output| above this, MW
  double min_frequency_hz = 45;
  double max_frequency_hz = 65;
};

/// dReg / E-dReg frequency following.
struct RegulationConfig {
  taipower::Product product = taipower::Product::kEdreg;
  double bid_mw = 0;                   ///< regulation capacity, MW
  double base_hz = 60;                 ///< the curve's base frequency, Hz
  double target_soc = 0.5;             ///< SOC steering aims here, fraction
  double full_correction_mwh = 0.5;    ///< SOC error that uses the whole dead band, MWh
  std::vector<double> schedule_mw{};   ///< E-dReg shifting targets, 15-minute intervals, MW
  std::int64_t schedule_start_ms = 0;  ///< Unix ms the first interval begins
};

/// The HTTP API.
struct HttpConfig {
  bool enabled = true;
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string token;     ///< the bearer token (read from token_file; never printed)
  std::string tls_cert;  ///< PEM certificate chain (with tls_key: HTTPS)
  std::string tls_key;   ///< PEM private key
};

/// Everything ballastd reads from its configuration file.
struct DaemonConfig {
  std::string path;  ///< the file it came from
  modbus::RegisterMap registers = modbus::RegisterMap::defaults();
  LoopConfig loop;
  BatteryConfig battery;
  PlausibilityConfig plausibility;
  Mode initial_mode = Mode::kStandby;
  double manual_setpoint_mw = 0;
  control::SmoothingParams smoothing;
  std::optional<control::PeakShaverParams> peak_shaving;  ///< absent: mode unavailable
  std::optional<RegulationConfig> regulation;             ///< absent: mode unavailable
  HttpConfig http;
  std::string historian_path;  ///< empty: no historian
};

/// The warning to print when the API would listen beyond loopback without TLS, or "".
std::string plain_http_warning(const HttpConfig& http);

/// Splits "HOST:PORT" (port 0-65535); false when `text` is not of that form.
bool parse_host_port(const std::string& text, std::string& host, int& port);

/// Reads and checks `path`; a non-empty `token_file` replaces [http] token_file. Throws
/// InputError at file:line:column.
DaemonConfig read_config(const std::string& path, const std::string& token_file = "");

}  // namespace ballast::ballastd
