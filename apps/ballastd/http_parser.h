#pragma once
/// @file The API's HTTP/1.1 request parser: Boost.Beast's incremental parser (RFC 7230), keeping
/// only what the routes use, within fixed limits checked while the bytes arrive: header bytes
/// (Beast's header_limit), header fields (counted here, one by one), body bytes (body_limit).
/// A field beyond the limit fails the parse at once, so a client can never make the server hold
/// more than the limits, however much it sends.

#include <boost/beast/http/basic_parser.hpp>
#include <boost/beast/http/error.hpp>
#include <cstddef>
#include <cstdint>

#include "http_routes.h"

namespace ballast::ballastd {

/// Parses one request into an ApiRequest. Errors: boost::beast::http::error::header_limit
/// (bytes or fields; answer 431), body_limit (413), any other (400).
class RequestParser final : public boost::beast::http::basic_parser<true> {
 public:
  explicit RequestParser(const HttpLimits& limits);
  /// The request parsed so far (complete once is_done()).
  ApiRequest& request() { return request_; }
  /// Header fields received.
  std::size_t fields() const { return fields_; }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;
  void on_request_impl(boost::beast::http::verb method, string_view method_str, string_view target,
                       int version, error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code& ec) override;
  void on_field_impl(boost::beast::http::field name, string_view name_string, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                         error_code& ec) override;
  std::size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(std::uint64_t size, string_view extensions, error_code& ec) override;
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  ApiRequest request_;
  std::size_t max_fields_;
  std::size_t max_body_;
  std::size_t fields_ = 0;
};

/// The status to answer a parse error with: 431, 413 or 400.
int status_for_parse_error(const boost::beast::error_code& ec);

}  // namespace ballast::ballastd
