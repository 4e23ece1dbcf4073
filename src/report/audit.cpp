#include "report/audit.h"

#include "report/source_lines.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>
#include <utility>

#include "policy/permissions.h"
#include "rules/pool_settings.h"

namespace trustlint {
namespace {

constexpr int kSourceContext = 2;  // lines shown either side of a finding's line

std::string UseName(RoleUse::As as) {
  switch (as) {
    case RoleUse::As::kAuthenticated: return "authenticated";
    case RoleUse::As::kUnauthenticated: return "unauthenticated";
    case RoleUse::As::kMapped: return "role mapping";
  }
  return "role";
}

std::string SettingText(const Value& v) {
  const Setting s = ReadSetting(v);
  switch (s.state) {
    case Setting::State::kOff: return "no";
    case Setting::State::kOn: return "yes";
    case Setting::State::kMaybe: return "unknown";
  }
  return "unknown";
}

std::string AmrText(TokenQuery::Amr amr) {
  switch (amr) {
    case TokenQuery::Amr::kGuest: return "guest (amr [\"unauthenticated\"])";
    case TokenQuery::Amr::kSignedIn: return "signed-in (amr \"authenticated\")";
    case TokenQuery::Amr::kAny: return "identity-pool";
  }
  return "identity-pool";
}

std::string WitnessText(const Witness& w) {
  std::string out = "aud=" + DisplayRendered(w.aud) + ", amr=[";
  for (size_t i = 0; i < w.amr.size(); ++i) out += (i ? ", " : "") + w.amr[i];
  return out + "]";
}

// A trust answer as a cell: a witness, a proof (`no_because`), or what it rests on.
AuditCell CellOf(const TrustAnswer& answer, const std::string& no_because) {
  if (!answer.admitted) {
    if (answer.depends_on_unknown) return {"possible", answer.unknown_reason + " (no token found, not proven)"};
    return {"no", no_because};
  }
  const std::string witness = answer.witness ? WitnessText(*answer.witness) : "a token";
  if (answer.depends_on_unknown) return {"possible", answer.unknown_reason + "; witness " + witness};
  return {"yes", witness};
}

// The attachment exists only in one reading of an undecided condition: a "yes"
// through it is only possible.
AuditCell Conditional(AuditCell cell, const std::string& reason) {
  if (reason.empty() || cell.verdict != "yes") return cell;
  return {"possible", reason + "; witness " + cell.detail};
}

class MatrixBuilder {
 public:
  explicit MatrixBuilder(AnalysisContext& ctx) : ctx_(ctx) {
    for (size_t i = 0; i < ctx.graph().pools.size(); ++i) all_auds_.push_back(ctx.PoolAud(static_cast<int>(i)));
  }

  std::vector<AuditCell> Row(int role, const RoleUse& use) {
    const std::string reason = ctx_.ConditionalReason(use.attachment);
    std::vector<AuditCell> row;
    row.push_back(Conditional(Own(role, use.pool, TokenQuery::Amr::kSignedIn), reason));
    row.push_back(Conditional(OwnGuests(role, use.pool), reason));
    row.push_back(OtherPools(role, use.pool));
    row.push_back(OtherAccounts(role));
    return row;
  }

 private:
  AuditCell Own(int role, int pool, TokenQuery::Amr amr) {
    TokenQuery query;
    query.amr = amr;
    query.aud = ctx_.PoolAud(pool);
    return CellOf(ctx_.solver().CanAssume(ctx_.Trust(role), query),
                  "no " + AmrText(amr) + " token of this pool satisfies the trust (proof by the trust solver)");
  }

  AuditCell OwnGuests(int role, int pool) {
    // The same question, and the same answer, as TL104's.
    AuditCell cell = CellOf(ctx_.GuestTokenAnswer(role, pool),
                            "no guest token of this pool satisfies the trust (proof by the trust solver)");
    const Setting guests = ReadSetting(ctx_.graph().pools[pool].allow_unauthenticated);
    if (cell.verdict != "no" && guests.state == Setting::State::kOff && !ctx_.graph().pools[pool].external) {
      return {"no", "the pool issues no guest tokens (unauthenticated identities are off); the trust alone would "
                    "admit " + cell.detail};
    }
    return cell;
  }

  // Any pool but this one: the solver's witness names the aud it found, which may be
  // a pool of the scan or any pool outside it (in this account or not).
  AuditCell OtherPools(int role, int pool) {
    TokenQuery query;
    query.aud_excluded = {all_auds_[static_cast<size_t>(pool)]};
    const TrustAnswer answer = ctx_.solver().CanAssume(ctx_.Trust(role), query);
    AuditCell cell = CellOf(answer, "the trust admits no token whose aud is another pool's ID (proof by the trust "
                                    "solver)");
    if (cell.verdict == "no" || !answer.witness) return cell;
    const auto scan_pool = std::find(all_auds_.begin(), all_auds_.end(), answer.witness->aud);
    cell.detail += scan_pool == all_auds_.end()
                       ? " (a pool outside the scan, which may be in this account)"
                       : " (a token of pool " + ctx_.graph().pools[static_cast<size_t>(scan_pool - all_auds_.begin())].address + ")";
    return cell;
  }

