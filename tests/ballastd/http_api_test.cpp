// Tests apps/ballastd/http_api.cpp over loopback with an in-process server on a free port.

#include "http_api.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "ballast/core/error.h"
#include "http_routes.h"

namespace ballast::ballastd {
namespace {

using nlohmann::json;
constexpr const char* kToken = "s3cret-Token-0123456789";

class HttpApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api_.start();
    ASSERT_GT(api_.port(), 0);
  }
  httplib::Client client() {
    httplib::Client c("127.0.0.1", api_.port());
    c.set_read_timeout(10, 0);
    return c;
  }
  static httplib::Headers bearer(const std::string& token) {
    return {{"Authorization", "Bearer " + token}};
  }
  httplib::Result post(const std::string& path, const std::string& body,
                       const httplib::Headers& headers = bearer(kToken)) {
    return client().Post(path.c_str(), headers, body, "application/json");
  }

  SharedState state_;
  HttpApi api_{
      ApiConfig{.host = "127.0.0.1",
                .port = 0,
                .token = kToken,
                .modes = {Mode::kStandby, Mode::kManual, Mode::kSmoothing, Mode::kPeakShaving}},
      state_};
};

struct Write {
  const char* path;
  const char* body;
};
constexpr Write kWrites[] = {{"/mode", R"({"mode": "smoothing"})"}, {"/setpoint", R"({"mw": 5})"}};

TEST_F(HttpApiTest, WritesWithoutTheRightTokenAreRefusedAndQueueNothing) {
  for (const Write& w : kWrites) {
    SCOPED_TRACE(w.path);
    auto missing = post(w.path, w.body, {});
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 401);
    EXPECT_EQ(missing->get_header_value("WWW-Authenticate"), "Bearer realm=\"ballastd\"");

    auto wrong = post(w.path, w.body, bearer("s3cret-Token-0123456788"));
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 401);
    EXPECT_NE(wrong->get_header_value("WWW-Authenticate").find("error=\"invalid_token\""),
              std::string::npos);
    EXPECT_EQ(json::parse(wrong->body)["error"], "invalid_token");

    for (const httplib::Headers& h :
         {httplib::Headers{{"Authorization", std::string("Basic ") + kToken}},
          httplib::Headers{{"Authorization", kToken}}, bearer(""), bearer("s3cret"),
          bearer(std::string(kToken) + "x"), httplib::Headers{{"X-Token", kToken}}}) {
      auto r = post(w.path, w.body, h);
      ASSERT_TRUE(r);
      EXPECT_EQ(r->status, 401) << h.begin()->second;
      EXPECT_EQ(r->body.find(kToken), std::string::npos);
    }
  }
  EXPECT_TRUE(state_.take_commands().empty());
}

TEST_F(HttpApiTest, NoConfiguredTokenRefusesEveryWrite) {
  SharedState state;
  HttpApi open_api(ApiConfig{.host = "127.0.0.1", .port = 0, .token = ""}, state);
  open_api.start();
  httplib::Client c("127.0.0.1", open_api.port());
  auto r =
      c.Post("/mode", {{"Authorization", "Bearer "}}, R"({"mode":"standby"})", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 403);
  EXPECT_TRUE(state.take_commands().empty());
}

TEST_F(HttpApiTest, ModeWithoutItsConfigurationIsRefused) {
  auto r = post("/mode", R"({"mode": "regulation"})");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 409);
  EXPECT_NE(r->body.find("regulation"), std::string::npos);
  EXPECT_TRUE(state_.take_commands().empty());
}

TEST_F(HttpApiTest, AcceptedWritesQueueExactlyTheCommand) {
  auto mode = post("/mode", R"({"mode": "peak_shaving"})");
  ASSERT_TRUE(mode);
  EXPECT_EQ(mode->status, 202);
  std::vector<Command> taken = state_.take_commands();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].mode, Mode::kPeakShaving);
  EXPECT_FALSE(taken[0].setpoint_mw);

  auto setpoint = post("/setpoint", R"({"mw": -2.5})");
  ASSERT_TRUE(setpoint);
  EXPECT_EQ(setpoint->status, 202);
  EXPECT_EQ(json::parse(setpoint->body)["accepted"]["mode"], "manual");
  taken = state_.take_commands();
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].mode, Mode::kManual);
  EXPECT_EQ(taken[0].setpoint_mw, -2.5);
}

