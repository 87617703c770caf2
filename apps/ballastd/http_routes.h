#pragma once
/// @file What the API answers, apart from the network: one parsed request in, one response
/// out. The server (http_api.cpp) reads requests within its limits and writes the answers; the
/// fuzz target (tests/fuzz/http_fuzz.cpp) drives the same parser and routes without sockets.
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
/// With no token configured every write is refused (403). Malformed bodies get 400 with
/// {"error": "..."}; unknown paths 404; wrong methods 405. Every POST that carries the right
/// token is an operator command: it becomes a historian event at once ("command", with the
/// client's address, the request and the answer), accepted or not.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "state.h"

namespace ballast::ballastd {

/// The bounds on what one client can make the API hold or wait for. Everything that arrives
/// beyond them is refused while it arrives, never buffered first.
struct HttpLimits {
  std::size_t header_bytes = 8192;    ///< request line and header fields, bytes (431 beyond)
  std::size_t header_fields = 64;     ///< header fields (431 beyond)
  std::size_t body_bytes = 4096;      ///< body, bytes (413 beyond)
  int request_deadline_ms = 2000;     ///< a whole request (TLS handshake included), or an
                                      ///< idle keep-alive connection, from its first wait
  int write_deadline_ms = 2000;       ///< a whole response
  std::size_t max_connections = 512;  ///< open connections in total
  std::size_t max_per_address = 128;  ///< open connections from one client address
  int eviction_grace_ms = 250;        ///< a connection younger than this is never evicted
};

/// Receives an event for the historian: (Unix ms, kind, detail).
using AuditSink = std::function<void(std::int64_t, const std::string&, const std::string&)>;

/// One request as the parser delivers it.
struct ApiRequest {
  std::string method;  ///< "GET", "POST", ... as received
  std::string target;  ///< path and query, e.g. "/history?seconds=60"
  std::string authorization;
  int authorization_fields = 0;  ///< Authorization fields received (more than one: 400)
  std::string body;
  std::string client;  ///< the client's address, e.g. "127.0.0.1"
  int version = 11;    ///< HTTP version x 10
};

/// One response.
struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  ///< beyond the default ones
  bool authenticated = false;  ///< the request carried the right token
};

/// The API's answers over the shared state.
class ApiRoutes {
 public:
  /// `token` authorises writes (empty: no writes); `modes` are the ones POST /mode accepts;
  /// `audit` (may be empty) receives one event per operator command.
  ApiRoutes(std::string token, std::vector<Mode> modes, SharedState& state, AuditSink audit);
  /// The answer to `req`.
  ApiResponse respond(const ApiRequest& req);
  /// Requests refused for a missing or wrong token so far.
  std::int64_t auth_failures() const { return auth_failures_; }

 private:
  ApiResponse post(const ApiRequest& req, const std::string& path);

  std::string token_;
  std::vector<Mode> modes_;
  SharedState& state_;
  AuditSink audit_;
  std::int64_t auth_failures_ = 0;
};

/// A JSON error body {"error": message} with `status`.
ApiResponse error_response(int status, const std::string& message);

}  // namespace ballast::ballastd
