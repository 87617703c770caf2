#pragma once
/// @file Plain-text tables for the terminal: a header row, aligned columns.

#include <string>
#include <vector>

namespace ballast::report {

/// Columns are right-aligned (numbers) except the first, which is left-aligned.
class Table {
 public:
  explicit Table(std::vector<std::string> header);
  void add_row(std::vector<std::string> cells);
  std::string render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

/// Formats a number with thousands separators and `decimals` digits: 12345.6 -> "12,345.6".
std::string number(double value, int decimals = 0);

}  // namespace ballast::report