TEST_F(HttpApiTest, OversizedBodyIsRefused) {
  const std::string big = R"({"mw": 1, "pad": ")" + std::string(1 << 20, 'x') + "\"}";
  auto r = post("/setpoint", big);
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 413);
  EXPECT_TRUE(state_.take_commands().empty());
  auto status = client().Get("/status");
  ASSERT_TRUE(status);
  EXPECT_EQ(status->status, 200);
}

TEST_F(HttpApiTest, ChunkedBodyIsRefusedBeforeAnyChunkIsRead) {
  // A chunked upload (no Content-Length) of a valid command: refused with 400, nothing queued.
  const std::string body = R"({"mode": "peak_shaving"})";
  auto r = client().Post(
      "/mode", bearer(kToken),
      [&](std::size_t, httplib::DataSink& sink) {
        sink.write(body.data(), body.size());
        sink.done();
        return true;
      },
      "application/json");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(state_.take_commands().empty());
}

TEST_F(HttpApiTest, MalformedBodiesGet400) {
  const std::vector<std::pair<const char*, std::string>> bad = {
      {"/mode", ""},
      {"/mode", "{"},
      {"/mode", "[]"},
      {"/mode", R"({"mode": 3})"},
      {"/mode", R"({"mode": "turbo"})"},
      {"/mode", R"({"mode": "standby", "extra": 1})"},
      {"/setpoint", R"({"mw": "5"})"},
      {"/setpoint", R"({"mw": true})"},
      {"/setpoint", R"({"mw": null})"},
      {"/setpoint", R"({"mw": 1e999})"},
      {"/setpoint", R"({"MW": 5})"},
      {"/setpoint", "\xff\xfe"},
  };
  for (const auto& [path, body] : bad) {
    auto r = post(path, body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << path << " " << body;
    EXPECT_TRUE(json::parse(r->body).contains("error")) << r->body;
  }
  auto turbo = post("/mode", R"({"mode": "turbo"})");
  EXPECT_NE(turbo->body.find("peak_shaving"), std::string::npos);  // lists the modes
  EXPECT_TRUE(state_.take_commands().empty());
}

TEST_F(HttpApiTest, UnknownPathIs404AndWrongMethodIs405) {
  auto missing = client().Get("/nope");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  auto get_mode = client().Get("/mode");
  ASSERT_TRUE(get_mode);
  EXPECT_EQ(get_mode->status, 405);
  EXPECT_EQ(get_mode->get_header_value("Allow"), "POST");
  auto post_status = post("/status", "{}");
  ASSERT_TRUE(post_status);
  EXPECT_EQ(post_status->status, 405);
}

TEST_F(HttpApiTest, StatusServesWhatWasPublished) {
  Status s;
  s.last = Sample{.time_ms = 1'700'000'000'000,
                  .mode = Mode::kSmoothing,
                  .safe = false,
                  .site_mw = 50,
                  .upstream_mw = 45,
                  .battery_mw = 5,
                  .setpoint_mw = std::numeric_limits<double>::quiet_NaN(),
                  .soc = 0.4,
                  .frequency_hz = 60.01,
                  .alarms = kFrozenData};
  s.state = "running";
  s.cycle = TimingSummary{.p50_us = 200, .p99_us = 900, .max_us = 2000, .count = 10};
  s.alarm_cycles[3] = 4;
  s.cycles = 10;
  s.inverter_connected = true;
  s.period_ms = 10;
  state_.publish(s);
  state_.set_history(77, 0, "");
  auto r = client().Get("/status");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json");
  const json j = json::parse(r->body);
  EXPECT_EQ(j["mode"], "smoothing");
  EXPECT_EQ(j["state"], "running");
  EXPECT_TRUE(j["last"]["setpoint_mw"].is_null());
  EXPECT_EQ(j["last"]["upstream_mw"], 45.0);
  EXPECT_EQ(j["alarms"], json::array({"frozen_data"}));
  EXPECT_EQ(j["connected"]["inverter"], true);
  EXPECT_EQ(j["connected"]["meter"], false);
  EXPECT_EQ(j["timing"]["cycle"]["p99_us"], 900.0);
  EXPECT_EQ(j["alarm_cycles"]["frozen_data"], 4);
  EXPECT_EQ(j["history_rows"], 77);
  EXPECT_EQ(j["cycles"], 10);
  EXPECT_EQ(j["period_ms"], 10.0);
}

TEST_F(HttpApiTest, MetricsServeThePrometheusFormat) {
  Status s;
  s.cycles = 1234;
  state_.publish(s);
  auto r = client().Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->get_header_value("Content-Type").starts_with("text/plain; version=0.0.4"));
  EXPECT_NE(r->body.find("\nballastd_cycles_total 1234\n"), std::string::npos);
}

