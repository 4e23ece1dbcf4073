#include "frontend/cloudformation/raw_yaml.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace trustlint::cfn {
namespace {

// Builds RawNodes from parser events. Only the first document is read.
class TreeBuilder : public YAML::EventHandler {
 public:
  std::unique_ptr<RawNode> TakeRoot() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add(Make(RawNode::Kind::kNull, mark, "?"), anchor, false);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = Make(RawNode::Kind::kAlias, mark, "?");
    node->alias = anchor < anchors_.size() ? anchors_[anchor] : nullptr;
    if (node->alias == nullptr) node->kind = RawNode::Kind::kNull;
    Add(std::move(node), YAML::NullAnchor, false);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = Make(RawNode::Kind::kScalar, mark, tag);
    node->scalar = value;
    Add(std::move(node), anchor, false);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    Add(Make(RawNode::Kind::kSequence, mark, tag), anchor, true);
  }
  void OnSequenceEnd() override { Pop(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    Add(Make(RawNode::Kind::kMap, mark, tag), anchor, true);
  }
  void OnMapEnd() override { Pop(); }

 private:
  static std::unique_ptr<RawNode> Make(RawNode::Kind kind, const YAML::Mark& mark, const std::string& tag) {
    auto node = std::make_unique<RawNode>();
    node->kind = kind;
    // yaml-cpp: "?" = untagged plain, "!" = untagged quoted (or a bare `!`).
    if (tag == "!") {
      node->quoted = true;
    } else if (tag != "?") {
      node->tag = tag;
    }
    node->line = mark.is_null() ? 0 : mark.line + 1;
    node->column = mark.is_null() ? 0 : mark.column + 1;
    return node;
  }

  void Add(std::unique_ptr<RawNode> node, YAML::anchor_t anchor, bool open) {
    RawNode* raw = node.get();
    if (anchor != YAML::NullAnchor) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, nullptr);
      anchors_[anchor] = raw;
    }
    if (stack_.empty()) {
      if (!root_) root_ = std::move(node);
    } else {
      stack_.back()->children.push_back(std::move(node));
    }
    if (open) stack_.push_back(raw);
  }

  void Pop() {
    if (!stack_.empty()) stack_.pop_back();
  }

  std::unique_ptr<RawNode> root_;
  std::vector<RawNode*> stack_;
  std::vector<RawNode*> anchors_;
};

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// True when the line (without its comment) ends in a block scalar indicator.
bool EndsWithBlockScalar(std::string_view content) {
  while (!content.empty() && (IsBlank(content.back()) || content.back() == '\r')) content.remove_suffix(1);
  while (!content.empty() && (content.back() == '+' || content.back() == '-' ||
                              std::isdigit(static_cast<unsigned char>(content.back())))) {
    content.remove_suffix(1);
  }
  if (content.empty() || (content.back() != '|' && content.back() != '>')) return false;
  content.remove_suffix(1);
  return content.empty() || IsBlank(content.back()) || content.back() == ':' || content.back() == '-';
}

}  // namespace

const RawNode* RawNode::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (size_t i = 0; i + 1 < children.size(); i += 2) {
    if (children[i]->kind == Kind::kScalar && children[i]->scalar == key) return children[i + 1].get();
  }
  return nullptr;
}

int RawNode::LastLine() const {
  // Iterative: the tree may be deep.
  int last = line;
  std::vector<const RawNode*> todo{this};
  while (!todo.empty()) {
    const RawNode* n = todo.back();
    todo.pop_back();
    last = std::max(last, n->line);
    for (const auto& c : n->children) todo.push_back(c.get());
  }
  return last;
}

DepthScan ScanNestingDepth(std::string_view text, int limit) {
  DepthScan out;
  int flow = 0;
  char quote = 0;
  std::vector<int> indents;
  int block_scalar_indent = -1;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    bool blank = indent == line.size() || line[indent] == '#' || line[indent] == '\r';
    if (quote == 0 && block_scalar_indent >= 0) {
      if (blank || static_cast<int>(indent) > block_scalar_indent) continue;
      block_scalar_indent = -1;
    }
    if (blank && quote == 0) continue;
    int block_depth = 0;
    size_t i = quote != 0 ? 0 : indent;
    if (quote == 0 && flow == 0) {
      while (!indents.empty() && indents.back() >= static_cast<int>(indent)) indents.pop_back();
      indents.push_back(static_cast<int>(indent));
      block_depth = static_cast<int>(indents.size());
      // Compact nested sequences (`- - - x`) nest without indenting.
      while (i + 1 < line.size() && line[i] == '-' && IsBlank(line[i + 1])) {
        ++block_depth;
        i += 2;
        while (i < line.size() && IsBlank(line[i])) ++i;
      }
    }
    int line_flow_max = flow;
    size_t comment = line.size();
    for (; i < line.size(); ++i) {
      char c = line[i];
      char prev = i > 0 ? line[i - 1] : ' ';
      if (quote != 0) {
        if (quote == '"' && c == '\\') {
          ++i;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      bool after_separator = IsBlank(prev) || prev == '[' || prev == '{' || prev == ',' || prev == ':' || i == indent;
      if ((c == '"' || c == '\'') && after_separator) {
        quote = c;
      } else if (c == '#' && IsBlank(prev)) {
        comment = i;
        break;
      } else if ((c == '[' || c == '{') && (flow > 0 || after_separator)) {
        line_flow_max = std::max(line_flow_max, ++flow);
      } else if ((c == ']' || c == '}') && flow > 0) {
        --flow;
      }
    }
    if (quote == 0 && flow == 0 && EndsWithBlockScalar(line.substr(0, comment))) {
      block_scalar_indent = static_cast<int>(indent);
    }
    int depth = block_depth + line_flow_max;
    out.depth = std::max(out.depth, depth);
    if (depth > limit) {
      out.line = line_no;
      return out;
    }
  }
  return out;
}

YamlParse ParseYaml(const std::string& text, int max_depth) {
  YamlParse out;
  DepthScan depth = ScanNestingDepth(text, max_depth);
  if (depth.line > 0) {
    out.error = YamlError{depth.line, 1, "nesting deeper than " + std::to_string(max_depth) + " levels"};
    return out;
  }
  std::istringstream stream(text);
  TreeBuilder builder;
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    // Marks are 0-based; a null mark (-1) means the library had no position.
    int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    out.error = YamlError{line, column, e.msg};
    return out;
  }
  out.root = builder.TakeRoot();
  return out;
}

}  // namespace trustlint::cfn
