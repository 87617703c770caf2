#include "http_api.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "ballast/core/error.h"
#include "live_page.h"
#include "metrics.h"

namespace ballast::ballastd {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxBodyBytes = 4096;
constexpr int kTimeoutS = 2;  // read, write and keep-alive idle time of one connection
constexpr std::size_t kWorkers = 4;
constexpr std::size_t kMaxPending = 64;  // accepted connections waiting for a worker
constexpr int kDefaultHistoryS = 300;
constexpr int kMaxHistoryS = 3600;
constexpr const char* kJson = "application/json";
constexpr const char* kChallenge = "Bearer realm=\"ballastd\"";

// cpp-httplib's own pool queues without limit; this one makes the accept thread wait when
// kMaxPending connections are already waiting, so a flood fills the kernel's backlog instead
// of memory. Dropping a task is not an option: the task owns (and closes) the socket.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(std::size_t workers, std::size_t max_pending) : max_pending_(max_pending) {
    for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  void enqueue(std::function<void()> fn) override {
    std::unique_lock lock(mutex_);
    room_.wait(lock, [&] { return jobs_.size() < max_pending_; });
    jobs_.push_back(std::move(fn));
    ready_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard lock(mutex_);
      shutdown_ = true;
    }
    ready_.notify_all();
    for (std::thread& t : threads_) t.join();
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> fn;
      {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] { return shutdown_ || !jobs_.empty(); });
        if (jobs_.empty()) return;  // shut down and drained
        fn = std::move(jobs_.front());
        jobs_.pop_front();
        room_.notify_one();
      }
      fn();
    }
  }

  std::size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable ready_, room_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  bool shutdown_ = false;
};

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

void send_json(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), kJson);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}});
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

bool equals_nocase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

// Whether the request carries the bearer token (RFC 6750); answers the refusal if not.
bool authorised(const httplib::Request& req, httplib::Response& res, const std::string& token) {
  if (token.empty()) {
    send_error(res, 403, "writes are disabled: no API token is configured");
    return false;
  }
  const std::string header = req.get_header_value("Authorization");
  const std::size_t space = header.find(' ');
  const std::string_view scheme = std::string_view(header).substr(0, space);
  if (header.empty() || space == std::string::npos || !equals_nocase(scheme, "bearer")) {
    res.set_header("WWW-Authenticate", kChallenge);
    send_error(res, 401, "authorization required: send 'Authorization: Bearer <token>'");
    return false;
  }
  std::string_view presented = std::string_view(header).substr(space);
  while (!presented.empty() && presented.front() == ' ') presented.remove_prefix(1);
  if (!same_token(presented, token)) {
    res.set_header("WWW-Authenticate", std::string(kChallenge) + ", error=\"invalid_token\"");
    send_error(res, 401, "invalid_token");
    return false;
  }
  return true;
}

// The body as a JSON object holding exactly `key`, or nullopt after answering 400.
std::optional<json> body_field(const httplib::Request& req, httplib::Response& res,
                               const char* key) {
  const json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) {
    send_error(res, 400, std::string("the body must be a JSON object like {\"") + key + "\": ...}");
    return std::nullopt;
  }
  if (body.size() != 1 || !body.contains(key)) {
    send_error(res, 400, std::string("the body must hold exactly one field, \"") + key + "\"");
    return std::nullopt;
  }
  return body.at(key);
}

std::string mode_list() {
  std::string list;
  for (Mode m :
       {Mode::kStandby, Mode::kManual, Mode::kSmoothing, Mode::kPeakShaving, Mode::kRegulation}) {
    list += (list.empty() ? "" : ", ") + std::string(to_string(m));
  }
  return list;
}

}  // namespace

