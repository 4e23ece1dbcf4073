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

// The first index `name` maps to, -1 when none.
int FirstIndex(const std::map<std::string, int>& index, const std::string& name) {
  auto it = index.find(name);
  return it == index.end() ? -1 : it->second;
}

// Nodes by what references name them (key, rendered string), built once per link:
// a lookup per reference instead of a pass over every node, so linking stays
// linear in the size of the repository. Each name maps to its first node, as a
// pass in order would find.
class NodeIndex {
 public:
  // `texts`: the values of a node a reference may spell out (a role's ARN and name).
  template <typename T>
  NodeIndex(const std::vector<T>& nodes, const std::function<std::vector<const Value*>(const T&)>& texts) {
    for (size_t i = 0; i < nodes.size(); ++i) {
      by_key_.emplace(nodes[i].key, static_cast<int>(i));
      for (const Value* v : texts(nodes[i])) {
        if (v->kind == Value::Kind::kString) by_text_.emplace(RenderForMatching(v->parts), static_cast<int>(i));
      }
    }
  }

  int ByKey(const std::string& key) const { return FirstIndex(by_key_, key); }
  int ByText(const Value& v) const { return v.IsString() ? FirstIndex(by_text_, RenderForMatching(v.parts)) : -1; }

 private:
  std::map<std::string, int> by_key_;
  std::map<std::string, int> by_text_;
};

NodeIndex RoleIndex(const std::vector<Role>& roles) {
  return NodeIndex(roles, std::function<std::vector<const Value*>(const Role&)>(
                              [](const Role& r) { return std::vector<const Value*>{&r.arn, &r.name}; }));
}

NodeIndex PoolIndex(const std::vector<IdentityPool>& pools) {
  return NodeIndex(pools, std::function<std::vector<const Value*>(const IdentityPool&)>(
                              [](const IdentityPool& p) { return std::vector<const Value*>{&p.id}; }));
}

int ResolveRole(const NodeIndex& roles, const Value& raw) {
  const Value& v = FirstReading(raw);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleArn)) return roles.ByKey(s->name);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleName)) return roles.ByKey(s->name);
  return roles.ByText(v);
}

int ResolvePool(const NodeIndex& pools, const Value& raw) {
  const Value& v = FirstReading(raw);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kPoolId)) return pools.ByKey(s->name);
  return pools.ByText(v);
}

// The standalone policies a managed-policy ARN or boundary names (NamesPolicy), in
// index order, found by the policy's key and rendered ARN.
class PolicyIndex {
 public:
  explicit PolicyIndex(const std::vector<Policy>& policies) {
    for (size_t i = 0; i < policies.size(); ++i) {
      const Policy& p = policies[i];
      by_key_.emplace(p.key, static_cast<int>(i));
      if (p.arn.IsString()) by_arn_.emplace(RenderForMatching(p.arn.parts), static_cast<int>(i));
    }
  }

  std::vector<int> Named(const Value& arn) const {
    std::set<int> out;
    if (const Symbol* s = SoleSymbol(arn, Symbol::Kind::kResourceRef)) Collect(by_key_, s->name, out);
    if (arn.IsString()) Collect(by_arn_, RenderForMatching(arn.parts), out);
    return {out.begin(), out.end()};
  }

 private:
  static void Collect(const std::multimap<std::string, int>& index, const std::string& name, std::set<int>& out) {
    auto [lo, hi] = index.equal_range(name);
    for (auto it = lo; it != hi; ++it) out.insert(it->second);
  }

  std::multimap<std::string, int> by_key_;
  std::multimap<std::string, int> by_arn_;
};

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

// Files are merged in walk order, so the nodes are usually in order already: then
// stable_sort's buffer and moves (a role is over a kilobyte) are not needed.
template <typename Nodes>
void SortNodes(Nodes& nodes) {
  using T = typename Nodes::value_type;
  auto less = [](const T& a, const T& b) { return std::tie(a.loc, a.key) < std::tie(b.loc, b.key); };
  if (!std::is_sorted(nodes.begin(), nodes.end(), less)) std::stable_sort(nodes.begin(), nodes.end(), less);
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

// Later knowledge of an input fills only what earlier knowledge left open.
void FoldConstraint(InputConstraint& known, InputConstraint constraint) {
  if (known.allowed_values.empty()) known.allowed_values = std::move(constraint.allowed_values);
  if (known.allowed_pattern.empty()) known.allowed_pattern = std::move(constraint.allowed_pattern);
  if (!known.min_length) known.min_length = constraint.min_length;
  if (!known.max_length) known.max_length = constraint.max_length;
}

// The names a role reference resolves by (ResolveRole), as LinkNames.
void AskRole(const Value& raw, LinkNames& out) {
  const Value& v = FirstReading(raw);
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleArn)) return out.push_back(LinkName(LinkBy::kKey, s->name));
  if (const Symbol* s = SoleSymbol(v, Symbol::Kind::kRoleName)) return out.push_back(LinkName(LinkBy::kKey, s->name));
  if (v.IsString()) out.push_back(LinkName(LinkBy::kText, RenderForMatching(v.parts)));
}

