#include "report/source_lines.h"

#include <fstream>

namespace trustlint {

const std::vector<std::string>& SourceLines::Of(const std::string& file) {
  if (auto found = files_.find(file); found != files_.end()) return found->second;
  std::vector<std::string> lines;
  std::ifstream in(file, std::ios::binary);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    lines.push_back(std::move(l));
  }
  if (files_.size() >= max_files_ && !read_order_.empty()) {
    files_.erase(read_order_.front());
    read_order_.pop_front();
  }
  read_order_.push_back(file);
  return files_.emplace(file, std::move(lines)).first->second;
}

}  // namespace trustlint
