// The file walker (SPEC 1): finds the inputs under each scanned path, in sorted
// order, and hands each to its front end.
#include "frontend/scan.h"

#include <fnmatch.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "base/ascii.h"
#include "base/json_text.h"
#include "base/parallel.h"
#include "frontend/cloudformation/loader.h"
#include "frontend/plan/plan.h"
#include "frontend/terraform/terraform.h"

namespace trustlint {
namespace {

namespace fs = std::filesystem;

// `suffix` is lower case: "x.YAML" is a YAML file too.
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && EqualsIgnoreCaseAscii(s.substr(s.size() - suffix.size()), suffix);
}

bool IsSkippedDirName(const std::string& name) {
  return name == ".git" || name == ".terraform" || name == "node_modules";
}

// Terraform is read a module (folder) at a time, after the walk: a file of
// HCL or Terraform JSON syntax only marks its folder.
bool IsTerraformFile(std::string_view name) { return EndsWith(name, ".tf") || EndsWith(name, ".tf.json"); }

bool HasCloudFormationExtension(std::string_view name) {
  if (EndsWith(name, ".tf.json")) return false;  // Terraform JSON syntax
  return EndsWith(name, ".yaml") || EndsWith(name, ".yml") || EndsWith(name, ".json") || EndsWith(name, ".template");
}

// The path as the user expects to see it: relative to the current directory
// when that is shorter to read, else as given.
std::string DisplayPath(const fs::path& p) {
  std::error_code ec;
  fs::path cwd = fs::current_path(ec);
  if (ec) return p.lexically_normal().generic_string();
  fs::path abs = fs::absolute(p, ec);
  if (ec) return p.lexically_normal().generic_string();
  fs::path rel = abs.lexically_normal().lexically_relative(cwd);
  if (rel.empty()) return p.lexically_normal().generic_string();
  return rel.generic_string();
}

// How many input files the walks will reach, for the progress line only: a quick
// walk by name that follows no symlink and ignores skip globs, so it may differ a
// little from what Walker reads.
std::size_t EstimateInputFiles(const std::vector<std::string>& paths) {
  std::size_t count = 0;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
      ++count;
      continue;
    }
    fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_directory(ec) && IsSkippedDirName(name)) {
        it.disable_recursion_pending();
      } else if (IsTerraformFile(name) || HasCloudFormationExtension(name)) {
        ++count;
      }
    }
  }
  return count;
}

// Counts the files the walks reach and tells ScanOptions::progress.
struct ProgressCounter {
  const std::function<void(std::size_t, std::size_t)>& report;
  std::size_t total;
  std::size_t done = 0;
  void FileReached() {
    ++done;
    report(done, std::max(done, total));
  }
};

// What every walk of one scan shares, so that a file or module reached from several
// given paths (`check ex ex/t.yaml`, `check . ex`) is read once (SPEC 7).
struct ScanOnce {
  std::set<fs::path> files;            // canonical paths of the files read
  std::set<fs::path> terraform_dirs;  // canonical folders of the modules read
};

// The system's reason for a failure, as `ls` or `cat` would print it.
std::string Reason(const std::error_code& ec) { return ec.message(); }

// Whether a file of this name would be read as input: an entry of that name that
// cannot be resolved is reported; other names (a dangling README link) are not ours.
bool IsInputName(std::string_view name) { return IsTerraformFile(name) || HasCloudFormationExtension(name); }

// A template or plan file the walk found: read and loaded after the walk, on a
// worker thread when there are several jobs.
struct FileTask {
  fs::path file;
  std::string display;
  std::string name;
  std::string kind;
};

// One step of a walk, in walk order: a file to load, or what the walk itself
// reported (an unreadable folder). Each step collects into its own builder, merged
// into the scan's in step order, so the graph does not depend on thread timing.
struct WalkStep {
  std::optional<FileTask> task;
  // Made when the step first declares something: a walk of many files holds a
  // step per file, and most steps' declarations are still to come.
  std::unique_ptr<GraphBuilder> part;
  GraphBuilder& Part() {
    if (!part) part = std::make_unique<GraphBuilder>();
    return *part;
  }
  std::unique_ptr<FileAnalysis> alone;  // the file taken on its own (ScanOptions::analyze_alone)
};

