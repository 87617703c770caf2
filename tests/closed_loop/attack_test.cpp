// ballastd's HTTP API under attack, with the loop running against plantsim: header floods,
// held idle and slow (slowloris) connections, a NUL in the token; every operator command in
// the historian; TLS, and the warning for plain HTTP beyond loopback. The memory, latency and
// jitter bounds are the daemon's stated properties under attack (docs/ballastd.md).

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <sqlite3.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

#include "site.h"

namespace ballast::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

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

bool send_all(int fd, const std::string& bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
    if (n <= 0) return false;
    done += static_cast<std::size_t>(n);
  }
  return true;
}

// A field of /proc/PID/status in kB (VmRSS, VmHWM).
long proc_kb(pid_t pid, const std::string& field) {
  std::istringstream in(read_text("/proc/" + std::to_string(pid) + "/status"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

// POST /mode with the token over a new connection; the time it took, or -1 s when it failed.
std::chrono::duration<double> timed_mode(const Site& site, const std::string& mode, int* status) {
  httplib::Client c("127.0.0.1", site.http_port());
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(5, 0);
  const auto start = Clock::now();
  auto r = c.Post("/mode", {{"Authorization", "Bearer " + kToken}}, R"({"mode":")" + mode + R"("})",
                  "application/json");
  *status = r ? r->status : -1;
  return r ? Clock::now() - start : std::chrono::duration<double>(-1);
}

TEST(Attack, HeaderFloodKeepsMemoryBounded) {
  Site site("ballastd_header_flood", "standby");
  ASSERT_TRUE(site.reaches("running"));
  const pid_t pid = site.daemon().pid();
  const long before_kb = proc_kb(pid, "VmRSS");
  // Four clients, each sending one request's header fields without end (2 million fields,
  // about 44 MB each), reconnecting whenever the server closes.
  constexpr long kFields = 2'000'000;
  std::vector<std::thread> flooders;
  std::atomic<long> reconnects{0};
  for (int k = 0; k < 4; ++k) {
    flooders.emplace_back([&, k] {
      std::string chunk;
      for (int i = 0; i < 1000; ++i) chunk += "X-Flood-" + std::to_string(k) + ": padding\r\n";
      const auto end = Clock::now() + 20s;
      long sent = 0;
      while (sent < kFields && Clock::now() < end) {
        const int fd = raw_connect(site.http_port());
        if (fd < 0) continue;
        bool open = send_all(fd, "GET /status HTTP/1.1\r\nHost: x\r\n");
        while (open && sent < kFields && Clock::now() < end) {
          open = send_all(fd, chunk);
          if (open) sent += 1000;
        }
        close(fd);
        ++reconnects;
      }
    });
  }
  for (std::thread& t : flooders) t.join();
  const long peak_kb = proc_kb(pid, "VmHWM");
  std::printf("header flood: RSS %ld kB before, peak %ld kB; %ld connections\n", before_kb, peak_kb,
              reconnects.load());
  EXPECT_LT(peak_kb, 64 * 1024) << "ballastd's peak RSS under the header flood";
  // The daemon still answers, and the loop ran on.
  const nlohmann::json s = site.status();
  ASSERT_FALSE(s.is_null());
  EXPECT_EQ(s["state"], "running");
}

// 100 connections that send nothing and 8 that send a request one byte a second, each reopened
// as soon as the server closes it, for the whole test.
class Floods {
 public:
  explicit Floods(int port) : port_(port), thread_([this] { run(); }) {}
  ~Floods() {
    stop_ = true;
    thread_.join();
    for (int fd : fds_) close(fd);
  }
  long reopened() const { return reopened_; }

 private:
  void run() {
    const std::string slow_request =
        "POST /mode HTTP/1.1\r\nHost: x\r\nX-Slow: " + std::string(4000, 'a') + "\r\n\r\n";
    fds_.assign(108, -1);
    std::vector<std::size_t> sent(fds_.size(), 0);
    auto next_byte = Clock::now();
    while (!stop_) {
      for (std::size_t i = 0; i < fds_.size(); ++i) {
        if (fds_[i] < 0) {
          fds_[i] = raw_connect(port_);
          sent[i] = 0;
        }
      }
      if (Clock::now() >= next_byte) {  // the slow ones: one byte each, once a second
        next_byte += 1s;
        for (std::size_t i = 100; i < fds_.size(); ++i) {
          if (fds_[i] >= 0 &&
              send(fds_[i], &slow_request[sent[i] % slow_request.size()], 1, MSG_NOSIGNAL) == 1) {
            ++sent[i];
          }
        }
      }
      std::vector<pollfd> polls;
      for (int fd : fds_) polls.push_back({fd, POLLIN, 0});
      poll(polls.data(), polls.size(), 50);
      for (std::size_t i = 0; i < fds_.size(); ++i) {
        if (fds_[i] >= 0 && polls[i].revents != 0) {  // answered or closed by the server
          close(fds_[i]);
          fds_[i] = -1;
          ++reopened_;
        }
      }
      std::this_thread::sleep_for(10ms);  // reopen a closed one 10 ms later
    }
  }

  int port_;
  std::vector<int> fds_;
  std::atomic<bool> stop_{false};
  std::atomic<long> reopened_{0};
  std::thread thread_;
};

/// How late a thread with the loop's real-time priority (SCHED_FIFO 10, where allowed) wakes
/// for 100 Hz deadlines over `duration`: the 99th percentile, us. It is what the machine itself
/// adds to any loop, without ballastd.
double machine_wakeup_p99_us(std::chrono::seconds duration) {
  std::vector<double> late_us;
  std::thread sleeper([&] {
    sched_param priority{};
    priority.sched_priority = 10;
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &priority);  // as ballastd's loop
    auto deadline = Clock::now();
    const auto end = deadline + duration;
    while (deadline < end) {
      deadline += 10ms;
      std::this_thread::sleep_until(deadline);
      late_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - deadline).count());
    }
  });
  sleeper.join();
  std::sort(late_us.begin(), late_us.end());
  return late_us[late_us.size() * 99 / 100];
}

