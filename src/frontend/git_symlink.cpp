#include "frontend/git_symlink.h"

#include <algorithm>
#include <system_error>

namespace trustlint {

namespace fs = std::filesystem;

bool LooksLikeGitSymlink(std::string_view text) {
  // One relative path, no newline (git stores the target without one), no
  // characters a path to a template never holds but IaC text always does.
  if (text.empty() || text.size() > 1024 || text.front() == '/') return false;
  const bool plain = std::all_of(text.begin(), text.end(), [](char c) {
    return c > ' ' && c != '{' && c != '}' && c != '=' && c != '"' && c != ':' && c != '\x7f';
  });
  return plain && text.find('/') != std::string_view::npos && text.find('.') != std::string_view::npos;
}

std::optional<fs::path> GitSymlinkTarget(const fs::path& file, std::string_view text, const fs::path& root) {
  if (!LooksLikeGitSymlink(text)) return std::nullopt;
  std::error_code ec;
  const fs::path target = fs::weakly_canonical(file.parent_path() / fs::path(text), ec);
  if (ec || !fs::is_regular_file(target, ec) || ec) return std::nullopt;
  const fs::path rel = target.lexically_relative(root);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;
  if (target.extension() != file.extension()) return std::nullopt;
  return target;
}

}  // namespace trustlint
