#include "http_routes.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

#include "live_page.h"
#include "metrics.h"

namespace ballast::ballastd {
namespace {

using nlohmann::json;

constexpr int kDefaultHistoryS = 300;
constexpr int kMaxHistoryS = 3600;
constexpr const char* kChallenge = "Bearer realm=\"ballastd\"";
constexpr std::size_t kAuditBodyChars = 256;  // of a command's body kept in its event

// JSON has no NaN: unknown values are null.
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json timing_json(const TimingSummary& t) {
  return {{"p50_us", number(t.p50_us)},
          {"p99_us", number(t.p99_us)},
          {"max_us", number(t.max_us)},
          {"count", t.count}};
}

json status_json(const Status& s, std::int64_t now) {
  const Sample& l = s.last;
  json alarm_cycles = json::object();
  for (int i = 0; i < kAlarmCount; ++i) {
    alarm_cycles[alarm_name(i)] = s.alarm_cycles[static_cast<std::size_t>(i)];
  }
  return {
      {"mode", to_string(l.mode)},
      {"state", s.state},
      {"safe", l.safe},
      {"alarms", alarm_names(l.alarms)},
      {"last",
       {{"time_ms", l.time_ms},
        {"mode", to_string(l.mode)},
        {"safe", l.safe},
        {"site_mw", number(l.site_mw)},
        {"upstream_mw", number(l.upstream_mw)},
        {"battery_mw", number(l.battery_mw)},
        {"setpoint_mw", number(l.setpoint_mw)},
        {"soc", number(l.soc)},
        {"frequency_hz", number(l.frequency_hz)},
        {"alarms", alarm_names(l.alarms)}}},
      {"manual_setpoint_mw", number(s.manual_setpoint_mw)},
      {"connected", {{"meter", s.meter_connected}, {"inverter", s.inverter_connected}}},
      {"last_fault", s.last_fault},
      {"last_fresh_ms", s.last_fresh_ms},
      {"setpoint_acknowledged", s.setpoint_acknowledged},
      {"safe_since_ms", s.safe_since_ms},
      {"timing",
       {{"period_jitter", timing_json(s.period_jitter)},
        {"cycle", timing_json(s.cycle)},
        {"modbus_rtt", timing_json(s.modbus_rtt)}}},
      {"alarm_cycles", alarm_cycles},
      {"cycles", s.cycles},
      {"reconnects", s.reconnects},
      {"history_rows", s.history_rows},
      {"history_errors", s.history_errors},
      {"history_error", s.history_error},
      {"api_auth_failures", s.api_auth_failures},
      {"api_evictions", s.api_evictions},
      {"started_ms", s.started_ms},
      {"uptime_s", s.started_ms > 0 ? static_cast<double>(now - s.started_ms) * 1e-3 : 0.0},
      {"period_ms", number(s.period_ms)},
  };
}

json row_json(const HistoryRow& r) {
  return {{"time_s", r.time_s},
          {"mode", to_string(r.mode)},
          {"safe", r.safe},
          {"site_mw", number(r.site_mw)},
          {"upstream_mw", number(r.upstream_mw)},
          {"battery_mw", number(r.battery_mw)},
          {"setpoint_mw", number(r.setpoint_mw)},
          {"soc", number(r.soc)},
          {"frequency_hz", number(r.frequency_hz)},
          {"alarms", alarm_names(r.alarms)},
          {"samples", r.samples}};
}

ApiResponse json_response(int status, const json& body) {
  ApiResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

// Compares in time that depends only on the expected token's length, not on where the
// presented one first differs.
bool same_token(std::string_view presented, std::string_view expected) {
  unsigned diff = presented.size() == expected.size() ? 0u : 1u;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const char p = i < presented.size() ? presented[i] : '\0';
    diff |= static_cast<unsigned char>(p ^ expected[i]);
  }
  return diff == 0;
}

enum class Auth { kOk, kMissing, kWrong, kMalformed, kDisabled };

// Whether the request carries the bearer token (RFC 6750). The value is compared whole, with
// its length: a NUL or any other control character in it makes it malformed, never a prefix
// that matches.
Auth check_token(const ApiRequest& req, const std::string& token) {
  if (token.empty()) return Auth::kDisabled;
  if (req.authorization_fields > 1) return Auth::kMalformed;
  const std::string_view header = req.authorization;
  for (const char c : header) {
    if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) return Auth::kMalformed;
  }
  const std::size_t space = header.find(' ');
  if (header.empty() || space == std::string_view::npos) return Auth::kMissing;
  std::string scheme(header.substr(0, space));
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (scheme != "bearer") return Auth::kMissing;
  std::string_view presented = header.substr(space);
  while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
  return same_token(presented, token) ? Auth::kOk : Auth::kWrong;
}

// The body as a JSON object holding exactly `key`, or the 400 to answer.
std::optional<json> body_field(const std::string& body, const char* key, ApiResponse& error) {
  const json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) {
    error = error_response(
        400, std::string("the body must be a JSON object like {\"") + key + "\": ...}");
    return std::nullopt;
  }
  if (parsed.size() != 1 || !parsed.contains(key)) {
    error =
        error_response(400, std::string("the body must hold exactly one field, \"") + key + "\"");
    return std::nullopt;
  }
  return parsed.at(key);
}