// A file analyzed on its own, and how to read it again should it need the graph.
struct AloneFile {
  FileTask task;
  std::unique_ptr<FileAnalysis> analysis;
};

std::string InputKind(const std::string& name) {
  if (IsTerraformFile(name)) return "terraform";
  return cfn::IsServerlessFileName(name) ? "serverless" : "cloudformation";
}

void ReportUnreadable(const std::string& display, const std::string& kind, const std::error_code& ec,
                      GraphBuilder& builder) {
  builder.AddParseError(Location{display, 1, 1}, "cannot read " + display + ": " + Reason(ec));
  builder.AddInput({display, kind, "error"});
}

// What every template of the scan takes from the command line and configuration.
cfn::TemplateInputs TemplateInputsOf(const ScanOptions& options) {
  cfn::TemplateInputs inputs;
  inputs.parameters.insert(options.parameters.begin(), options.parameters.end());
  inputs.region = options.region;
  inputs.account = options.account;
  return inputs;
}

// Reads one template or plan into `builder`. Runs on a worker thread: it touches
// nothing but its arguments, and its text and syntax tree are freed on return, so
// the scan holds at most one file per job, never the repository.
void LoadFile(const FileTask& task, const ScanOptions& options, const cfn::TemplateInputs& template_inputs,
              GraphBuilder& builder) {
  const std::string& display = task.display;
  const std::string& kind = task.kind;
  std::error_code ec;
  std::uintmax_t size = fs::file_size(task.file, ec);
  if (ec) return ReportUnreadable(display, kind, ec, builder);
  if (size > options.max_file_bytes) {
    // Checked before reading: a huge file is refused, never loaded.
    builder.AddParseError(Location{display, 1, 1}, "file is " + std::to_string(size) + " bytes, over the " +
                                                       std::to_string(options.max_file_bytes) + "-byte limit");
    builder.AddInput({display, kind, "error"});
    return;
  }
  std::ifstream in(task.file, std::ios::binary);
  std::ostringstream read;
  read << in.rdbuf();
  if (!in) {
    const std::error_code why(errno, std::generic_category());  // what the failed open left
    return ReportUnreadable(display, kind, why, builder);
  }
  const std::string text = std::move(read).str();
  // `terraform show -json` output is a .json file too: recognised before the
  // CloudFormation front end can take it for a template.
  if (EndsWith(task.name, ".json") && plan::LooksLikePlan(text)) {
    plan::LoadPlan(display, text, builder, options.region, options.account);
    return;
  }
  // A .json template is JSON, which has no anchors, aliases or tags: one found is
  // an error before the YAML reader could expand it (nesting is the loader's check).
  if (EndsWith(task.name, ".json")) {
    if (auto problem = CheckJsonText(text, Location{display, 1, 1}, std::numeric_limits<int>::max())) {
      builder.AddParseError(problem->where, "cannot parse " + kind + " template: " + problem->message);
      builder.AddInput({display, kind, "error"});
      return;
    }
  }
  cfn::LoadCloudFormation(display, text, builder, template_inputs);
}

// Loads the files of one walk on `options.jobs` threads and merges every step
// into `builder` in walk order, each as soon as it and those before it are done.
void LoadSteps(std::vector<WalkStep>& steps, const ScanOptions& options, const cfn::TemplateInputs& template_inputs,
               ProgressCounter* progress, GraphBuilder& builder, std::vector<AloneFile>& alone) {
  RunInOrder(
      steps.size(), options.jobs,
      [&](std::size_t i) {
        if (!steps[i].task) return;
        GraphBuilder& part = steps[i].Part();
        LoadFile(*steps[i].task, options, template_inputs, part);
        if (options.analyze_alone) steps[i].alone = options.analyze_alone(part);
      },
      [&](std::size_t i) {
        if (steps[i].alone) {
          alone.push_back({*steps[i].task, std::move(steps[i].alone)});
        } else if (steps[i].part) {
          builder.Merge(std::move(*steps[i].part));
        }
        if (steps[i].task && progress != nullptr) progress->FileReached();
        steps[i] = WalkStep{};  // its declarations now live in `builder`
      });
}

