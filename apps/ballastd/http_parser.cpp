#include "http_parser.h"

#include <boost/beast/http/field.hpp>

namespace ballast::ballastd {

namespace http = boost::beast::http;

RequestParser::RequestParser(const HttpLimits& limits)
    : max_fields_(limits.header_fields), max_body_(limits.body_bytes) {
  header_limit(static_cast<std::uint32_t>(limits.header_bytes));
  body_limit(limits.body_bytes);
}

void RequestParser::on_request_impl(http::verb, string_view method_str, string_view target,
                                    int version, error_code&) {
  request_.version = version;
  request_.method.assign(method_str.data(), method_str.size());
  request_.target.assign(target.data(), target.size());
}

// Never called for requests; a response on the API's socket is a protocol error.
void RequestParser::on_response_impl(int, string_view, int, error_code& ec) {
  ec = http::error::bad_version;
}

void RequestParser::on_field_impl(http::field name, string_view, string_view value,
                                  error_code& ec) {
  if (++fields_ > max_fields_) {
    ec = http::error::header_limit;
    return;
  }
  if (name == http::field::authorization) {
    ++request_.authorization_fields;
    request_.authorization.assign(value.data(), value.size());
  }
}

// Bodies come with a Content-Length only: the API's bodies are a few bytes of JSON, and Boost
// 1.74's chunk-size parser reads one byte past a buffer that ends inside a chunk header (found by
// tests/fuzz/http_fuzz.cpp), so a chunked request is refused (400) before any chunk is read.
void RequestParser::on_header_impl(error_code& ec) {
  if (chunked()) ec = http::error::bad_transfer_encoding;
}

void RequestParser::on_body_init_impl(const boost::optional<std::uint64_t>& content_length,
                                      error_code&) {
  // The base parser has already refused a Content-Length beyond body_limit.
  if (content_length) request_.body.reserve(static_cast<std::size_t>(*content_length));
}

std::size_t RequestParser::on_body_impl(string_view body, error_code& ec) {
  if (request_.body.size() + body.size() > max_body_) {
    ec = http::error::body_limit;
    return 0;
  }
  request_.body.append(body.data(), body.size());
  return body.size();
}

void RequestParser::on_chunk_header_impl(std::uint64_t, string_view, error_code&) {}

std::size_t RequestParser::on_chunk_body_impl(std::uint64_t, string_view body, error_code& ec) {
  return on_body_impl(body, ec);
}

void RequestParser::on_finish_impl(error_code&) {}

int status_for_parse_error(const boost::beast::error_code& ec) {
  if (ec == http::error::header_limit) return 431;
  if (ec == http::error::body_limit) return 413;
  return 400;
}

}  // namespace ballast::ballastd
