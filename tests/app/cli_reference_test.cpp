// The man page and completions generated from the command line (app/cli_reference.h):
// from a small CLI11 app, what each renderer makes of flags, options with choices,
// repeatable options and positionals; from the real binary, that every flag of
// every subcommand is in them, that groff reads the page without a warning and
// that bash completes.
#include "app/cli_reference.h"

#include <CLI/CLI.hpp>
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "../cli_run.h"

namespace {

using trustlint::testing::RunTrustlint;
using trustlint::testing::ShellQuote;

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A stand-in for main.cpp's app with one of each kind of argument.
struct SmallApp {
  CLI::App app{"trustlint: proves things", "trustlint"};
  std::vector<std::string> paths;
  std::vector<std::string> formats;
  std::string fail_on;
  bool flag = false;
  SmallApp() {
    CLI::App* check = app.add_subcommand("check", "Check things");
    check->add_option("PATH", paths, "Files or folders to scan");
    check->add_option("--format", formats, "text or json")->allow_extra_args(false)->check(CLI::IsMember({"text", "json"}));
    check->add_option("--fail-on", fail_on, "Least severity")->check(CLI::IsMember({"error", "never"}));
    check->add_flag("--quiet,-q", flag, "Say [less]: it's quieter");
    app.add_subcommand("version", "Print the version");
  }
};

// stdout of a shell command.
std::string Shell(const std::string& command, int* status = nullptr) {
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  const int raw = pclose(pipe);
  if (status != nullptr) *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return out;
}

// The long flags `trustlint SUBCOMMAND --help` lists.
std::set<std::string> HelpFlags(const std::string& subcommand) {
  const std::string help = RunTrustlint({subcommand, "--help"}).out;
  std::set<std::string> flags;
  const std::regex flag(R"((^|[ ,])(--[a-z][a-z-]*))");
  for (auto it = std::sregex_iterator(help.begin(), help.end(), flag); it != std::sregex_iterator(); ++it) {
    flags.insert((*it)[2].str());
  }
  return flags;
}

}  // namespace

TEST_CASE("man page from a CLI11 app: commands, options with their choices, positionals, escapes") {
  SmallApp small;
  const std::string man = trustlint::RenderManPage(small.app, "9.9.9");
  CHECK(Contains(man, ".TH TRUSTLINT 1 \"\" \"trustlint 9.9.9\" \"User Commands\"\n"));
  CHECK(Contains(man, "trustlint \\- proves things\n"));
  CHECK(Contains(man, ".SS \"trustlint check\"\n.B trustlint check\n[\\fIOPTIONS\\fR] [\\fIPATH\\fR...]\n"));
  CHECK(Contains(man, ".TP\n\\fB\\-\\-format\\fR \\fItext|json\\fR\ntext or json\n"));
  CHECK(Contains(man, ".TP\n\\fB\\-\\-quiet\\fR, \\fB\\-q\\fR\nSay [less]: it's quieter\n"));
  CHECK(Contains(man, ".SS \"trustlint version\"\n"));
  CHECK(Contains(man, ".SH EXIT STATUS\n"));
}

TEST_CASE("bash completion from a CLI11 app: subcommands, choices after an option, files for PATH") {
  SmallApp small;
  const std::string bash = trustlint::RenderBashCompletion(small.app);
  CHECK(Contains(bash, "check|version) command="));
  CHECK(Contains(bash, "--format) COMPREPLY=($(compgen -W 'text json' -- \"$cur\")); return ;;"));
  CHECK(Contains(bash, "--fail-on) COMPREPLY=($(compgen -W 'error never' -- \"$cur\")); return ;;"));
  CHECK(Contains(bash, "compgen -W '--help -h --format --fail-on --quiet -q'"));
  CHECK(Contains(bash, "complete -o filenames -o bashdefault -F _trustlint trustlint\n"));
}