// The loop runs as a site runs it, with realtime_priority (SCHED_FIFO; the tests run as root,
// elsewhere ballastd warns and runs normally): the API's threads and the attack's then cannot
// delay it through the CPU, and what the p99 measures is what the API does to the loop. A
// machine whose own wake-ups are late by half the bound or more (a virtual machine whose host
// takes its CPU away: 0.1 ms here usually, 2-4 ms in noisy spells, ballastd or not) cannot show
// that, and the jitter bound is then not judged; every other check still is.
TEST(Attack, OperatorIsServedWithinASecondDuringIdleAndSlowFloods) {
  const double machine_p99_us = machine_wakeup_p99_us(3s);
  Site site("ballastd_floods", "standby", BALLAST_EXAMPLES "/plantsim-50mw-training.toml", "",
            "realtime_priority = 10\n");
  ASSERT_TRUE(site.reaches("running"));
  Floods floods(site.http_port());
  std::this_thread::sleep_for(3s);  // beyond the 2 s request deadline: floods are reopening
  for (int i = 0; i < 8; ++i) {
    const std::string mode = i % 2 == 0 ? "manual" : "standby";
    int status = 0;
    const auto took = timed_mode(site, mode, &status);
    std::printf("POST /mode under the floods: %d in %.1f ms\n", status, took.count() * 1e3);
    EXPECT_EQ(status, 202);
    EXPECT_GE(took.count(), 0.0);
    EXPECT_LT(took.count(), 1.0) << "the operator's request took longer than 1 s";
    EXPECT_TRUE(eventually([&] { return site.status()["mode"] == mode; }));
    std::this_thread::sleep_for(500ms);
  }
  const nlohmann::json s = site.status();
  ASSERT_FALSE(s.is_null());
  const double p99_us = s["timing"]["period_jitter"]["p99_us"].get<double>();
  std::printf(
      "loop period jitter p99 %.0f us over %ld cycles (the machine's own wake-ups: %.0f us); "
      "floods reopened %ld times\n",
      p99_us, s["cycles"].get<long>(), machine_p99_us, floods.reopened());
  EXPECT_EQ(s["alarm_cycles"]["watchdog"], 0);
  if (machine_p99_us >= 1000.0) {
    GTEST_SKIP() << "the jitter bound is not judged: this machine's own wake-ups are late by "
                 << machine_p99_us << " us at the 99th percentile, without ballastd";
  }
  EXPECT_LT(p99_us, 2000.0) << "the loop's p99 jitter under the floods (the machine's own: "
                            << machine_p99_us << " us)";
}

TEST(Attack, EveryOperatorCommandIsAnEvent) {
  Site site("ballastd_audit", "standby");
  ASSERT_TRUE(site.reaches("running"));
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(site.post("/mode", i % 2 == 0 ? R"({"mode":"manual"})" : R"({"mode":"standby"})"),
              202);
  }
  EXPECT_EQ(site.post("/setpoint", R"({"mw": 2})"), 202);
  EXPECT_EQ(site.post("/mode", R"({"mode":"regulation"})", "wrong-token-0123456789"), 401);
  site.daemon().signal(SIGTERM);
  ASSERT_EQ(site.daemon().wait(), 0);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((site.dir() / "history.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(db,
                     "SELECT count(*), sum(detail LIKE '%\"client\":\"127.0.0.1\"%'), "
                     "sum(detail LIKE '%\"request\":\"POST /mode\"%' AND detail LIKE "
                     "'%\"status\":202%') FROM events WHERE kind = 'command'",
                     -1, &q, nullptr);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int64(q, 0), 101);  // 100 modes and a set-point; not the 401
  EXPECT_EQ(sqlite3_column_int64(q, 1), 101);
  EXPECT_EQ(sqlite3_column_int64(q, 2), 100);
  sqlite3_finalize(q);
  sqlite3_close(db);
}

