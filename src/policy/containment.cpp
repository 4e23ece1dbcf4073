#include "policy/containment.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include <z3++.h>

#include "base/ascii.h"
#include "policy/operators.h"
#include "policy/z3_strings.h"

namespace trustlint {
namespace {

// Questions per Z3 context before it is replaced: a long-lived context keeps
// every expression it ever built.
constexpr long kQueriesPerContext = 512;
// Work per solver call in Z3's deterministic resource units (the same answer on any
// machine and load); a class that needs more is unsettled. There is no wall-clock
// timeout: Z3 runs a timer thread for every timed check, and it would make answers
// depend on load.
constexpr unsigned kSolverResourceLimit = 4'000'000;
// Models tried per class before it is unsettled: a model whose free condition
// atoms no concrete context can realise is blocked and the solver asked again.
constexpr int kModelRounds = 4;
// Shared-context combinations tried per candidate witness.
constexpr std::size_t kMaxContexts = 256;
// Condition values tried per free context key (besides "absent").
constexpr std::size_t kValuesPerKey = 4;

// One statement of either side, where it sits.
struct Placed {
  const Statement* statement = nullptr;
  int side = 0;  // 0: A, 1: B
  std::size_t layer = 0;
};

std::vector<Placed> PlaceStatements(const PermissionSide& a, const PermissionSide& b) {
  std::vector<Placed> out;
  const PermissionSide* sides[] = {&a, &b};
  for (int side = 0; side < 2; ++side) {
    for (std::size_t layer = 0; layer < sides[side]->layers.size(); ++layer) {
      for (const PolicyDocument* doc : sides[side]->layers[layer]) {
        if (doc == nullptr) continue;
        for (const Statement& s : doc->statements) out.push_back({&s, side, layer});
      }
    }
  }
  return out;
}

}  // namespace

bool ActionNamed(const Statement& s, std::string_view action) {
  const bool any = std::any_of(s.actions.begin(), s.actions.end(),
                               [&](const PolicyString& p) { return GlobMatch(p.text, action, true); });
  return s.not_action ? !any : any;
}

namespace {

// Actions every statement treats alike, in the order the candidates come.
struct ActionClass {
  std::vector<bool> named;  // per placed statement: does its Action/NotAction cover the class?
  std::vector<const ActionInfo*> actions;
};

std::vector<ActionClass> Partition(const std::vector<Placed>& placed, const std::vector<const ActionInfo*>& actions) {
  std::vector<ActionClass> classes;
  std::unordered_map<std::vector<bool>, std::size_t> index;
  for (const ActionInfo* action : actions) {
    const std::string name = action->FullName();
    std::vector<bool> named(placed.size());
    for (std::size_t i = 0; i < placed.size(); ++i) named[i] = ActionNamed(*placed[i].statement, name);
    const auto [it, fresh] = index.emplace(named, classes.size());
    if (fresh) classes.push_back({std::move(named), {}});
    classes[it->second].actions.push_back(action);
  }
  return classes;
}

void AppendBytes(std::string_view text, std::vector<PatternChar>& out) {
  for (char c : text) out.push_back({PatternChar::Kind::kByte, c});
}

void AppendGlob(std::string_view text, std::vector<PatternChar>& out) {
  for (char c : text) {
    if (c == '*') {
      out.push_back({PatternChar::Kind::kStar, 0});
    } else if (c == '?') {
      out.push_back({PatternChar::Kind::kQuestion, 0});
    } else {
      out.push_back({PatternChar::Kind::kByte, c});
    }
  }
}

// A resource pattern as the concrete evaluator reads it for this identity: under
// Version 2012-10-17 `${key}` becomes the identity's value (literal text) and
// `${*}`, `${?}`, `${$}` the literal character; without it `${…}` is plain text.
// nullopt: a variable the identity does not fix, so the element matches nothing.
std::optional<std::vector<PatternChar>> ResourcePattern(std::string_view text, bool variables, const Request& identity) {
  std::vector<PatternChar> out;
  if (!variables) {
    AppendGlob(text, out);
    return out;
  }
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t open = text.find("${", pos);
    const std::size_t close = open == std::string_view::npos ? open : text.find('}', open + 2);
    if (close == std::string_view::npos) {
      AppendGlob(text.substr(pos), out);
      break;
    }
    AppendGlob(text.substr(pos, open - pos), out);
    const std::string_view inner = text.substr(open + 2, close - open - 2);
    if (inner == "*" || inner == "?" || inner == "$") {
      AppendBytes(inner, out);
    } else {
      const std::optional<std::string> value = SubstituteVariables("${" + std::string(inner) + "}", identity);
      if (!value) return std::nullopt;
      AppendBytes(*value, out);
    }
    pos = close + 1;
  }
  return out;
}

// Readable text inside a pattern: each `*` becomes `star`, each `?` "x".
std::string Instance(const std::vector<PatternChar>& pattern, std::string_view star) {
  std::string out;
  for (const PatternChar& p : pattern) {
    if (p.kind == PatternChar::Kind::kStar) {
      out += star;
    } else if (p.kind == PatternChar::Kind::kQuestion) {
      out += 'x';
    } else {
      out += p.byte;
    }
  }
  return out;
}

// Does the side's identity decide this clause (its key and every variable in its
// values are keys the identity fixes)?
bool Decided(const Condition& c, const PermissionSide& side) {
  if (!side.decided_keys.count(c.key_lower)) return false;
  if (!c.variables) return true;
  for (const PolicyString& v : c.values) {
    for (std::size_t open = v.text.find("${"); open != std::string::npos; open = v.text.find("${", open + 2)) {
      const std::size_t close = v.text.find('}', open + 2);
      if (close == std::string::npos) break;
      const std::string inner = LowerAscii(v.text.substr(open + 2, close - open - 2));
      if (inner != "*" && inner != "?" && inner != "$" && !side.decided_keys.count(inner)) return false;
    }
  }
  return true;
}

std::string FillArnFormat(std::string_view format) {
  std::string out;
  for (std::size_t i = 0; i < format.size();) {
    if (format.substr(i, 2) == "${") {
      const std::size_t end = format.find('}', i);
      if (end == std::string_view::npos) break;
      const std::string_view var = format.substr(i + 2, end - i - 2);
      out += var == "Partition" ? "aws" : var == "Region" ? "us-east-1" : var == "Account" ? "123456789012" : "example";
      i = end + 1;
    } else {
      out += format[i++];
    }
  }
  return out;
}

using Context = std::map<std::string, std::vector<std::string>>;

// Contexts to replay a witness under: every combination of "absent" and a few of
// the policies' own values for each free key (a value matches itself under the
// equality-like operators), so free atoms the model set true can come true.
std::vector<Context> SharedContexts(const std::vector<Placed>& placed, const ActionClass& cls,
                                    const PermissionSide* sides[2]) {
  std::map<std::string, std::vector<std::string>> candidates;
  for (std::size_t i = 0; i < placed.size(); ++i) {
    if (!cls.named[i]) continue;
    for (const Condition& c : placed[i].statement->conditions) {
      if (Decided(c, *sides[placed[i].side])) continue;
      std::vector<std::string>& values = candidates[c.key_lower];
      for (const PolicyString& v : c.values) {
        std::string text = v.text;
        if (text.find("${") != std::string::npos) continue;
        const ConditionOperator* op = FindOperator(c.op);
        if (op && op->family == OperatorFamily::kIp) text = text.substr(0, text.find('/'));  // a CIDR's address
        if (values.size() < kValuesPerKey && std::find(values.begin(), values.end(), text) == values.end()) {
          values.push_back(text);
        }
      }
    }
  }
  std::vector<Context> out{Context{}};
  for (const auto& [key, values] : candidates) {
    std::vector<Context> next;
    for (const Context& base : out) {
      next.push_back(base);  // key absent
      for (const std::string& v : values) {
        if (next.size() >= kMaxContexts) break;
        Context with = base;
        with[key] = {v};
        next.push_back(std::move(with));
      }
    }
    out = std::move(next);
  }
  return out;
}

}  // namespace

