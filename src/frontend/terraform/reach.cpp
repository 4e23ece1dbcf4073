#include "frontend/terraform/reach.h"

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "frontend/terraform/mapping.h"

namespace trustlint::terraform {
namespace {

// A block the evaluator reaches only when a kept block names it: a resource of a
// type the graph does not map.
bool FoundByNameOnly(const TopBlock& block) {
  return block.header.size() == 3 && block.header[0] == "resource" && !IsMappedType(block.header[1]);
}

// Calls `pair(first, second)` for every `WORD . WORD` of `text` (spaces around the
// dot allowed), and for the parts of words split at a `-`: HCL reads `a-b` as one
// name, but an arithmetic reading must not go missing.
template <class OnPair>
void ForEachDottedPair(std::string_view text, OnPair&& pair) {
  size_t i = 0;
  while (i < text.size()) {
    if (!IsNameByte(text[i])) {
      ++i;
      continue;
    }
    const size_t end = NameEnd(text, i);
    const std::string_view first = text.substr(i, end - i);
    i = end;
    size_t at = end;
    while (at < text.size() && IsHclSpace(text[at])) ++at;
    if (at >= text.size() || text[at] != '.') continue;
    ++at;
    while (at < text.size() && IsHclSpace(text[at])) ++at;
    const size_t second_end = NameEnd(text, at);
    if (second_end == at) continue;
    const std::string_view second = text.substr(at, second_end - at);
    const size_t last_dash = first.rfind('-');
    const std::string_view first_tail = last_dash == std::string_view::npos ? first : first.substr(last_dash + 1);
    const std::string_view second_head = second.substr(0, second.find('-'));
    for (std::string_view a : {first, first_tail}) {
      for (std::string_view b : {second, second_head}) pair(a, b);
    }
    i = at;  // the second word may begin the next pair (`data.aws_x.y`, `aws_x.y.arn`)
  }
}

}  // namespace

void MarkReachable(const std::vector<std::pair<std::string_view, std::vector<TopBlock>*>>& files) {
  struct Found {
    std::string_view text;
    TopBlock* block;
  };
  std::unordered_map<std::string, std::vector<Found>> by_address;  // "TYPE.NAME"
  std::unordered_set<std::string_view> types;
  std::vector<Found> todo;  // kept blocks whose text is still to be read
  for (const auto& [text, blocks] : files) {
    for (TopBlock& block : *blocks) {
      const Found found{text.substr(block.start, block.end - block.start), &block};
      block.kept = !FoundByNameOnly(block);
      if (block.kept) {
        todo.push_back(found);
      } else {
        by_address[block.header[1] + "." + block.header[2]].push_back(found);
        types.insert(block.header[1]);
      }
    }
  }
  std::string address;
  while (!todo.empty()) {
    const Found reading = todo.back();
    todo.pop_back();
    ForEachDottedPair(reading.text, [&](std::string_view type, std::string_view name) {
      if (!types.count(type)) return;
      address.assign(type).append(".").append(name);
      auto named = by_address.find(address);
      if (named == by_address.end()) return;
      for (const Found& found : named->second) {
        if (!found.block->kept) {
          found.block->kept = true;
          todo.push_back(found);
        }
      }
    });
  }
}

}  // namespace trustlint::terraform
