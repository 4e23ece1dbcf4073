#include "report/writer.h"

#include "base/ascii.h"
#include "report/github.h"
#include "report/html.h"
#include "report/json.h"
#include "report/markdown.h"
#include "report/junit.h"
#include "report/sarif.h"
#include "report/text.h"

namespace trustlint {
namespace {

class TextWriter final : public Writer {
 public:
  std::string_view Format() const override { return "text"; }
  std::string_view Extension() const override { return ""; }
  std::string Render(const RunReport& run) const override { return RenderText(run); }
};

class JsonWriter final : public Writer {
 public:
  std::string_view Format() const override { return "json"; }
  std::string_view Extension() const override { return ".json"; }
  std::string Render(const RunReport& run) const override { return RenderJson(run); }
  void Write(const RunReport& run, std::ostream& out) const override { WriteJson(run, out); }
};

class SarifWriter final : public Writer {
 public:
  std::string_view Format() const override { return "sarif"; }
  std::string_view Extension() const override { return ".sarif"; }
  std::string Render(const RunReport& run) const override { return RenderSarif(run); }
  void Write(const RunReport& run, std::ostream& out) const override { WriteSarif(run, out); }
};

class JunitWriter final : public Writer {
 public:
  std::string_view Format() const override { return "junit"; }
  std::string_view Extension() const override { return ".xml"; }
  std::string Render(const RunReport& run) const override { return RenderJunit(run); }
};

bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && EqualsIgnoreCaseAscii(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace

const std::vector<std::unique_ptr<Writer>>& AllWriters() {
  static const std::vector<std::unique_ptr<Writer>> writers = [] {
    std::vector<std::unique_ptr<Writer>> w;
    w.push_back(std::make_unique<TextWriter>());
    w.push_back(std::make_unique<JsonWriter>());
    // SPEC 7's order, which --help and error messages list.
    w.push_back(std::make_unique<SarifWriter>());
    w.push_back(std::make_unique<MarkdownWriter>());
    w.push_back(MakeHtmlWriter());
    w.push_back(std::make_unique<JunitWriter>());
    w.push_back(std::make_unique<GithubWriter>());
    return w;
  }();
  return writers;
}

const Writer* FindWriter(std::string_view format) {
  for (const auto& w : AllWriters()) {
    if (w->Format() == format) return w.get();
  }
  return nullptr;
}

const Writer* WriterForExtension(std::string_view path) {
  for (const auto& w : AllWriters()) {
    if (!w->Extension().empty() && EndsWithIgnoreCase(path, w->Extension())) return w.get();
  }
  return nullptr;
}

std::string WriterFormatList() {
  std::string out;
  for (const auto& w : AllWriters()) out += (out.empty() ? "" : ", ") + std::string(w->Format());
  return out;
}

}  // namespace trustlint
