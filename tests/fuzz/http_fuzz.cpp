// Fuzz target for ballastd's HTTP request parser and routes (apps/ballastd/http_parser.cpp,
// http_routes.cpp): the bytes a client sends, fed to the parser in two pieces as they may
// arrive, and the parsed request answered.
//
// Checks: the parser never holds more header fields or body bytes than its limits; every answer
// has a known status and a JSON body where it says JSON; a write is accepted (202) only with
// exactly the right bearer token, and the token is never echoed; one audit event per command
// that carried the token.

#include <boost/asio/buffer.hpp>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>

#include "http_parser.h"
#include "http_routes.h"
#include "state.h"

namespace {

using namespace ballast::ballastd;

constexpr std::string_view kToken = "fuzz-token-0123456789abcdef";

void require(bool ok, const char* what) {
  if (!ok) throw std::logic_error(std::string("http fuzz invariant broken: ") + what);
}

// Feeds `bytes` to the parser until it is done, fails or wants more.
void feed(RequestParser& parser, std::string_view bytes, boost::beast::error_code& ec) {
  while (!ec && !bytes.empty() && !parser.is_done()) {
    const std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec == boost::beast::http::error::need_more) {
      ec = {};
      break;
    }
    if (used == 0) break;
    bytes.remove_prefix(used);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static SharedState state;
  static int events = 0;
  static ApiRoutes routes(std::string(kToken), {Mode::kStandby, Mode::kManual, Mode::kSmoothing},
                          state,
                          [](std::int64_t, const std::string&, const std::string&) { ++events; });
  const HttpLimits limits;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t cut = size == 0 ? 0 : data[0] % (size + 1);
  RequestParser parser(limits);
  parser.eager(true);
  boost::beast::error_code ec;
  feed(parser, input.substr(0, cut), ec);
  if (!ec) feed(parser, input.substr(cut), ec);
  require(parser.fields() <= limits.header_fields + 1, "more header fields than the limit");
  require(parser.request().body.size() <= limits.body_bytes, "a body beyond the limit");
  if (ec) {
    const int status = status_for_parse_error(ec);
    require(status == 400 || status == 413 || status == 431, "parse error status");
    return 0;
  }
  if (!parser.is_done()) return 0;
  ApiRequest& req = parser.request();
  req.client = "192.0.2.1";
  const int events_before = events;
  state.take_commands();
  const ApiResponse r = routes.respond(req);
  static const std::set<int> kStatuses = {200, 202, 400, 401, 403, 404, 405, 409};
  require(kStatuses.count(r.status) == 1, "unknown status");
  if (r.content_type == "application/json") {
    require(!nlohmann::json::parse(r.body, nullptr, false).is_discarded(), "body is not JSON");
  }
  require(r.body.find(kToken) == std::string::npos, "the token was echoed");
  if (r.status == 202) {
    require(req.authorization_fields == 1, "accepted without exactly one Authorization");
    const std::string_view a = req.authorization;
    require(a.size() >= kToken.size() && a.substr(a.size() - kToken.size()) == kToken &&
                a.find('\0') == std::string_view::npos,
            "accepted without the token");
    require(state.take_commands().size() == 1, "an accepted write queued no command");
  } else {
    require(state.take_commands().empty(), "a refused request queued a command");
  }
  require(events - events_before == (r.authenticated ? 1 : 0), "audit events");
  return 0;
}
