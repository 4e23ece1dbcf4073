// GitHub Actions annotations (SPEC 7 "github"): one workflow command per
// unsuppressed finding, which the runner shows on the pull request's diff.
#pragma once

#include <string>
#include <string_view>

#include "report/writer.h"

namespace trustlint {

// `::error file=PATH,line=L,col=C,title=TL104 auth-role-guest-assumable::MESSAGE`
// (`warning`, `notice` for a note), one line each, in the findings' order. A
// possible finding's message ends with "(possible: …)"; a finding without a file
// has no file/line/col. Suppressed findings get none.
std::string RenderGithub(const RunReport& run);

// No extension: the annotations go to stdout, where the runner reads them.
class GithubWriter final : public Writer {
 public:
  std::string_view Format() const override { return "github"; }
  std::string_view Extension() const override { return ""; }
  std::string Render(const RunReport& run) const override { return RenderGithub(run); }
};

// The escaping of GitHub's toolkit (packages/core/src/command.ts, escapeData and
// escapeProperty): the runner undoes exactly these, so the annotation shows the
// original text. Other control characters never reach the log (\xNN).
std::string GithubEscapeData(std::string_view s);
std::string GithubEscapeProperty(std::string_view s);

}  // namespace trustlint
