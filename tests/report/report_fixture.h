// A small run built in memory, for tests of a writer's shape: one pool, one role,
// findings chosen by the test (suppressed, located or not, with hostile text).
#pragma once

#include <string>
#include <utility>

#include "check/checker.h"
#include "check/summary.h"
#include "graph/graph.h"
#include "report/writer.h"

namespace trustlint::testing {

struct ReportFixture {
  Graph graph;
  CheckResult result;

  ReportFixture() {
    graph.inputs.push_back({"stack/template.yaml", "cloudformation", "ok"});
    IdentityPool pool;
    pool.address = "IdentityPool";
    pool.type = "AWS::Cognito::IdentityPool";
    pool.loc = {"stack/template.yaml", 3, 3};
    graph.pools.push_back(pool);
    Role role;
    role.address = "AuthRole";
    role.type = "AWS::IAM::Role";
    role.loc = {"stack/template.yaml", 10, 3};
    graph.roles.push_back(role);
  }

  Finding& Add(std::string rule, std::string resource, Location at, std::string message) {
    Finding f;
    f.rule = std::move(rule);
    f.name = "some-rule";
    f.resource = std::move(resource);
    f.loc = std::move(at);
    f.message = std::move(message);
    f.fingerprint = "fp-" + f.rule + "-" + f.resource;
    result.findings.push_back(std::move(f));
    return result.findings.back();
  }

  std::string Render(std::string (*render)(const RunReport&)) const {
    return render(RunReport{graph, result, Summarize(graph, result)});
  }
};

}  // namespace trustlint::testing