TEST_F(HttpApiTest, HistoryServesRecentRows) {
  for (int t = 1000; t < 1400; ++t) {
    HistoryRow row{.time_s = t, .mode = Mode::kRegulation, .site_mw = 1.0 * t, .samples = 100};
    row.soc = t == 1399 ? std::numeric_limits<double>::quiet_NaN() : 0.5;
    state_.add_row(row);
  }
  auto all = client().Get("/history");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->status, 200);
  const json rows = json::parse(all->body);
  ASSERT_EQ(rows.size(), 300u);  // the default
  EXPECT_EQ(rows.back()["time_s"], 1399);
  EXPECT_TRUE(rows.back()["soc"].is_null());
  EXPECT_EQ(rows.back()["mode"], "regulation");
  auto two = client().Get("/history?seconds=2");
  ASSERT_TRUE(two);
  EXPECT_EQ(json::parse(two->body).size(), 2u);
  for (const char* bad : {"0", "-1", "abc", "3601", "5x", ""}) {
    auto r = client().Get((std::string("/history?seconds=") + bad).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
  }
}

TEST_F(HttpApiTest, ServesTheLivePage) {
  auto r = client().Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->get_header_value("Content-Type").starts_with("text/html"));
  EXPECT_NE(r->body.find("uPlot"), std::string::npos);
}

TEST_F(HttpApiTest, PortInUseThrowsInputError) {
  SharedState other;
  HttpApi second(ApiConfig{.host = "127.0.0.1", .port = api_.port(), .token = kToken}, other);
  EXPECT_THROW(second.start(), InputError);
}

