#include "frontend/terraform/hcl.h"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <chrono>

extern "C" const TSLanguage* tree_sitter_hcl();

namespace trustlint::terraform {
namespace {

struct ParserDeleter {
  void operator()(TSParser* parser) const { ts_parser_delete(parser); }
};
using ParserPtr = std::unique_ptr<TSParser, ParserDeleter>;

struct CursorGuard {
  TSTreeCursor cursor;
  explicit CursorGuard(TSNode node) : cursor(ts_tree_cursor_new(node)) {}
  ~CursorGuard() { ts_tree_cursor_delete(&cursor); }
  CursorGuard(const CursorGuard&) = delete;
  CursorGuard& operator=(const CursorGuard&) = delete;
};

// CPU time of the calling thread, not wall time, so that a loaded machine (or a
// parallel build beside the scan) does not turn a good file into TL001; and of the
// thread, so that other threads of the process do not count.
std::chrono::nanoseconds ThreadCpuTime() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec);
}

struct Deadline {
  std::chrono::nanoseconds end;
};

// Tree-sitter calls this every 100 parse operations; true cancels the parse.
bool CancelAfterDeadline(TSParseState* state) {
  const auto* deadline = static_cast<const Deadline*>(state->payload);
  return ThreadCpuTime() > deadline->end;
}

// 1-based line and column of byte `offset` of `text`.
Location LocationOfOffset(const HclFile& file, size_t offset) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < file.text.size(); ++i) {
    if (file.text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Location{file.path, line - file.line_offset, static_cast<int>(offset - line_start) + 1};
}

std::string NestingMessage() { return "nesting deeper than " + std::to_string(kMaxNesting) + " levels"; }

std::string Excerpt(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 20)) {
    if (c == '\n') break;
    out += c;
  }
  return out;
}

void SetError(HclFile& file, Location loc, std::string message) {
  if (!file.error) file.error.emplace(loc, std::move(message));
}

// HCL needs a comma or a newline between object elements; the grammar accepts
// `{ a = 1 b = 2 }`, which Terraform rejects.
void CheckObjectSeparators(HclFile& file, TSNode object) {
  bool after_elem = false;
  uint32_t elem_end_row = 0;
  for (TSNode child : Children(object)) {
    if (Is(child, "object_elem")) {
      if (after_elem && ts_node_start_point(child).row == elem_end_row) {
        SetError(file, file.Loc(child), "syntax error: missing comma or newline between object elements");
      }
      after_elem = true;
      elem_end_row = ts_node_end_point(child).row;
    } else if (!Is(child, "comment")) {
      after_elem = false;
    }
  }
}

// One iterative pass over the tree: the first ERROR/MISSING node, every comment
// (for suppressions), and where the tree is nested deeper than kMaxNesting (the
// pass stops there), or nullopt.
std::optional<Location> Scan(HclFile& file) {
  CursorGuard guard(file.Root());
  TSTreeCursor* c = &guard.cursor;
  int depth = 0;
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(c);
    if (ts_node_is_missing(node)) {
      SetError(file, file.Loc(node), std::string("syntax error: missing ") + ts_node_type(node));
    } else if (ts_node_is_error(node)) {
      std::string near = Excerpt(file.Text(node));
      SetError(file, file.Loc(node),
               near.empty() ? "syntax error" : "syntax error near \"" + near + "\"");
    } else if (Is(node, "object")) {
      CheckObjectSeparators(file, node);
    } else if (Is(node, "comment")) {
      Location loc = file.Loc(node);
      file.comments.push_back(Comment{loc.line, loc.column, std::string(file.Text(node))});
    }
    if (depth >= kMaxNesting) return file.Loc(node);
    if (ts_tree_cursor_goto_first_child(c)) {
      ++depth;
      continue;
    }
    while (!ts_tree_cursor_goto_next_sibling(c)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(c)) return std::nullopt;
      --depth;
    }
  }
}

}  // namespace

std::string_view HclFile::Text(TSNode node) const {
  if (ts_node_is_null(node)) return {};
  uint32_t start = ts_node_start_byte(node);
  uint32_t end = ts_node_end_byte(node);
  if (start > text.size() || end > text.size() || end < start) return {};
  return std::string_view(text).substr(start, end - start);
}

