#include "ballast/sweep/table.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>

#include "ballast/core/atomic_file.h"

namespace ballast::sweep {
namespace {

using Json = nlohmann::ordered_json;

void flatten_into(const Json& j, const std::string& key, Json& row, std::size_t max_array) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items())
      flatten_into(v, key.empty() ? k : key + "." + k, row, max_array);
  } else if (j.is_array()) {
    if (j.size() > max_array) return;
    for (std::size_t i = 0; i < j.size(); ++i) {
      flatten_into(j[i], key + "." + std::to_string(i), row, max_array);
    }
  } else if (!key.empty()) {  // (a failed case has no result at all)
    row[row.contains(key) ? "result." + key : key] = j;
  }
}

std::string system_error(const std::string& what, const std::string& path) {
  return fmt::format("{} {}: {}", what, path, std::strerror(errno));
}

// The complete lines of the file at `fd` (a last line without its newline is torn: dropped, and
// the file cut back to the end of the last complete line).
std::vector<std::string> read_lines(int fd, const std::string& path) {
  std::string text;
  char buffer[1 << 16];
  for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0) throw InputError(system_error("cannot read", path));
    text.append(buffer, static_cast<std::size_t>(n));
  }
  const std::size_t end = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (end != text.size() && ::ftruncate(fd, static_cast<off_t>(end)) != 0) {
    throw InputError(system_error("cannot cut the torn last row of", path));
  }
  std::vector<std::string> lines;
  for (std::size_t at = 0; at < end;) {
    const std::size_t nl = text.find('\n', at);
    lines.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return lines;
}

}  // namespace

void flatten(const Json& json, Json& row, std::size_t max_array) {
  flatten_into(json, "", row, max_array);
}

Json make_row(const SweepPlan& plan, std::int64_t index, const CaseOutcome& outcome) {
  Json row = {{"case", index}};
  row.update(plan.case_columns(index));
  row["status"] = outcome.exit_code == 0 ? "ok" : "error";
  row["exit_code"] = outcome.exit_code;
  row["error"] = outcome.error;
  flatten(outcome.result, row);
  return row;
}

Journal::Journal(std::string path, const SweepPlan& plan)
    : path_(std::move(path)), finished_(static_cast<std::size_t>(plan.case_count()), false) {
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) throw InputError(system_error("cannot open", path_));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw InputError(path_ +
                     " is being written by another running sweep; wait for it or give "
                     "another --out");
  }
  try {
    read_rows(plan);
  } catch (...) {
    ::close(fd_);
    throw;
  }
}

void Journal::read_rows(const SweepPlan& plan) {
  const std::vector<std::string> lines = read_lines(fd_, path_);
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const SourceLocation where{path_, static_cast<int>(n + 1), 1};
    const Json row = Json::parse(lines[n], nullptr, false);
    if (row.is_discarded()) continue;  // not JSON: a row lost in a crash, to be run again
    if (!row.is_object() || !row.contains("case") || !row["case"].is_number_integer()) {
      throw InputError("not a row of a sweep table; remove the file or give another --out", where);
    }
    const auto index = row["case"].get<std::int64_t>();
    bool same = index >= 0 && index < plan.case_count();
    if (same) {
      const Json columns = plan.case_columns(index);
      for (const auto& [key, value] : columns.items()) {
        same = same && row.contains(key) && row[key] == value;
      }
    }
    if (!same) {
      throw InputError(fmt::format("case {} of this table does not match the spec (the table was "
                                   "written by another spec); remove it or give another --out",
                                   index),
                       where);
    }
    if (finished_[static_cast<std::size_t>(index)]) continue;  // never counted twice
    finished_[static_cast<std::size_t>(index)] = true;
    ++finished_count_;
    const auto status = row.find("status");
    if (status == row.end() || *status != "ok") ++failed_count_;
  }
}

Journal::~Journal() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closing_ = true;
  }
  wake_.notify_one();
  if (syncer_.joinable()) syncer_.join();
  ::close(fd_);  // also releases the lock
}

void Journal::sync_loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return dirty_ || closing_; });
    if (!dirty_ && closing_) return;
    dirty_ = false;
    lock.unlock();
    const bool ok = ::fdatasync(fd_) == 0;
    lock.lock();
    if (!ok && sync_error_.empty()) sync_error_ = system_error("cannot flush", path_);
  }
}

void Journal::append(const std::string& line) {
  const std::string text = line + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  if (!sync_error_.empty()) throw InputError(sync_error_);
  // One write of the whole line (O_APPEND): a kill leaves the row whole or absent, or at worst
  // torn at the end of the file, where the next open drops it.
  const ssize_t n = ::write(fd_, text.data(), text.size());
  if (n != static_cast<ssize_t>(text.size())) throw InputError(system_error("cannot write", path_));
  if (!syncer_.joinable()) syncer_ = std::thread([this] { sync_loop(); });
  dirty_ = true;
  wake_.notify_one();
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void write_tables(const std::string& journal_path, const SweepPlan& plan,
                  const std::string& jsonl_path, const std::string& csv_path) {
  std::map<std::int64_t, Json> rows;
  {
    std::ifstream in(journal_path);
    for (std::string line; std::getline(in, line);) {
      Json row = Json::parse(line, nullptr, false);
      if (row.is_discarded() || !row.contains("case")) continue;  // a torn last line
      rows.emplace(row["case"].get<std::int64_t>(), std::move(row));
    }
  }
  std::vector<std::string> columns = {"case"};
  for (const std::string& c : plan.axis_columns()) columns.push_back(c);
  for (const char* c : {"status", "exit_code", "error"}) columns.emplace_back(c);
  std::map<std::string, bool> seen;
  for (const std::string& c : columns) seen[c] = true;
  std::string jsonl;
  for (const auto& [index, row] : rows) {
    jsonl += row.dump() + "\n";
    for (const auto& [key, value] : row.items()) {
      if (!seen[key]) columns.push_back(key), seen[key] = true;
    }
  }
  std::string csv;
  for (std::size_t c = 0; c < columns.size(); ++c) csv += (c ? "," : "") + csv_field(columns[c]);
  csv += "\n";
  for (const auto& [index, row] : rows) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) csv += ",";
      const auto it = row.find(columns[c]);
      if (it == row.end() || it->is_null()) continue;
      csv += csv_field(it->is_string() ? it->get<std::string>() : it->dump());
    }
    csv += "\n";
  }
  write_file_atomically(jsonl_path, jsonl);
  write_file_atomically(csv_path, csv);
}

}  // namespace ballast::sweep