TEST_F(HttpApiTest, SurvivesABarrageOfBadRequests) {
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([this, k] {
      httplib::Client c("127.0.0.1", api_.port());
      c.set_read_timeout(10, 0);
      for (int i = 0; i < 50; ++i) {
        switch ((i + k) % 4) {
          case 0:
            c.Post("/mode", R"({"mode":"standby"})", "application/json");
            break;
          case 1:
            c.Post("/setpoint", bearer(kToken), "{{{{", "application/json");
            break;
          case 2:
            c.Post("/setpoint", bearer(kToken), std::string(8192, '{'), "application/json");
            break;
          default:
            c.Post("/mode", bearer("guess"), R"({"mode":"standby"})", "application/json");
        }
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_TRUE(state_.take_commands().empty());
  Status s;
  s.cycles = 99;
  state_.publish(s);
  auto r = client().Get("/status");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["cycles"], 99);
}

// Opens a raw TCP connection to the API; -1 on failure.
int raw_connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// More stalled connections than workers (garbage without a line end, half a request, nothing):
// each is dropped after the read timeout, so other clients are still answered.
TEST_F(HttpApiTest, StalledConnectionsDoNotHangOthers) {
  std::vector<int> fds;
  const std::string partial[] = {"\x16\x03\x01garbage-without-newline",
                                 "GET /status HTTP/1.1\r\nHo", ""};
  for (int i = 0; i < 9; ++i) {
    const int fd = raw_connect(api_.port());
    ASSERT_GE(fd, 0);
    const std::string& bytes = partial[i % 3];
    if (!bytes.empty()) {
      ASSERT_EQ(send(fd, bytes.data(), bytes.size(), 0), ssize_t(bytes.size()));
    }
    fds.push_back(fd);
  }
  auto r = client().Get("/status");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  for (int fd : fds) close(fd);
}

// Sends `request` on a new connection and returns everything the server sends back until it
// closes (or 10 s pass).
std::string exchange(int port, const std::string& request) {
  const int fd = raw_connect(port);
  if (fd < 0) return "";
  timeval wait{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, n);
  close(fd);
  return answer;
}

std::string with_fields(int n) {
  std::string r = "GET /status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n";
  for (int i = 2; i < n; ++i) r += "X-F" + std::to_string(i) + ": v\r\n";
  return r + "\r\n";
}

TEST_F(HttpApiTest, HeaderFieldsBeyondTheLimitGet431) {
  const HttpLimits limits;
  EXPECT_EQ(
      exchange(api_.port(), with_fields(static_cast<int>(limits.header_fields))).substr(0, 12),
      "HTTP/1.1 200");
  EXPECT_EQ(
      exchange(api_.port(), with_fields(static_cast<int>(limits.header_fields) + 1)).substr(0, 12),
      "HTTP/1.1 431");
  const std::string long_field =
      "GET /status HTTP/1.1\r\nX-Long: " + std::string(limits.header_bytes, 'a') + "\r\n\r\n";
  EXPECT_EQ(exchange(api_.port(), long_field).substr(0, 12), "HTTP/1.1 431");
}

TEST_F(HttpApiTest, NulInTheAuthorizationIsMalformed) {
  std::string request = "POST /mode HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ";
  request += kToken + std::string(1, '\0') + "tail\r\nContent-Length: 18\r\n\r\n";
  request += R"({"mode":"manual"})";
  request += "\n";
  const std::string answer = exchange(api_.port(), request);
  ASSERT_GE(answer.size(), 12u);
  EXPECT_EQ(answer.substr(0, 12), "HTTP/1.1 400") << answer;
  EXPECT_TRUE(state_.take_commands().empty());
}

TEST_F(HttpApiTest, CommandsWithTheTokenAreAuditedAtOnce) {
  std::vector<std::string> events;
  SharedState state;
  ApiConfig config{.host = "127.0.0.1", .port = 0, .token = kToken};
  config.audit = [&](std::int64_t, const std::string& kind, const std::string& detail) {
    events.push_back(kind + " " + detail);
  };
  HttpApi api(config, state);
  api.start();
  httplib::Client c("127.0.0.1", api.port());
  ASSERT_EQ(c.Post("/mode", bearer(kToken), R"({"mode":"manual"})", "application/json")->status,
            202);
  ASSERT_EQ(c.Post("/mode", bearer(kToken), R"({"mode":"regulation"})", "application/json")->status,
            409);
  ASSERT_EQ(c.Post("/setpoint", bearer("nope-0123456789abcdef"), R"({"mw":1})", "application/json")
                ->status,
            401);
  api.stop();  // the handler ran on the API's thread; events is read after it has stopped
  ASSERT_EQ(events.size(), 2u);  // the 401 is counted, not logged
  EXPECT_NE(events[0].find(R"("client":"127.0.0.1")"), std::string::npos) << events[0];
  EXPECT_NE(events[0].find(R"("status":202)"), std::string::npos) << events[0];
  EXPECT_NE(events[1].find(R"("status":409)"), std::string::npos) << events[1];
  EXPECT_EQ(state.status().api_auth_failures, 1);
}

// A request that trickles in one byte every 100 ms is cut at the whole-request deadline, not
// kept alive by each byte.
TEST(HttpApiLimits, SlowRequestIsCutAtTheDeadline) {
  SharedState state;
  ApiConfig config{.host = "127.0.0.1", .port = 0, .token = kToken};
  config.limits.request_deadline_ms = 500;
  HttpApi api(config, state);
  api.start();
  const int fd = raw_connect(api.port());
  ASSERT_GE(fd, 0);
  const std::string request = "GET /status HTTP/1.1\r\nX-Slow: " + std::string(100, 'a');
  std::size_t sent = 0;
  for (; sent < request.size(); ++sent) {
    if (send(fd, &request[sent], 1, MSG_NOSIGNAL) != 1) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 100) > 0) break;  // the server answered or closed
  }
  close(fd);
  EXPECT_LT(sent, request.size()) << "a byte every 100 ms kept the request alive for "
                                  << request.size() / 10.0 << " s";
}

// Connections held open by clients that never authenticate cannot keep an operator out: the
// oldest of them is closed to make room.
TEST(HttpApiLimits, HeldConnectionsAreEvictedForANewOne) {
  SharedState state;
  ApiConfig config{.host = "127.0.0.1", .port = 0, .token = kToken};
  config.limits.max_per_address = 8;
  config.limits.max_connections = 12;
  config.limits.eviction_grace_ms = 50;
  HttpApi api(config, state);
  api.start();
  std::vector<int> held;
  for (int i = 0; i < 20; ++i) held.push_back(raw_connect(api.port()));
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  httplib::Client c("127.0.0.1", api.port());
  c.set_read_timeout(5, 0);
  auto r = c.Post("/mode", {{"Authorization", std::string("Bearer ") + kToken}},
                  R"({"mode":"manual"})", "application/json");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 202);
  EXPECT_GE(state.status().api_evictions, 1);
  for (int fd : held) close(fd);
}

}  // namespace
}  // namespace ballast::ballastd