// The names a managed-policy ARN or boundary resolves by (PolicyIndex::Named).
void AskPolicy(const Value& arn, LinkNames& out) {
  if (const Symbol* s = SoleSymbol(arn, Symbol::Kind::kResourceRef)) out.push_back(LinkName(LinkBy::kKey, s->name));
  if (arn.IsString()) out.push_back(LinkName(LinkBy::kText, RenderForMatching(arn.parts)));
}

void SortUnique(LinkNames& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

// Whether an Fn::ImportValue is anywhere in the value (Link would resolve it
// against every template's exports).
bool HasImport(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kString:
      return std::any_of(v.parts.begin(), v.parts.end(),
                         [](const StringPart& p) { return p.symbol && p.symbol->kind == Symbol::Kind::kImport; });
    case Value::Kind::kList:
    case Value::Kind::kAlternatives:
      return std::any_of(v.items.begin(), v.items.end(), HasImport);
    case Value::Kind::kMap:
      return std::any_of(v.entries.begin(), v.entries.end(), [](const auto& e) { return HasImport(e.second); });
    default: return false;
  }
}

// Null, or the node's own symbol of `kind`: a name no other file can spell.
bool OwnName(const Value& v, Symbol::Kind kind, const std::string& key) {
  if (v.IsNull()) return true;
  const Symbol* s = SoleSymbol(v, kind);
  return s != nullptr && s->name == key;
}

// Keys and addresses that could be mistaken for the placeholders a file analyzed
// on its own writes into its findings (check/checker.cpp) are left to the whole graph.
bool PlainName(const Node& n) {
  auto plain = [](const std::string& s) { return s.find_first_of("\xfe\xff") == std::string::npos; };
  return plain(n.key) && plain(n.address);
}

// Each node as it was declared: the whole scan's Link decides its address.
template <typename T>
void AppendOutline(const std::vector<T>& nodes, NodeKind kind, std::vector<OutlineNode>& out) {
  for (const T& n : nodes) {
    OutlineNode o;
    o.key = n.key;
    o.address = n.unqualified_address.empty() ? n.address : n.unqualified_address;
    o.kind = kind;
    o.loc = n.loc;
    out.push_back(std::move(o));
  }
}