  // A pool ID does not name its account: a token of a pool in another account is a
  // token whose aud is none of the scan's pool IDs.
  AuditCell OtherAccounts(int role) {
    if (auto found = outside_.find(role); found != outside_.end()) return found->second;
    TokenQuery query;
    query.aud_excluded = all_auds_;
    const AuditCell cell = CellOf(ctx_.solver().CanAssume(ctx_.Trust(role), query),
                                  "no token whose aud is another pool's ID satisfies the trust (proof by the trust "
                                  "solver)");
    return outside_.emplace(role, cell).first->second;
  }

  AnalysisContext& ctx_;
  std::vector<std::string> all_auds_;
  std::map<int, AuditCell> outside_;
};

std::string PermissionText(const EffectiveEntry& e) {
  std::string out = e.action + " on " + e.resource + " (" + std::string(e.access) + ")";
  if (!e.via.empty()) out += " via " + e.via;
  return out;
}

void AddGuestAccess(const RoleAccessView& view, AuditRole& out) {
  out.guests = view.guests;
  if (!view.guests) {
    out.guests_note = "guests do not get this role";
    return;
  }
  std::string because;
  for (const std::string& b : view.guests_because) because += (because.empty() ? "" : "; ") + b;
  out.guests_note = std::string(view.guests_possible ? "guests may get this role: " : "guests get this role: ") +
                    because + (view.scope_down ? " — after the enhanced-flow scope-down (" + view.region + " region)" : "");
  for (const EffectiveEntry& e : view.entries) {
    if (e.guest_usable || !view.scope_down) out.guest_permissions.push_back(PermissionText(e));
  }
  for (const std::string& name : view.unknown_managed) {
    out.guest_permissions.push_back("managed policy " + name + ": not shipped with trustlint, unknown");
  }
}

std::vector<std::string> PolicyLabels(const Graph& graph, const Role& role) {
  std::vector<std::string> out;
  for (const InlinePolicy& p : role.inline_policies) {
    out.push_back(role.address + "/" + (p.name.empty() ? std::string("inline") : p.name) + " (inline)");
  }
  for (int id : role.policy_ids) out.push_back(graph.policies[static_cast<size_t>(id)].address);
  return out;
}

std::vector<AuditPool> Pools(const Graph& graph, AnalysisContext& ctx) {
  std::vector<AuditPool> pools;
  for (const IdentityPool& p : graph.pools) {
    AuditPool pool;
    pool.address = p.address;
    pool.file = p.loc.file;
    pool.line = p.loc.line;
    pool.external = p.external;
    pool.guests = p.external ? "unknown" : SettingText(p.allow_unauthenticated);
    pool.classic_flow = p.external ? "unknown" : SettingText(p.allow_classic_flow);
    pools.push_back(std::move(pool));
  }
  const std::map<int, RoleAccessView> access = RoleAccess(graph, ctx);
  MatrixBuilder matrix(ctx);
  for (size_t i = 0; i < graph.roles.size(); ++i) {
    const int role = static_cast<int>(i);
    for (const RoleUse& use : ctx.UsesOf(role)) {
      if (use.pool < 0) continue;
      AuditRole r;
      r.address = graph.roles[i].address;
      r.file = graph.roles[i].loc.file;
      r.line = graph.roles[i].loc.line;
      r.as = UseName(use.as);
      r.who = matrix.Row(role, use);
      if (auto found = access.find(role); found != access.end()) AddGuestAccess(found->second, r);
      r.policies = PolicyLabels(graph, graph.roles[i]);
      pools[static_cast<size_t>(use.pool)].roles.push_back(std::move(r));
    }
  }
  return pools;
}

class SourceReader {
 public:
  AuditSource Around(const std::string& file, int line) {
    AuditSource out;
    if (file.empty() || line <= 0) return out;
    const std::vector<std::string>& lines = Lines(file);
    const int first = std::max(1, line - kSourceContext);
    const int last = std::min(static_cast<int>(lines.size()), line + kSourceContext);
    if (first > last) return out;
    out.first_line = first;
    for (int n = first; n <= last; ++n) out.lines.push_back(lines[static_cast<size_t>(n - 1)]);
    return out;
  }

