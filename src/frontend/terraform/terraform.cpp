#include "frontend/terraform/terraform.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/ascii.h"
#include "base/parallel.h"
#include "frontend/git_symlink.h"
#include "frontend/terraform/evaluator.h"
#include "frontend/terraform/hcl.h"
#include "frontend/terraform/json_syntax.h"
#include "frontend/terraform/mapping.h"
#include "frontend/terraform/module.h"
#include "frontend/terraform/reach.h"

namespace fs = std::filesystem;

namespace trustlint {
namespace {

using terraform::Block;
using terraform::BodyItems;
using terraform::Evaluator;
using terraform::Expansion;
using terraform::HclFile;
using terraform::Instance;
using terraform::ModuleDef;
using terraform::NodeRef;
using terraform::ReadBody;
using terraform::Scope;

// A syntax tree takes ~90 bytes of memory per byte of HCL it holds; a sparse reading
// (reach.h) holds only the blocks the graph can reach, but a file of IAM blocks alone
// is held whole. Real modules keep each file far below this cap, and a hostile one is
// refused (TL001) before it is read.
constexpr std::uintmax_t kMaxFileBytes = 8u << 20;

std::string NormalDir(const std::string& dir) {
  std::string d = fs::path(dir.empty() ? "." : dir).lexically_normal().string();
  while (d.size() > 1 && d.back() == '/') d.pop_back();
  return d.empty() ? "." : d;
}

std::string JoinPath(const std::string& dir, const std::string& name) {
  return dir == "." ? name : (fs::path(dir) / name).string();
}

void ForgetLocations(Value& v) {
  std::vector<Value*> todo{&v};  // iterative: a value may be as deep as kMaxValueDepth
  while (!todo.empty()) {
    Value* at = todo.back();
    todo.pop_back();
    at->loc = Location{};
    for (Value& item : at->items) todo.push_back(&item);
    for (auto& entry : at->entries) todo.push_back(&entry.second);
  }
}

std::optional<std::string> ReadBytes(const std::string& path) {
  std::error_code ec;
  if (fs::file_size(path, ec) > kMaxFileBytes || ec) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A file's text; a git symlink placeholder (git_symlink.h) reads as its target
// inside `root`, and as an empty file when its target is not there.
std::optional<std::string> ReadText(const std::string& path, const std::string& root) {
  std::optional<std::string> text = ReadBytes(path);
  if (!text || !LooksLikeGitSymlink(*text)) return text;
  const std::optional<fs::path> target = GitSymlinkTarget(path, *text, root);
  return target ? ReadBytes(target->string()) : std::string();
}

// `# trustlint:ignore TL101,TL104 -- reason` (also `//` and `/* */` comments).
std::vector<Suppression> ParseSuppression(const terraform::Comment& c, const std::string& file) {
  constexpr std::string_view kTag = "trustlint:ignore";
  size_t at = c.text.find(kTag);
  if (at == std::string::npos) return {};
  std::string rest = c.text.substr(at + kTag.size());
  if (rest.ends_with("*/")) rest.resize(rest.size() - 2);
  std::string reason;
  if (size_t dash = rest.find("--"); dash != std::string::npos) {
    reason = TrimAscii(std::string_view(rest).substr(dash + 2), " \t\r\n");
    rest.resize(dash);
  }
  std::vector<Suppression> out;
  std::string token;
  auto flush = [&]() {
    const std::string upper = UpperAscii(token);
    const bool is_id = upper.size() > 2 && upper.starts_with("TL") &&
                       upper.find_first_not_of("0123456789", 2) == std::string::npos;
    // Anything else (a rule's name, a typo) is kept as written: TL003 reports it
    // rather than the suppression vanishing without a word.
    if (!token.empty()) out.push_back(Suppression{is_id ? upper : token, reason, Location{file, c.line, c.column}});
    token.clear();
  };
  for (char ch : rest) {
    if (ch == ',' || std::isspace(static_cast<unsigned char>(ch))) {
      flush();
    } else {
      token += ch;
    }
  }
  flush();
  return out;
}

// Comments inside the block or on the lines directly above it.
std::vector<Suppression> SuppressionsOf(const Block& block) {
  const HclFile& file = *block.node.file;
  std::set<int> comment_lines;
  for (const auto& c : file.comments) comment_lines.insert(c.line);
  int first = block.loc.line;
  while (comment_lines.count(first - 1)) --first;
  std::vector<Suppression> out;
  for (const auto& c : file.comments) {
    if (c.line < first || c.line > block.end_line) continue;
    for (auto& s : ParseSuppression(c, file.path)) out.push_back(std::move(s));
  }
  return out;
}

class Loader {
 public:
  Loader(const TerraformInputs& inputs, GraphBuilder& builder) : inputs_(inputs), builder_(builder) {}

  void Run() {
    std::vector<std::string> dirs;
    for (const auto& d : inputs_.module_dirs) dirs.push_back(NormalDir(d));
    std::set<std::string> called;
    std::set<std::string> with_files;
    for (const auto& dir : dirs) {
      // One folder at a time: only its module blocks stay parsed, and only its texts are held.
      std::vector<ModuleRead> found;
      found.push_back(ListFiles(dir));
      ParseAndReport(found, Reading::kModuleCallsOnly);
      const ModuleDef* def = found.front().def.get();
      if (!def) continue;
      if (!def->files.empty()) with_files.insert(dir);
      for (const Block& call : def->module_calls) {
        auto source = SourceOf(call, dir);
        if (!source || !(source->starts_with("./") || source->starts_with("../"))) continue;
        std::string target = NormalDir(JoinPath(dir, *source));
        if (target == dir) continue;
        called.insert(target);
        local_calls_[dir].push_back(target);
      }
    }
    std::vector<std::string> root_dirs;
    for (const auto& dir : dirs) {
      if (with_files.count(dir) && !called.count(dir)) root_dirs.push_back(dir);
    }
    // SPEC 1: with more than one root module, every address names its root's folder.
    const bool qualify = root_dirs.size() > 1;
    for (const auto& dir : root_dirs) {
      LoadRoot(dir, qualify);
      TrimModules();
    }
    // A folder no unit reached (a module whose calls have count = 0 or sit in an unread
    // file, a folder whose only file is refused) is still read once in full, so that
    // its files are listed and their errors reported.
    for (const auto& dir : dirs) {
      if (!read_in_full_.count(dir)) {
        Module(dir);
        TrimModules();
      }
    }
  }

 private:
  // `dir` relative to the scanned root ("." for the root itself), as addresses show it.
  std::string FolderFromScanRoot(const std::string& dir) const {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(dir, ec);
    std::string rel = ec ? dir : canonical.lexically_relative(inputs_.scan_root).generic_string();
    return rel.empty() ? "." : rel;
  }

  void AddInput(const std::string& path, bool ok) {
    if (inputs_seen_.insert(path).second) builder_.AddInput(InputFile{path, "terraform", ok ? "ok" : "error"});
  }

  // Between units (no module pointer is held then): forgets the parsed modules once
  // their text passes the cap, so that a repository of many modules holds about one
  // unit's syntax trees at a time, not all of them. A module needed again is parsed
  // again; its diagnostics were reported the first time.
  void TrimModules() {
    if (parsed_bytes_ <= inputs_.parsed_module_cache_bytes) return;
    modules_.clear();
    parsed_bytes_ = 0;
  }

  // The module in `dir` (parsed once while cached), or null when the folder is outside the root.
  const ModuleDef* Module(const std::string& dir) {
    auto found = modules_.find(dir);
    if (found != modules_.end()) return found->second.get();
    ReadInFull({dir});
    return modules_[dir].get();
  }

  // Reads `dirs` in full into the cache (null for a folder outside the root), their
  // files parsed on `jobs` threads together; what a unit will need is read at once
  // this way, before it is evaluated.
  void ReadInFull(const std::vector<std::string>& dirs) {
    std::vector<ModuleRead> reads;
    for (const auto& dir : dirs) reads.push_back(ListFiles(dir));
    ParseAndReport(reads, Reading::kInFull);
    for (std::size_t i = 0; i < dirs.size(); ++i) {
      read_in_full_.insert(dirs[i]);
      modules_[dirs[i]] = std::move(reads[i].def);
    }
  }

  // Before a unit is evaluated: reads in full every folder it calls, transitively (as
  // the module blocks found them), that the cache does not hold.
  void ReadUnit(const std::string& root) {
    std::vector<std::string> unit{root};
    std::set<std::string> seen{root};
    for (std::size_t i = 0; i < unit.size(); ++i) {
      auto calls = local_calls_.find(unit[i]);
      if (calls == local_calls_.end()) continue;
      for (const auto& target : calls->second) {
        if (seen.insert(target).second) unit.push_back(target);
      }
    }
    std::erase_if(unit, [this](const std::string& dir) { return modules_.count(dir) > 0; });
    ReadInFull(unit);
  }

  // kModuleCallsOnly: what finding the root modules needs, each .tf file reduced to its
  // top-level module blocks before tree-sitter parses it (the whole file is parsed
  // once, when a unit reads it in full), and no error or input reported: the full
  // reading reports them. Its positions are not the files' and must not be shown.
  enum class Reading { kInFull, kModuleCallsOnly };

  // One Terraform file of a folder: read in order, parsed on any thread, reported in order.
  struct FileRead {
    std::string path;
    std::optional<std::string> refused;  // why the file is not parsed: over the size limit, unreadable
    std::string text;
    std::size_t bytes = 0;  // of the file's text
    // Its top-level blocks, each marked kept when the evaluator can reach it (a
    // sparse reading), or one block of its whole text when it is read whole.
    std::optional<std::vector<terraform::TopBlock>> blocks;
    std::unique_ptr<terraform::HclFile> file;
  };
  struct ModuleRead {
    std::unique_ptr<ModuleDef> def;  // null: the folder is outside the root
    std::vector<FileRead> files;
  };

  // The .tf and .tf.json files of `dir`, in name order, with their texts.
  ModuleRead ListFiles(const std::string& dir) {
    ModuleRead out;
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(dir, ec);
    fs::path rel = ec ? fs::path("..") : canonical.lexically_relative(inputs_.scan_root);
    if (rel.empty() || *rel.begin() == ".." || !fs::is_directory(canonical, ec)) return out;
    out.def = std::make_unique<ModuleDef>();
    out.def->dir = dir;
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      if (entry.is_regular_file(ec)) names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    for (const auto& name : names) {
      if (!name.ends_with(".tf") && !name.ends_with(".tf.json")) continue;
      FileRead& r = out.files.emplace_back();
      r.path = JoinPath(dir, name);
      std::error_code size_error;
      const std::uintmax_t size = fs::file_size(r.path, size_error);
      if (!size_error && size > kMaxFileBytes) {
        r.refused = "file is " + std::to_string(size) + " bytes, over the " + std::to_string(kMaxFileBytes) +
                    "-byte limit for Terraform";
      } else if (auto text = ReadText(r.path, inputs_.scan_root)) {
        r.text = std::move(*text);
        r.bytes = r.text.size();
      } else {
        r.refused = "cannot read the file";
      }
    }
    return out;
  }

  // Parses the files of `reads` on `jobs` threads (parsing is most of a module's
  // cost), then reports and keeps them in order, folder by folder: the graph is that
  // of one thread.
  void ParseAndReport(std::vector<ModuleRead>& reads, Reading reading) {
    const bool in_full = reading == Reading::kInFull;
    std::vector<std::pair<ModuleRead*, FileRead*>> files;
    for (ModuleRead& m : reads) {
      for (FileRead& f : m.files) files.emplace_back(&m, &f);
    }
    if (in_full && !inputs_.every_block) MarkReachable(reads, files);
    const auto parse = [&](std::size_t i) {
      FileRead& r = *files[i].second;
      if (r.refused) return;
      const auto parse_time = inputs_.limits.ParseTimeFor(r.bytes);
      if (r.path.ends_with(".tf.json")) {
        r.file = terraform::ParseJsonSyntaxFile(r.path, r.text, parse_time);
      } else if (in_full) {
        r.file = terraform::ParseTerraformFile(r.path, std::move(r.text), parse_time, r.blocks ? &*r.blocks : nullptr);
      } else {
        r.file = terraform::ParseTerraformFile(r.path, terraform::ModuleBlocksOf(r.text), parse_time);
      }
      r.text = std::string();  // the parsed file holds what it needs
      r.blocks.reset();
    };
    const auto report = [&](std::size_t i) {
      FileRead& r = *files[i].second;
      ModuleDef& def = *files[i].first->def;
      const bool first_read = in_full && !inputs_seen_.count(r.path);  // a forgotten module is read again
      if (r.refused) {
        if (first_read) builder_.AddParseError(Location{r.path, 1, 1}, *r.refused);
        if (in_full) AddInput(r.path, false);
        return;
      }
      if (in_full) parsed_bytes_ += r.bytes;
      if (r.file->error && first_read) builder_.AddParseError(r.file->error->first, r.file->error->second);
      if (in_full) AddInput(r.path, !r.file->error);
      def.files.push_back(std::move(r.file));
    };
    RunInOrder(files.size(), inputs_.jobs, parse, report);
    for (ModuleRead& m : reads) {
      if (m.def) terraform::IndexModule(*m.def);
    }
  }

  // Lays out the top-level blocks of the .tf files (on `jobs` threads), then marks
  // in each module which of them the evaluator can reach (reach.h).
  void MarkReachable(std::vector<ModuleRead>& reads, const std::vector<std::pair<ModuleRead*, FileRead*>>& files) {
    const auto lay_out = [&](std::size_t i) {
      FileRead& r = *files[i].second;
      if (r.refused) return;
      if (!r.path.ends_with(".tf.json")) r.blocks = terraform::TopBlocksOf(r.text);
      // A file read whole (JSON syntax, or text the lexer does not lay out) is one
      // kept block: what it names is reached too.
      if (!r.blocks) r.blocks = std::vector<terraform::TopBlock>{terraform::TopBlock{0, r.text.size(), {}, true}};
    };
    RunInOrder(files.size(), inputs_.jobs, lay_out, [](std::size_t) {});
    for (ModuleRead& m : reads) {
      std::vector<std::pair<std::string_view, std::vector<terraform::TopBlock>*>> laid_out;
      for (FileRead& f : m.files) {
        if (f.blocks) laid_out.emplace_back(f.text, &*f.blocks);
      }
      terraform::MarkReachable(laid_out);
    }
  }

  terraform::EvalContext Context() {
    return terraform::EvalContext{
        inputs_.scan_root, [this](const std::string& dir) { return Module(dir); }, inputs_.region, inputs_.account,
        [this](const Symbol& input, InputConstraint c) { constraints_.emplace_back(input, std::move(c)); }};
  }

  // The `source` of a module call, read before any unit is evaluated (Terraform
  // requires a literal string there).
  std::optional<std::string> SourceOf(const Block& call, const std::string& dir) {
    Budget budget(inputs_.limits);
    Evaluator evaluator(Context(), dir, budget);
    Scope none;
    try {
      return evaluator.Attribute(ReadBody(call.body), "source", none, call.loc).Literal();
    } catch (const BudgetExhausted&) {
      return std::nullopt;  // not a literal: not a local module
    }
  }

  // One unit: the root module in `dir` and every module it calls, under one budget.
  void LoadRoot(const std::string& dir, bool qualify) {
    Budget budget(inputs_.limits);
    Evaluator evaluator(Context(), dir, budget);
    terraform::ResourceMapper mapper;
    constraints_.clear();
    Instance root;
    ReadUnit(dir);
    root.def = Module(dir);
    root.root = dir;
    if (qualify) root.prefix = FolderFromScanRoot(dir) + "#";
    try {
      root.inputs = RootInputs(dir, evaluator);
      evaluator.ConfigureProviders(root);
      Expand(root, evaluator);
      Declare(root, evaluator, mapper);
    } catch (const BudgetExhausted& e) {
      // A partial graph could give wrong verdicts (a role without the policy that
      // would have widened it): the unit contributes this TL001 and its input files only.
      const Location where = e.where().Known() ? e.where() : Location{root.def->files.front()->path, 1, 1};
      builder_.AddParseError(where, std::string(e.what()) + "; the root module " + dir + " is not analysed");
      return;
    }
    for (auto& [input, constraint] : constraints_) builder_.ConstrainInput(input, std::move(constraint));
    mapper.Flush(builder_);
  }

  void ReadVarFile(const std::string& path, Evaluator& evaluator, std::map<std::string, Value>& out) {
    auto text = ReadText(path, inputs_.scan_root);
    if (!text) return;
    const auto parse_time = inputs_.limits.ParseTimeFor(text->size());
    auto file = terraform::ParseHcl(path, std::move(*text), 0, parse_time);
    if (file->error) builder_.AddParseError(file->error->first, file->error->second);
    AddInput(path, !file->error);
    Scope none;
    for (const auto& [name, expr] : terraform::ReadFileBody(*file).attributes) out[name] = evaluator.Eval(expr, none);
    var_files_.push_back(std::move(file));
  }

  // terraform.tfvars, *.auto.tfvars, --var-file, --var: later ones win.
  std::map<std::string, Value> RootInputs(const std::string& dir, Evaluator& evaluator) {
    std::map<std::string, Value> out;
    std::error_code ec;
    if (fs::is_regular_file(JoinPath(dir, "terraform.tfvars"), ec)) {
      ReadVarFile(JoinPath(dir, "terraform.tfvars"), evaluator, out);
    }
    std::vector<std::string> autos;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      std::string name = entry.path().filename().string();
      if (name.ends_with(".auto.tfvars") && entry.is_regular_file(ec)) autos.push_back(JoinPath(dir, name));
    }
    std::sort(autos.begin(), autos.end());
    for (const auto& a : autos) ReadVarFile(a, evaluator, out);
    for (const auto& f : inputs_.var_files) ReadVarFile(f, evaluator, out);
    for (const auto& [name, text] : inputs_.vars) {
      auto file = terraform::ParseHcl("--var " + name, "v = " + text + "\n", 0, inputs_.limits.ParseTimeFor(text.size()));
      const terraform::BodyItems body = file->error ? terraform::BodyItems{} : terraform::ReadFileBody(*file);
      const NodeRef* expr = body.Attribute("v");  // points into `body`
      std::vector<TSNode> terms = expr ? terraform::NamedChildren(expr->node) : std::vector<TSNode>{};
      bool bare_word = terms.size() == 1 && terraform::Is(terms[0], "variable_expr");
      Scope none;
      out[name] = expr && !bare_word ? evaluator.Eval(*expr, none) : Value::String(text);
      // A command-line value has no line of its own: findings then point at the .tf attribute.
      ForgetLocations(out[name]);
      var_files_.push_back(std::move(file));
    }
    return out;
  }

  // Every instance of the unit, before any is mapped: a unit with too many instances
  // runs out of its budget here, cheaply (the expansions are memoised for Declare).
  void Expand(Instance& inst, Evaluator& evaluator) {
    for (const Block& block : inst.def->resources) {
      if (terraform::IsMappedType(block.labels[0])) evaluator.Expand(inst, block);
    }
    for (const Block& call : inst.def->module_calls) {
      for (auto& child : evaluator.ModuleChildren(inst, call)) {
        if (child.instance) Expand(*child.instance, evaluator);
      }
    }
  }

  void Declare(Instance& inst, Evaluator& evaluator, terraform::ResourceMapper& mapper) {
    for (const Block& block : inst.def->resources) {
      if (!terraform::IsMappedType(block.labels[0])) continue;
      for (const Expansion& e : evaluator.Expand(inst, block)) DeclareResource(inst, block, e, evaluator, mapper);
    }
    for (const Block& call : inst.def->module_calls) {
      for (auto& child : evaluator.ModuleChildren(inst, call)) {
        if (child.instance) Declare(*child.instance, evaluator, mapper);
      }
    }
  }

  // A resource's attributes as the HCL front end evaluates them.
  class HclAttributes : public terraform::ResourceAttributes {
   public:
    HclAttributes(Evaluator& evaluator, const Block& block, BodyItems body, Scope scope, std::string address)
        : evaluator_(evaluator), block_(block), body_(std::move(body)), scope_(std::move(scope)),
          address_(std::move(address)) {}

    Value Get(std::string_view name) override {
      Value v = evaluator_.Attribute(body_, name, scope_, block_.loc);
      terraform::SetPaths(v, address_ + "/" + std::string(name));
      return v;
    }
    Value Policy(std::string_view name) override { return Evaluator::PolicyValue(Get(name)); }
    std::vector<InlinePolicy> InlinePolicies(const std::string& owner) override {
      std::vector<InlinePolicy> out;
      for (const auto& use : evaluator_.BlocksOf(body_, "inline_policy", scope_)) {
        BodyItems p = ReadBody(use.body);
        InlinePolicy ip;
        ip.name = evaluator_.Attribute(p, "name", use.scope, use.loc).Literal().value_or("");
        ip.owner = owner;
        ip.document = Evaluator::PolicyValue(evaluator_.Attribute(p, "policy", use.scope, use.loc));
        terraform::SetPaths(ip.document, owner + "/inline_policy/" + ip.name);
        ip.loc = use.loc;
        out.push_back(std::move(ip));
      }
      return out;
    }
    std::vector<RoleMapping> RoleMappings() override {
      std::vector<RoleMapping> out;
      for (const auto& use : evaluator_.BlocksOf(body_, "role_mapping", scope_)) {
        BodyItems m = ReadBody(use.body);
        RoleMapping mapping;
        mapping.identity_provider = evaluator_.Attribute(m, "identity_provider", use.scope, use.loc);
        mapping.type = evaluator_.Attribute(m, "type", use.scope, use.loc);
        mapping.ambiguous_role_resolution = evaluator_.Attribute(m, "ambiguous_role_resolution", use.scope, use.loc);
        for (const auto& rule : evaluator_.BlocksOf(m, "mapping_rule", use.scope)) {
          mapping.roles.push_back(evaluator_.Attribute(ReadBody(rule.body), "role_arn", rule.scope, rule.loc));
        }
        mapping.loc = use.loc;
        out.push_back(std::move(mapping));
      }
      return out;
    }

   private:
    Evaluator& evaluator_;
    const Block& block_;
    const BodyItems body_;  // attribute NodeRefs point into it
    Scope scope_;
    std::string address_;
  };

  void DeclareResource(Instance& inst, const Block& block, const Expansion& e, Evaluator& evaluator,
                       terraform::ResourceMapper& mapper) {
    BodyItems body = ReadBody(block.body);
    Node node;
    node.address = inst.prefix + block.labels[0] + "." + block.labels[1] + e.suffix;
    node.key = inst.root + "#" + node.address;
    node.type = block.labels[0];
    node.loc = block.loc;
    node.end_line = block.end_line;
    node.path = node.address;
    node.suppressions = SuppressionsOf(block);
    terraform::ProviderConfig provider = evaluator.ProviderFor(inst, body);
    node.account = provider.account;
    node.region = provider.region;
    HclAttributes attrs(evaluator, block, std::move(body), Scope{&inst, &e, {}}, node.address);
    mapper.Map(node, provider, attrs, inst.root, inst.conditional || e.conditional);
  }

  const TerraformInputs& inputs_;
  GraphBuilder& builder_;
  std::map<std::string, std::unique_ptr<ModuleDef>> modules_;
  std::size_t parsed_bytes_ = 0;  // text of the modules in modules_
  std::set<std::string> read_in_full_;  // folders Module() has read (and reported) at least once
  std::map<std::string, std::vector<std::string>> local_calls_;  // folder -> folders its module blocks call
  std::vector<std::unique_ptr<HclFile>> var_files_;
  std::set<std::string> inputs_seen_;
  // What the unit being loaded says of its unresolved inputs: declared with its nodes.
  std::vector<std::pair<Symbol, InputConstraint>> constraints_;
};

}  // namespace

void LoadTerraform(const TerraformInputs& inputs, GraphBuilder& builder) {
  Loader loader(inputs, builder);
  loader.Run();
}

}  // namespace trustlint
