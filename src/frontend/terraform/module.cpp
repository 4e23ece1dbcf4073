#include "frontend/terraform/module.h"

namespace trustlint::terraform {
namespace {

const Block* FindBlock(const std::vector<Block>& blocks, std::string_view type, std::string_view name) {
  for (const auto& b : blocks) {
    if (b.labels.size() >= 2 && b.labels[0] == type && b.labels[1] == name) return &b;
  }
  return nullptr;
}

}  // namespace

const Block* ModuleDef::FindResource(std::string_view type, std::string_view name) const {
  return FindBlock(resources, type, name);
}

const Block* ModuleDef::FindData(std::string_view type, std::string_view name) const {
  return FindBlock(data, type, name);
}

const Block* ModuleDef::FindModuleCall(std::string_view name) const {
  for (const auto& b : module_calls) {
    if (!b.labels.empty() && b.labels[0] == name) return &b;
  }
  return nullptr;
}

void IndexModule(ModuleDef& def) {
  for (const auto& file : def.files) {
    BodyItems top = ReadFileBody(*file);
    for (const Block& b : top.blocks) {
      if (b.type == "resource" && b.labels.size() == 2) {
        def.resources.push_back(b);
      } else if (b.type == "data" && b.labels.size() == 2) {
        def.data.push_back(b);
      } else if (b.type == "variable" && b.labels.size() == 1) {
        def.variables.emplace(b.labels[0], b);
      } else if (b.type == "output" && b.labels.size() == 1) {
        def.outputs.emplace(b.labels[0], b);
      } else if (b.type == "module" && b.labels.size() == 1) {
        def.module_calls.push_back(b);
      } else if (b.type == "provider" && b.labels.size() == 1) {
        def.providers.push_back(b);
      } else if (b.type == "locals") {
        for (const auto& [name, expr] : ReadBody(b.body).attributes) def.locals.emplace(name, expr);
      }
    }
  }
}

ProviderConfig DefaultProvider(const std::string& region, const std::string& account) {
  ProviderConfig cfg{Value::SymbolString(Symbol{Symbol::Kind::kPseudo, "AWS::Region"}),
                     Value::SymbolString(Symbol{Symbol::Kind::kPseudo, "AWS::AccountId"}),
                     Value::SymbolString(Symbol{Symbol::Kind::kPseudo, "AWS::Partition"})};
  if (!region.empty()) {
    cfg.region = Value::String(region);
    cfg.partition = Value::String(PartitionOf(region));
  }
  if (!account.empty()) cfg.account = Value::String(account);
  return cfg;
}

std::string PartitionOf(std::string_view region) {
  if (region.starts_with("cn-")) return "aws-cn";
  if (region.starts_with("us-gov-")) return "aws-us-gov";
  return "aws";
}

}  // namespace trustlint::terraform
