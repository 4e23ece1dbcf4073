// The manual page and the shell completions, generated from the command line
// itself (the CLI11 app that src/cli/main.cpp builds), so that every flag added
// there is documented and completed without a second list to keep in step.
#pragma once

#include <string>
#include <string_view>

namespace CLI {
class App;
}

namespace trustlint {

// troff (man(7) macros) for trustlint(1): every subcommand with its options and
// positional arguments, and the exit statuses.
std::string RenderManPage(const CLI::App& app, std::string_view version);

// A bash completion script (`complete -F`), plain bash, no bash-completion helpers
// needed: subcommands, their flags, the choices of flags that have a fixed set
// (--format, --fail-on), file names elsewhere.
std::string RenderBashCompletion(const CLI::App& app);

// A zsh completion function (#compdef trustlint) for $fpath, with descriptions.
std::string RenderZshCompletion(const CLI::App& app);

}  // namespace trustlint