// The files taken on their own stay so (their outlines join `builder`, their
// analyses `alone`) unless a reference one left unresolved names something the
// graph offers: such a file is read again into the graph, as if never taken.
void KeepAlone(std::vector<AloneFile>& taken, const ScanOptions& options, const cfn::TemplateInputs& template_inputs,
               GraphBuilder& builder, std::vector<std::unique_ptr<FileAnalysis>>* alone) {
  if (taken.empty()) return;
  const LinkNames offered = builder.Offers();
  auto answered = [&offered](const LinkNames& asked) {
    return std::any_of(asked.begin(), asked.end(), [&offered](std::uint64_t name) {
      return std::binary_search(offered.begin(), offered.end(), name);
    });
  };
  for (AloneFile& file : taken) {
    if (answered(file.analysis->unresolved)) {
      GraphBuilder part;
      LoadFile(file.task, options, template_inputs, part);
      builder.Merge(std::move(part));
      continue;
    }
    builder.AddOutline(std::move(file.analysis->inputs), std::move(file.analysis->outline));
    alone->push_back(std::move(file.analysis));
  }
}

class Walker {
 public:
  Walker(const ScanOptions& options, std::vector<WalkStep>& steps, ScanOnce& once, ProgressCounter* progress)
      : options_(options), steps_(steps), once_(once), progress_(progress) {}

  void Scan(const std::string& given) {
    fs::path start(given);
    std::error_code ec;
    fs::file_status status = fs::status(start, ec);
    if (ec || !fs::exists(status)) {
      Here().AddParseError(Location{given, 1, 1}, "cannot read " + given + ": no such file or directory");
      return;
    }
    if (fs::is_regular_file(status)) {
      root_ = fs::weakly_canonical(start, ec).parent_path();
      File(start);
      return;
    }
    root_ = fs::canonical(start, ec);
    if (ec) {
      Unreadable(start, "folder", ec);
      return;
    }
    start_ = start;
    visited_.insert(root_);
    Directory(start);
  }

  // What the walk found for the Terraform front end.
  TerraformInputs TerraformModules() const {
    TerraformInputs inputs;
    inputs.scan_root = root_.string();
    inputs.module_dirs.assign(terraform_dirs_.begin(), terraform_dirs_.end());
    return inputs;
  }

 private:
  // The builder of what the walk itself reports at this point of the walk.
  GraphBuilder& Here() {
    if (steps_.empty() || steps_.back().task) steps_.emplace_back();
    return steps_.back().Part();
  }

  // True when `canonical` lies inside the scanned root.
  bool InsideRoot(const fs::path& canonical) const {
    auto [root_end, unused] = std::mismatch(root_.begin(), root_.end(), canonical.begin(), canonical.end());
    return root_end == root_.end();
  }

  // Globs match the path as written, not a link's target: a relative glob the path
  // under the scanned root, an absolute one (a configuration's, anchored at its
  // folder) the absolute path.
  bool SkippedByConfig(const fs::path& entry) const {
    if (options_.skip_paths.empty()) return false;
    std::string rel = entry.lexically_normal().lexically_relative(start_.lexically_normal()).generic_string();
    std::error_code ec;
    std::string abs = fs::absolute(entry, ec).lexically_normal().generic_string();
    return std::any_of(options_.skip_paths.begin(), options_.skip_paths.end(), [&](const std::string& glob) {
      const std::string& path = !glob.empty() && glob.front() == '/' ? abs : rel;
      return fnmatch(glob.c_str(), path.c_str(), 0) == 0;
    });
  }

  // A file or folder the scan cannot read is TL001 with the system's reason
  // (SPEC 7), and counts as an input: it never silently leaves the count.
  void Unreadable(const fs::path& path, const std::string& kind, const std::error_code& ec) {
    ReportUnreadable(DisplayPath(path), kind, ec, Here());
  }

  void Directory(const fs::path& dir) {
    std::error_code ec;
    std::vector<fs::path> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(it->path());
    if (ec) {
      Unreadable(dir, "folder", ec);
      return;
    }
    std::sort(entries.begin(), entries.end());
    for (const auto& entry : entries) Entry(entry);
  }

