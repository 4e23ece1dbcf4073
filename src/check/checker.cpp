#include "check/checker.h"

#include <algorithm>
#include <deque>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

// malloc_trim is glibc's, and only for glibc's own allocator: a sanitizer's
// allocator replaces it, and glibc's arenas, touched then, abort at thread exit.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define TRUSTLINT_GLIBC_MALLOC 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) || __has_feature(thread_sanitizer)
#define TRUSTLINT_GLIBC_MALLOC 0
#endif
#endif
#if !defined(TRUSTLINT_GLIBC_MALLOC) && defined(__GLIBC__)
#define TRUSTLINT_GLIBC_MALLOC 1
#elif !defined(TRUSTLINT_GLIBC_MALLOC)
#define TRUSTLINT_GLIBC_MALLOC 0
#endif
#if TRUSTLINT_GLIBC_MALLOC
#include <malloc.h>
#endif

#include "base/ascii.h"

#include "check/baseline.h"
#include "check/context.h"
#include "check/suppression.h"
#include "check/rule.h"

namespace trustlint {
namespace {

bool RuleEnabled(const std::string& id, const CheckOptions& options) {
  if (options.disabled_rules.count(id)) return false;
  return options.enabled_only.empty() || options.enabled_only.count(id) > 0;
}

// Suppressions by node address, gathered once from every node of the graph.
class Suppressions {
 public:
  explicit Suppressions(const Graph& graph) {
    Add(graph.pools);
    Add(graph.attachments);
    Add(graph.roles);
    Add(graph.policies);
  }

  // Marks `f` suppressed when its resource carries a reasoned suppression of its
  // rule. A reasonless one does not count: TL002 reports it instead.
  void Apply(Finding& f) const {
    auto it = by_address_.find(f.resource);
    if (it == by_address_.end()) return;
    for (const Suppression* s : it->second) {
      if (EqualsIgnoreCaseAscii(s->rule, f.rule) && HasReason(*s)) {
        f.suppressed = true;
        f.suppression_reason = s->reason;
        return;
      }
    }
  }

 private:
  template <typename T>
  void Add(const std::vector<T>& nodes) {
    for (const T& n : nodes) {
      for (const Suppression& s : n.suppressions) by_address_[n.address].push_back(&s);
    }
  }

  std::map<std::string, std::vector<const Suppression*>> by_address_;
};

// The address a fingerprint hashes for each qualified address (SPEC 8: without
// the `<template path>#` that only disambiguates this scan's output).
std::map<std::string, std::string> UnqualifiedAddresses(const Graph& graph) {
  std::map<std::string, std::string> out;
  auto add = [&out](const auto& nodes) {
    for (const auto& n : nodes) {
      if (!n.unqualified_address.empty()) out[n.address] = n.unqualified_address;
    }
  };
  add(graph.pools), add(graph.attachments), add(graph.roles), add(graph.policies);
  return out;
}

void SetFingerprint(Finding& f, std::string resource, const CheckOptions& options) {
  f.fingerprint_resource = std::move(resource);
  f.fingerprint_file = options.fingerprint_file ? options.fingerprint_file(f.loc.file) : f.loc.file;
  f.fingerprint = Fingerprint(f.rule, f.fingerprint_resource, f.fingerprint_file);
}

void FillFingerprint(Finding& f, const std::map<std::string, std::string>& unqualified, const CheckOptions& options) {
  const auto it = unqualified.find(f.resource);
  SetFingerprint(f, it == unqualified.end() ? f.resource : it->second, options);
}

// What the enabled rules find on the graph, reviewed (TL003), with configured
// severities and suppressions applied; neither fingerprinted nor sorted.
std::vector<Finding> Collect(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options,
                             unsigned jobs, SharedTrustAnswers* shared = nullptr) {
  AnalysisContext ctx(graph, shared);
  ctx.AnswerPoolQuestions(jobs);
  const Suppressions suppressions(graph);
  std::vector<Finding> found;
  std::set<std::string> ran;
  for (const Rule* rule : rules) {
    if (!RuleEnabled(rule->Info().id, options)) continue;
    ran.insert(rule->Info().id);
    rule->Check(ctx, found);
  }
  // Rules that judge the others' findings (TL003) run once those are all in.
  std::vector<Finding> reviewed;
  const FindingsReview review{graph, found, ran};
  for (const Rule* rule : rules) {
    if (ran.count(rule->Info().id)) rule->Review(review, reviewed);
  }
  const size_t checked = found.size();
  found.insert(found.end(), std::make_move_iterator(reviewed.begin()), std::make_move_iterator(reviewed.end()));
  for (size_t i = 0; i < found.size(); ++i) {
    Finding& f = found[i];
    if (auto it = options.severity_overrides.find(f.rule); it != options.severity_overrides.end()) {
      f.severity = it->second;
    }
    if (i < checked) suppressions.Apply(f);
  }
  return found;
}

// A file analyzed on its own writes each node's address as a placeholder, the
// node's key between two bytes no UTF-8 text holds (StandsAlone refuses keys with
// them): once the whole scan has linked, the placeholder becomes the address.
constexpr char kPlaceholderOpen = '\xff';
constexpr char kPlaceholderClose = '\xfe';

// An analysis frees what its solvers made (a Z3 context is some 20 MB): with
// several workers, each in its own malloc arena, those pages would otherwise stay
// resident between files.
void ReturnFreedMemory() {
#if TRUSTLINT_GLIBC_MALLOC
  malloc_trim(0);
#endif
}

template <typename T>
void WritePlaceholders(std::vector<T>& nodes) {
  for (T& n : nodes) {
    n.address = kPlaceholderOpen + n.key + kPlaceholderClose;
    n.unqualified_address.clear();
  }
}

struct AloneFindings : FileAnalysis {
  std::vector<Finding> findings;  // addresses are placeholders
};

// The nodes of the files checked on their own, by key: what their placeholders name.
class OutlineByKey {
 public:
  explicit OutlineByKey(const std::deque<OutlineNode>& outline) {
    nodes_.reserve(outline.size());
    for (const OutlineNode& n : outline) nodes_.push_back(&n);
    std::sort(nodes_.begin(), nodes_.end(), [](const OutlineNode* a, const OutlineNode* b) { return a->key < b->key; });
  }

