// The HCL syntax layer over tree-sitter: owns parsers and trees, finds the first
// syntax error, and gives the evaluator children, text and 1-based positions of
// nodes. Nothing outside src/frontend/terraform sees a tree-sitter type.
#pragma once

#include <tree_sitter/api.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/budget.h"
#include "base/location.h"

namespace trustlint::terraform {

// A file nested deeper than this (brackets and interpolations in its text, or levels of
// its syntax tree) is refused whole with a TL001: none of it is evaluated, so every
// walk over a tree is at most this deep. The evaluator caps recursion across
// references too (kMaxEvalDepth).
inline constexpr int kMaxNesting = 512;

struct TreeDeleter {
  void operator()(TSTree* tree) const { ts_tree_delete(tree); }
};
using TreePtr = std::unique_ptr<TSTree, TreeDeleter>;

// A `#`/`//`/`/* */` comment and its 1-based line.
struct Comment {
  int line = 0;
  int column = 0;
  std::string text;
};

// One parsed HCL file (a .tf, a .tfvars, or a string parsed as an expression).
struct HclFile {
  std::string path;  // as the user sees it
  std::string text;
  TreePtr tree;
  std::optional<std::pair<Location, std::string>> error;  // first syntax error
  // The parse-time budget ran out: `error` names it, and there is no tree.
  bool out_of_time = false;
  std::vector<Comment> comments;
  int line_offset = 0;  // lines of wrapper text before the user's first line (templatefile)

  TSNode Root() const { return ts_tree_root_node(tree.get()); }
  std::string_view Text(TSNode node) const;
  Location Loc(TSNode node) const;  // start, 1-based
  int EndLine(TSNode node) const;   // 1-based
};

// Parses `text`. Never throws. A tree is produced unless the grammar fails to load,
// the text is nested deeper than kMaxNesting (checked on the text before tree-sitter
// sees it, whose error recovery is slow on such input, and on the tree), or parsing
// takes more than `parse_time` of the thread's CPU time (then `out_of_time`): `error`
// says which, and `tree` is null.
std::unique_ptr<HclFile> ParseHcl(std::string path, std::string text, int line_offset = 0,
                                  std::chrono::milliseconds parse_time = BudgetLimits{}.parse_time);

// The byte offset of the bracket (`{`, `[`, `(`) or interpolation (`${`, `%{`) of
// `text` that opens level `max_depth + 1`, outside strings, heredocs and comments as
// HCL reads them; nullopt when the text is not nested that deep.
std::optional<size_t> FindNestingBeyond(std::string_view text, int max_depth);

// The top-level blocks of `text` whose header names a module, each with the text
// since the previous top-level block (comments), one after another: what finding a
// module's calls needs, at the cost of a lexer pass and a parse of those blocks
// alone. Positions in it are not the file's. A text nested deeper than kMaxNesting
// comes back whole, so that its parse refuses it as a full reading's would. (Blanking the rest instead would keep
// them, but tree-sitter's HCL grammar takes seconds and gigabytes on megabytes of
// blank lines.)
std::string ModuleBlocksOf(std::string_view text);

// Terraform 0.11 let a map be written as a block with quoted keys
// (`roles { "authenticated" = "..." }`), which HCL 2 rejects. Returns `text` with
// every block header `NAME {` whose body starts with a quoted-key assignment
// rewritten to `NAME = {` (same lines, so positions stay right), or nullopt when
// there is no such header.
std::optional<std::string> RewriteLegacyMapBlocks(std::string_view text);

// A top-level block of a .tf file as a lexer pass finds it, before any parse.
struct TopBlock {
  size_t start = 0;  // just after the previous top-level block (0 for the first): its comments come with it
  size_t end = 0;    // just after its closing `}` (the file's end for the last block)
  // Its type and labels (`resource`, `aws_iam_role`, `x`), unquoted; empty when the
  // header is anything else than identifiers and plain quoted strings.
  std::vector<std::string> header;
  bool kept = true;  // parsed into the file's tree (else only checked for syntax errors)
};

// A byte of an HCL name as the lexer passes read one: ASCII letters, digits, `_`,
// `-`, and every non-ASCII byte (a word longer than HCL's only keeps more).
bool IsNameByte(char c);
// The end of the name (IsNameByte bytes) that starts at `i` of `text`; `i` when none does.
size_t NameEnd(std::string_view text, size_t i);
// HCL's white space between tokens (a newline included).
inline bool IsHclSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// The top-level blocks of a .tf file's text, in order, or nullopt when the text is
// not such a plain sequence (nested deeper than kMaxNesting, an unclosed block, a
// top-level bracket or anything but comments after the last block, no block at all):
// such a file is parsed whole.
std::optional<std::vector<TopBlock>> TopBlocksOf(std::string_view text);

// Parses a .tf file: on a syntax error, retries once on RewriteLegacyMapBlocks'
// text and keeps that parse when it is error-free; else the first parse.
//
// With `blocks` (TopBlocksOf(text), some not kept), a sparse reading: the tree holds
// the kept blocks only, at their places in the file, and every other block is parsed
// a few at a time and dropped once checked, so that memory follows what is kept, not
// the file. A syntax error anywhere (or a tree nested too deep) sends the file to the
// whole parse above, so that a sparse reading and a whole one report the same errors.
// One parse-time budget covers the sparse parses.
std::unique_ptr<HclFile> ParseTerraformFile(std::string path, std::string text,
                                            std::chrono::milliseconds parse_time = BudgetLimits{}.parse_time,
                                            const std::vector<TopBlock>* blocks = nullptr);

// Child iteration through a cursor: ts_node_child(i) is linear in i.
std::vector<TSNode> Children(TSNode node);
std::vector<TSNode> NamedChildren(TSNode node);
bool Is(TSNode node, std::string_view type);
// First named child of `type`, or a null node.
TSNode ChildOfType(TSNode node, std::string_view type);

// A node plus the file it lives in: what the evaluator passes around.
struct NodeRef {
  const HclFile* file = nullptr;
  TSNode node{};
  bool Valid() const { return file != nullptr && !ts_node_is_null(node); }
  Location Loc() const { return file->Loc(node); }
  std::string_view Text() const { return file->Text(node); }
};

// A block: `type "label" "label" { body }`.
struct Block {
  NodeRef node;
  std::string type;
  std::vector<std::string> labels;
  NodeRef body;  // invalid when the block is empty
  Location loc;
  int end_line = 0;
};

// Top-level attributes (`name = expr`, value = the expression node) and blocks of a body.
struct BodyItems {
  std::vector<std::pair<std::string, NodeRef>> attributes;
  std::vector<Block> blocks;
  const NodeRef* Attribute(std::string_view name) const;
  std::vector<const Block*> BlocksOfType(std::string_view type) const;
};
BodyItems ReadBody(const NodeRef& body);
// The body of a block, or of a file's root.
BodyItems ReadFileBody(const HclFile& file);

}  // namespace trustlint::terraform
