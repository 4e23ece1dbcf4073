#include "app/cli_reference.h"

#include <CLI/CLI.hpp>

#include <sstream>
#include <vector>

#include "app/command.h"

namespace trustlint {
namespace {

// What the generators need to know of one option or positional argument,
// read once from CLI11 so that the three renderers share one reading.
struct ArgumentDoc {
  std::vector<std::string> names;    // "--output", "-o"; empty for a positional
  std::string value_name;            // "PATH", "TEXT"; "" for a flag
  std::vector<std::string> choices;  // a fixed set (CLI::IsMember), else empty
  std::string help;
  bool repeatable = false;
  bool required = false;
  bool is_help = false;  // -h, --help: the man page lists it once, not under every command
};

struct CommandDoc {
  std::string name;
  std::string help;
  std::vector<ArgumentDoc> options;
  std::vector<ArgumentDoc> positionals;
};

// CLI11 writes an IsMember check into the type name: "TEXT:{error,warning}".
std::vector<std::string> ChoicesOf(const std::string& type_name) {
  const size_t open = type_name.find(":{");
  const size_t close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return {};
  std::vector<std::string> choices;
  std::istringstream list(type_name.substr(open + 2, close - open - 2));
  for (std::string item; std::getline(list, item, ',');) {
    if (!item.empty()) choices.push_back(item);
  }
  return choices;
}

ArgumentDoc ReadArgument(const CLI::Option& option) {
  ArgumentDoc doc;
  for (const std::string& name : option.get_lnames()) doc.names.push_back("--" + name);
  for (const std::string& name : option.get_snames()) doc.names.push_back("-" + name);
  doc.help = option.get_description();
  doc.required = option.get_required();
  doc.repeatable = option.get_items_expected_max() > 1;
  const bool takes_value = option.get_type_size_max() > 0;
  const std::string type_name = option.get_type_name();
  if (doc.names.empty()) {
    doc.value_name = option.get_name(true);
    doc.choices = ChoicesOf(type_name);
  } else if (takes_value) {
    doc.choices = ChoicesOf(type_name);
    doc.value_name = type_name.substr(0, type_name.find(':'));
  }
  return doc;
}

CommandDoc ReadCommand(const CLI::App& app) {
  CommandDoc doc{app.get_name(), app.get_description(), {}, {}};
  for (const CLI::Option* option : app.get_options()) {
    ArgumentDoc argument = ReadArgument(*option);
    argument.is_help = option == app.get_help_ptr();
    (argument.names.empty() ? doc.positionals : doc.options).push_back(std::move(argument));
  }
  return doc;
}

std::vector<CommandDoc> ReadSubcommands(const CLI::App& app) {
  std::vector<CommandDoc> commands;
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
    commands.push_back(ReadCommand(*sub));
  }
  return commands;
}

// --- troff --------------------------------------------------------------------

// Text safe inside a man(7) paragraph: backslashes escaped, hyphens as \- (so
// that copy-paste gives ASCII '-'), and a line never starts with a control dot.
std::string Troff(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else {
      out += c;
    }
  }
  if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
  return out;
}

std::string ManSynopsisArgument(const ArgumentDoc& positional) {
  const std::string name = "\\fI" + Troff(positional.value_name) + "\\fR" + (positional.repeatable ? "..." : "");
  return positional.required ? name : "[" + name + "]";
}

void ManOption(const ArgumentDoc& option, std::ostream& out) {
  out << ".TP\n";
  std::string line;
  for (const std::string& name : option.names) line += (line.empty() ? "" : ", ") + ("\\fB" + Troff(name) + "\\fR");
  if (!option.value_name.empty()) {
    const std::string value = option.choices.empty() ? option.value_name : [&] {
      std::string joined;
      for (const std::string& c : option.choices) joined += (joined.empty() ? "" : "|") + c;
      return joined;
    }();
    line += " \\fI" + Troff(value) + "\\fR";
  }
  out << line << "\n" << Troff(option.help) << "\n";
}

// --- shell quoting ---------------------------------------------------------------

