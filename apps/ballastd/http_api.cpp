#include "http_api.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <list>
#include <map>
#include <optional>
#include <thread>
#include <type_traits>

#include "ballast/core/error.h"
#include "http_parser.h"

namespace ballast::ballastd {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

bool is_loopback_host(const std::string& host) {
  if (host == "localhost") return true;
  boost::system::error_code ec;
  const net::ip::address a = net::ip::make_address(host, ec);
  return !ec && a.is_loopback();
}

namespace {

class SessionBase {
 public:
  virtual ~SessionBase() = default;
  /// Closes the connection now (its pending operation ends with an error).
  virtual void close() = 0;
};

// One open connection, in the order they were accepted (oldest first).
struct Connection {
  std::string address;
  Clock::time_point opened;
  bool authenticated = false;
  std::weak_ptr<SessionBase> session;
};
using Connections = std::list<Connection>;

}  // namespace

class HttpApi::Impl {
 public:
  Impl(ApiConfig config, SharedState& state)
      : config_(std::move(config)),
        state_(state),
        routes_(config_.token, config_.modes, state, config_.audit) {
    if (!config_.tls_cert.empty() || !config_.tls_key.empty()) make_tls();
  }
  ~Impl() { stop(); }

  void start();
  void stop();
  int port() const { return port_; }

  // Session side (all on the I/O thread).
  const ApiConfig& config() const { return config_; }
  ApiResponse respond(ApiRequest& req) {
    ApiResponse r = routes_.respond(req);
    report();
    return r;
  }
  void authenticated(Connections::iterator it) { it->authenticated = true; }
  void forget(Connections::iterator it) {
    if (--per_address_[it->address] == 0) per_address_.erase(it->address);
    connections_.erase(it);
  }

 private:
  void make_tls();
  void accept();
  void admit(tcp::socket socket);
  bool make_room(const std::string& address);
  bool evict_oldest(const std::string* address);
  void report() { state_.set_api(routes_.auth_failures(), evictions_); }

  ApiConfig config_;
  SharedState& state_;
  ApiRoutes routes_;
  // Declared before the io_context: sessions still queued in it when it is destroyed forget
  // their entries here.
  Connections connections_;
  std::map<std::string, std::size_t> per_address_;
  std::int64_t evictions_ = 0;
  std::optional<ssl::context> tls_;
  net::io_context ioc_{1};
  tcp::acceptor acceptor_{ioc_};
  std::thread thread_;
  int port_ = 0;
};

namespace {

// One connection: read a request within the limits and the deadline, answer, repeat while the
// client keeps the connection alive.
template <class Stream>
class Session : public SessionBase, public std::enable_shared_from_this<Session<Stream>> {
 public:
  static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

  template <class... TlsContext>
  Session(tcp::socket&& socket, HttpApi::Impl& api, Connections::iterator it, TlsContext&... tls)
      : stream_(std::move(socket), tls...),
        api_(api),
        it_(it),
        buffer_(api.config().limits.header_bytes + api.config().limits.body_bytes + 1024) {}
  ~Session() override {
    if (it_) api_.forget(*it_);
  }

  void start() {
    if constexpr (kTls) {
      lowest().expires_after(deadline(api_.config().limits.request_deadline_ms));
      stream_.async_handshake(ssl::stream_base::server,
                              [self = this->shared_from_this()](beast::error_code ec) {
                                if (!ec) self->read(false);
                              });
    } else {
      read(true);
    }
  }

  void close() override {
    it_.reset();  // the server has forgotten this connection already
    beast::error_code ignored;
    lowest().socket().close(ignored);
  }

 private:
  static std::chrono::milliseconds deadline(int ms) { return std::chrono::milliseconds(ms); }
  beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

