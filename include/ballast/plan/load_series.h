#pragma once
/// @file Today's load of a grid: a TimeSeries whose values are owned (read from a file) or a
/// read-only view of memory the caller keeps alive while the grid is used (SeriesValues).

#include "ballast/core/series_values.h"

namespace ballast::plan {

/// Owned or borrowed load values (the core type).
using LoadValues = SeriesValues;

/// Today's load: a series whose values are owned or borrowed (the core type).
using LoadSeries = InputSeries;

}  // namespace ballast::plan