std::string mode_list() {
  std::string list;
  for (Mode m :
       {Mode::kStandby, Mode::kManual, Mode::kSmoothing, Mode::kPeakShaving, Mode::kRegulation}) {
    list += (list.empty() ? "" : ", ") + std::string(to_string(m));
  }
  return list;
}

// The value of query parameter `key` in `query` ("a=1&b=2"), or nullopt when absent.
std::optional<std::string> query_value(std::string_view query, std::string_view key) {
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const std::size_t eq = pair.find('=');
    if (pair.substr(0, eq) == key) {
      return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

ApiResponse history(SharedState& state, std::string_view query) {
  int seconds = kDefaultHistoryS;
  if (const std::optional<std::string> text = query_value(query, "seconds")) {
    const bool digits =
        !text->empty() && text->size() <= 5 &&
        std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; });
    seconds = digits ? std::stoi(*text) : 0;
    if (seconds < 1 || seconds > kMaxHistoryS) {
      return error_response(400, "seconds must be a whole number from 1 to 3600");
    }
  }
  json rows = json::array();
  for (const HistoryRow& r : state.recent(static_cast<std::size_t>(seconds))) {
    rows.push_back(row_json(r));
  }
  return json_response(200, rows);
}

ApiResponse method_not_allowed(const char* allow) {
  ApiResponse r = error_response(405, std::string("method not allowed; use ") + allow);
  r.headers.emplace_back("Allow", allow);
  return r;
}

}  // namespace

ApiResponse error_response(int status, const std::string& message) {
  return json_response(status, {{"error", message}});
}

ApiRoutes::ApiRoutes(std::string token, std::vector<Mode> modes, SharedState& state,
                     AuditSink audit)
    : token_(std::move(token)), modes_(std::move(modes)), state_(state), audit_(std::move(audit)) {}

ApiResponse ApiRoutes::respond(const ApiRequest& req) {
  const std::string_view target = req.target;
  const std::size_t question = target.find('?');
  const std::string path(target.substr(0, question));
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  const bool get = req.method == "GET";
  if (path == "/" || path == "/status" || path == "/metrics" || path == "/history") {
    if (!get) return method_not_allowed("GET");
    if (path == "/") {
      static const std::string page = live_page_html();
      ApiResponse r;
      r.content_type = "text/html; charset=utf-8";
      r.body = page;
      return r;
    }
    if (path == "/status") return json_response(200, status_json(state_.status(), unix_ms()));
    if (path == "/metrics") {
      ApiResponse r;
      r.content_type = kPrometheusContentType;
      r.body = prometheus_text(state_.status());
      return r;
    }
    return history(state_, query);
  }
  if (path == "/mode" || path == "/setpoint") {
    if (req.method != "POST") return method_not_allowed("POST");
    return post(req, path);
  }
  return error_response(404, "not found");
}

ApiResponse ApiRoutes::post(const ApiRequest& req, const std::string& path) {
  switch (check_token(req, token_)) {
    case Auth::kOk:
      break;
    case Auth::kDisabled:
      return error_response(403, "writes are disabled: no API token is configured");
    case Auth::kMalformed:
      ++auth_failures_;
      return error_response(400, "malformed Authorization header");
    case Auth::kMissing: {
      ++auth_failures_;
      ApiResponse r =
          error_response(401, "authorization required: send 'Authorization: Bearer <token>'");
      r.headers.emplace_back("WWW-Authenticate", kChallenge);
      return r;
    }
    case Auth::kWrong: {
      ++auth_failures_;
      ApiResponse r = error_response(401, "invalid_token");
      r.headers.emplace_back("WWW-Authenticate",
                             std::string(kChallenge) + ", error=\"invalid_token\"");
      return r;
    }
  }
  ApiResponse r;
  if (path == "/mode") {
    if (const std::optional<json> value = body_field(req.body, "mode", r)) {
      const std::optional<Mode> mode =
          value->is_string() ? parse_mode(value->get<std::string>()) : std::nullopt;
      if (!mode) {
        r = error_response(400, "mode must be one of: " + mode_list());
      } else if (std::find(modes_.begin(), modes_.end(), *mode) == modes_.end()) {
        r = error_response(
            409, std::string(to_string(*mode)) + " has no table in ballastd's configuration");
      } else {
        state_.request(Command{.mode = mode, .setpoint_mw = std::nullopt});
        r = json_response(202, {{"accepted", {{"mode", to_string(*mode)}}}});
      }
    }
  } else if (const std::optional<json> value = body_field(req.body, "mw", r)) {
    // Writing a set-point takes manual control: the command also switches the mode to manual.
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
      r = error_response(400, "mw must be a finite number (MW, positive = discharge)");
    } else {
      const double mw = value->get<double>();
      state_.request(Command{.mode = Mode::kManual, .setpoint_mw = mw});
      r = json_response(202, {{"accepted", {{"mode", "manual"}, {"setpoint_mw", mw}}},
                              {"note", "a set-point switches the controller to manual mode"}});
    }
  }
  r.authenticated = true;
  if (audit_) {
    const json detail{{"client", req.client},
                      {"request", "POST " + path},
                      {"body", req.body.substr(0, kAuditBodyChars)},
                      {"status", r.status},
                      {"answer", json::parse(r.body, nullptr, false)}};
    audit_(unix_ms(), "command", detail.dump(-1, ' ', false, json::error_handler_t::replace));
  }
  return r;
}

}  // namespace ballast::ballastd
