// The raw parse floor of CloudFormation: yaml-cpp loads every template under the given
// folders, as trustlint's front end reads both .yaml and .json templates with yaml-cpp
// (src/frontend/cloudformation/raw_yaml.cpp), and nothing else is done with them.
#include <yaml-cpp/yaml.h>

#include "floor_walk.h"

int main(int argc, char** argv) {
  int failed = 0;
  const int status = bench::ForEachFile(argc, argv, {".yaml", ".yml", ".json", ".template"},
                                        [&](const std::string& path, const std::string& text) {
                                          try {
                                            const YAML::Node root = YAML::Load(text);
                                            if (!root.IsMap()) ++failed;
                                          } catch (const YAML::Exception& e) {
                                            std::cerr << path << ": " << e.what() << "\n";
                                            ++failed;
                                          }
                                        });
  return status != 0 || failed != 0 ? 1 : 0;
}