TEST_CASE("zsh completion from a CLI11 app: descriptions escaped, choices, repeatable options") {
  SmallApp small;
  const std::string zsh = trustlint::RenderZshCompletion(small.app);
  CHECK(zsh.rfind("#compdef trustlint\n", 0) == 0);
  CHECK(Contains(zsh, "'check:Check things'"));
  CHECK(Contains(zsh, "'*--format=[text or json]:format:(text json)'"));
  CHECK(Contains(zsh, "'--fail-on=[Least severity]:fail-on:(error never)'"));
  CHECK(Contains(zsh, "'--quiet[Say \\[less\\]: it'\\''s quieter]'"));
  CHECK(Contains(zsh, "'*:PATH:_files'"));
}

TEST_CASE("trustlint man and completion cover every flag of every subcommand") {
  const auto man = RunTrustlint({"man"}, false);
  const auto bash = RunTrustlint({"completion", "bash"}, false);
  const auto zsh = RunTrustlint({"completion", "zsh"}, false);
  REQUIRE(man.status == 0);
  REQUIRE(bash.status == 0);
  REQUIRE(zsh.status == 0);
  for (const char* subcommand : {"check", "graph", "rules", "explain", "docs", "version", "man", "completion"}) {
    CHECK(Contains(man.out, std::string(".SS \"trustlint ") + subcommand + "\""));
    CHECK(Contains(zsh.out, std::string("'") + subcommand + ":"));
    for (const std::string& flag : HelpFlags(subcommand)) {
      std::string troff;
      for (char c : flag) troff += c == '-' ? std::string("\\-") : std::string(1, c);
      CHECK_MESSAGE(Contains(man.out, "\\fB" + troff + "\\fR"), subcommand << " " << flag << " missing from the man page");
      CHECK_MESSAGE(Contains(bash.out, flag), subcommand << " " << flag << " missing from the bash completion");
      const bool in_zsh = Contains(zsh.out, "'" + flag) || Contains(zsh.out, "'*" + flag);
      CHECK_MESSAGE(in_zsh, subcommand << " " << flag << " missing from the zsh completion");
    }
  }
  CHECK(RunTrustlint({"completion", "fish"}).status == 2);
}

TEST_CASE("trustlint man renders without a groff warning; the bash completion parses and completes") {
  const std::string dir = "/tmp/trustlint-reference-" + std::to_string(getpid());
  const std::string bin = ShellQuote(trustlint::testing::Binary());
  REQUIRE(Shell("mkdir -p " + dir + " && " + bin + " man >" + dir + "/trustlint.1 && " + bin +
                " completion bash >" + dir + "/trustlint.bash && echo ok") == "ok\n");
  if (Shell("command -v groff") != "") {
    int status = -1;
    const std::string warnings = Shell("groff -man -Tutf8 -ww -z " + dir + "/trustlint.1 2>&1", &status);
    CHECK(status == 0);
    CHECK(warnings == "");
    const std::string text = Shell("groff -man -Tascii " + dir + "/trustlint.1 2>/dev/null | col -b");
    CHECK(Contains(text, "--fail-on-possible"));
  }
  int status = -1;
  Shell("bash -n " + dir + "/trustlint.bash", &status);
  CHECK(status == 0);
  if (Shell("command -v zsh") != "") {
    Shell(bin + " completion zsh >" + dir + "/_trustlint && zsh -n " + dir + "/_trustlint", &status);
    CHECK(status == 0);
  }
  // What bash would offer: `trustlint check --format <TAB>`, `trustlint ch<TAB>`, `trustlint check --fail-o<TAB>`.
  auto complete = [&](const std::string& words, int cword) {
    return Shell("bash -c " + ShellQuote("source " + dir + "/trustlint.bash; COMP_WORDS=(" + words +
                                         "); COMP_CWORD=" + std::to_string(cword) +
                                         "; _trustlint; printf '%s\\n' \"${COMPREPLY[@]}\""));
  };
  const std::string formats = complete("trustlint check --format ''", 3);
  CHECK(Contains(formats, "text\n"));
  CHECK(Contains(formats, "json\n"));
  CHECK(complete("trustlint ch", 1) == "check\n");
  CHECK(complete("trustlint check --fail-o", 2) == "--fail-on\n--fail-on-possible\n");
  CHECK(complete("trustlint check --fail-on w", 3) == "warning\n");
  CHECK(complete("trustlint completion z", 2) == "zsh\n");
  Shell("rm -rf " + dir);
}
