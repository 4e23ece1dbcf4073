// A JSON document written as it is made, byte for byte what nlohmann's
// dump(2, ' ', false, replace) gives for the whole document: reports of a large
// repository need not hold every finding's JSON at once.
#pragma once

#include <ostream>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace trustlint {

class JsonStream {
 public:
  using Json = nlohmann::ordered_json;

  explicit JsonStream(std::ostream& out) : out_(out) {}

  // An object or array: the document itself, an element of the array being
  // written, or (with a key) a member of the object being written.
  void OpenObject() { Open(nullptr, '{'); }
  void OpenObject(std::string_view key) { Open(&key, '{'); }
  void OpenArray() { Open(nullptr, '['); }
  void OpenArray(std::string_view key) { Open(&key, '['); }
  // Ends the innermost open object or array.
  void Close();

  // A whole value: an element of the open array, or a member of the open object.
  void Element(const Json& value) { Write(nullptr, value); }
  void Member(std::string_view key, const Json& value) { Write(&key, value); }

 private:
  struct Level {
    char close;
    bool empty = true;
  };

  void Open(const std::string_view* key, char open);
  // The separator and indentation before a new element or member, and its key.
  void Begin(const std::string_view* key);
  void Indent(size_t depth);
  void Write(const std::string_view* key, const Json& value);

  std::ostream& out_;
  std::vector<Level> levels_;
};

}  // namespace trustlint
