#include "config.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <cctype>
#include <cmath>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ballast/control/smoothing_toml.h"
#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/timestamp.h"
#include "ballast/core/toml_reader.h"
#include "http_api.h"

namespace ballast::ballastd {

namespace {

int ms(const TomlReader& r, const toml::table& t, const char* key, int lo, int hi, int fallback) {
  return static_cast<int>(r.integer(t, key, lo, hi, fallback));
}

void read_loop(const TomlReader& r, const toml::table& t, LoopConfig& c) {
  r.check_keys(t,
               {"period_ms", "stale_ms", "timeout_ms", "watchdog_ms", "watchdog_abort_ms",
                "reconnect_min_ms", "reconnect_max_ms", "realtime_priority"},
               "[loop]");
  c.period_ms = ms(r, t, "period_ms", 1, 1000, c.period_ms);
  c.stale_ms = ms(r, t, "stale_ms", c.period_ms, 60000, c.stale_ms);
  c.timeout_ms = ms(r, t, "timeout_ms", 1, 10000, c.timeout_ms);
  c.watchdog_ms = ms(r, t, "watchdog_ms", c.period_ms, 60000, std::max(c.watchdog_ms, c.period_ms));
  c.watchdog_abort_ms = ms(r, t, "watchdog_abort_ms", c.watchdog_ms, 600000, c.watchdog_abort_ms);
  c.reconnect_min_ms = ms(r, t, "reconnect_min_ms", 1, 60000, c.reconnect_min_ms);
  c.reconnect_max_ms = ms(r, t, "reconnect_max_ms", c.reconnect_min_ms, 600000,
                          std::max(c.reconnect_max_ms, c.reconnect_min_ms));
  c.realtime_priority = ms(r, t, "realtime_priority", 0, 99, 0);
  if (c.stale_ms < 2 * c.timeout_ms) {
    r.fail(t.get("stale_ms") ? t.get("stale_ms") : &t,
           fmt::format("stale_ms ({}) must be at least twice timeout_ms ({}): one slow reply "
                       "must not make the data stale",
                       c.stale_ms, c.timeout_ms));
  }
}

void read_battery(const TomlReader& r, const toml::table& t, BatteryConfig& b) {
  r.check_keys(
      t, {"power_mw", "energy_mwh", "soc_min", "soc_max", "safe_setpoint_mw", "inverter_lag_ms"},
      "[battery]");
  b.power_mw = r.required(t, "power_mw", 1e-6, 1e6, "[battery]");
  b.energy_mwh = r.required(t, "energy_mwh", 1e-6, 1e7, "[battery]");
  b.soc_min = r.number(t, "soc_min", 0, 1, b.soc_min);
  b.soc_max = r.number(t, "soc_max", 0, 1, b.soc_max);
  if (b.soc_min >= b.soc_max) r.fail(&t, "[battery] needs soc_min < soc_max");
  b.safe_setpoint_mw = r.number(t, "safe_setpoint_mw", -b.power_mw, b.power_mw, 0);
  b.inverter_lag_ms = r.number(t, "inverter_lag_ms", 0, 10'000, b.inverter_lag_ms);
}

control::PeakShaverParams read_peak_shaving(const TomlReader& r, const toml::table& t) {
  r.check_keys(t, {"threshold_mw", "recharge_margin_mw", "recharge_max_mw", "target_soc"},
               "[peak_shaving]");
  control::PeakShaverParams p;
  p.threshold_mw =
      r.required(t, "threshold_mw", -limits::kPowerMw, limits::kPowerMw, "[peak_shaving]");
  p.recharge_margin_mw = r.number(t, "recharge_margin_mw", 0, limits::kPowerMw, 0);
  p.recharge_max_mw = r.number(t, "recharge_max_mw", 1e-6, limits::kPowerMw, limits::kPowerMw);
  p.target_soc = r.number(t, "target_soc", 0, 1, 1.0);
  return p;
}

RegulationConfig read_regulation(const TomlReader& r, const toml::table& t) {
  r.check_keys(t,
               {"product", "bid_mw", "base_hz", "target_soc", "full_correction_mwh", "schedule_mw",
                "schedule_start"},
               "[regulation]");
  RegulationConfig c;
  c.product = r.choice(t, "product", "edreg", {"dreg", "edreg"}) == "dreg"
                  ? taipower::Product::kDreg
                  : taipower::Product::kEdreg;
  c.bid_mw = r.required(t, "bid_mw", 1e-6, 1e6, "[regulation]");
  c.base_hz = r.number(t, "base_hz", 59, 61, c.base_hz);
  c.target_soc = r.number(t, "target_soc", 0, 1, c.target_soc);
  c.full_correction_mwh =
      r.number(t, "full_correction_mwh", 1e-9, limits::kEnergyMwh, c.full_correction_mwh);
  // E-dReg's shifting schedule: one target per 15-minute interval from schedule_start.
  if (const toml::node* n = t.get("schedule_mw")) {
    const toml::array* targets = n->as_array();
    if (c.product != taipower::Product::kEdreg) r.fail(n, "schedule_mw is for product \"edreg\"");
    if (targets == nullptr) r.fail(n, "schedule_mw must be a list of MW, one per 15 minutes");
    for (const toml::node& v : *targets) {
      const std::optional<double> mw = v.value<double>();
      if (!mw || !(std::fabs(*mw) <= c.bid_mw)) {
        r.fail(&v, fmt::format("each shifting target must be a number within +-bid_mw ({} MW)",
                               c.bid_mw));
      }
      c.schedule_mw.push_back(*mw);
    }
    const std::optional<std::string> start = r.text(t, "schedule_start");
    const std::optional<Timestamp> ts = start ? parse_timestamp(*start) : std::nullopt;
    if (!ts) {
      r.fail(start ? t.get("schedule_start") : n,
             "schedule_mw needs schedule_start, an ISO-8601 time such as "
             "\"2026-07-01T00:00:00+08:00\"");
    }
    c.schedule_start_ms = ts->utc_s * 1000;
  }
  return c;
}

void read_listen(const TomlReader& r, const toml::table& t, HttpConfig& h) {
  const std::optional<std::string> listen = r.text(t, "listen");
  if (listen && !parse_host_port(*listen, h.host, h.port)) {
    r.fail(t.get("listen"), "'listen' must be HOST:PORT, e.g. \"127.0.0.1:8080\"");
  }
}

std::string read_token(const TomlReader& r, const toml::table& t, const std::string& override) {
  const std::optional<std::string> file =
      override.empty() ? r.text(t, "token_file") : std::optional<std::string>(override);
  if (!file) {
    r.fail(&t,
           "[http] needs token_file: a file holding the bearer token that POST requests "
           "must carry (or set enabled = false)");
  }
  const std::string path = override.empty() ? r.resolve(*file) : override;
  std::ifstream in(path);
  if (!in) {
    if (!override.empty())
      throw InputError("cannot read the token file; check --token-file", {path});
    r.fail(t.get("token_file"),
           fmt::format("cannot read the token file {}; create it with a long random token "
                       "(umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \\n' > "
                       "FILE) or pass --token-file",
                       path));
  }
  std::stringstream s;
  s << in.rdbuf();
  std::string token = s.str();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) {
    token.pop_back();
  }
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front()))) {
    token.erase(token.begin());
  }
  if (token.size() < 16) {
    r.fail(t.get("token_file"), fmt::format("the token in {} is shorter than 16 characters; use "
                                            "a long random one (e.g. openssl rand -hex 32)",
                                            path));
  }
  struct stat st {};
  if (stat(path.c_str(), &st) == 0 && (st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    std::cerr << "ballastd: warning: " << path << " is readable by other users; chmod 600 it\n";
  }
  return token;
}

}  // namespace

