// The raw parse floors' shared part: every regular file under the given paths (or the
// paths themselves) whose name ends in one of the given suffixes, read whole, in a
// sorted order, so that one process covers a repository as trustlint's scan does.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace bench {

inline bool EndsWithAny(const std::string& name, const std::vector<std::string>& suffixes) {
  return std::any_of(suffixes.begin(), suffixes.end(), [&](const std::string& s) {
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  });
}

// Calls `parse` with each file's text; prints how many files and bytes it read.
inline int ForEachFile(int argc, char** argv, const std::vector<std::string>& suffixes,
                       const std::function<void(const std::string&, const std::string&)>& parse) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (fs::is_directory(argv[i])) {
      for (const auto& entry : fs::recursive_directory_iterator(argv[i])) {
        if (entry.is_regular_file() && EndsWithAny(entry.path().filename().string(), suffixes)) {
          files.push_back(entry.path());
        }
      }
    } else {
      files.emplace_back(argv[i]);
    }
  }
  std::sort(files.begin(), files.end());
  std::size_t bytes = 0;
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    bytes += s.size();
    parse(file.string(), s);
  }
  std::cout << files.size() << " files, " << bytes << " bytes\n";
  return 0;
}

}  // namespace bench