  // `fresh_deadline`: the TLS handshake did not already start the first request's deadline.
  void read(bool fresh_deadline) {
    parser_.emplace(api_.config().limits);
    if (fresh_deadline || !first_) {
      lowest().expires_after(deadline(api_.config().limits.request_deadline_ms));
    }
    first_ = false;
    http::async_read(stream_, buffer_, *parser_,
                     [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
                       self->on_read(ec);
                     });
  }

  void on_read(beast::error_code ec) {
    if (ec) {
      // A malformed or oversized request gets its status; a timeout, a closed or reset
      // connection, or an eviction just ends the connection.
      if (ec.category() != http::make_error_code(http::error::header_limit).category() ||
          ec == http::error::end_of_stream || ec == http::error::partial_message) {
        return;
      }
      const int status = status_for_parse_error(ec);
      write(error_response(status, status == 431   ? "request header fields too large"
                                   : status == 413 ? "request body too large"
                                                   : "bad request: " + ec.message()),
            false, 11);
      return;
    }
    ApiRequest& req = parser_->request();
    beast::error_code ignored;
    req.client = lowest().socket().remote_endpoint(ignored).address().to_string();
    const ApiResponse r = api_.respond(req);
    if (r.authenticated && it_) api_.authenticated(*it_);
    write(r, parser_->keep_alive(), req.version);
  }

  void write(const ApiResponse& r, bool keep_alive, int version) {
    response_ = {};
    response_.version(version == 10 ? 10 : 11);
    response_.result(static_cast<unsigned>(r.status));
    response_.set(http::field::content_type, r.content_type);
    response_.set(http::field::cache_control, "no-store");
    response_.set("X-Content-Type-Options", "nosniff");
    for (const auto& [name, value] : r.headers) response_.set(name, value);
    response_.body() = r.body;
    response_.keep_alive(keep_alive);
    response_.prepare_payload();
    lowest().expires_after(deadline(api_.config().limits.write_deadline_ms));
    http::async_write(
        stream_, response_,
        [self = this->shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
          if (ec) return;
          if (keep_alive) {
            self->read(true);
          } else {
            self->linger();
          }
        });
  }

  // Closing with unread bytes in the socket would reset the connection, and the client could
  // lose the answer (a 413 while it still sends its body): send FIN, then read and discard
  // what still comes, for a bounded time and amount (RFC 7230, 6.6).
  void linger() {
    beast::error_code ignored;
    lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
    lowest().expires_after(kLinger);
    drain();
  }
  void drain() {
    // One I/O thread: a shared scratch buffer is enough for bytes that are thrown away.
    static char scratch[4096];
    lowest().async_read_some(net::buffer(scratch), [self = this->shared_from_this()](
                                                       beast::error_code ec, std::size_t n) {
      self->drained_ += n;
      if (!ec && self->drained_ < kMaxLingerBytes) self->drain();
    });
  }

  static constexpr std::chrono::milliseconds kLinger{1000};
  static constexpr std::size_t kMaxLingerBytes = 2 << 20;
  std::size_t drained_ = 0;

  Stream stream_;
  HttpApi::Impl& api_;
  std::optional<Connections::iterator> it_;
  beast::flat_buffer buffer_;
  std::optional<RequestParser> parser_;
  http::response<http::string_body> response_;
  bool first_ = true;
};

}  // namespace

void HttpApi::Impl::make_tls() {
  if (config_.tls_cert.empty() || config_.tls_key.empty()) {
    throw InputError("TLS needs both a certificate (--tls-cert) and its key (--tls-key)");
  }
  tls_.emplace(ssl::context::tls_server);
  // TLS 1.2 and later only.
  tls_->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                    ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                    ssl::context::single_dh_use);
  boost::system::error_code ec;
  tls_->use_certificate_chain_file(config_.tls_cert, ec);
  if (ec) {
    throw InputError(
        "cannot use the TLS certificate (" + ec.message() + "); give a PEM certificate chain",
        {config_.tls_cert});
  }
  tls_->use_private_key_file(config_.tls_key, ssl::context::pem, ec);
  if (ec) {
    throw InputError("cannot use the TLS private key (" + ec.message() +
                         "); give the PEM key of the certificate",
                     {config_.tls_key});
  }
}