std::string plain_http_warning(const HttpConfig& http) {
  if (!http.enabled || !http.tls_cert.empty() || is_loopback_host(http.host)) return "";
  return fmt::format(
      "warning: the API listens on {}:{}, beyond loopback, in plain HTTP: the bearer token and "
      "every command cross the network readable by anyone on the path. Give --tls-cert and "
      "--tls-key (or [http] tls_cert and tls_key), or listen on 127.0.0.1 behind a TLS proxy",
      http.host, http.port);
}

bool parse_host_port(const std::string& text, std::string& host, int& port) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) return false;
  int p = 0;
  for (std::size_t i = colon + 1; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) || p > 65535) return false;
    p = p * 10 + (text[i] - '0');
  }
  if (p > 65535) return false;
  host = text.substr(0, colon);
  port = p;
  return true;
}

DaemonConfig read_config(const std::string& path, const std::string& token_file) {
  const TomlReader r(path);
  const toml::table& root = r.root();
  r.check_keys(root,
               {"registers", "meter", "inverter", "loop", "battery", "plausibility", "mode",
                "smoothing", "peak_shaving", "regulation", "http", "historian"},
               "the ballastd configuration");
  DaemonConfig c;
  c.path = path;
  if (const auto registers = r.text(root, "registers")) {
    c.registers = modbus::read_register_map(r.resolve(*registers));
  }
  // Endpoint overrides: the same register map at another address.
  for (auto [key, endpoint] : {std::pair{"meter", &c.registers.meter_endpoint},
                               std::pair{"inverter", &c.registers.inverter_endpoint}}) {
    if (const toml::table* t = r.table(root, key)) {
      r.check_keys(*t, {"host", "port", "unit_id"}, fmt::format("[{}]", key));
      if (auto host = r.text(*t, "host")) endpoint->host = *host;
      endpoint->port = static_cast<int>(r.integer(*t, "port", 1, 65535, endpoint->port));
      endpoint->unit_id = static_cast<int>(r.integer(*t, "unit_id", 0, 255, endpoint->unit_id));
    }
  }
  if (const toml::table* t = r.table(root, "loop")) read_loop(r, *t, c.loop);
  const toml::table* battery = r.table(root, "battery");
  if (battery == nullptr) r.fail(nullptr, "the configuration needs a [battery] table");
  read_battery(r, *battery, c.battery);
  if (const toml::table* t = r.table(root, "plausibility")) {
    r.check_keys(*t, {"max_abs_site_mw", "min_frequency_hz", "max_frequency_hz"}, "[plausibility]");
    auto& p = c.plausibility;
    p.max_abs_site_mw = r.number(*t, "max_abs_site_mw", 1e-6, limits::kPowerMw, p.max_abs_site_mw);
    p.min_frequency_hz = r.number(*t, "min_frequency_hz", 0, 100, p.min_frequency_hz);
    p.max_frequency_hz =
        r.number(*t, "max_frequency_hz", p.min_frequency_hz, 1000, p.max_frequency_hz);
  }
  if (const toml::table* t = r.table(root, "smoothing")) {
    c.smoothing = control::read_smoothing_params(r, *t, "[smoothing]");
  }
  c.smoothing.inverter_lag_s = c.battery.inverter_lag_ms / 1000;
  if (const toml::table* t = r.table(root, "peak_shaving")) {
    c.peak_shaving = read_peak_shaving(r, *t);
  }
  if (const toml::table* t = r.table(root, "regulation")) c.regulation = read_regulation(r, *t);
  if (const toml::table* t = r.table(root, "mode")) {
    r.check_keys(*t, {"initial", "manual_setpoint_mw"}, "[mode]");
    const std::string name = r.choice(
        *t, "initial", "standby", {"standby", "manual", "smoothing", "peak_shaving", "regulation"});
    c.initial_mode = *parse_mode(name);
    c.manual_setpoint_mw =
        r.number(*t, "manual_setpoint_mw", -c.battery.power_mw, c.battery.power_mw, 0);
    if (c.initial_mode == Mode::kPeakShaving && !c.peak_shaving) {
      r.fail(t->get("initial"), "mode peak_shaving needs a [peak_shaving] table");
    }
    if (c.initial_mode == Mode::kRegulation && !c.regulation) {
      r.fail(t->get("initial"), "mode regulation needs a [regulation] table");
    }
  }
  if (const toml::table* t = r.table(root, "http")) {
    r.check_keys(*t, {"enabled", "listen", "token_file", "tls_cert", "tls_key"}, "[http]");
    c.http.enabled = r.flag(*t, "enabled", true);
    read_listen(r, *t, c.http);
    if (auto cert = r.text(*t, "tls_cert")) c.http.tls_cert = r.resolve(*cert);
    if (auto key = r.text(*t, "tls_key")) c.http.tls_key = r.resolve(*key);
    if (c.http.tls_cert.empty() != c.http.tls_key.empty()) {
      r.fail(t, "[http] needs both tls_cert and tls_key for HTTPS, or neither");
    }
    if (c.http.enabled) c.http.token = read_token(r, *t, token_file);
  } else {
    c.http.enabled = false;
  }
  if (const toml::table* t = r.table(root, "historian")) {
    r.check_keys(*t, {"path"}, "[historian]");
    if (auto p = r.text(*t, "path")) c.historian_path = r.resolve(*p);
  }
  return c;
}

}  // namespace ballast::ballastd
