#pragma once
/// @file The daemon's HTTP API (cpp-httplib): status, metrics, history, the live page, and two
/// authenticated writes.
///
///   GET  /                    the live page (text/html)
///   GET  /status              JSON of the status (NaN as null)
///   GET  /metrics             Prometheus text format 0.0.4
///   GET  /history?seconds=N   JSON array of the last N (1..3600, default 300) seconds' rows
///   POST /mode      {"mode": "smoothing"}             -> 202, queues Command{mode}
///   POST /setpoint  {"mw": 5.0}                       -> 202, queues Command{kManual, 5.0}
///
/// The POSTs need `Authorization: Bearer <token>`; without it 401 with
/// `WWW-Authenticate: Bearer realm="ballastd"`, with a wrong token 401 and error="invalid_token".
/// With no token configured every write is refused (403). Bodies are limited to 4 KiB (413);
/// malformed bodies get 400 with {"error": "..."}; unknown paths 404; wrong methods 405.

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "state.h"

namespace httplib {
class Server;
}

namespace ballast::ballastd {

/// Where the API listens and the token that authorises writes.
struct ApiConfig {
  std::string host = "127.0.0.1";  ///< address to bind
  int port = 8080;                 ///< TCP port; 0 binds any free port (see HttpApi::port())
  std::string token;               ///< bearer token for POSTs; empty disables writes
  /// Modes the configuration has parameters for; POST /mode of another gets 409.
  std::vector<Mode> modes = {Mode::kStandby, Mode::kManual, Mode::kSmoothing};
};

/// Serves the API on its own threads (one listener plus a small bounded worker pool).
class HttpApi {
 public:
  /// Keeps a reference to `state`, which must outlive the API.
  HttpApi(ApiConfig config, SharedState& state);
  HttpApi(const HttpApi&) = delete;
  HttpApi& operator=(const HttpApi&) = delete;
  /// Calls stop().
  ~HttpApi();

  /// Binds and starts listening on a thread. Throws InputError naming host:port if it cannot
  /// bind.
  void start();
  /// The bound TCP port (the chosen one when configured with 0); 0 before start().
  int port() const { return port_; }
  /// Stops listening and joins the threads. Idempotent.
  void stop();

 private:
  void routes();

  ApiConfig config_;
  SharedState& state_;
  std::unique_ptr<httplib::Server> server_;
  std::thread listener_;
  int port_ = 0;
};

}  // namespace ballast::ballastd