std::size_t ExcessAnswer::ExcessActionCount() const {
  std::size_t n = 0;
  for (const ExcessClass& c : excess) n += c.actions.size();
  return n;
}

bool SideAllows(const PermissionSide& side, std::string_view action, std::string_view resource,
                const std::map<std::string, std::vector<std::string>>& shared) {
  Request request = side.identity;
  request.action = std::string(action);
  request.resource = std::string(resource);
  for (const auto& [key, values] : shared) request.context[key] = values;
  return std::all_of(side.layers.begin(), side.layers.end(), [&](const std::vector<const PolicyDocument*>& layer) {
    return Evaluate(layer, request).effect == Effect::kAllow;
  });
}

struct PermissionSolver::Impl {
  // Made on the first question: most scans settle every class without the solver.
  std::unique_ptr<z3::context> ctx;
  long queries = 0;

  z3::context& Fresh() {
    if (!ctx || ++queries % kQueriesPerContext == 0) ctx = std::make_unique<z3::context>();
    return *ctx;
  }
};

namespace {

// The formula of one class's question, built per call.
class Encoder {
 public:
  Encoder(z3::context& ctx, const std::vector<Placed>& placed, const ActionClass& cls) :
      ctx_(ctx), placed_(placed), cls_(cls), resource_(ctx.string_const("resource")) {}

  const z3::expr& resource() const { return resource_; }