  const OutlineNode* Find(std::string_view key) const {
    auto it = std::lower_bound(nodes_.begin(), nodes_.end(), key,
                               [](const OutlineNode* n, std::string_view k) { return n->key < k; });
    return it != nodes_.end() && (*it)->key == key ? *it : nullptr;
  }

 private:
  std::vector<const OutlineNode*> nodes_;
};

// Every placeholder in `text` becomes its node's address in the whole scan.
void ResolvePlaceholders(std::string& text, const OutlineByKey& nodes) {
  size_t open = text.find(kPlaceholderOpen);
  if (open == std::string::npos) return;
  std::string out;
  size_t from = 0;
  while (open != std::string::npos) {
    const size_t close = text.find(kPlaceholderClose, open + 1);
    if (close == std::string::npos) break;
    const std::string_view key(text.data() + open + 1, close - open - 1);
    const OutlineNode* node = nodes.Find(key);
    out.append(text, from, open - from);
    out.append(node == nullptr ? key : std::string_view(node->address));
    from = close + 1;
    open = text.find(kPlaceholderOpen, from);
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
}

// What the finding's fingerprint hashes for its resource: a node's address as
// declared when the resource is one (FillFingerprint's unqualified address).
std::string FingerprintResource(const std::string& resource, const OutlineByKey& nodes) {
  const bool one_placeholder = resource.size() > 2 && resource.front() == kPlaceholderOpen &&
                               resource.back() == kPlaceholderClose &&
                               resource.find(kPlaceholderOpen, 1) == std::string::npos;
  if (one_placeholder) {
    if (const OutlineNode* node = nodes.Find(std::string_view(resource).substr(1, resource.size() - 2))) {
      return node->unqualified_address.empty() ? node->address : node->unqualified_address;
    }
  }
  std::string resolved = resource;
  ResolvePlaceholders(resolved, nodes);
  return resolved;
}

// A finding of a file checked on its own, as the whole graph's check would give it.
void ResolvePlaceholders(Finding& f, const OutlineByKey& nodes, const CheckOptions& options) {
  SetFingerprint(f, FingerprintResource(f.resource, nodes), options);
  ResolvePlaceholders(f.resource, nodes);
  ResolvePlaceholders(f.message, nodes);
  ResolvePlaceholders(f.possible_because, nodes);
  for (WitnessField& w : f.witness) {
    for (std::string& v : w.values) ResolvePlaceholders(v, nodes);
  }
  for (Related& r : f.related) ResolvePlaceholders(r.message, nodes);
}

}  // namespace

AloneChecker::AloneChecker(std::vector<const Rule*> rules, const CheckOptions& options, bool with_drawing)
    : rules_(std::move(rules)), options_(options), with_drawing_(with_drawing),
      answers_(std::make_unique<SharedTrustAnswers>()) {}
AloneChecker::~AloneChecker() = default;

std::unique_ptr<FileAnalysis> AloneChecker::Analyze(GraphBuilder& part) {
  if (!part.StandsAlone()) return nullptr;
  Graph graph = part.Link();
  auto out = std::make_unique<AloneFindings>();
  out->inputs = graph.inputs;
  out->outline = OutlineOf(graph, with_drawing_);
  out->unresolved = std::move(graph.unresolved);
  WritePlaceholders(graph.pools), WritePlaceholders(graph.attachments), WritePlaceholders(graph.roles),
      WritePlaceholders(graph.policies);
  out->findings = Collect(graph, rules_, options_, 1, answers_.get());
  ReturnFreedMemory();
  return out;
}

CheckResult RunChecks(const Graph& graph, const std::vector<const Rule*>& rules, const CheckOptions& options,
                      std::vector<std::unique_ptr<FileAnalysis>> alone) {
  std::vector<Finding> found = Collect(graph, rules, options, options.jobs);
  const auto unqualified = UnqualifiedAddresses(graph);
  for (Finding& f : found) FillFingerprint(f, unqualified, options);
  if (!alone.empty()) {
    const OutlineByKey nodes(graph.outline);
    for (auto& analysis : alone) {
      for (Finding& f : dynamic_cast<AloneFindings&>(*analysis).findings) {
        ResolvePlaceholders(f, nodes, options);
        found.push_back(std::move(f));
      }
      analysis.reset();
    }
  }
  CheckResult result;
  result.findings = std::move(found);
  std::stable_sort(result.findings.begin(), result.findings.end(), FindingLess);
  ApplyBaseline(options.baseline, &result);
  return result;
}

}  // namespace trustlint