std::string SingleQuoted(std::string_view text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::vector<std::string> OptionNames(const CommandDoc& command) {
  std::vector<std::string> names;
  for (const ArgumentDoc& option : command.options) names.insert(names.end(), option.names.begin(), option.names.end());
  return names;
}

// zsh _arguments text inside single quotes: brackets would end a description.
std::string ZshEscaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out;
}

// What zsh offers for a value: the fixed choices, else file names.
std::string ZshAction(const ArgumentDoc& argument) {
  return argument.choices.empty() ? "_files" : "(" + Joined(argument.choices) + ")";
}

std::string ZshOptionSpec(const ArgumentDoc& option, const std::string& name) {
  std::string spec = (option.repeatable ? "*" : "") + name;
  if (!option.value_name.empty() && name.rfind("--", 0) == 0) spec += "=";
  spec += "[" + ZshEscaped(option.help) + "]";
  if (!option.value_name.empty()) {
    spec += ":" + ZshEscaped(name.substr(name.find_first_not_of('-'))) + ":" + ZshAction(option);
  }
  return "'" + spec + "'";
}

}  // namespace

std::string RenderManPage(const CLI::App& app, std::string_view version) {
  const CommandDoc top = ReadCommand(app);
  const std::vector<CommandDoc> commands = ReadSubcommands(app);
  std::ostringstream out;
  out << ".\\\" Generated by `trustlint man` from the command line's own definition; do not edit.\n"
      << ".TH TRUSTLINT 1 \"\" \"trustlint " << Troff(version) << "\" \"User Commands\"\n"
      << ".SH NAME\n"
      << "trustlint \\- " << Troff(top.help.substr(top.help.find(": ") == std::string::npos ? 0 : top.help.find(": ") + 2))
      << "\n"
      << ".SH SYNOPSIS\n"
      << ".B trustlint\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n"
      << ".SH OPTIONS\n";
  for (const ArgumentDoc& option : top.options) ManOption(option, out);
  out << ".SH COMMANDS\n";
  for (const CommandDoc& command : commands) {
    out << ".SS \"trustlint " << Troff(command.name) << "\"\n";
    out << ".B trustlint " << Troff(command.name) << "\n[\\fIOPTIONS\\fR]";
    for (const ArgumentDoc& positional : command.positionals) out << " " << ManSynopsisArgument(positional);
    out << "\n.PP\n" << Troff(command.help) << "\n";
    for (const ArgumentDoc& positional : command.positionals) {
      out << ".TP\n\\fI" << Troff(positional.value_name) << "\\fR\n" << Troff(positional.help) << "\n";
    }
    for (const ArgumentDoc& option : command.options) {
      if (!option.is_help) ManOption(option, out);
    }
  }
  out << ".SH EXIT STATUS\n"
      << ".TP\n" << kExitClean << "\nNo unsuppressed proven finding at or above \\fB\\-\\-fail\\-on\\fR.\n"
      << ".TP\n" << kExitFindings << "\nAn unsuppressed finding at or above \\fB\\-\\-fail\\-on\\fR "
      << "(possible findings count with \\fB\\-\\-fail\\-on\\-possible\\fR).\n"
      << ".TP\n" << kExitUsage << "\nA usage or configuration error.\n"
      << ".SH ENVIRONMENT\n"
      << ".TP\n.B NO_COLOR\nText output has no colour.\n"
      << ".TP\n.BR CI \", \" NO_PROGRESS\nNo progress line on standard error, even on a terminal.\n"
      << ".SH SEE ALSO\n"
      << "\\fBtrustlint explain\\fR \\fIID\\fR prints a rule's documentation; "
      << "\\fBtrustlint rules\\fR lists the rules.\n";
  return out.str();
}