  z3::expr Allowed(const PermissionSide& side, int side_index) {
    z3::expr_vector layers(ctx_);
    for (std::size_t layer = 0; layer < side.layers.size(); ++layer) {
      z3::expr_vector allows(ctx_);
      z3::expr_vector denies(ctx_);
      for (std::size_t i = 0; i < placed_.size(); ++i) {
        const Placed& p = placed_[i];
        if (p.side != side_index || p.layer != layer || !cls_.named[i]) continue;
        (p.statement->allow ? allows : denies).push_back(Applies(*p.statement, side));
      }
      layers.push_back(z3::mk_or(allows) && !z3::mk_or(denies));
    }
    return z3::mk_and(layers);
  }

 private:
  z3::expr Applies(const Statement& s, const PermissionSide& side) {
    z3::expr_vector all(ctx_);
    all.push_back(ResourceMatches(s, side));
    for (const Condition& c : s.conditions) {
      all.push_back(Decided(c, side) ? ctx_.bool_val(ConditionHolds(c, side.identity)) : Atom(c));
    }
    return z3::mk_and(all);
  }

  z3::expr ResourceMatches(const Statement& s, const PermissionSide& side) {
    if (!s.has_resource) return ctx_.bool_val(true);
    z3::expr_vector any(ctx_);
    for (const PolicyString& r : s.resources) {
      const std::optional<std::vector<PatternChar>> pattern = ResourcePattern(r.text, s.variables, side.identity);
      if (pattern) any.push_back(GlobMatches(resource_, *pattern));
    }
    const z3::expr matched = z3::mk_or(any);
    return s.not_resource ? !matched : matched;
  }

  // A clause on a key neither identity fixes: the same request context on both
  // sides, so one free Boolean per clause.
  z3::expr Atom(const Condition& c) {
    const auto it = atoms_.find(&c);
    if (it != atoms_.end()) return it->second;
    z3::expr atom = ctx_.bool_const(("c" + std::to_string(atoms_.size())).c_str());
    atoms_.emplace(&c, atom);
    return atom;
  }

  z3::context& ctx_;
  const std::vector<Placed>& placed_;
  const ActionClass& cls_;
  z3::expr resource_;
  std::map<const Condition*, z3::expr> atoms_;
};

// Readable resources to try before the solver's own model: instances of A's
// allowed patterns (an ARN of the action's own type for `*`).
std::vector<std::string> ReadableCandidates(const std::vector<Placed>& placed, const ActionClass& cls,
                                            const PermissionSide& a) {
  std::vector<std::string> out;
  const auto add = [&](std::string s) {
    if (out.size() < 12 && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
  };
  const ActionInfo& action = *cls.actions.front();
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Statement& s = *placed[i].statement;
    if (placed[i].side != 0 || !cls.named[i] || !s.allow || !s.has_resource) continue;
    for (const PolicyString& r : s.resources) {
      if (r.text == "*" || s.not_resource) {
        for (const ResourceTypeRef& ref : action.resource_types) {
          if (const ResourceTypeInfo* type = ActionCatalogue::Get().FindResourceType(action.service, ref.name)) {
            add(FillArnFormat(type->arn_format));
          }
        }
        add("*");
        continue;
      }
      const std::optional<std::vector<PatternChar>> pattern = ResourcePattern(r.text, s.variables, a.identity);
      if (!pattern) continue;
      add(Instance(*pattern, "example"));
      add(Instance(*pattern, "x"));
    }
  }
  return out;
}

// A proof without the solver for the common case: every pattern through which A
// can allow the class is, after substitution, `*` or the very same pattern of an
// unconditional Allow in each layer of B, and B denies nothing of the class.
bool PlainlyContained(const std::vector<Placed>& placed, const ActionClass& cls, const PermissionSide& a,
                      const PermissionSide& b) {
  const auto patterns_of = [](const Statement& s, const PermissionSide& side) {
    std::vector<std::string> out;
    for (const PolicyString& r : s.resources) {
      const std::optional<std::vector<PatternChar>> p = ResourcePattern(r.text, s.variables, side.identity);
      if (!p) continue;
      std::string text;  // the pattern spelled with its wildcards marked apart from literal bytes
      for (const PatternChar& c : *p) {
        text += c.kind == PatternChar::Kind::kByte ? std::string(1, c.byte) : c.kind == PatternChar::Kind::kStar ? "\x01*" : "\x01?";
      }
      out.push_back(text);
    }
    return out;
  };
  std::vector<std::vector<std::string>> b_covers(b.layers.size());
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Placed& p = placed[i];
    if (p.side != 1 || !cls.named[i]) continue;
    if (!p.statement->allow) return false;
    if (!p.statement->conditions.empty() || p.statement->not_resource || !p.statement->has_resource) continue;
    const std::vector<std::string> covered = patterns_of(*p.statement, b);
    b_covers[p.layer].insert(b_covers[p.layer].end(), covered.begin(), covered.end());
  }
  const std::string star = "\x01*";
  for (std::size_t i = 0; i < placed.size(); ++i) {
    const Placed& p = placed[i];
    if (p.side != 0 || p.layer != 0 || !cls.named[i] || !p.statement->allow) continue;
    if (p.statement->not_resource || !p.statement->has_resource) return false;
    for (const std::string& pattern : patterns_of(*p.statement, a)) {
      for (const std::vector<std::string>& layer : b_covers) {
        if (std::find(layer.begin(), layer.end(), pattern) == layer.end() &&
            std::find(layer.begin(), layer.end(), star) == layer.end()) {
          return false;
        }
      }
    }
  }
  return true;
}

}  // namespace

