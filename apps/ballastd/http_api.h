#pragma once
/// @file The daemon's HTTP API server (Boost.Beast over Asio, optional TLS with OpenSSL). The
/// routes are in http_routes.h; this is the network side, which bounds what clients can make it
/// hold or wait for:
///
/// - one I/O thread serves every connection asynchronously: a connection that sends nothing, or
///   one byte a second, costs a socket and a small buffer, never a thread;
/// - header bytes, header fields and body bytes are limited while they arrive (431, 413);
/// - a whole request (TLS handshake included), and a whole response, must finish within its
///   deadline, or the connection is closed; an idle keep-alive connection likewise;
/// - connections are limited in total and per client address. When a new connection would
///   pass a limit, the oldest connection that has not sent the right token and is older than
///   the eviction grace is closed to make room (from the same address when the per-address
///   limit is the one reached); connections that authenticated are never closed for room. So
///   unauthenticated clients holding connections cannot keep an operator out: that is the
///   operator's reserved path.

#include <memory>
#include <string>
#include <vector>

#include "http_routes.h"
#include "state.h"

namespace ballast::ballastd {

/// Where the API listens, the token that authorises writes, TLS and limits.
struct ApiConfig {
  std::string host = "127.0.0.1";  ///< address to bind
  int port = 8080;                 ///< TCP port; 0 binds any free port (see HttpApi::port())
  std::string token;               ///< bearer token for POSTs; empty disables writes
  /// Modes the configuration has parameters for; POST /mode of another gets 409.
  std::vector<Mode> modes = {Mode::kStandby, Mode::kManual, Mode::kSmoothing};
  std::string tls_cert{};  ///< PEM certificate chain; with tls_key: HTTPS only
  std::string tls_key{};   ///< PEM private key
  HttpLimits limits{};
  AuditSink audit{};  ///< receives one event per operator command (may be empty)
};

/// True when `host` names a loopback address (127.0.0.0/8, ::1, localhost).
bool is_loopback_host(const std::string& host);

/// Serves the API on a thread of its own.
class HttpApi {
 public:
  /// Keeps a reference to `state`, which must outlive the API. Throws InputError when the TLS
  /// certificate or key cannot be used.
  HttpApi(ApiConfig config, SharedState& state);
  HttpApi(const HttpApi&) = delete;
  HttpApi& operator=(const HttpApi&) = delete;
  /// Calls stop().
  ~HttpApi();

  /// Binds and starts listening on a thread. Throws InputError naming host:port if it cannot
  /// bind.
  void start();
  /// The bound TCP port (the chosen one when configured with 0); 0 before start().
  int port() const;
  /// Stops listening, closes every connection and joins the thread. Idempotent.
  void stop();

  class Impl;  // the server itself (http_api.cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ballast::ballastd
