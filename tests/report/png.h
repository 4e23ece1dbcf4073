// Just enough of PNG (8-bit RGB/RGBA/grey, not interlaced) to read a browser's
// screenshot back as pixels, so that a test can tell a rendered page from a blank one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trustlint::testing {

struct Image {
  uint32_t width = 0;
  uint32_t height = 0;
  int channels = 0;              // bytes per pixel
  std::vector<uint8_t> pixels;   // rows top to bottom, unfiltered
};

// nullopt with `error` for a file that is not a PNG of a supported kind.
std::optional<Image> DecodePng(const std::string& bytes, std::string* error);

// How many distinct pixel values the image holds, counting up to `limit`.
size_t DistinctColours(const Image& image, size_t limit);

}  // namespace trustlint::testing