Location HclFile::Loc(TSNode node) const {
  if (ts_node_is_null(node)) return Location{path, 0, 0};
  TSPoint p = ts_node_start_point(node);
  return Location{path, static_cast<int>(p.row) + 1 - line_offset, static_cast<int>(p.column) + 1};
}

int HclFile::EndLine(TSNode node) const {
  if (ts_node_is_null(node)) return 0;
  return static_cast<int>(ts_node_end_point(node).row) + 1 - line_offset; }

namespace {

// Walks `text` as HCL reads its structure: brackets and interpolations (`${`, `%{`)
// outside strings, heredocs and comments. on_open(offset, depth) runs when one opens
// (depth counting it) and stops the walk, returning `offset`, when it returns true;
// on_close(offset, depth) runs when a bracket closes (depth after it).
template <class OnOpen, class OnClose>
std::optional<size_t> WalkNesting(std::string_view text, OnOpen&& on_open, OnClose&& on_close) {
  // What the scanner is inside of: code (a bracket or an interpolation's expression,
  // or the top level), a quoted string, or a heredoc (with its closing marker).
  enum class Context { kBracket, kInterpolation, kString, kHeredoc };
  std::vector<Context> stack;
  std::vector<std::string_view> markers;  // of the heredocs on the stack
  int depth = 0;                          // brackets and interpolations on the stack
  size_t i = 0;
  auto open = [&](Context c) {
    stack.push_back(c);
    return c == Context::kBracket || c == Context::kInterpolation ? on_open(i, ++depth) : false;
  };
  auto close = [&]() {
    if (stack.back() == Context::kBracket || stack.back() == Context::kInterpolation) on_close(i, --depth);
    if (stack.back() == Context::kHeredoc) markers.pop_back();
    stack.pop_back();
  };
  // `${`/`%{` (not `$${`/`%%{`) at `i` of a string or heredoc: the expression opens.
  auto interpolation = [&](size_t i) {
    return (text[i] == '$' || text[i] == '%') && i + 1 < text.size() && text[i + 1] == '{' &&
           !(i > 0 && text[i - 1] == text[i]);
  };
  bool line_start = true;  // in a heredoc: at the start of a line, where its marker may close it
  for (; i < text.size(); ++i) {
    const char c = text[i];
    const Context top = stack.empty() ? Context::kBracket : stack.back();
    if (top == Context::kString) {
      if (c == '\\') {
        ++i;
      } else if (c == '"' || c == '\n') {  // a newline ends an unterminated string
        close();
      } else if (interpolation(i)) {
        if (open(Context::kInterpolation)) return i;
        ++i;
      }
      continue;
    }
    if (top == Context::kHeredoc) {
      if (line_start) {
        size_t b = text.find_first_not_of(" \t", i);
        std::string_view rest = b == std::string_view::npos ? std::string_view() : text.substr(b);
        if (rest.starts_with(markers.back())) {
          size_t after = b + markers.back().size();
          size_t end = text.find_first_not_of(" \t\r", after);
          if (end == std::string_view::npos || text[end] == '\n') {
            close();
            i = after - 1;
            line_start = false;
            continue;
          }
        }
      }
      line_start = c == '\n';
      if (interpolation(i)) {
        if (open(Context::kInterpolation)) return i;
        ++i;
      }
      continue;
    }
    switch (c) {
      case '"':
        open(Context::kString);
        break;
      case '#':
        i = std::min(text.find('\n', i), text.size()) - 1;
        break;
      case '/':
        if (i + 1 < text.size() && text[i + 1] == '/') {
          i = std::min(text.find('\n', i), text.size()) - 1;
        } else if (i + 1 < text.size() && text[i + 1] == '*') {
          size_t end = text.find("*/", i + 2);
          i = end == std::string_view::npos ? text.size() : end + 1;
        }
        break;
      case '<': {
        // `<<EOF` / `<<-EOF` at the end of its line opens a heredoc.
        if (i + 1 >= text.size() || text[i + 1] != '<') break;
        size_t b = i + 2 < text.size() && text[i + 2] == '-' ? i + 3 : i + 2;
        size_t e = b;
        while (e < text.size() &&
               (std::isalnum(static_cast<unsigned char>(text[e])) || text[e] == '_' || text[e] == '-')) {
          ++e;
        }
        size_t nl = text.find_first_not_of(" \t\r", e);
        if (e == b || (nl != std::string_view::npos && text[nl] != '\n')) break;
        open(Context::kHeredoc);
        markers.push_back(text.substr(b, e - b));
        line_start = true;
        i = nl == std::string_view::npos ? text.size() : nl;
        break;
      }
      case '{':
      case '[':
      case '(':
        if (open(Context::kBracket)) return i;
        break;
      case '}':
      case ']':
      case ')':
        if (!stack.empty()) close();
        break;
      default: break;
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<size_t> FindNestingBeyond(std::string_view text, int max_depth) {
  return WalkNesting(text, [max_depth](size_t, int depth) { return depth > max_depth; }, [](size_t, int) {});
}

std::string ModuleBlocksOf(std::string_view text) {
  std::string out;
  size_t item_start = 0;        // where the text before the current top-level block begins
  std::optional<size_t> brace;  // the `{` that opened the top-level block being walked
  const auto opened = [&](size_t at, int depth) {
    if (depth == 1 && text[at] == '{') brace = at;
    return depth > kMaxNesting;
  };
  const auto closed = [&](size_t at, int depth) {
    if (depth != 0 || !brace) return;
    // The block and the text since the previous one (its header, comments) are kept
    // when that header text names a module; a false match only costs a small parse.
    if (text.substr(item_start, *brace - item_start).find("module") != std::string_view::npos) {
      out.append(text.substr(item_start, at + 1 - item_start));
      out += '\n';
    }
    item_start = at + 1;
    brace.reset();
  };
  // Nested too deep: the whole text, which ParseHcl refuses whole, as in a full reading.
  if (WalkNesting(text, opened, closed)) return std::string(text);
  return out;
}

namespace {

// A parser of HCL, or nullopt with the file's error set when the grammar does not
// load (an ABI mismatch, which would otherwise drop every Terraform file silently).
std::optional<ParserPtr> HclParser(HclFile& file) {
  ParserPtr parser(ts_parser_new());
  const TSLanguage* hcl = tree_sitter_hcl();
  if (!ts_parser_set_language(parser.get(), hcl)) {
    SetError(file, Location{file.path, 1, 1},
             "the HCL grammar (ABI " + std::to_string(ts_language_abi_version(hcl)) +
                 ") does not load into the tree-sitter runtime");
    return std::nullopt;
  }
  return parser;
}

// Parses `file.text` (the parser's included ranges of it), or null once `deadline` passes.
TSTree* ParseText(TSParser* parser, const HclFile& file, Deadline& deadline) {
  TSInput input{};
  input.payload = const_cast<std::string*>(&file.text);
  input.read = [](void* payload, uint32_t byte, TSPoint, uint32_t* read) -> const char* {
    const std::string& s = *static_cast<const std::string*>(payload);
    if (byte >= s.size()) {
      *read = 0;
      return "";
    }
    *read = static_cast<uint32_t>(s.size() - byte);
    return s.data() + byte;
  };
  input.encoding = TSInputEncodingUTF8;
  TSParseOptions options{&deadline, &CancelAfterDeadline};
  return ts_parser_parse_with_options(parser, nullptr, input, options);
}

void SetOutOfTime(HclFile& file, std::chrono::milliseconds parse_time) {
  file.out_of_time = true;
  SetError(file, Location{file.path, 1, 1},
           "scan budget \"parse-time\" exhausted: parsing took more than " + std::to_string(parse_time.count()) +
               " ms of CPU time");
}

}  // namespace

std::unique_ptr<HclFile> ParseHcl(std::string path, std::string text, int line_offset,
                                  std::chrono::milliseconds parse_time) {
  auto file = std::make_unique<HclFile>();
  file->line_offset = line_offset;
  file->path = std::move(path);
  file->text = std::move(text);
  // Tree-sitter's error recovery on deeply nested text takes seconds and hundreds of MB
  // before the tree could be checked: such text is refused first.
  if (std::optional<size_t> at = FindNestingBeyond(file->text, kMaxNesting)) {
    SetError(*file, LocationOfOffset(*file, *at), NestingMessage());
    return file;
  }
  std::optional<ParserPtr> parser = HclParser(*file);
  if (!parser) return file;
  Deadline deadline{ThreadCpuTime() + parse_time};
  file->tree.reset(ParseText(parser->get(), *file, deadline));
  if (!file->tree) {
    SetOutOfTime(*file, parse_time);
    return file;
  }
  // A tree nested too deep is dropped: the file is refused whole, and that error
  // replaces any other.
  if (std::optional<Location> too_deep = Scan(*file)) {
    file->error.emplace(*too_deep, NestingMessage());
    file->comments.clear();
    file->tree.reset();
  }
  return file;
}

namespace {

bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

// `  NAME {` (nothing else on the line): the NAME's start and end, or nullopt.
std::optional<std::pair<size_t, size_t>> BareBlockHeader(std::string_view line) {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos || !(std::isalpha(static_cast<unsigned char>(line[b])) || line[b] == '_')) {
    return std::nullopt;
  }
  size_t e = b;
  while (e < line.size() && IsIdentChar(line[e])) ++e;
  size_t brace = line.find_first_not_of(" \t", e);
  if (brace == std::string_view::npos || line[brace] != '{') return std::nullopt;
  size_t rest = line.find_first_not_of(" \t\r", brace + 1);
  if (rest != std::string_view::npos) return std::nullopt;
  return std::make_pair(b, e);
}

// `  "key" = ...`: a quoted-key assignment.
bool QuotedKeyAssignment(std::string_view line) {
  size_t b = line.find_first_not_of(" \t");
  if (b == std::string_view::npos || line[b] != '"') return false;
  size_t close = line.find('"', b + 1);
  if (close == std::string_view::npos) return false;
  size_t eq = line.find_first_not_of(" \t", close + 1);
  return eq != std::string_view::npos && line[eq] == '=' && (eq + 1 >= line.size() || line[eq + 1] != '=');
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

}  // namespace

std::optional<std::string> RewriteLegacyMapBlocks(std::string_view text) {
  std::vector<std::string_view> lines = SplitLines(text);
  std::string out;
  out.reserve(text.size() + 16);
  bool changed = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    auto header = BareBlockHeader(lines[i]);
    size_t next = i + 1;
    while (next < lines.size() && lines[next].find_first_not_of(" \t\r") == std::string_view::npos) ++next;
    if (header && next < lines.size() && QuotedKeyAssignment(lines[next])) {
      out += lines[i].substr(0, header->second);
      out += " =";
      out += lines[i].substr(header->second);
      changed = true;
    } else {
      out += lines[i];
    }
    if (i + 1 < lines.size()) out += '\n';
  }
  if (!changed) return std::nullopt;
  return out;
}

namespace {

// The offset of the next token of `text` at or after `i`, past spaces and comments.
size_t SkipSpaceAndComments(std::string_view text, size_t i) {
  while (i < text.size()) {
    const std::string_view rest = text.substr(i);
    if (IsHclSpace(rest[0])) {
      ++i;
    } else if (rest[0] == '#' || rest.starts_with("//")) {
      i = std::min(text.find('\n', i), text.size());
    } else if (rest.starts_with("/*")) {
      const size_t end = text.find("*/", i + 2);
      i = end == std::string_view::npos ? text.size() : end + 2;
    } else {
      break;
    }
  }
  return i;
}

// `resource "aws_iam_role" "x"` (comments before it): the identifier and plain
// labels; empty for any other header (an attribute, a label with an escape or a
// template), which then counts as one the evaluator may read.
std::vector<std::string> HeaderOf(std::string_view header) {
  std::vector<std::string> out;
  for (size_t i = SkipSpaceAndComments(header, 0); i < header.size(); i = SkipSpaceAndComments(header, i)) {
    if (header[i] == '"' && !out.empty()) {
      const size_t close = header.find_first_of("\"\\\n$%", i + 1);
      if (close == std::string_view::npos || header[close] != '"') return {};
      out.emplace_back(header.substr(i + 1, close - i - 1));
      i = close + 1;
    } else if (IsNameByte(header[i]) && !std::isdigit(static_cast<unsigned char>(header[i])) && header[i] != '-') {
      const size_t end = NameEnd(header, i);
      out.emplace_back(header.substr(i, end - i));
      i = end;
    } else {
      return {};
    }
  }
  return out;
}

constexpr size_t kNoBrace = std::string_view::npos;

// Every block's range of the file with its rows and columns, in one pass.
std::vector<TSRange> RangesOf(std::string_view text, const std::vector<TopBlock>& blocks) {
  uint32_t row = 0;
  size_t line_start = 0;
  size_t at = 0;
  const auto point = [&](size_t offset) {
    for (; at < offset; ++at) {
      if (text[at] == '\n') {
        ++row;
        line_start = at + 1;
      }
    }
    return TSPoint{row, static_cast<uint32_t>(offset - line_start)};
  };
  std::vector<TSRange> out;
  for (const TopBlock& b : blocks) {
    const TSPoint start = point(b.start);
    const TSPoint end = point(b.end);
    out.push_back(TSRange{start, end, static_cast<uint32_t>(b.start), static_cast<uint32_t>(b.end)});
  }
  return out;
}

enum class RangeParse { kClean, kError, kOutOfTime };

// Parses `ranges` of the file's text into its tree and scans it (comments, errors).
RangeParse ParseRanges(TSParser* parser, HclFile& file, const std::vector<TSRange>& ranges, Deadline& deadline) {
  // No range at all would read the whole text.
  if (ranges.empty()) return RangeParse::kClean;
  if (!ts_parser_set_included_ranges(parser, ranges.data(), static_cast<uint32_t>(ranges.size()))) {
    return RangeParse::kError;
  }
  file.tree.reset(ParseText(parser, file, deadline));
  if (!file.tree) return RangeParse::kOutOfTime;
  return Scan(file) || file.error ? RangeParse::kError : RangeParse::kClean;
}

// Blocks that are not kept are checked this many bytes at a time: a tree-sitter tree
// takes ~90 bytes per byte of text, so a batch costs a few MB while it lives.
constexpr size_t kCheckBatchBytes = size_t{64} << 10;

std::unique_ptr<HclFile> ParseKeptBlocks(std::string path, std::string text, std::chrono::milliseconds parse_time,
                                         const std::vector<TopBlock>& blocks) {
  auto file = std::make_unique<HclFile>();
  file->path = std::move(path);
  file->text = std::move(text);
  std::optional<ParserPtr> parser = HclParser(*file);
  if (!parser) return file;
  const std::vector<TSRange> ranges = RangesOf(file->text, blocks);
  Deadline deadline{ThreadCpuTime() + parse_time};
  std::vector<TSRange> batch;
  size_t batch_bytes = 0;
  RangeParse outcome = RangeParse::kClean;
  const auto check = [&]() {
    if (outcome == RangeParse::kClean) outcome = ParseRanges(parser->get(), *file, batch, deadline);
    file->tree.reset();
    file->comments.clear();
    batch.clear();
    batch_bytes = 0;
  };
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kept) continue;
    batch.push_back(ranges[i]);
    batch_bytes += blocks[i].end - blocks[i].start;
    if (batch_bytes >= kCheckBatchBytes) check();
  }
  check();
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].kept) batch.push_back(ranges[i]);
  }
  if (outcome == RangeParse::kClean) outcome = ParseRanges(parser->get(), *file, batch, deadline);
  if (outcome == RangeParse::kOutOfTime) {
    file->tree.reset();
    file->comments.clear();
    SetOutOfTime(*file, parse_time);
  }
  // Errors are reported as the whole file's parse finds them, in its words.
  if (outcome == RangeParse::kError) {
    return ParseTerraformFile(std::move(file->path), std::move(file->text), parse_time);
  }
  return file;
}

}  // namespace

