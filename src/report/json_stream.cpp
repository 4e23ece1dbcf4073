#include "report/json_stream.h"

#include <string>

namespace trustlint {
namespace {

constexpr int kIndent = 2;

std::string Dump(const JsonStream::Json& value) {
  return value.dump(kIndent, ' ', false, JsonStream::Json::error_handler_t::replace);
}

}  // namespace

void JsonStream::Indent(size_t depth) {
  for (size_t i = 0; i < depth * kIndent; ++i) out_.put(' ');
}

void JsonStream::Begin(const std::string_view* key) {
  if (!levels_.empty()) {
    out_ << (levels_.back().empty ? "\n" : ",\n");
    levels_.back().empty = false;
    Indent(levels_.size());
  }
  if (key != nullptr) out_ << Dump(Json(std::string(*key))) << ": ";
}

void JsonStream::Open(const std::string_view* key, char open) {
  Begin(key);
  out_.put(open);
  levels_.push_back({open == '{' ? '}' : ']'});
}

void JsonStream::Close() {
  const Level level = levels_.back();
  levels_.pop_back();
  if (!level.empty) {  // nlohmann writes an empty one as "{}" or "[]"
    out_.put('\n');
    Indent(levels_.size());
  }
  out_.put(level.close);
}

void JsonStream::Write(const std::string_view* key, const Json& value) {
  Begin(key);
  // The value dumped alone starts its lines at the margin: inside the document they
  // start at its depth (a raw newline is never inside a JSON string).
  const std::string text = Dump(value);
  size_t from = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', from)) {
    out_.write(text.data() + from, static_cast<std::streamsize>(nl + 1 - from));
    Indent(levels_.size());
    from = nl + 1;
  }
  out_.write(text.data() + from, static_cast<std::streamsize>(text.size() - from));
}

}  // namespace trustlint
