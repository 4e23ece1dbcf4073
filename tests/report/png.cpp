#include "png.h"

#include <zlib.h>

#include <cstdlib>
#include <cstring>
#include <set>

namespace trustlint::testing {
namespace {

uint32_t BigEndian32(const std::string& s, size_t at) {
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) |
         (uint32_t(uint8_t(s[at + 2])) << 8) | uint32_t(uint8_t(s[at + 3]));
}

int ChannelsOf(int colour_type) {
  switch (colour_type) {
    case 0: return 1;  // grey
    case 2: return 3;  // RGB
    case 4: return 2;  // grey + alpha
    case 6: return 4;  // RGBA
    default: return 0;
  }
}

uint8_t Paeth(int a, int b, int c) {
  const int p = a + b - c;
  const int pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return uint8_t(a);
  return pb <= pc ? uint8_t(b) : uint8_t(c);
}

// PNG's per-row filters (RFC 2083 section 6), undone in place.
bool Unfilter(const std::vector<uint8_t>& raw, Image& image, std::string* error) {
  const size_t stride = size_t(image.width) * size_t(image.channels);
  const size_t bpp = size_t(image.channels);
  image.pixels.assign(stride * image.height, 0);
  for (size_t y = 0; y < image.height; ++y) {
    const uint8_t filter = raw[y * (stride + 1)];
    const uint8_t* in = &raw[y * (stride + 1) + 1];
    uint8_t* out = &image.pixels[y * stride];
    const uint8_t* up = y > 0 ? &image.pixels[(y - 1) * stride] : nullptr;
    for (size_t x = 0; x < stride; ++x) {
      const int a = x >= bpp ? out[x - bpp] : 0;
      const int b = up ? up[x] : 0;
      const int c = up && x >= bpp ? up[x - bpp] : 0;
      switch (filter) {
        case 0: out[x] = in[x]; break;
        case 1: out[x] = uint8_t(in[x] + a); break;
        case 2: out[x] = uint8_t(in[x] + b); break;
        case 3: out[x] = uint8_t(in[x] + (a + b) / 2); break;
        case 4: out[x] = uint8_t(in[x] + Paeth(a, b, c)); break;
        default: *error = "unknown PNG row filter " + std::to_string(filter); return false;
      }
    }
  }
  return true;
}

}  // namespace

std::optional<Image> DecodePng(const std::string& bytes, std::string* error) {
  static const char kSignature[] = "\x89PNG\r\n\x1a\n";
  if (bytes.size() < 33 || bytes.compare(0, 8, kSignature, 8) != 0) {
    *error = "not a PNG file";
    return std::nullopt;
  }
  Image image;
  std::string compressed;
  for (size_t at = 8; at + 12 <= bytes.size();) {
    const uint32_t length = BigEndian32(bytes, at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) break;
    if (type == "IHDR") {
      image.width = BigEndian32(bytes, at + 8);
      image.height = BigEndian32(bytes, at + 12);
      const int depth = uint8_t(bytes[at + 16]);
      image.channels = ChannelsOf(uint8_t(bytes[at + 17]));
      const int interlace = uint8_t(bytes[at + 20]);
      if (depth != 8 || image.channels == 0 || interlace != 0) {
        *error = "unsupported PNG kind (bit depth " + std::to_string(depth) + ", interlace " + std::to_string(interlace) + ")";
        return std::nullopt;
      }
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    }
    at += 12 + length;
  }
  if (image.width == 0 || image.height == 0 || compressed.empty()) {
    *error = "PNG without header or image data";
    return std::nullopt;
  }
  std::vector<uint8_t> raw((size_t(image.width) * size_t(image.channels) + 1) * image.height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) != Z_OK ||
      raw_size != raw.size()) {
    *error = "PNG image data does not inflate to its size";
    return std::nullopt;
  }
  if (!Unfilter(raw, image, error)) return std::nullopt;
  return image;
}

size_t DistinctColours(const Image& image, size_t limit) {
  std::set<std::string> seen;
  const size_t bpp = size_t(image.channels);
  for (size_t at = 0; at + bpp <= image.pixels.size() && seen.size() < limit; at += bpp) {
    seen.emplace(reinterpret_cast<const char*>(&image.pixels[at]), bpp);
  }
  return seen.size();
}

}  // namespace trustlint::testing