 private:
  const std::vector<std::string>& Lines(const std::string& file) { return files_.Of(file); }
  SourceLines files_;
};

std::vector<AuditFinding> Findings(const CheckResult& result) {
  SourceReader sources;
  std::vector<AuditFinding> out;
  for (const Finding& f : result.findings) {
    AuditFinding a;
    a.rule = f.rule;
    a.name = f.name;
    a.severity = std::string(SeverityName(f.severity));
    a.certainty = f.proven ? "proven" : "possible";
    if (!f.proven) a.possible_because = f.PossibleBecause();
    a.resource = f.resource;
    a.file = f.loc.file;
    a.line = f.loc.line;
    a.message = f.message;
    a.fingerprint = f.fingerprint;
    a.suppressed = f.suppressed;
    a.suppression_reason = f.suppression_reason;
    a.source = sources.Around(f.loc.file, f.loc.line);
    out.push_back(std::move(a));
  }
  return out;
}

void AddSuppressions(const Node& node, std::vector<AuditSuppression>& out) {
  for (const Suppression& s : node.suppressions) out.push_back({s.rule, node.address, s.loc.file, s.reason, s.loc.line});
}

std::vector<AuditSuppression> Suppressions(const Graph& graph) {
  std::vector<AuditSuppression> out;
  for (const auto& n : graph.pools) AddSuppressions(n, out);
  for (const auto& n : graph.attachments) AddSuppressions(n, out);
  for (const auto& n : graph.roles) AddSuppressions(n, out);
  for (const auto& n : graph.policies) AddSuppressions(n, out);
  std::sort(out.begin(), out.end(), [](const AuditSuppression& a, const AuditSuppression& b) {
    return std::tie(a.file, a.line, a.rule, a.resource) < std::tie(b.file, b.line, b.rule, b.resource);
  });
  return out;
}

}  // namespace

AuditPicture PictureOf(const std::vector<AuditPool>& pools, const std::set<std::string>& flagged) {
  AuditPicture picture;
  std::map<std::pair<int, std::string>, int> index;
  auto node = [&](int column, const std::string& label) {
    auto [it, added] = index.emplace(std::make_pair(column, label), static_cast<int>(picture.nodes.size()));
    if (added) picture.nodes.push_back({label, column, flagged.count(label) > 0});
    return it->second;
  };
  auto edge = [&](int from, int to, const std::string& label) {
    for (const AuditEdge& e : picture.edges) {
      if (e.from == from && e.to == to && e.label == label) return;
    }
    picture.edges.push_back({from, to, label, picture.nodes[static_cast<size_t>(to)].flagged});
  };
  for (const AuditPool& pool : pools) {
    const int p = node(0, pool.address);
    for (const AuditRole& role : pool.roles) {
      const int r = node(1, role.address);
      edge(p, r, role.as);
      for (const std::string& policy : role.policies) edge(r, node(2, policy), "");
    }
  }
  return picture;
}

std::map<int, RoleAccessView> RoleAccess(const Graph& graph, AnalysisContext& ctx) {
  std::map<int, RoleAccessView> access;
  for (size_t i = 0; i < graph.roles.size(); ++i) {
    const int role = static_cast<int>(i);
    if (!ctx.IsIdentityPoolRole(role)) continue;
    RoleAccessView view;
    RegionClass region = RegionClass::kUnknown;
    bool proven = false;  // some use gives guests the role whatever the unknowns are
    for (const RoleUse& use : ctx.UsesOf(role)) {
      if (use.pool >= 0) region = ClassifyRegion(graph.pools[use.pool].region);
      const std::string pool = use.pool >= 0 ? graph.pools[use.pool].address : graph.attachments[use.attachment].address;
      if (use.as == RoleUse::As::kUnauthenticated) {
        view.guests = view.scope_down = true;
        proven = proven || ctx.ConditionalReason(use.attachment).empty();
        view.guests_because.push_back("unauthenticated role of " + pool);
        continue;
      }
      if (use.pool < 0) continue;
      // The same question, and the same answer, as TL104's.
      const TrustAnswer& answer = ctx.GuestTokenAnswer(role, use.pool);
      if (!answer.admitted) continue;
      proven = proven || (!answer.depends_on_unknown && ctx.ConditionalReason(use.attachment).empty());
      view.guests = true;
      view.guests_because.push_back("its trust admits guest tokens of " + pool + " (TL104)");
    }
    view.guests_possible = view.guests && !proven;
    view.region = region == RegionClass::kDefault ? "default" : region == RegionClass::kOptIn ? "opt-in" : "unknown";
    const RolePermissions& permissions = ctx.Effective(role);
    view.entries = SummarizePermissions(permissions, region);
    view.unknown_managed = permissions.unknown_managed;
    access.emplace(role, std::move(view));
  }
  return access;
}

AuditRun BuildAuditRun(const Graph& graph, const CheckResult& result, const Summary& summary) {
  AnalysisContext ctx(graph);
  AuditRun run;
  for (const InputFile& in : graph.inputs) run.inputs.push_back(in.path);
  std::sort(run.inputs.begin(), run.inputs.end());
  run.pools = Pools(graph, ctx);
  run.findings = Findings(result);
  run.suppressions = Suppressions(graph);
  std::set<std::string> flagged;
  for (const Finding& f : result.findings) {
    if (!f.suppressed) flagged.insert(f.resource);
  }
  run.picture = PictureOf(run.pools, flagged);
  run.summary = summary;
  return run;
}

AuditReport SingleRunReport(AuditRun run) {
  AuditReport report;
  report.total = run.summary;
  report.runs.push_back(std::move(run));
  return report;
}

}  // namespace trustlint