bool IsNameByte(char c) { return IsIdentChar(c) || static_cast<unsigned char>(c) >= 0x80; }

size_t NameEnd(std::string_view text, size_t i) {
  while (i < text.size() && IsNameByte(text[i])) ++i;
  return i;
}

std::optional<std::vector<TopBlock>> TopBlocksOf(std::string_view text) {
  std::vector<TopBlock> blocks;
  size_t item_start = 0;
  size_t brace = kNoBrace;  // the `{` of the top-level block being walked
  bool plain = true;
  const auto opened = [&](size_t at, int depth) {
    if (depth == 1) {
      if (text[at] == '{') {
        brace = at;
      } else {
        plain = false;  // a top-level `[`, `(` or interpolation: not a block
      }
    }
    return depth > kMaxNesting;
  };
  const auto closed = [&](size_t at, int depth) {
    if (depth != 0) return;
    if (brace == kNoBrace || text[at] != '}') {
      plain = false;
      return;
    }
    TopBlock block;
    block.start = item_start;
    block.end = at + 1;
    block.header = HeaderOf(text.substr(item_start, brace - item_start));
    blocks.push_back(std::move(block));
    item_start = at + 1;
    brace = kNoBrace;
  };
  if (WalkNesting(text, opened, closed) || !plain || brace != kNoBrace || blocks.empty()) return std::nullopt;
  if (SkipSpaceAndComments(text, item_start) < text.size()) return std::nullopt;
  blocks.back().end = text.size();
  return blocks;
}