HttpApi::HttpApi(ApiConfig config, SharedState& state)
    : config_(std::move(config)), state_(state), server_(std::make_unique<httplib::Server>()) {
  server_->new_task_queue = [] { return new BoundedPool(kWorkers, kMaxPending); };
  // cpp-httplib's default sets SO_REUSEPORT, which would let a second daemon listen on the
  // same port and take half the requests; SO_REUSEADDR alone still allows a quick restart.
  server_->set_socket_options([](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  server_->set_payload_max_length(kMaxBodyBytes);
  server_->set_read_timeout(kTimeoutS, 0);
  server_->set_write_timeout(kTimeoutS, 0);
  server_->set_keep_alive_timeout(kTimeoutS);
  server_->set_default_headers(
      {{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
  routes();
}

HttpApi::~HttpApi() { stop(); }

void HttpApi::routes() {
  httplib::Server& s = *server_;
  s.Get("/", [](const httplib::Request&, httplib::Response& res) {
    static const std::string page = live_page_html();
    res.set_content(page, "text/html; charset=utf-8");
  });
  s.Get("/status", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, status_json(state_.status(), unix_ms()));
  });
  s.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(prometheus_text(state_.status()), kPrometheusContentType);
  });
  s.Get("/history", [this](const httplib::Request& req, httplib::Response& res) {
    int seconds = kDefaultHistoryS;
    if (req.has_param("seconds")) {
      const std::string text = req.get_param_value("seconds");
      std::size_t used = 0;
      try {
        seconds = std::stoi(text, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used == 0 || used != text.size() || seconds < 1 || seconds > kMaxHistoryS) {
        send_error(res, 400, "seconds must be a whole number from 1 to 3600");
        return;
      }
    }
    json rows = json::array();
    for (const HistoryRow& r : state_.recent(static_cast<std::size_t>(seconds))) {
      rows.push_back(row_json(r));
    }
    send_json(res, 200, rows);
  });
  s.Post("/mode", [this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res, config_.token)) return;
    const std::optional<json> value = body_field(req, res, "mode");
    if (!value) return;
    const std::optional<Mode> mode =
        value->is_string() ? parse_mode(value->get<std::string>()) : std::nullopt;
    if (!mode) {
      send_error(res, 400, "mode must be one of: " + mode_list());
      return;
    }
    if (std::find(config_.modes.begin(), config_.modes.end(), *mode) == config_.modes.end()) {
      send_error(res, 409,
                 std::string(to_string(*mode)) + " has no table in ballastd's configuration");
      return;
    }
    state_.request(Command{.mode = mode, .setpoint_mw = std::nullopt});
    send_json(res, 202, {{"accepted", {{"mode", to_string(*mode)}}}});
  });
  // Writing a set-point takes manual control: the command also switches the mode to manual.
  s.Post("/setpoint", [this](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res, config_.token)) return;
    const std::optional<json> value = body_field(req, res, "mw");
    if (!value) return;
    if (!value->is_number() || !std::isfinite(value->get<double>())) {
      send_error(res, 400, "mw must be a finite number (MW, positive = discharge)");
      return;
    }
    const double mw = value->get<double>();
    state_.request(Command{.mode = Mode::kManual, .setpoint_mw = mw});
    send_json(res, 202,
              {{"accepted", {{"mode", "manual"}, {"setpoint_mw", mw}}},
               {"note", "a set-point switches the controller to manual mode"}});
  });

  // The other methods on known paths: 405 rather than cpp-httplib's 404.
  const auto refuse = [](const char* allow) {
    return [allow](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", allow);
      send_error(res, 405, std::string("method not allowed; use ") + allow);
    };
  };
  for (const char* path : {"/", "/status", "/metrics", "/history"}) {
    s.Post(path, refuse("GET"));
    s.Put(path, refuse("GET"));
    s.Patch(path, refuse("GET"));
    s.Delete(path, refuse("GET"));
  }
  for (const char* path : {"/mode", "/setpoint"}) {
    s.Get(path, refuse("POST"));
    s.Put(path, refuse("POST"));
    s.Patch(path, refuse("POST"));
    s.Delete(path, refuse("POST"));
  }

  // Errors cpp-httplib raises itself (404, 413, 400 on a malformed request) get a JSON body.
  s.set_error_handler(
      httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        const char* message = res.status == 404   ? "not found"
                              : res.status == 413 ? "request body larger than 4096 bytes"
                              : res.status < 500  ? "bad request"
                                                  : "internal error";
        send_error(res, res.status, message);
        return httplib::Server::HandlerResponse::Handled;
      }));
  s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    send_error(res, 500, "internal error");
  });
}

void HttpApi::start() {
  if (listener_.joinable()) return;
  const int port = config_.port == 0 ? server_->bind_to_any_port(config_.host)
                   : server_->bind_to_port(config_.host, config_.port) ? config_.port
                                                                       : -1;
  if (port <= 0) {
    throw InputError("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                     "; choose another [api] host or port, or stop the process using it");
  }
  port_ = port;
  listener_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() is a no-op until the listener runs; wait for it so that stop() cannot be lost.
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

void HttpApi::stop() {
  if (!listener_.joinable()) return;
  server_->stop();
  listener_.join();
}

}  // namespace ballast::ballastd
