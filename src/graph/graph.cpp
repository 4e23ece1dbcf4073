#include "graph/graph.h"

#include <algorithm>
#include <functional>
#include <set>

namespace trustlint {
namespace {

// The single symbol a value is made of, if it is exactly one symbol of `kind`.
const Symbol* SoleSymbol(const Value& v, Symbol::Kind kind) {
  if (v.kind != Value::Kind::kString || v.parts.size() != 1 || !v.parts[0].symbol) return nullptr;
  return v.parts[0].symbol->kind == kind ? &*v.parts[0].symbol : nullptr;
}

// The first non-alternative reading of a value (the then-branch of an undecided If).
const Value& FirstReading(const Value& v) {
  if (v.kind == Value::Kind::kAlternatives && !v.items.empty()) return FirstReading(v.items.front());
  return v;
}

bool SameString(const Value& a, const Value& b) {
  return a.kind == Value::Kind::kString && b.kind == Value::Kind::kString &&
         RenderForMatching(a.parts) == RenderForMatching(b.parts);
}

// Does `arn` (a managed policy ARN or a permissions boundary) name the standalone policy?
bool NamesPolicy(const Value& arn, const Policy& p) {
  const Symbol* s = SoleSymbol(arn, Symbol::Kind::kResourceRef);
  return (s && s->name == p.key) || (!p.arn.IsNull() && SameString(p.arn, arn));
}

template <typename T>
int IndexOf(const std::vector<T>& nodes, const std::function<bool(const T&)>& pred) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    if (pred(nodes[i])) return static_cast<int>(i);
  }
  return -1;
}

int ResolveRole(const std::vector<Role>& roles, const Value& raw) {
  const Value& v = FirstReading(raw);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleArn)) {
    return IndexOf<Role>(roles, [&](const Role& r) { return r.key == s->name; });
  }
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleName)) {
    return IndexOf<Role>(roles, [&](const Role& r) { return r.key == s->name; });
  }
  return IndexOf<Role>(roles, [&](const Role& r) { return SameString(r.arn, v) || SameString(r.name, v); });
}

int ResolvePool(const std::vector<IdentityPool>& pools, const Value& raw) {
  const Value& v = FirstReading(raw);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kPoolId)) {
    return IndexOf<IdentityPool>(pools, [&](const IdentityPool& p) { return p.key == s->name; });
  }
  return IndexOf<IdentityPool>(pools, [&](const IdentityPool& p) { return SameString(p.id, v); });
}

// Fn::ImportValue: the export of a scanned template first, then the value given on
// the command line (--import); otherwise the import stays unknown.
class ImportResolver {
 public:
  ImportResolver(const std::multimap<std::string, Value>& exports,
                 const std::map<std::string, std::string>& command_line)
      : exports_(exports) {
    for (const auto& [name, value] : command_line) given_.emplace(name, Value::String(value));
  }

  void Resolve(Value& v) const {
    switch (v.kind) {
      case Value::Kind::kString: ResolveString(v); break;
      case Value::Kind::kList:
      case Value::Kind::kAlternatives:
        for (auto& i : v.items) Resolve(i);
        break;
      case Value::Kind::kMap:
        for (auto& e : v.entries) Resolve(e.second);
        break;
      default: break;
    }
  }

 private:
  // The export's value when exactly one template exports `name`, else the value
  // given on the command line; nullptr when neither.
  const Value* Export(const std::string& name) const {
    auto [lo, hi] = exports_.equal_range(name);
    if (lo != hi) return std::next(lo) == hi ? &lo->second : nullptr;
    auto given = given_.find(name);
    return given == given_.end() ? nullptr : &given->second;
  }

  void ResolveString(Value& v) const {
    if (v.parts.size() == 1 && v.parts[0].symbol && v.parts[0].symbol->kind == Symbol::Kind::kImport) {
      if (const Value* e = Export(v.parts[0].symbol->name)) {
        Location loc = v.loc;
        std::string path = v.path;
        v = *e;
        v.loc = loc;
        v.path = path;
      }
      return;
    }
    std::vector<StringPart> out;
    bool changed = false;
    for (auto& p : v.parts) {
      const Value* e = (p.symbol && p.symbol->kind == Symbol::Kind::kImport) ? Export(p.symbol->name) : nullptr;
      if (e && e->kind == Value::Kind::kString) {
        out.insert(out.end(), e->parts.begin(), e->parts.end());
        changed = true;
      } else {
        out.push_back(p);
      }
    }
    if (changed) {
      Value merged = Value::Symbolic(std::move(out), v.loc);
      merged.path = v.path;
      merged.from_default = v.from_default;
      v = std::move(merged);
    }
  }