void HttpApi::Impl::start() {
  if (thread_.joinable()) return;
  const auto fail = [&](const std::string& why) {
    throw InputError("cannot listen on " + config_.host + ":" + std::to_string(config_.port) +
                     " (" + why +
                     "); choose another [http] listen address or port, or stop the process "
                     "using it");
  };
  boost::system::error_code ec;
  tcp::resolver resolver(ioc_);
  const auto found = resolver.resolve(config_.host, std::to_string(config_.port),
                                      tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || found.empty()) fail(ec ? ec.message() : "no such address");
  const tcp::endpoint endpoint = found.begin()->endpoint();
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    fail(ec.message());
  }
  port_ = acceptor_.local_endpoint().port();
  accept();
  thread_ = std::thread([this] { ioc_.run(); });
}

void HttpApi::Impl::stop() {
  if (!thread_.joinable()) return;
  net::post(ioc_, [this] {
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    while (!connections_.empty()) {
      const std::shared_ptr<SessionBase> s = connections_.front().session.lock();
      forget(connections_.begin());
      if (s) s->close();
    }
  });
  // Let the closed sessions finish, then end the thread.
  net::post(ioc_, [this] { ioc_.stop(); });
  thread_.join();
}

void HttpApi::Impl::accept() {
  acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open()) return;
    if (!ec) admit(std::move(socket));
    accept();
  });
}

void HttpApi::Impl::admit(tcp::socket socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;
  const std::string address = peer.address().to_string();
  if (!make_room(address)) return;  // the socket closes as it goes out of scope
  socket.set_option(tcp::no_delay(true), ec);
  const auto it =
      connections_.insert(connections_.end(), Connection{address, Clock::now(), false, {}});
  ++per_address_[address];
  if (tls_) {
    auto s = std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(std::move(socket),
                                                                             *this, it, *tls_);
    it->session = s;
    s->start();
  } else {
    auto s = std::make_shared<Session<beast::tcp_stream>>(std::move(socket), *this, it);
    it->session = s;
    s->start();
  }
}

// Makes room for one more connection from `address`; false when none can be made.
bool HttpApi::Impl::make_room(const std::string& address) {
  const HttpLimits& l = config_.limits;
  const auto from = per_address_.find(address);
  if (from != per_address_.end() && from->second >= l.max_per_address) {
    if (!evict_oldest(&address)) return false;
  }
  if (connections_.size() >= l.max_connections) {
    // Take from the address that holds the most, so that one client cannot crowd out others.
    const auto most =
        std::max_element(per_address_.begin(), per_address_.end(),
                         [](const auto& a, const auto& b) { return a.second < b.second; });
    if (!evict_oldest(&most->first) && !evict_oldest(nullptr)) return false;
  }
  return true;
}

// Closes the oldest evictable connection (of `address`, when given); false when there is none.
bool HttpApi::Impl::evict_oldest(const std::string* address) {
  const auto grace = std::chrono::milliseconds(config_.limits.eviction_grace_ms);
  const Clock::time_point now = Clock::now();
  for (auto it = connections_.begin(); it != connections_.end(); ++it) {
    if (it->authenticated || now - it->opened < grace) continue;
    if (address != nullptr && it->address != *address) continue;
    const std::shared_ptr<SessionBase> s = it->session.lock();
    forget(it);
    if (s) s->close();
    ++evictions_;
    report();
    return true;
  }
  return false;
}

HttpApi::HttpApi(ApiConfig config, SharedState& state)
    : impl_(std::make_unique<Impl>(std::move(config), state)) {}

HttpApi::~HttpApi() { stop(); }

void HttpApi::start() { impl_->start(); }

int HttpApi::port() const { return impl_->port(); }

void HttpApi::stop() { impl_->stop(); }

}  // namespace ballast::ballastd