  void Entry(const fs::path& entry) {
    std::error_code ec;
    fs::file_status link = fs::symlink_status(entry, ec);
    if (ec) return;
    fs::path canonical = fs::canonical(entry, ec);  // resolves symlinks; fails on loops
    if (ec) {
      const std::string name = entry.filename().string();
      if (IsInputName(name) && !SkippedByConfig(entry)) Unreadable(entry, InputKind(name), ec);
      return;
    }
    if (fs::is_symlink(link) && !InsideRoot(canonical)) return;  // SPEC 1: never leave the root
    if (SkippedByConfig(entry)) return;
    fs::file_status status = fs::status(entry, ec);
    if (ec) return;
    if (fs::is_directory(status)) {
      if (IsSkippedDirName(entry.filename().string())) return;
      if (!visited_.insert(canonical).second) return;  // symlink loops and aliases
      Directory(entry);
    } else if (fs::is_regular_file(status)) {
      File(entry);
    }
  }

  void File(const fs::path& file) {
    std::string name = file.filename().string();
    std::error_code ec;
    if (IsTerraformFile(name)) {
      if (progress_ != nullptr) progress_->FileReached();
      const fs::path folder = file.parent_path().empty() ? fs::path(".") : file.parent_path();
      const fs::path canonical = fs::weakly_canonical(folder, ec);
      if (!ec && !once_.terraform_dirs.insert(canonical).second && !terraform_dirs_here_.count(canonical)) return;
      terraform_dirs_here_.insert(canonical);
      std::string dir = DisplayPath(folder);
      terraform_dirs_.insert(dir.empty() ? "." : dir);
      return;
    }
    if (!HasCloudFormationExtension(name)) {
      if (progress_ != nullptr && IsInputName(name)) progress_->FileReached();
      return;
    }
    if (const fs::path canonical = fs::weakly_canonical(file, ec); !ec && !once_.files.insert(canonical).second) {
      if (progress_ != nullptr) progress_->FileReached();
      return;
    }
    const std::string kind = InputKind(name);
    steps_.push_back(WalkStep{FileTask{file, DisplayPath(file), std::move(name), kind}, {}});
  }

  const ScanOptions& options_;
  std::vector<WalkStep>& steps_;
  ScanOnce& once_;
  std::set<fs::path> terraform_dirs_here_;  // canonical folders this walk found
  ProgressCounter* progress_;  // nullptr: nobody asked
  fs::path root_;   // canonical; symlinks may not leave it
  fs::path start_;  // the folder as given; skip globs are relative to it
  std::set<fs::path> visited_;
  std::set<std::string> terraform_dirs_;
};

}  // namespace

Graph ScanPaths(const ScanOptions& given, std::vector<std::unique_ptr<FileAnalysis>>* alone) {
  ScanOptions options = given;
  if (alone == nullptr) options.analyze_alone = nullptr;  // nowhere to put the analyses: every file joins the graph
  GraphBuilder builder;
  for (const auto& [name, value] : options.imports) builder.AddCommandLineImport(name, value);
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) paths.push_back(".");
  std::optional<ProgressCounter> progress;
  if (options.progress) progress.emplace(ProgressCounter{options.progress, EstimateInputFiles(paths)});
  ScanOnce once;
  const cfn::TemplateInputs template_inputs = TemplateInputsOf(options);
  std::vector<AloneFile> taken;
  for (const auto& path : paths) {
    std::vector<WalkStep> steps;
    Walker walker(options, steps, once, progress ? &*progress : nullptr);
    walker.Scan(path);
    LoadSteps(steps, options, template_inputs, progress ? &*progress : nullptr, builder, taken);
    TerraformInputs terraform = walker.TerraformModules();
    terraform.var_files = options.var_files;
    terraform.vars = options.vars;
    terraform.region = options.region;
    terraform.account = options.account;
    terraform.jobs = options.jobs;
    terraform.every_block = options.terraform_every_block;
    if (!terraform.module_dirs.empty()) LoadTerraform(terraform, builder);
  }
  KeepAlone(taken, options, template_inputs, builder, alone);
  return builder.Link();
}

}  // namespace trustlint
