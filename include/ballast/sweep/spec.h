#pragma once
/// @file A sweep's spec as read from TOML, before it is tied to a study: the study's name, the
/// base keys of its request and the axes, each value with its file:line:column.
///
///     study = "headroom"          # which study every case runs
///     combine = "product"         # or "zip": the i-th value of every axis together
///     grid = "ERCO"               # any other key: the study's request, as in a scenario
///     [axes]
///     year = "2016:2024:1"        # a range start:stop:step (stop included)
///     storage_mw = [0, 500, 1000] # a list
///     load = ["a.csv", "b.csv"]   # files, relative to the spec's folder
///     storage = { format = "{power_mw}MW/{hours}h", power_mw = "0:20000:1000", hours = [1, 2] }

#include <toml++/toml.h>

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "ballast/core/error.h"
#include "ballast/core/fields.h"
#include "ballast/core/toml_reader.h"

namespace ballast::sweep {

/// One value an axis takes: the value handed to the study's field and the columns it shows as
/// in the results table (for a plain axis the field's own name and value; for a formatted axis
/// each part's value, then the formatted text).
struct AxisPoint {
  FieldValue value;
  std::vector<FieldValue> columns;
  SourceLocation where;
};

/// One axis of the sweep: the request field it sets and its values in order.
struct Axis {
  std::string field;
  std::vector<std::string> columns;  ///< names of AxisPoint::columns
  std::vector<AxisPoint> points;
  SourceLocation where;
};

/// How the axes combine into cases.
enum class Combine { kProduct, kZip };

/// A spec read and checked for shape (not yet against a study's fields).
struct SweepSpec {
  std::shared_ptr<const TomlReader> reader;  ///< the parsed file (base keys are read from it)
  std::string study;
  SourceLocation study_where;
  Combine combine = Combine::kProduct;
  std::set<std::string> spec_keys;  ///< keys of the spec itself (study, combine, axes)
  std::vector<Axis> axes;

  /// Number of cases: the product of the axis lengths, or the common length when zipped.
  std::int64_t case_count() const;
  /// The point of each axis in case `index` (0-based; the last axis varies fastest).
  std::vector<const AxisPoint*> case_points(std::int64_t index) const;
};

/// Reads `path`; InputError at file:line:column for a syntax error, a missing `study`, an
/// empty axis, a malformed range, zipped axes of different lengths or a case count over 10^9.
SweepSpec read_spec(const std::string& path);

/// Location of a TOML node in `reader`'s file.
SourceLocation location(const TomlReader& reader, const toml::node& node);

}  // namespace ballast::sweep