TEST(Attack, NulInTheTokenIsRefused) {
  Site site("ballastd_nul_token", "standby");
  ASSERT_TRUE(site.reaches("running"));
  const std::string body = R"({"mode":"manual"})";
  std::string request = "POST /mode HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken;
  request += std::string(1, '\0') + "junk\r\nContent-Type: application/json\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  const int fd = raw_connect(site.http_port());
  ASSERT_GE(fd, 0);
  ASSERT_TRUE(send_all(fd, request));
  std::string answer;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) answer.append(buf, n);
  close(fd);
  ASSERT_GE(answer.size(), 12u) << "no answer";
  EXPECT_NE(answer.substr(0, 12), "HTTP/1.1 202") << answer;
  EXPECT_EQ(answer.find(kToken), std::string::npos);
  std::this_thread::sleep_for(100ms);  // ten cycles: a queued command would have been applied
  EXPECT_EQ(site.status()["mode"], "standby");
}

// ballastd --check with an API address: what it prints on stderr.
std::string check_output(const std::string& name, const std::vector<std::string>& options) {
  const auto dir = scratch_dir(name);
  std::ofstream(dir / "token") << kToken << "\n";
  chmod((dir / "token").c_str(), 0600);
  std::ofstream(dir / "ballastd.toml") << ballastd_config(free_port(), "standby");
  std::vector<std::string> args{(dir / "ballastd.toml").string(), "--check"};
  args.insert(args.end(), options.begin(), options.end());
  Process p(exe("BALLASTD_EXE", BALLASTD_EXE), args, dir / "check.log");
  EXPECT_EQ(p.wait(), 0);
  return read_text(dir / "check.log");
}

TEST(Attack, PlainHttpBeyondLoopbackIsWarnedAbout) {
  const std::string open = check_output("ballastd_warn_any", {"--http", "0.0.0.0:8080"});
  EXPECT_NE(open.find("warning"), std::string::npos) << open;
  EXPECT_NE(open.find("plain HTTP"), std::string::npos) << open;
  const std::string loopback = check_output("ballastd_warn_lo", {"--http", "127.0.0.1:8080"});
  EXPECT_EQ(loopback.find("warning"), std::string::npos) << loopback;
}

TEST(Attack, TlsServesHttpsAndNoWarning) {
  const auto dir = scratch_dir("ballastd_tls");
  Process openssl("/usr/bin/openssl",
                  {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                   "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                   "-keyout", (dir / "key.pem").string(), "-out", (dir / "cert.pem").string()},
                  dir / "openssl.log");
  ASSERT_EQ(openssl.wait(), 0) << read_text(dir / "openssl.log");
  std::ofstream(dir / "token") << kToken << "\n";
  chmod((dir / "token").c_str(), 0600);
  const int port = free_port();
  std::ofstream(dir / "ballastd.toml") << ballastd_config(free_port(), "standby");
  Process daemon(exe("BALLASTD_EXE", BALLASTD_EXE),
                 {(dir / "ballastd.toml").string(), "--http", "0.0.0.0:" + std::to_string(port),
                  "--tls-cert", (dir / "cert.pem").string(), "--tls-key",
                  (dir / "key.pem").string(), "--ready-file", (dir / "ready.json").string()},
                 dir / "ballastd.log");
  ASSERT_TRUE(eventually([&] { return std::filesystem::exists(dir / "ready.json"); }))
      << read_text(dir / "ballastd.log");
  Process curl(
      "/usr/bin/curl",
      {"-sS", "--cacert", (dir / "cert.pem").string(), "-o", (dir / "status.json").string(),
       "https://127.0.0.1:" + std::to_string(port) + "/status"},
      dir / "curl.log");
  EXPECT_EQ(curl.wait(), 0) << read_text(dir / "curl.log");
  const nlohmann::json s = nlohmann::json::parse(read_text(dir / "status.json"), nullptr, false);
  EXPECT_TRUE(s.is_object() && s.contains("state")) << read_text(dir / "status.json");
  // Plain HTTP on the TLS port gets no answer.
  httplib::Client plain("127.0.0.1", port);
  plain.set_read_timeout(3, 0);
  auto r = plain.Get("/status");
  EXPECT_TRUE(!r || r->status != 200);
  daemon.signal(SIGTERM);
  EXPECT_EQ(daemon.wait(), 0);
  EXPECT_EQ(read_text(dir / "ballastd.log").find("warning"), std::string::npos);
}

}  // namespace
}  // namespace ballast::testing
