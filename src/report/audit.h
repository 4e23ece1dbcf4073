// The audit report's model (SPEC 9): per identity pool its flows, roles, who can
// assume each role (a proof or a witness per cell), what guests can do after the
// scope-down, and every finding and suppression with its source lines.
//
// The model holds rendered text only, so that it can be written into a run's JSON
// ("audit" section) and read back by `trustlint report --merge`: the HTML and
// markdown writers render this model and never look at the graph or the solver.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/checker.h"
#include "check/context.h"
#include "check/summary.h"
#include "graph/graph.h"
#include "report/graph_output.h"

namespace trustlint {

// One cell of the who-can-assume matrix.
struct AuditCell {
  std::string verdict;  // "yes" (a witness token), "no" (a proof), "possible" (rests on an unknown)
  std::string detail;   // "aud=…, amr=…" for yes; the proof for no; the unknown for possible
};

// The matrix's four columns, in this order.
inline constexpr int kAuditColumns = 4;
inline constexpr const char* kAuditColumnNames[kAuditColumns] = {
    "own signed-in users", "own guests", "other pools of the same account", "other accounts"};

struct AuditRole {
  std::string address;
  std::string file;
  int line = 0;
  std::string as;  // authenticated | unauthenticated | role mapping
  std::vector<AuditCell> who;  // kAuditColumns cells
  // Guests' effective permissions after the scope-down: "s3:GetObject on arn:… (Read)".
  bool guests = false;           // guests get the role
  std::string guests_note;       // why guests get it, or that they do not
  std::vector<std::string> guest_permissions;
  std::vector<std::string> policies;  // the role's policies (inline and attached), for the picture
};

struct AuditPool {
  std::string address;
  std::string file;
  int line = 0;
  std::string guests;        // "yes" | "no" | "unknown"
  std::string classic_flow;  // "yes" | "no" | "unknown"
  bool external = false;     // a pool the scan does not hold (SPEC 1): its settings are unknown
  std::vector<AuditRole> roles;
};

// A few lines of a file around a finding, escaped by the writers, not here.
struct AuditSource {
  int first_line = 0;
  std::vector<std::string> lines;
};

struct AuditFinding {
  std::string rule, name, severity, certainty, possible_because;
  std::string resource, file, message, fingerprint;
  int line = 0;
  bool suppressed = false;
  std::string suppression_reason;
  AuditSource source;
};

struct AuditSuppression {
  std::string rule, resource, file, reason;
  int line = 0;
};

// The picture: pools (column 0) → roles (1) → policies (2).
struct AuditNode {
  std::string label;
  int column = 0;
  bool flagged = false;  // an unsuppressed finding names it
};
struct AuditEdge {
  int from = 0, to = 0;  // indexes into AuditPicture::nodes
  std::string label;
  bool flagged = false;
};
struct AuditPicture {
  std::vector<AuditNode> nodes;
  std::vector<AuditEdge> edges;
};

// One scan's facts; a merged report holds several.
struct AuditRun {
  std::vector<std::string> inputs;  // input file paths, sorted
  bool has_audit = true;  // false: from a plain check JSON (findings and resources only)
  std::vector<AuditPool> pools;
  std::vector<AuditFinding> findings;
  std::vector<AuditSuppression> suppressions;
  AuditPicture picture;
  Summary summary;
};

struct AuditReport {
  std::vector<AuditRun> runs;
  std::vector<std::string> notes;  // what the merge could not show, and why
  Summary total;
};

// What guests and signed-in users of every identity-pool role can do, for
// `graph --format json` and the report alike (one computation, one answer).
std::map<int, RoleAccessView> RoleAccess(const Graph& graph, AnalysisContext& ctx);

// The audit of one scan. Source lines are read from the findings' files (relative
// to the current directory).
AuditRun BuildAuditRun(const Graph& graph, const CheckResult& result, const Summary& summary);
AuditReport SingleRunReport(AuditRun run);
// The picture of pools → roles → policies; nodes named in `flagged` (and the edges
// into them) are marked.
AuditPicture PictureOf(const std::vector<AuditPool>& pools, const std::set<std::string>& flagged);

// ---- JSON: the "audit" section of `report --format json`, and --merge ----

// The check JSON (SPEC 7, unchanged) with a top-level "audit" section added.
std::string RenderReportJson(const std::string& check_json, const AuditRun& run);
// A run read back from trustlint JSON: with an "audit" section, everything; a plain
// check JSON gives its findings and identity pools only (has_audit false). nullopt
// with `error` when the file is not trustlint JSON.
std::optional<AuditRun> ReadRunJson(const std::string& path, std::string* error);
// One report of many runs: runs over the same input files become one (pools and
// findings once each); a finding shown by an earlier run is not repeated.
AuditReport MergeRuns(std::vector<AuditRun> runs);

}  // namespace trustlint