  const std::multimap<std::string, Value>& exports_;
  std::map<std::string, Value> given_;
};

template <typename T>
void SortNodes(std::vector<T>& nodes) {
  std::stable_sort(nodes.begin(), nodes.end(), [](const T& a, const T& b) {
    return std::tie(a.loc, a.key) < std::tie(b.loc, b.key);
  });
}

// The pool an attachment names when no pool of the scan is it, as a value the
// solver can treat as one constant: a literal ID, or symbols.
Value ExternalPoolId(const RoleAttachment& a) {
  const Value& v = FirstReading(a.pool);
  if (v.IsString()) return v;
  const std::string reason = v.IsUnknown() ? v.reason : "the identity pool ID of " + a.address + " is not known";
  Value id = Value::SymbolString(Symbol{Symbol::Kind::kUnknown, reason, a.key + "/pool"}, v.loc);
  id.path = v.path;
  return id;
}

// SPEC 1: an attachment whose pool is not a pool of the scan still names *a*
// pool. One node per distinct ID, with unknown settings, so that every
// attachment rule runs on it.
void AddExternalPools(Graph& g) {
  std::map<std::string, int> by_id;
  for (auto& a : g.attachments) {
    if (a.pool_id >= 0 || a.pool.IsNull()) continue;
    const Value id = ExternalPoolId(a);
    const std::string rendered = RenderForMatching(id.parts);
    auto [it, fresh] = by_id.emplace(rendered, static_cast<int>(g.pools.size()));
    if (fresh) {
      IdentityPool pool;
      pool.external = true;
      pool.key = "external:" + rendered;
      pool.address = RenderForDisplay(id.parts);  // "us-east-1:…", "⟨unknown: parameter PoolId has no default⟩"
      pool.type = "external";
      pool.loc = id.loc.Known() ? id.loc : a.loc;
      pool.path = id.path.empty() ? a.path : id.path;
      pool.id = id;
      const std::string why = "the pool is not a resource of the scan";
      pool.allow_unauthenticated = Value::Unknown(why, pool.loc);
      pool.allow_classic_flow = Value::Unknown(why, pool.loc);
      pool.account = a.account;
      if (std::optional<std::string> literal = id.Literal()) {
        const size_t colon = literal->find(':');
        if (colon != std::string::npos) pool.region = Value::String(literal->substr(0, colon), pool.loc);
      }
      if (pool.region.IsNull()) pool.region = a.region;
      g.pools.push_back(std::move(pool));
    }
    a.pool_id = it->second;
  }
}

}  // namespace

std::string_view NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kIdentityPool: return "identity_pool";
    case NodeKind::kRoleAttachment: return "role_attachment";
    case NodeKind::kRole: return "role";
    case NodeKind::kPolicy: return "policy";
  }
  return "role";
}

const Role* Graph::FindRole(std::string_view address) const {
  for (const auto& r : roles) {
    if (r.address == address || r.key == address) return &r;
  }
  return nullptr;
}

const IdentityPool* Graph::FindPool(std::string_view address) const {
  for (const auto& p : pools) {
    if (p.address == address || p.key == address) return &p;
  }
  return nullptr;
}

std::vector<Graph::NodeRef> Graph::AllNodes() const {
  std::vector<NodeRef> out;
  for (const auto& n : pools) {
    if (!n.external) out.push_back({n.address, NodeKind::kIdentityPool, n.loc});  // not a resource of the scan
  }
  for (const auto& n : attachments) out.push_back({n.address, NodeKind::kRoleAttachment, n.loc});
  for (const auto& n : roles) out.push_back({n.address, NodeKind::kRole, n.loc});
  for (const auto& n : policies) out.push_back({n.address, NodeKind::kPolicy, n.loc});
  std::sort(out.begin(), out.end(), [](const NodeRef& a, const NodeRef& b) {
    return std::tie(a.loc, a.address) < std::tie(b.loc, b.address);
  });
  return out;
}

void GraphBuilder::ConstrainInput(const Symbol& input, InputConstraint constraint) {
  const std::string key = RenderForMatching({StringPart{"", input}});
  auto [it, fresh] = graph_.input_constraints.emplace(key, constraint);
  if (fresh) return;
  InputConstraint& known = it->second;
  if (known.allowed_values.empty()) known.allowed_values = std::move(constraint.allowed_values);
  if (known.allowed_pattern.empty()) known.allowed_pattern = std::move(constraint.allowed_pattern);
  if (!known.min_length) known.min_length = constraint.min_length;
  if (!known.max_length) known.max_length = constraint.max_length;
}