// What a drawing shows of one file's roles and attachments, other nodes by key.
void AddDrawnLinks(const Graph& graph, std::vector<OutlineNode>& nodes) {
  size_t role = 0;
  size_t attachment = 0;
  for (OutlineNode& n : nodes) {
    OutlineNode::Drawn drawn;
    if (n.kind == NodeKind::kRole) {
      const Role& r = graph.roles[role++];
      for (const InlinePolicy& p : r.inline_policies) drawn.inline_policies.push_back({p.name, p.loc});
      for (int pid : r.policy_ids) drawn.attached.push_back(graph.policies[static_cast<size_t>(pid)].key);
    } else if (n.kind == NodeKind::kRoleAttachment) {
      const RoleAttachment& a = graph.attachments[attachment++];
      if (a.pool_id >= 0) drawn.pool = graph.pools[static_cast<size_t>(a.pool_id)].key;
      auto add = [&](const char* how, int id) {
        if (id >= 0) drawn.roles.emplace_back(how, graph.roles[static_cast<size_t>(id)].key);
      };
      add("authenticated", a.authenticated_role);
      add("unauthenticated", a.unauthenticated_role);
      for (const RoleMapping& m : a.mappings) {
        for (int id : m.role_ids) add("mapped", id);
      }
    }
    // An attachment without roles draws nothing, not even its pool.
    if (!drawn.inline_policies.empty() || !drawn.attached.empty() || !drawn.roles.empty()) {
      n.drawn = std::make_unique<const OutlineNode::Drawn>(std::move(drawn));
    }
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

size_t Graph::NodeCount() const {
  const auto external = std::count_if(pools.begin(), pools.end(), [](const IdentityPool& p) { return p.external; });
  return pools.size() - static_cast<size_t>(external) + attachments.size() + roles.size() + policies.size() +
         outline.size();
}

std::vector<Graph::NodeRef> Graph::AllNodes() const {
  std::vector<NodeRef> out;
  for (const auto& n : pools) {
    if (!n.external) out.push_back({n.address, NodeKind::kIdentityPool, n.loc});  // not a resource of the scan
  }
  for (const auto& n : attachments) out.push_back({n.address, NodeKind::kRoleAttachment, n.loc});
  for (const auto& n : roles) out.push_back({n.address, NodeKind::kRole, n.loc});
  for (const auto& n : policies) out.push_back({n.address, NodeKind::kPolicy, n.loc});
  for (const auto& n : outline) out.push_back({n.address, n.kind, n.loc});
  std::sort(out.begin(), out.end(), [](const NodeRef& a, const NodeRef& b) {
    return std::tie(a.loc, a.address) < std::tie(b.loc, b.address);
  });
  return out;
}

void GraphBuilder::ConstrainInput(const Symbol& input, InputConstraint constraint) {
  const std::string key = RenderForMatching({StringPart{"", input}});
  auto [it, fresh] = graph_.input_constraints.emplace(key, constraint);
  if (!fresh) FoldConstraint(it->second, std::move(constraint));
}

namespace {

template <typename To, typename From>
void Append(To& to, From& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

}  // namespace

void GraphBuilder::Merge(GraphBuilder&& part) {
  Graph& from = part.graph_;
  Append(graph_.inputs, from.inputs);
  Append(graph_.parse_errors, from.parse_errors);
  Append(graph_.pools, from.pools);
  Append(graph_.attachments, from.attachments);
  Append(graph_.roles, from.roles);
  Append(graph_.policies, from.policies);
  Append(graph_.outline, from.outline);
  // A multimap keeps equal names in insertion order: the part's after ours.
  for (auto& [name, value] : part.exports_) exports_.emplace(name, std::move(value));
  for (auto& [name, value] : part.command_line_imports_) command_line_imports_[name] = std::move(value);
  // The part already folded its own calls first-wins; folding its result into ours
  // first-wins again is what the same calls made here would have given.
  for (auto& [key, constraint] : from.input_constraints) {
    auto [it, fresh] = graph_.input_constraints.emplace(key, constraint);
    if (!fresh) FoldConstraint(it->second, std::move(constraint));
  }
}

bool GraphBuilder::StandsAlone() const {
  const Graph& g = graph_;
  if (!exports_.empty() || !command_line_imports_.empty()) return false;
  const bool templates = std::all_of(g.inputs.begin(), g.inputs.end(), [](const InputFile& in) {
    return in.kind == "cloudformation" || in.kind == "serverless";
  });
  if (!templates) return false;
  auto plain = [](const auto& nodes) { return std::all_of(nodes.begin(), nodes.end(), PlainName); };
  if (!plain(g.pools) || !plain(g.attachments) || !plain(g.roles) || !plain(g.policies)) return false;
  for (const IdentityPool& p : g.pools) {
    if (!OwnName(p.id, Symbol::Kind::kPoolId, p.key)) return false;
    if (HasImport(p.allow_unauthenticated) || HasImport(p.allow_classic_flow)) return false;
  }
  for (const Role& r : g.roles) {
    if (!OwnName(r.arn, Symbol::Kind::kRoleArn, r.key) || !OwnName(r.name, Symbol::Kind::kRoleName, r.key)) {
      return false;
    }
    if (HasImport(r.trust_policy) || HasImport(r.permissions_boundary)) return false;
    for (const InlinePolicy& ip : r.inline_policies) {
      if (HasImport(ip.document)) return false;
    }
    for (const Value& m : r.managed_policy_arns) {
      if (HasImport(m)) return false;
    }
  }
  for (const Policy& p : g.policies) {
    if (!OwnName(p.arn, Symbol::Kind::kResourceRef, p.key) || HasImport(p.document)) return false;
    for (const Value& r : p.roles) {
      if (HasImport(r)) return false;
    }
  }
  // An attachment whose pool is not one of these names a pool every file shares
  // (AddExternalPools); one of these is found by its own symbol.
  const NodeIndex pools = PoolIndex(g.pools);
  for (const RoleAttachment& a : g.attachments) {
    if (HasImport(a.pool) || HasImport(a.authenticated) || HasImport(a.unauthenticated)) return false;
    if (!a.pool.IsNull() && ResolvePool(pools, a.pool) < 0) return false;
    for (const RoleMapping& m : a.mappings) {
      for (const Value& r : m.roles) {
        if (HasImport(r)) return false;
      }
    }
  }
  return true;
}

std::uint64_t LinkName(LinkBy by, std::string_view name) {
  const std::uint64_t h = std::hash<std::string_view>{}(name);
  return by == LinkBy::kKey ? h : h ^ 0x9e3779b97f4a7c15ULL;
}

LinkNames GraphBuilder::Offers() const {
  LinkNames out;
  auto text = [&out](const Value& v) {
    if (v.IsString()) out.push_back(LinkName(LinkBy::kText, RenderForMatching(v.parts)));
  };
  for (const Role& r : graph_.roles) {
    out.push_back(LinkName(LinkBy::kKey, r.key));
    text(r.arn), text(r.name);
  }
  for (const Policy& p : graph_.policies) {
    out.push_back(LinkName(LinkBy::kKey, p.key));
    text(p.arn);
  }
  SortUnique(out);
  return out;
}

void GraphBuilder::AddOutline(std::vector<InputFile> inputs, std::vector<OutlineNode> nodes) {
  Append(graph_.inputs, inputs);
  Append(graph_.outline, nodes);
}

std::vector<OutlineNode> OutlineOf(const Graph& graph, bool with_drawing) {
  std::vector<OutlineNode> nodes;
  nodes.reserve(graph.pools.size() + graph.attachments.size() + graph.roles.size() + graph.policies.size());
  AppendOutline(graph.pools, NodeKind::kIdentityPool, nodes);
  AppendOutline(graph.attachments, NodeKind::kRoleAttachment, nodes);
  AppendOutline(graph.roles, NodeKind::kRole, nodes);
  AppendOutline(graph.policies, NodeKind::kPolicy, nodes);
  if (with_drawing) AddDrawnLinks(graph, nodes);
  return nodes;
}

void GraphBuilder::AddParseError(Location loc, std::string message) {
  graph_.parse_errors.push_back(ParseError{loc, std::move(message)});
}

Graph GraphBuilder::Link() {
  Graph& g = graph_;
  SortNodes(g.pools);
  SortNodes(g.attachments);
  SortNodes(g.roles);
  SortNodes(g.policies);
  SortNodes(g.outline);
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
  count(g.pools), count(g.attachments), count(g.roles), count(g.policies), count(g.outline);
  qualify(g.pools), qualify(g.attachments), qualify(g.roles), qualify(g.policies), qualify(g.outline);

  const NodeIndex roles = RoleIndex(g.roles);
  const NodeIndex pools = PoolIndex(g.pools);
  for (auto& a : g.attachments) {
    // Names its pool or a role only in one branch of an undecided Fn::If / conditional.
    bool undecided = a.pool.kind == Value::Kind::kAlternatives || a.authenticated.kind == Value::Kind::kAlternatives ||
                     a.unauthenticated.kind == Value::Kind::kAlternatives;
    for (const auto& m : a.mappings) {
      for (const auto& r : m.roles) undecided = undecided || r.kind == Value::Kind::kAlternatives;
    }
    a.conditional = a.conditional || undecided;
    a.pool_id = ResolvePool(pools, a.pool);
    a.authenticated_role = a.authenticated.IsNull() ? -1 : ResolveRole(roles, a.authenticated);
    a.unauthenticated_role = a.unauthenticated.IsNull() ? -1 : ResolveRole(roles, a.unauthenticated);
    if (a.authenticated_role < 0 && !a.authenticated.IsNull()) AskRole(a.authenticated, g.unresolved);
    if (a.unauthenticated_role < 0 && !a.unauthenticated.IsNull()) AskRole(a.unauthenticated, g.unresolved);
    for (auto& m : a.mappings) {
      m.role_ids.clear();
      for (const auto& r : m.roles) {
        m.role_ids.push_back(ResolveRole(roles, r));
        if (m.role_ids.back() < 0) AskRole(r, g.unresolved);
      }
    }
  }

  AddExternalPools(g);

  // Roles of each policy: those it names, and those whose managed ARNs name it.
  std::vector<std::set<int>> ids(g.policies.size());
  for (size_t pi = 0; pi < g.policies.size(); ++pi) {
    for (const auto& r : g.policies[pi].roles) {
      if (int ri = ResolveRole(roles, r); ri >= 0) {
        ids[pi].insert(ri);
      } else {
        AskRole(r, g.unresolved);
      }
    }
  }
  const PolicyIndex policies(g.policies);
  for (size_t ri = 0; ri < g.roles.size(); ++ri) {
    Role& role = g.roles[ri];
    for (const auto& arn : role.managed_policy_arns) {
      const std::vector<int> named = policies.Named(FirstReading(arn));
      for (int pi : named) ids[pi].insert(static_cast<int>(ri));
      if (named.empty()) AskPolicy(FirstReading(arn), g.unresolved);
    }
    // A boundary only in one branch of an undecided condition is left unlinked (unknown).
    if (!role.permissions_boundary.IsString()) continue;
    if (policies.Named(role.permissions_boundary).empty()) AskPolicy(role.permissions_boundary, g.unresolved);
    for (int pi : policies.Named(role.permissions_boundary)) {
      if (g.policies[pi].resource_control_policy) continue;
      role.boundary_policy_id = pi;
      break;
    }
  }
  for (size_t pi = 0; pi < g.policies.size(); ++pi) {
    g.policies[pi].role_ids.assign(ids[pi].begin(), ids[pi].end());
    for (int ri : ids[pi]) g.roles[ri].policy_ids.push_back(static_cast<int>(pi));
  }
  SortUnique(g.unresolved);
  return std::move(graph_);
}

}  // namespace trustlint
