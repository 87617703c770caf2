#include "ballast/plan/csv_cache.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <deque>
#include <memory>
#include <mutex>
#include <utility>

namespace ballast::plan {
namespace {

constexpr std::size_t kEntries = 8;  // the five built-in grids and a few files of one's own

// Everything that decides what the reader returns; "" when the file cannot be stat'ed (then
// the reader reports why, uncached).
std::string cache_key(const std::string& path, const CsvReadOptions& o) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "";
  return fmt::format("{}\n{}\n{}.{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}\n{}", path, st.st_size,
                     st.st_mtim.tv_sec, st.st_mtim.tv_nsec, o.column, static_cast<int>(o.fill),
                     static_cast<int>(o.label), static_cast<int>(o.delimiter),
                     static_cast<int>(o.decimal), static_cast<int>(o.date_order), o.unit,
                     o.zone ? o.zone->name() : "-", o.allow_negative);
}

std::mutex mutex;
int scopes = 0;  // CsvCacheScopes alive
std::deque<std::pair<std::string, std::shared_ptr<const CsvSeries>>> cache;

}  // namespace

CsvCacheScope::CsvCacheScope() {
  std::lock_guard<std::mutex> lock(mutex);
  ++scopes;
}

CsvCacheScope::~CsvCacheScope() {
  std::lock_guard<std::mutex> lock(mutex);
  if (--scopes == 0) cache.clear();
}

CsvSeries read_csv_cached(const std::string& path, const CsvReadOptions& options) {
  bool caching = false;
  {
    std::lock_guard<std::mutex> lock(mutex);
    caching = scopes > 0;
  }
  const std::string key = caching ? cache_key(path, options) : "";
  if (key.empty()) return read_time_series_csv(path, options);
  {
    std::lock_guard<std::mutex> lock(mutex);
    for (const auto& [k, v] : cache) {
      if (k == key) return *v;
    }
  }
  auto read = std::make_shared<const CsvSeries>(read_time_series_csv(path, options));
  std::lock_guard<std::mutex> lock(mutex);
  if (scopes == 0) return *read;
  cache.emplace_front(key, read);
  if (cache.size() > kEntries) cache.pop_back();
  return *read;
}

}  // namespace ballast::plan
