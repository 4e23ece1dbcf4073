// Provider configurations: `provider "aws"` blocks of root and child modules, the
// configured region/account for one that sets none, and `providers = {...}` of a
// module call.
#include <string>

#include "frontend/terraform/eval_internal.h"
#include "policy/arn.h"

namespace trustlint::terraform {

std::vector<std::pair<std::string, std::string>> ProviderMap(const NodeRef& providers) {
  auto name = [&](TSNode n) {
    std::string text(providers.file->Text(n));
    std::erase_if(text, [](char c) { return IsHclSpace(c) || c == '"'; });
    return text;
  };
  std::vector<std::pair<std::string, std::string>> out;
  TSNode object = ChildOfType(ChildOfType(providers.node, "collection_value"), "object");
  for (TSNode elem : NamedChildren(object)) {
    if (!Is(elem, "object_elem")) continue;  // the `{` / `}` tokens are named nodes too
    TSNode k = ts_node_child_by_field_name(elem, "key", 3);
    TSNode v = ts_node_child_by_field_name(elem, "val", 3);
    if (ts_node_is_null(k) || ts_node_is_null(v)) continue;
    out.emplace_back(name(k), name(v));
  }
  return out;
}

void Evaluator::ConfigureProviders(Instance& inst) {
  Scope scope{&inst, nullptr, {}};
  for (const Block& b : inst.def->providers) {
    if (b.labels.empty() || b.labels[0] != "aws") continue;
    BodyItems body = ReadBody(b.body);
    ProviderConfig cfg = Defaults();
    Value region = Attribute(body, "region", scope, b.loc);
    if (region.IsString()) cfg.region = region;
    if (auto r = region.Literal()) cfg.partition = Value::String(PartitionOf(*r), region.loc);
    Value allowed = Attribute(body, "allowed_account_ids", scope, b.loc);
    if (allowed.IsList() && allowed.items.size() == 1 && allowed.items[0].IsLiteralString()) {
      cfg.account = allowed.items[0];
    } else {
      for (const BlockUse& use : BlocksOf(body, "assume_role", scope)) {
        auto arn = Attribute(ReadBody(use.body), "role_arn", use.scope, use.loc).Literal();
        // arn:partition:iam::ACCOUNT:role/name (the "arn" field is not checked)
        const auto fields = arn ? SplitArnFields(*arn) : std::nullopt;
        if (fields && (*fields)[4].size() == 12) cfg.account = Value::String(std::string((*fields)[4]), use.loc);
      }
    }
    auto alias = Attribute(body, "alias", scope, b.loc).Literal();
    inst.providers[alias ? "aws." + *alias : "aws"] = cfg;
  }
}

ProviderConfig Evaluator::ProviderFor(const Instance& inst, const BodyItems& body) {
  std::string name = "aws";
  if (const NodeRef* p = body.Attribute("provider")) name = std::string(p->Text());
  auto found = inst.providers.find(name);
  if (found == inst.providers.end()) found = inst.providers.find("aws");
  return found == inst.providers.end() ? Defaults() : found->second;
}

}  // namespace trustlint::terraform
