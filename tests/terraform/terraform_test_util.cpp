#include "terraform_test_util.h"

#include <filesystem>

#include "frontend/terraform/terraform.h"

namespace fs = std::filesystem;

namespace trustlint::testing {
namespace {

std::string Where(const Location& loc) { return loc.file + ":" + std::to_string(loc.line); }

template <typename T>
std::string AddressAt(const std::vector<T>& nodes, int index) {
  return index >= 0 && index < static_cast<int>(nodes.size()) ? nodes[static_cast<size_t>(index)].address : "-";
}

void DumpNodeCommon(const Node& n, std::string& out) {
  out += " " + n.address + " @" + Where(n.loc) + "-" + std::to_string(n.end_line);
  out += " account=" + DumpValue(n.account) + " region=" + DumpValue(n.region) + "\n";
  for (const auto& s : n.suppressions) {
    out += "  suppress " + s.rule + " \"" + s.reason + "\" @" + Where(s.loc) + "\n";
  }
}

}  // namespace

Graph LoadTerraformDirs(const std::string& root, const std::vector<std::string>& dirs,
                        const std::vector<std::pair<std::string, std::string>>& vars,
                        const std::vector<std::string>& var_files, const std::string& region,
                        const std::string& account) {
  fs::current_path(TRUSTLINT_SOURCE_DIR);
  TerraformInputs inputs;
  inputs.scan_root = fs::canonical(root).string();
  inputs.module_dirs = dirs;
  inputs.vars = vars;
  inputs.var_files = var_files;
  inputs.region = region;
  inputs.account = account;
  GraphBuilder builder;
  LoadTerraform(inputs, builder);
  return builder.Link();
}

std::string DumpTerraformGraph(const Graph& g) {
  std::string out;
  for (const auto& i : g.inputs) out += "input " + i.path + " " + i.kind + " " + i.status + "\n";
  for (const auto& e : g.parse_errors) out += "error " + FormatLocation(e.loc) + " " + e.message + "\n";
  for (const auto& p : g.pools) {
    out += "pool";
    DumpNodeCommon(p, out);
    out += "  unauth=" + DumpValue(p.allow_unauthenticated) + " classic=" + DumpValue(p.allow_classic_flow) +
           " id=" + DumpValue(p.id) + "\n";
  }
  for (const auto& a : g.attachments) {
    out += "attachment";
    DumpNodeCommon(a, out);
    out += "  pool=" + DumpValue(a.pool) + " -> " + AddressAt(g.pools, a.pool_id) + "\n";
    out += "  authenticated=" + DumpValue(a.authenticated) + " -> " + AddressAt(g.roles, a.authenticated_role) + "\n";
    out += "  unauthenticated=" + DumpValue(a.unauthenticated) + " -> " +
           AddressAt(g.roles, a.unauthenticated_role) + "\n";
    for (const auto& m : a.mappings) {
      out += "  mapping " + DumpValue(m.identity_provider) + " " + DumpValue(m.type) + " " +
             DumpValue(m.ambiguous_role_resolution) + " @" + Where(m.loc) + "\n";
      for (size_t i = 0; i < m.roles.size(); ++i) {
        out += "    role=" + DumpValue(m.roles[i]) + " -> " + AddressAt(g.roles, m.role_ids[i]) + "\n";
      }
    }
  }
  for (const auto& r : g.roles) {
    out += "role";
    DumpNodeCommon(r, out);
    out += "  arn=" + DumpValue(r.arn) + " name=" + DumpValue(r.name) + "\n";
    out += "  trust=" + DumpValue(r.trust_policy) + "\n";
    for (const auto& ip : r.inline_policies) out += "  inline " + ip.name + "=" + DumpValue(ip.document) + "\n";
    for (const auto& m : r.managed_policy_arns) out += "  managed " + DumpValue(m) + "\n";
    if (!r.permissions_boundary.IsNull()) out += "  boundary=" + DumpValue(r.permissions_boundary) + "\n";
    for (int pi : r.policy_ids) out += "  policy -> " + AddressAt(g.policies, pi) + "\n";
  }
  for (const auto& p : g.policies) {
    out += "policy";
    DumpNodeCommon(p, out);
    out += "  document=" + DumpValue(p.document) + "\n";
    if (!p.arn.IsNull()) out += "  arn=" + DumpValue(p.arn) + "\n";
    for (const auto& r : p.roles) out += "  role=" + DumpValue(r) + "\n";
    if (p.resource_control_policy) out += "  resource_control_policy\n";
  }
  return out;
}

}  // namespace trustlint::testing