std::unique_ptr<HclFile> ParseTerraformFile(std::string path, std::string text, std::chrono::milliseconds parse_time,
                                            const std::vector<TopBlock>* blocks) {
  if (blocks && std::any_of(blocks->begin(), blocks->end(), [](const TopBlock& b) { return !b.kept; })) {
    return ParseKeptBlocks(std::move(path), std::move(text), parse_time, *blocks);
  }
  // The text moves into the parse (no copy of a large file); a retry reads it back there.
  auto file = ParseHcl(path, std::move(text), 0, parse_time);
  if (!file->error || !file->tree) return file;
  auto rewritten = RewriteLegacyMapBlocks(file->text);
  if (!rewritten) return file;
  auto retry = ParseHcl(std::move(path), std::move(*rewritten), 0, parse_time);
  return retry->error ? std::move(file) : std::move(retry);
}

std::vector<TSNode> Children(TSNode node) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node)) return out;
  CursorGuard guard(node);
  if (!ts_tree_cursor_goto_first_child(&guard.cursor)) return out;
  do {
    out.push_back(ts_tree_cursor_current_node(&guard.cursor));
  } while (ts_tree_cursor_goto_next_sibling(&guard.cursor));
  return out;
}

std::vector<TSNode> NamedChildren(TSNode node) {
  std::vector<TSNode> out;
  for (TSNode child : Children(node)) {
    if (ts_node_is_named(child) && !Is(child, "comment")) out.push_back(child);
  }
  return out;
}

