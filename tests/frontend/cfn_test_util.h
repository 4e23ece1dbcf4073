// Stable text dumps of graphs for front-end tests.
#pragma once

#include <string>

#include "frontend/scan.h"
#include "graph/graph.h"

namespace trustlint::testing {

inline std::string Pos(const Node& n) {
  return n.loc.file + ":" + std::to_string(n.loc.line) + ":" + std::to_string(n.loc.column) + "-" +
         std::to_string(n.end_line);
}

inline std::string DumpSuppressions(const Node& n) {
  std::string out;
  for (const auto& s : n.suppressions) {
    out += "  ignore " + s.rule + " \"" + s.reason + "\" @" + std::to_string(s.loc.line) + "\n";
  }
  return out;
}

// One line per input, parse error and node, with the key fields of each node.
inline std::string DumpGraph(const Graph& g) {
  std::string out;
  for (const auto& i : g.inputs) out += "input " + i.path + " " + i.kind + " " + i.status + "\n";
  for (const auto& e : g.parse_errors) out += "TL001 " + FormatLocation(e.loc) + " " + e.message + "\n";
  for (const auto& p : g.pools) {
    out += "pool " + p.address + " " + Pos(p) + " unauth=" + DumpValue(p.allow_unauthenticated) +
           " classic=" + DumpValue(p.allow_classic_flow) + " id=" + DumpValue(p.id) + "\n" + DumpSuppressions(p);
  }
  for (const auto& a : g.attachments) {
    out += "attachment " + a.address + " " + Pos(a) + " pool=" + DumpValue(a.pool) + "#" +
           std::to_string(a.pool_id) + " auth=" + DumpValue(a.authenticated) + "#" +
           std::to_string(a.authenticated_role) + " unauth=" + DumpValue(a.unauthenticated) + "#" +
           std::to_string(a.unauthenticated_role) + "\n";
    for (const auto& m : a.mappings) {
      out += "  mapping " + DumpValue(m.identity_provider) + " " + DumpValue(m.type) + " " +
             DumpValue(m.ambiguous_role_resolution) + " roles=" + DumpValue(Value::List(m.roles)) + "\n";
    }
    out += DumpSuppressions(a);
  }
  for (const auto& r : g.roles) {
    out += "role " + r.address + " " + Pos(r) + " arn=" + DumpValue(r.arn) + " name=" + DumpValue(r.name) + "\n";
    out += "  trust " + DumpValue(r.trust_policy) + "\n";
    for (const auto& p : r.inline_policies) {
      out += "  inline " + p.name + " owner=" + p.owner + " @" + std::to_string(p.loc.line) + " " +
             DumpValue(p.document) + "\n";
    }
    if (!r.managed_policy_arns.empty()) out += "  managed " + DumpValue(Value::List(r.managed_policy_arns)) + "\n";
    if (!r.permissions_boundary.IsNull()) out += "  boundary " + DumpValue(r.permissions_boundary) + "\n";
    if (!r.policy_ids.empty()) {
      out += "  policies";
      for (int id : r.policy_ids) out += " " + g.policies[id].address;
      out += "\n";
    }
    out += DumpSuppressions(r);
  }
  for (const auto& p : g.policies) {
    out += "policy " + p.address + " " + p.type + " " + Pos(p) + (p.resource_control_policy ? " rcp" : "") +
           " arn=" + DumpValue(p.arn) + " roles=" + DumpValue(Value::List(p.roles)) + "\n";
    out += "  document " + DumpValue(p.document) + "\n";
    out += DumpSuppressions(p);
  }
  return out;
}

inline Graph LoadOne(const std::string& path, const std::string& text) {
  GraphBuilder b;
  LoadCloudFormationText(path, text, b);
  return b.Link();
}

// The first value of `role`'s trust policy statement 0 under `key` (for short checks).
inline const Value* Statement0(const Graph& g, const std::string& role, const std::string& key) {
  const Role* r = g.FindRole(role);
  if (!r) return nullptr;
  const Value* st = r->trust_policy.Find("Statement");
  if (!st || !st->IsList() || st->items.empty()) return nullptr;
  return st->items[0].Find(key);
}

}  // namespace trustlint::testing
