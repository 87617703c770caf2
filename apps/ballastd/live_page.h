#pragma once
/// @file The live page GET / serves: one self-contained HTML page (uPlot inlined, nothing
/// fetched from elsewhere) that polls /status and /history every second and draws the charts.

#include <string>

namespace ballast::ballastd {

/// The page. After each successful update its script sets `data-points` (rows drawn) and
/// `data-draws` (updates so far) on <body>; a script error sets `data-error`.
std::string live_page_html();

}  // namespace ballast::ballastd
