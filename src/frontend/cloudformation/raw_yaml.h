// A compact YAML tree built from yaml-cpp's event parser.
//
// Why not YAML::Load: its node graph costs ~40 bytes of heap per source byte (2 GB
// for a 50 MB template) and hides whether a node is an alias. The event parser
// tells us aliases explicitly, so the converter can charge every expansion by the
// bytes it copies (no billion laughs), and this tree stays small. Positions are converted here, once,
// from yaml-cpp's 0-based marks to 1-based line and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trustlint::cfn {

// RawNode::expanded_bytes of a node that contains itself through an alias (`&a [*a]`):
// more than any budget, and small enough that adding two of them cannot overflow.
inline constexpr std::uint64_t kUnboundedBytes = std::uint64_t{1} << 62;

struct RawNode {
  enum class Kind { kNull, kScalar, kSequence, kMap, kAlias };
  Kind kind = Kind::kNull;
  std::string tag;     // "!Ref", "!Sub", ...; empty for untagged (yaml-cpp's "?" and "!")
  bool quoted = false;  // a quoted scalar is always a string
  std::string scalar;  // kScalar
  int line = 0;        // 1-based
  int column = 0;      // 1-based
  const RawNode* alias = nullptr;  // kAlias: the anchored node (may still be open: `&a [*a]`)
  // The size of this node once every alias in it is expanded: one byte per node plus
  // the text of its scalars; an alias counts as what it names. Computed while parsing
  // (each node when it closes), so a converter can charge what expanding an alias
  // copies before it copies it. At most kUnboundedBytes.
  std::uint64_t expanded_bytes = 1;
  // kSequence: items; kMap: key, value, key, value, ... (unique_ptr: anchors keep pointers).
  std::vector<std::unique_ptr<RawNode>> children;
  // kMap: the values of its YAML merge keys (`<<: *base`), kept alive for the
  // aliases into them that replaced the `<<` entry in `children`.
  std::vector<std::unique_ptr<RawNode>> merge_sources;

  bool IsMap() const { return kind == Kind::kMap; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  // Map lookup by scalar key (first match); nullptr when absent or not a map. Looks
  // through aliases: of this node and of the value found.
  const RawNode* Find(std::string_view key) const;
  // The last line of this node's own text (not following aliases).
  int LastLine() const;
};

struct YamlError {
  int line = 0;  // 1-based; 0 when the library gave no position
  int column = 0;
  std::string message;
};

struct YamlParse {
  std::unique_ptr<RawNode> root;  // null when the text holds no document
  std::optional<YamlError> error;
};

// Parses the first YAML (or JSON) document of `text`. Refuses, without calling
// yaml-cpp, text nested deeper than `max_depth` (its parser recurses per level).
// Applies YAML 1.1 merge keys (`<<: *a`, `<<: [*a, *b]`): keys written in the
// mapping win over merged ones, and earlier mappings of a list over later ones.
// Merged values are aliases (counted as expansions when converted); more than
// `max_merged` merged entries in one document is an error.
YamlParse ParseYaml(const std::string& text, int max_depth, std::size_t max_merged = 100'000);

// Conservative nesting depth of YAML/JSON text: flow brackets outside quotes plus
// block indentation levels. Over-estimates rather than under-estimates. Stops
// counting once `limit` is exceeded; returns the line where it was exceeded.
struct DepthScan {
  int depth = 0;
  int line = 0;  // 1-based line where `limit` was first exceeded, 0 when not
};
DepthScan ScanNestingDepth(std::string_view text, int limit);

}  // namespace trustlint::cfn