bool Is(TSNode node, std::string_view type) { return !ts_node_is_null(node) && type == ts_node_type(node); }

TSNode ChildOfType(TSNode node, std::string_view type) {
  for (TSNode child : Children(node)) {
    if (Is(child, type)) return child;
  }
  return TSNode{};
}

const NodeRef* BodyItems::Attribute(std::string_view name) const {
  for (const auto& [n, ref] : attributes) {
    if (n == name) return &ref;
  }
  return nullptr;
}

std::vector<const Block*> BodyItems::BlocksOfType(std::string_view type) const {
  std::vector<const Block*> out;
  for (const auto& b : blocks) {
    if (b.type == type) out.push_back(&b);
  }
  return out;
}

namespace {

// The text of a label: a string_lit's literal (labels hold no interpolation) or an identifier.
std::string LabelText(const HclFile& file, TSNode node) {
  if (Is(node, "identifier")) return std::string(file.Text(node));
  TSNode lit = ChildOfType(node, "template_literal");
  return ts_node_is_null(lit) ? std::string() : std::string(file.Text(lit));
}

Block ReadBlock(const HclFile& file, TSNode node) {
  Block b;
  b.node = NodeRef{&file, node};
  b.loc = file.Loc(node);
  b.end_line = file.EndLine(node);
  bool first = true;
  for (TSNode child : NamedChildren(node)) {
    if (Is(child, "identifier") && first) {
      b.type = std::string(file.Text(child));
    } else if (Is(child, "string_lit") || Is(child, "identifier")) {
      b.labels.push_back(LabelText(file, child));
    } else if (Is(child, "body")) {
      b.body = NodeRef{&file, child};
    }
    first = false;
  }
  return b;
}

}  // namespace

BodyItems ReadBody(const NodeRef& body) {
  BodyItems items;
  if (!body.Valid()) return items;
  for (TSNode child : NamedChildren(body.node)) {
    if (Is(child, "attribute")) {
      TSNode name = ChildOfType(child, "identifier");
      TSNode expr = ChildOfType(child, "expression");
      if (ts_node_is_null(name) || ts_node_is_null(expr)) continue;
      items.attributes.emplace_back(std::string(body.file->Text(name)), NodeRef{body.file, expr});
    } else if (Is(child, "block")) {
      items.blocks.push_back(ReadBlock(*body.file, child));
    }
  }
  return items;
}

BodyItems ReadFileBody(const HclFile& file) {
  if (!file.tree) return {};
  return ReadBody(NodeRef{&file, ChildOfType(file.Root(), "body")});
}

}  // namespace trustlint::terraform
