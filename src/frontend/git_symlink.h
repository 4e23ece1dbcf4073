// Git writes a symbolic link as a small text file holding its target when it
// checks out without symlinks (core.symlinks=false, some archives and CI caches):
// `aws.global.tf` then contains just `../aws.global.tf`. Such a file is read as the
// file it names, under the rule for real symlinks: only when the target is a file
// inside the scanned root.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>

namespace trustlint {

// The canonical target when `text` (the content of `file`) is a git symlink
// placeholder whose target is a regular file inside `root` (canonical). nullopt
// when it is not a placeholder.
std::optional<std::filesystem::path> GitSymlinkTarget(const std::filesystem::path& file, std::string_view text,
                                                      const std::filesystem::path& root);

// True when `text` has the shape of a placeholder, wherever it points.
bool LooksLikeGitSymlink(std::string_view text);

}  // namespace trustlint