std::string RenderBashCompletion(const CLI::App& app) {
  const CommandDoc top = ReadCommand(app);
  const std::vector<CommandDoc> commands = ReadSubcommands(app);
  std::vector<std::string> command_names;
  for (const CommandDoc& command : commands) command_names.push_back(command.name);
  std::ostringstream out;
  out << "# bash completion for trustlint; generated by `trustlint completion bash`, do not edit.\n"
      << "_trustlint() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" command=\"\" i\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case \"${COMP_WORDS[i]}\" in\n"
      << "      " << [&] {
           std::string alternatives;
           for (const std::string& name : command_names) alternatives += (alternatives.empty() ? "" : "|") + name;
           return alternatives;
         }()
      << ") command=\"${COMP_WORDS[i]}\"; break ;;\n"
      << "    esac\n"
      << "  done\n"
      << "  case \"$command\" in\n"
      << "    \"\") COMPREPLY=($(compgen -W " << SingleQuoted(Joined(command_names) + " " + Joined(OptionNames(top)))
      << " -- \"$cur\")) ;;\n";
  for (const CommandDoc& command : commands) {
    out << "    " << command.name << ")\n"
        << "      case \"$prev\" in\n";
    for (const ArgumentDoc& option : command.options) {
      if (option.value_name.empty()) continue;
      std::string names;
      for (const std::string& n : option.names) names += (names.empty() ? "" : "|") + n;
      out << "        " << names << ") COMPREPLY=($(compgen "
          << (option.choices.empty() ? std::string("-f") : "-W " + SingleQuoted(Joined(option.choices)))
          << " -- \"$cur\")); return ;;\n";
    }
    out << "      esac\n"
        << "      if [[ \"$cur\" == -* ]]; then\n"
        << "        COMPREPLY=($(compgen -W " << SingleQuoted(Joined(OptionNames(command))) << " -- \"$cur\"))\n";
    if (!command.positionals.empty()) {
      // The first positional's choices (`completion bash|zsh`), else file names.
      const std::vector<std::string>& choices = command.positionals.front().choices;
      out << "      else\n"
          << "        COMPREPLY=($(compgen "
          << (choices.empty() ? std::string("-f") : "-W " + SingleQuoted(Joined(choices))) << " -- \"$cur\"))\n";
    }
    out << "      fi ;;\n";
  }
  out << "  esac\n"
      << "}\n"
      << "complete -o filenames -o bashdefault -F _trustlint trustlint\n";
  return out.str();
}

std::string RenderZshCompletion(const CLI::App& app) {
  const CommandDoc top = ReadCommand(app);
  const std::vector<CommandDoc> commands = ReadSubcommands(app);
  std::ostringstream out;
  out << "#compdef trustlint\n"
      << "# zsh completion for trustlint; generated by `trustlint completion zsh`, do not edit.\n"
      << "_trustlint() {\n"
      << "  local curcontext=\"$curcontext\" state line ret=1\n"
      << "  typeset -A opt_args\n"
      << "  _arguments -C \\\n";
  for (const ArgumentDoc& option : top.options) {
    for (const std::string& name : option.names) out << "    " << ZshOptionSpec(option, name) << " \\\n";
  }
  out << "    '1: :->command' \\\n"
      << "    '*:: :->argument' && ret=0\n"
      << "  case $state in\n"
      << "    command)\n"
      << "      local -a commands\n"
      << "      commands=(\n";
  for (const CommandDoc& command : commands) {
    out << "        '" << ZshEscaped(command.name) << ":" << ZshEscaped(command.help) << "'\n";
  }
  out << "      )\n"
      << "      _describe -t commands 'trustlint command' commands && ret=0 ;;\n"
      << "    argument)\n"
      << "      case $line[1] in\n";
  for (const CommandDoc& command : commands) {
    out << "        " << command.name << ")\n"
        << "          _arguments";
    for (const ArgumentDoc& option : command.options) {
      for (const std::string& name : option.names) out << " \\\n            " << ZshOptionSpec(option, name);
    }
    for (const ArgumentDoc& positional : command.positionals) {
      out << " \\\n            '" << (positional.repeatable ? "*" : "") << ":" << ZshEscaped(positional.value_name)
          << ":" << ZshAction(positional) << "'";
    }
    out << " && ret=0 ;;\n";
  }
  out << "      esac ;;\n"
      << "  esac\n"
      << "  return ret\n"
      << "}\n"
      << "_trustlint \"$@\"\n";
  return out.str();
}

}  // namespace trustlint
