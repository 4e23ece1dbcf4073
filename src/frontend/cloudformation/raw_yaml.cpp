#include "frontend/cloudformation/raw_yaml.h"

#include <yaml-cpp/anchor.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <sstream>

#include "frontend/yaml_location.h"

namespace trustlint::cfn {
namespace {

// Builds RawNodes from parser events. Only the first document is read.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(std::size_t max_merged) : max_merged_(max_merged) {}
  std::unique_ptr<RawNode> TakeRoot() { return std::move(root_); }
  const std::optional<YamlError>& Error() const { return error_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    Add(Make(RawNode::Kind::kNull, mark, "?"), anchor, false);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto node = Make(RawNode::Kind::kAlias, mark, "?");
    node->alias = anchor < anchors_.size() ? anchors_[anchor] : nullptr;
    if (node->alias == nullptr) {
      node->kind = RawNode::Kind::kNull;
    } else if (std::find(stack_.begin(), stack_.end(), node->alias) != stack_.end()) {
      node->expanded_bytes = kUnboundedBytes;  // an alias of a node still open contains itself
    } else {
      node->expanded_bytes = node->alias->expanded_bytes;
    }
    Add(std::move(node), YAML::NullAnchor, false);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    auto node = Make(RawNode::Kind::kScalar, mark, tag);
    node->scalar = value;
    node->expanded_bytes = 1 + value.size();
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
  void OnMapEnd() override {
    if (!stack_.empty() && !error_) ApplyMerges(*stack_.back());
    Pop();
  }

 private:
  static bool IsMergeKey(const RawNode& key) {
    return key.kind == RawNode::Kind::kScalar && key.scalar == "<<" && !key.quoted && key.tag.empty();
  }
  static const RawNode* Resolved(const RawNode* node) {
    return node->kind == RawNode::Kind::kAlias ? node->alias : node;
  }
  bool Fail(const RawNode& at, std::string message) {
    error_ = YamlError{at.line, at.column, std::move(message)};
    return false;
  }

  // The mappings a `<<` value merges, in order; false (and error_) when it is not
  // a mapping, an alias of one, or a list of those.
  bool MergeSources(const RawNode& value, std::vector<const RawNode*>& out) {
    const std::string what = "a merge key (<<) takes a mapping or a list of mappings";
    auto add = [&](const RawNode& item) {
      const RawNode* m = Resolved(&item);
      if (m == nullptr || !m->IsMap()) return Fail(item, what);
      if (std::find(stack_.begin(), stack_.end(), m) != stack_.end()) {
        return Fail(item, "a merge key (<<) merges a mapping into itself");
      }
      out.push_back(m);
      return true;
    };
    if (value.kind == RawNode::Kind::kSequence) {
      for (const auto& item : value.children) {
        if (!add(*item)) return false;
      }
      return true;
    }
    return add(value);
  }

  // YAML 1.1 merge: replaces every `<<` entry of `map` by the entries of the
  // mappings it names that `map` does not write itself (earlier sources win).
  void ApplyMerges(RawNode& map) {
    auto& kids = map.children;
    bool any = false;
    std::set<std::string> seen;  // keys written in the mapping itself win
    for (size_t i = 0; i + 1 < kids.size(); i += 2) {
      if (IsMergeKey(*kids[i])) {
        any = true;
      } else if (kids[i]->IsScalar()) {
        seen.insert(kids[i]->scalar);
      }
    }
    if (!any) return;
    std::vector<std::unique_ptr<RawNode>> out;
    for (size_t i = 0; i + 1 < kids.size(); i += 2) {
      if (!IsMergeKey(*kids[i])) {
        out.push_back(std::move(kids[i]));
        out.push_back(std::move(kids[i + 1]));
        continue;
      }
      std::vector<const RawNode*> sources;
      if (!MergeSources(*kids[i + 1], sources)) return;
      for (const RawNode* src : sources) {
        for (size_t j = 0; j + 1 < src->children.size(); j += 2) {
          const RawNode& key = *src->children[j];
          if (key.IsScalar() && !seen.insert(key.scalar).second) continue;
          if (++merged_ > max_merged_) {
            Fail(*kids[i], "merge keys expand to more than " + std::to_string(max_merged_) + " entries");
            return;
          }
          out.push_back(key.IsScalar() ? CopyScalar(key) : Alias(key, *kids[i + 1]));
          out.push_back(Alias(*src->children[j + 1], *kids[i + 1]));
        }
      }
      map.merge_sources.push_back(std::move(kids[i + 1]));
    }
    kids = std::move(out);
  }

  static std::unique_ptr<RawNode> CopyScalar(const RawNode& key) {
    auto node = std::make_unique<RawNode>();
    node->kind = key.kind;
    node->tag = key.tag;
    node->quoted = key.quoted;
    node->scalar = key.scalar;
    node->line = key.line;
    node->column = key.column;
    node->expanded_bytes = key.expanded_bytes;
    return node;
  }

  // A reference to `target` (through any alias), positioned at the merge.
  static std::unique_ptr<RawNode> Alias(const RawNode& target, const RawNode& at) {
    auto node = std::make_unique<RawNode>();
    const RawNode* t = Resolved(&target);
    node->kind = t ? RawNode::Kind::kAlias : RawNode::Kind::kNull;
    node->alias = t;
    node->expanded_bytes = t ? t->expanded_bytes : 1;
    node->line = at.line;
    node->column = at.column;
    return node;
  }

  static std::unique_ptr<RawNode> Make(RawNode::Kind kind, const YAML::Mark& mark, const std::string& tag) {
    auto node = std::make_unique<RawNode>();
    node->kind = kind;
    // yaml-cpp: "?" = untagged plain, "!" = untagged quoted (or a bare `!`).
    if (tag == "!") {
      node->quoted = true;
    } else if (tag != "?") {
      node->tag = tag;
    }
    const Location at = LocationOf({}, mark);
    node->line = at.line;
    node->column = at.column;
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

  // Closes the innermost open node: its children are final, merges applied (unless
  // an error left them half moved; the tree is then thrown away).
  void Pop() {
    if (stack_.empty()) return;
    RawNode& node = *stack_.back();
    if (!error_) {
      std::uint64_t bytes = 1;
      for (const auto& child : node.children) bytes = std::min(bytes + child->expanded_bytes, kUnboundedBytes);
      node.expanded_bytes = bytes;
    }
    stack_.pop_back();
  }

  std::unique_ptr<RawNode> root_;
  std::vector<RawNode*> stack_;
  std::vector<RawNode*> anchors_;
  std::size_t max_merged_;
  std::size_t merged_ = 0;
  std::optional<YamlError> error_;
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
  const RawNode* self = kind == Kind::kAlias ? alias : this;
  if (self == nullptr || self->kind != Kind::kMap) return nullptr;
  for (size_t i = 0; i + 1 < self->children.size(); i += 2) {
    const RawNode* k = self->children[i].get();
    if (k->kind == Kind::kAlias && k->alias != nullptr) k = k->alias;
    if (k->kind != Kind::kScalar || k->scalar != key) continue;
    const RawNode* v = self->children[i + 1].get();
    return v->kind == Kind::kAlias && v->alias != nullptr ? v->alias : v;
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

YamlParse ParseYaml(const std::string& text, int max_depth, std::size_t max_merged) {
  YamlParse out;
  DepthScan depth = ScanNestingDepth(text, max_depth);
  if (depth.line > 0) {
    out.error = YamlError{depth.line, 1, "nesting deeper than " + std::to_string(max_depth) + " levels"};
    return out;
  }
  std::istringstream stream(text);
  TreeBuilder builder(max_merged);
  try {
    YAML::Parser parser(stream);
    parser.HandleNextDocument(builder);
  } catch (const YAML::Exception& e) {
    const Location at = LocationOf({}, e.mark);
    out.error = YamlError{at.line, at.column, e.msg};
    return out;
  }
  if (builder.Error()) {
    out.error = builder.Error();
    return out;
  }
  out.root = builder.TakeRoot();
  return out;
}

}  // namespace trustlint::cfn
