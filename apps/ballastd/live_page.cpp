#include "live_page.h"

#include <string_view>

#include "ballast/report/uplot_assets.h"
#include "ballastd/live_page_asset.h"

namespace ballast::ballastd {
namespace {

// Replaces the first `marker` in `page` with `content`; the asset holds each marker once.
void fill(std::string& page, std::string_view marker, std::string_view content) {
  const std::size_t at = page.find(marker);
  if (at != std::string::npos) page.replace(at, marker.size(), content);
}

}  // namespace

std::string live_page_html() {
  // Inline uPlot verbatim; src/report/html.cpp checks at compile time that it cannot end its
  // own <script> or <style> element.
  std::string page(assets::kLivePageHtml);
  fill(page, "/*@UPLOT_CSS@*/", report::assets::kUplotCss);
  fill(page, "/*@UPLOT_LICENSE@*/", report::assets::kUplotLicense);
  fill(page, "/*@UPLOT_JS@*/", report::assets::kUplotJs);
  return page;
}

}  // namespace ballast::ballastd