PermissionSolver::PermissionSolver() : impl_(std::make_unique<Impl>()) {}
PermissionSolver::~PermissionSolver() = default;

ExcessAnswer PermissionSolver::Excess(const PermissionSide& a, const PermissionSide& b,
                                      const std::vector<const ActionInfo*>& actions, bool first_only) {
  ExcessAnswer answer;
  const std::vector<Placed> placed = PlaceStatements(a, b);
  const PermissionSide* sides[2] = {&a, &b};
  for (const ActionClass& cls : Partition(placed, actions)) {
    // Cheap refusal: some layer of A has no Allow naming the class.
    bool a_may_allow = true;
    for (std::size_t layer = 0; layer < a.layers.size() && a_may_allow; ++layer) {
      bool any = false;
      for (std::size_t i = 0; i < placed.size(); ++i) {
        any = any || (placed[i].side == 0 && placed[i].layer == layer && cls.named[i] && placed[i].statement->allow);
      }
      a_may_allow = any;
    }
    if (!a_may_allow || (!a.layers.empty() && PlainlyContained(placed, cls, a, b))) continue;

    const std::string action = cls.actions.front()->FullName();
    const std::vector<Context> contexts = SharedContexts(placed, cls, sides);
    const auto separates = [&](const std::string& resource) -> std::optional<Context> {
      for (const Context& shared : contexts) {
        if (SideAllows(a, action, resource, shared) && !SideAllows(b, action, resource, shared)) return shared;
      }
      return std::nullopt;
    };
    // A "yes" needs only a request the evaluator confirms, whoever proposes it:
    // readable instances of A's own patterns settle most classes in microseconds.
    // A "no" is always the solver's proof.
    bool found_readable = false;
    for (const std::string& resource : ReadableCandidates(placed, cls, a)) {
      if (const std::optional<Context> shared = separates(resource)) {
        answer.excess.push_back({cls.actions, action, resource, *shared});
        found_readable = true;
        break;
      }
    }
    if (found_readable) {
      if (first_only) break;
      continue;
    }

    z3::context& ctx = impl_->Fresh();
    Encoder encoder(ctx, placed, cls);
    z3::solver solver(ctx, z3::solver::simple());
    z3::params params(ctx);
    params.set("rlimit", kSolverResourceLimit);
    solver.set(params);
    solver.add(encoder.Allowed(a, 0) && !encoder.Allowed(b, 1));
    // Characters beyond a byte are excluded only when a model holds one: the
    // constraint is costly and rarely needed (as in the trust engine).
    bool byte_ranged = false;

    bool settled = false;
    std::string why = "the solver reached its work limit";
    for (int round = 0; round < kModelRounds && !settled; ++round) {
      const z3::check_result result = solver.check();
      if (result == z3::unsat) {
        settled = true;  // no request separates the sides: contained
        break;
      }
      if (result != z3::sat) break;
      const std::optional<std::string> model = ModelBytes(solver.get_model().eval(encoder.resource(), true));
      if (!model && !byte_ranged) {
        solver.add(InByteRange(encoder.resource()));
        byte_ranged = true;
        --round;
        continue;
      }
      if (!model) {
        why = "the solver's model does not decode";
        break;
      }
      if (const std::optional<Context> shared = separates(*model)) {
        answer.excess.push_back({cls.actions, action, *model, *shared});
        settled = true;
      }
      if (!settled) {
        why = "no request context confirms the solver's witness (conditions on keys trustlint does not model)";
        solver.add(encoder.resource() != ByteString(ctx, *model));
      }
    }
    if (!settled) {
      answer.unsettled.insert(answer.unsettled.end(), cls.actions.begin(), cls.actions.end());
      if (answer.unsettled_reason.empty()) answer.unsettled_reason = why;
    }
    if (first_only && !answer.excess.empty()) break;
  }
  return answer;
}

}  // namespace trustlint