void GraphBuilder::AddParseError(Location loc, std::string message) {
  graph_.parse_errors.push_back(ParseError{std::move(loc), std::move(message)});
}

Graph GraphBuilder::Link() {
  Graph& g = graph_;
  SortNodes(g.pools);
  SortNodes(g.attachments);
  SortNodes(g.roles);
  SortNodes(g.policies);
  std::stable_sort(g.inputs.begin(), g.inputs.end(),
                   [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  std::stable_sort(g.parse_errors.begin(), g.parse_errors.end(),
                   [](const ParseError& a, const ParseError& b) { return a.loc < b.loc; });

  // Fn::ImportValue across templates.
  ImportResolver imports(exports_, command_line_imports_);
  for (auto& p : g.pools) {
    for (Value* v : {&p.allow_unauthenticated, &p.allow_classic_flow, &p.id}) imports.Resolve(*v);
  }
  for (auto& a : g.attachments) {
    for (Value* v : {&a.pool, &a.authenticated, &a.unauthenticated}) imports.Resolve(*v);
    for (auto& m : a.mappings) {
      for (auto& r : m.roles) imports.Resolve(r);
    }
  }
  for (auto& r : g.roles) {
    for (Value* v : {&r.arn, &r.name, &r.trust_policy, &r.permissions_boundary}) imports.Resolve(*v);
    for (auto& ip : r.inline_policies) imports.Resolve(ip.document);
    for (auto& m : r.managed_policy_arns) imports.Resolve(m);
  }
  for (auto& p : g.policies) {
    for (Value* v : {&p.document, &p.arn}) imports.Resolve(*v);
    for (auto& r : p.roles) imports.Resolve(r);
  }

  // Addresses shared by two nodes fall back to their unique keys.
  std::map<std::string, int> uses;
  auto count = [&](auto& nodes) {
    for (auto& n : nodes) ++uses[n.address];
  };
  auto qualify = [&](auto& nodes) {
    for (auto& n : nodes) {
      if (uses[n.address] > 1 && !n.key.empty()) {
        n.unqualified_address = n.address;
        n.address = n.key;
      }
    }
  };
  count(g.pools), count(g.attachments), count(g.roles), count(g.policies);
  qualify(g.pools), qualify(g.attachments), qualify(g.roles), qualify(g.policies);

  for (auto& a : g.attachments) {
    // Names its pool or a role only in one branch of an undecided Fn::If / conditional.
    bool undecided = a.pool.kind == Value::Kind::kAlternatives || a.authenticated.kind == Value::Kind::kAlternatives ||
                     a.unauthenticated.kind == Value::Kind::kAlternatives;
    for (const auto& m : a.mappings) {
      for (const auto& r : m.roles) undecided = undecided || r.kind == Value::Kind::kAlternatives;
    }
    a.conditional = a.conditional || undecided;
    a.pool_id = ResolvePool(g.pools, a.pool);
    a.authenticated_role = a.authenticated.IsNull() ? -1 : ResolveRole(g.roles, a.authenticated);
    a.unauthenticated_role = a.unauthenticated.IsNull() ? -1 : ResolveRole(g.roles, a.unauthenticated);
    for (auto& m : a.mappings) {
      m.role_ids.clear();
      for (const auto& r : m.roles) m.role_ids.push_back(ResolveRole(g.roles, r));
    }
  }

  AddExternalPools(g);

  for (size_t pi = 0; pi < g.policies.size(); ++pi) {
    Policy& p = g.policies[pi];
    std::set<int> ids;
    for (const auto& r : p.roles) {
      int ri = ResolveRole(g.roles, r);
      if (ri >= 0) ids.insert(ri);
    }
    for (size_t ri = 0; ri < g.roles.size(); ++ri) {
      Role& role = g.roles[ri];
      for (const auto& arn : role.managed_policy_arns) {
        if (NamesPolicy(FirstReading(arn), p)) ids.insert(static_cast<int>(ri));
      }
      // A boundary only in one branch of an undecided condition is left unlinked (unknown).
      const bool boundary_policy = !p.resource_control_policy && role.permissions_boundary.IsString();
      if (boundary_policy && role.boundary_policy_id < 0 && NamesPolicy(role.permissions_boundary, p)) {
        role.boundary_policy_id = static_cast<int>(pi);
      }
    }
    p.role_ids.assign(ids.begin(), ids.end());
    for (int ri : ids) g.roles[ri].policy_ids.push_back(static_cast<int>(pi));
  }
  return std::move(graph_);
}

}  // namespace trustlint
