// Parses IAM policy documents out of graph Values. Every shape IAM accepts is
// read; any other shape becomes a located PolicyIssue (TL004), and every problem
// of the document is found, so that one bad statement never hides the others. IAM
// refuses a document with any of them, so such a document grants nothing.
#include "policy/policy.h"

#include <algorithm>
#include <initializer_list>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <utility>

#include "base/ascii.h"
#include "base/json_text.h"

namespace trustlint {
namespace {

// Undecided Fn::If branches multiply; beyond this many readings of one
// statement the rest are dropped (and reported) rather than exploding.
constexpr size_t kMaxReadings = 16;
// A policy nests six levels (document, Statement list, statement, Condition,
// operator, values); JSON text nested deeper is refused before it is parsed, since
// every level of the conversion keeps its path (a 100,000-level text would keep
// gigabytes of paths).
constexpr int kMaxPolicyTextNesting = 32;

constexpr std::string_view kForAnyValue = "ForAnyValue:";
constexpr std::string_view kForAllValues = "ForAllValues:";
constexpr std::string_view kIfExists = "IfExists";

std::string_view KindName(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return "a boolean";
    case Value::Kind::kNumber:
      return "a number";
    case Value::Kind::kString:
      return "a string";
    case Value::Kind::kList:
      return "a list";
    case Value::Kind::kMap:
      return "a mapping";
    case Value::Kind::kAlternatives:
      return "a conditional value";
    case Value::Kind::kUnknown:
      return "an unknown value";
  }
  return "a value";
}

std::string Concat(std::initializer_list<std::string_view> pieces) {
  std::string out;
  for (std::string_view piece : pieces) out += piece;
  return out;
}

std::string Join(std::string_view path, std::string_view leaf) {
  if (path.empty()) return std::string(leaf);
  std::string out(path);
  out += '/';
  out += leaf;
  return out;
}

// ---- JSON text documents ---------------------------------------------------

// A JSON value as a graph Value; every position is the string's, since
// nlohmann keeps no positions.
Value FromJson(const nlohmann::json& json, const Location& loc, const std::string& path) {
  Value out;
  switch (json.type()) {
    case nlohmann::json::value_t::object: {
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& [key, item] : json.items()) entries.emplace_back(key, FromJson(item, loc, Join(path, key)));
      out = Value::Map(std::move(entries), loc);
      break;
    }
    case nlohmann::json::value_t::array: {
      std::vector<Value> items;
      for (size_t i = 0; i < json.size(); ++i) items.push_back(FromJson(json[i], loc, Join(path, std::to_string(i))));
      out = Value::List(std::move(items), loc);
      break;
    }
    case nlohmann::json::value_t::string:
      out = Value::String(json.get<std::string>(), loc);
      break;
    case nlohmann::json::value_t::boolean:
      out = Value::Bool(json.get<bool>(), loc);
      break;
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      out = Value::Number(json.dump(), loc);
      break;
    default:
      out = Value::Null(loc);
      break;
  }
  out.path = path;
  return out;
}

// The text of a JSON document whose symbols sit inside JSON strings: each
// symbol's sentinel is JSON-escaped (an unknown's reason may hold quotes), so
// that parsing gives back exactly the sentinel RenderForMatching would.
std::string RenderJsonText(const std::vector<StringPart>& parts) {
  std::string out;
  for (const StringPart& part : parts) {
    if (!part.symbol) {
      out += part.literal;
      continue;
    }
    const std::string sentinel = RenderForMatching({part});
    const std::string quoted = nlohmann::json(sentinel).dump();  // "…" with escapes
    out += quoted.substr(1, quoted.size() - 2);
  }
  return out;
}

}  // namespace

void ParseConditionOperator(std::string_view op_text, SetPrefix* set, std::string* op, bool* if_exists) {
  *set = SetPrefix::kNone;
  *if_exists = false;
  std::string_view rest = op_text;
  if (rest.size() >= kForAnyValue.size() && LowerAscii(rest.substr(0, kForAnyValue.size())) == "foranyvalue:") {
    *set = SetPrefix::kForAnyValue;
    rest.remove_prefix(kForAnyValue.size());
  } else if (rest.size() >= kForAllValues.size() &&
             LowerAscii(rest.substr(0, kForAllValues.size())) == "forallvalues:") {
    *set = SetPrefix::kForAllValues;
    rest.remove_prefix(kForAllValues.size());
  }
  if (rest.size() > kIfExists.size() && rest.ends_with(kIfExists)) {
    *if_exists = true;
    rest.remove_suffix(kIfExists.size());
  }
  *op = std::string(rest);
}

namespace {

// Messages quote policy values; a hostile 30 KB value is shown by its head and size.
std::string Abbreviated(std::string display) {
  constexpr size_t kMaxShown = 200;
  constexpr size_t kHead = 120;
  if (display.size() <= kMaxShown) return display;
  size_t cut = kHead;
  while (cut > 0 && (static_cast<unsigned char>(display[cut]) & 0xC0) == 0x80) --cut;  // a whole UTF-8 character
  return display.substr(0, cut) + "\u2026 (" + std::to_string(display.size()) + " bytes)";
}

// A string, boolean or number as a PolicyString; anything unknown keeps a
// sentinel text and the reason.
PolicyString MakeString(const Value& v) {
  PolicyString out;
  out.loc = v.loc;
  switch (v.kind) {
    case Value::Kind::kString:
      out.text = RenderForMatching(v.parts);
      out.display = RenderForDisplay(v.parts);
      break;
    case Value::Kind::kUnknown: {
      // One constant per place: two unrelated unknowns that share a reason are not one value.
      const std::string place = v.loc.file + ":" + std::to_string(v.loc.line) + ":" + std::to_string(v.loc.column) +
                                "/" + v.path;
      const std::vector<StringPart> parts = {StringPart{"", Symbol{Symbol::Kind::kUnknown, v.reason, place}}};
      out.text = RenderForMatching(parts);
      out.display = RenderForDisplay(parts);
      break;
    }
    default:
      out.text = v.text;
      out.display = v.text;
      break;
  }
  out.display = Abbreviated(std::move(out.display));
  out.unknown = v.DependsOnUnknown(&out.unknown_reason);
  // A JSON-text document keeps symbols as sentinel text inside literals.
  if (!out.unknown && RenderedHasUnknown(out.text)) {
    out.unknown = true;
    out.unknown_reason = "depends on a value that could not be resolved";
  }
  return out;
}

// A map entry, or nullptr when absent or null (AWS::NoValue removes a key).
const Value* Element(const Value& map, std::string_view key) {
  const Value* v = map.Find(key);
  return v == nullptr || v->IsNull() ? nullptr : v;
}

bool IsScalar(const Value& v) {
  return v.kind == Value::Kind::kString || v.kind == Value::Kind::kBool || v.kind == Value::Kind::kNumber ||
         v.kind == Value::Kind::kUnknown;
}

bool ContainsAlternatives(const Value& v) {
  if (v.kind == Value::Kind::kAlternatives) return true;
  for (const Value& item : v.items) {
    if (ContainsAlternatives(item)) return true;
  }
  for (const auto& [key, item] : v.entries) {
    if (ContainsAlternatives(item)) return true;
  }
  return false;
}

// Every concrete reading of a value with undecided Fn::If branches, at most
// kMaxReadings. Null list items and map entries (AWS::NoValue) are dropped,
// so `Fn::If [c, X, AWS::NoValue]` reads as "with X" and "without X".
std::vector<Value> Readings(const Value& v, bool* truncated) {
  if (v.kind == Value::Kind::kAlternatives) {
    std::vector<Value> out;
    for (const Value& item : v.items) {
      for (Value& reading : Readings(item, truncated)) {
        if (out.size() == kMaxReadings) {
          *truncated = true;
          return out;
        }
        out.push_back(std::move(reading));
      }
    }
    return out;
  }
  if (v.kind != Value::Kind::kList && v.kind != Value::Kind::kMap) return {v};
  Value empty = v;
  empty.items.clear();
  empty.entries.clear();
  std::vector<Value> out = {empty};
  const auto extend = [&](const auto& child_readings, const auto& add) {
    std::vector<Value> next;
    for (const Value& partial : out) {
      for (const Value& child : child_readings) {
        if (next.size() == kMaxReadings) {
          *truncated = true;
          break;
        }
        next.push_back(partial);
        if (!child.IsNull()) add(next.back(), child);
      }
    }
    out = std::move(next);
  };
  if (v.kind == Value::Kind::kList) {
    for (const Value& item : v.items) {
      extend(Readings(item, truncated), [](Value& list, const Value& child) { list.items.push_back(child); });
    }
  } else {
    for (const auto& [key, item] : v.entries) {
      const std::string& name = key;
      extend(Readings(item, truncated),
             [&name](Value& map, const Value& child) { map.entries.emplace_back(name, child); });
    }
  }
  return out;
}

class DocumentParser {
 public:
  explicit DocumentParser(PolicyDocument& doc) : doc_(doc) {}

  void ParseDocument(const Value& document, bool conditional) {
    conditional_ = conditional;
    switch (document.kind) {
      case Value::Kind::kUnknown:
        MarkUnknown(document.reason);
        return;
      case Value::Kind::kNull:
        Issue(document.loc, "Policy document is absent", PolicyIssue::Kind::kAbsent);
        return;
      case Value::Kind::kAlternatives:
        for (const Value& item : document.items) {
          if (!item.IsNull()) ParseDocument(item, true);
        }
        return;
      case Value::Kind::kString:
        ParseJsonText(document, conditional);
        return;
      case Value::Kind::kMap:
        break;
      default:
        Issue(document.loc, "Policy document must be a mapping, got " + std::string(KindName(document)));
        return;
    }
    if (std::all_of(document.entries.begin(), document.entries.end(),
                    [](const auto& entry) { return entry.second.IsNull(); })) {
      Issue(document.loc, "Policy document is empty");
      return;
    }
    if (!ParseVersion(document)) return;
    const Value* statement = Element(document, "Statement");
    if (statement == nullptr) {
      Issue(document.loc, "Policy document has no Statement");
      return;
    }
    const std::string list_path = statement->path.empty() ? Join(document.path, "Statement") : statement->path;
    CollectStatements(*statement, list_path, conditional);
  }

 private:
  // IAM knows two versions; only 2012-10-17 substitutes policy variables.
  bool ParseVersion(const Value& document) {
    const Value* version = Element(document, "Version");
    if (version == nullptr) {
      variables_ = false;
      return true;
    }
    const std::optional<std::string> text = version->Literal();
    if (text == "2012-10-17" || text == "2008-10-17") {
      doc_.version = *text;
      variables_ = *text == "2012-10-17";
      return true;
    }
    if (version->DependsOnUnknown() || version->kind == Value::Kind::kAlternatives) {
      variables_ = true;  // most likely the current version
      return true;
    }
    Issue(version->loc, "Version must be \"2012-10-17\" or \"2008-10-17\", got " +
                            (text ? "\"" + *text + "\"" : std::string(KindName(*version))));
    return false;
  }

  // An issue of the reading being parsed (see conditional_).
  void Issue(const Location& loc, std::string message, PolicyIssue::Kind kind = PolicyIssue::Kind::kInvalid) {
    doc_.issues.push_back({kind, loc, std::move(message), conditional_});
  }

  void MarkUnknown(const std::string& reason) {
    if (!doc_.unknown) doc_.unknown_reason = reason;
    doc_.unknown = true;
  }

  // A document kept as JSON text (a literal string, or a Terraform
  // jsonencode/heredoc). Symbols inside stay as sentinel text.
  void ParseJsonText(const Value& document, bool conditional) {
    std::string reason;
    const std::string text = RenderJsonText(document.parts);
    if (std::optional<JsonTextProblem> problem = CheckJsonText(text, document.loc, kMaxPolicyTextNesting)) {
      Issue(document.loc, "Policy document is not valid JSON: " + problem->message, PolicyIssue::Kind::kNotJson);
      return;
    }
    nlohmann::json json;
    try {
      json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
      if (document.DependsOnUnknown(&reason)) {
        MarkUnknown(reason);
      } else {
        Issue(document.loc, std::string("Policy document is not valid JSON: ") + e.what(), PolicyIssue::Kind::kNotJson);
      }
      return;
    }
    if (json.is_string()) {  // JSON-encoded twice: never a policy
      Issue(document.loc, "Policy document must be a mapping, got a JSON string");
      return;
    }
    ParseDocument(FromJson(json, document.loc, document.path), conditional);
  }

  void CollectStatements(const Value& v, const std::string& list_path, bool conditional) {
    conditional_ = conditional;
    switch (v.kind) {
      case Value::Kind::kNull:
        return;
      case Value::Kind::kUnknown:
        MarkUnknown(v.reason);
        return;
      case Value::Kind::kMap:
        ParseStatementReadings(v, 0, Join(list_path, "0"), conditional);
        return;
      case Value::Kind::kAlternatives:
        for (const Value& item : v.items) CollectStatements(item, list_path, true);
        return;
      case Value::Kind::kList:
        break;
      default:
        Issue(v.loc, "Statement must be a mapping or a list of mappings, got " + std::string(KindName(v)));
        return;
    }
    for (size_t i = 0; i < v.items.size(); ++i) {
      CollectItem(v.items[i], static_cast<int>(i), Join(list_path, std::to_string(i)), conditional);
    }
  }

  void CollectItem(const Value& item, int index, const std::string& path, bool conditional) {
    conditional_ = conditional;
    switch (item.kind) {
      case Value::Kind::kNull:
        return;
      case Value::Kind::kUnknown:
        MarkUnknown(item.reason);
        return;
      case Value::Kind::kMap:
        ParseStatementReadings(item, index, path, conditional);
        return;
      case Value::Kind::kAlternatives:
        for (const Value& alternative : item.items) CollectItem(alternative, index, path, true);
        return;
      default:
        Issue(item.loc, "Statement must be a mapping or a list of mappings, got " + std::string(KindName(item)));
        return;
    }
  }

  void ParseStatementReadings(const Value& v, int index, const std::string& path, bool conditional) {
    if (!ContainsAlternatives(v)) {
      ParseStatement(v, index, path, conditional);
      return;
    }
    bool truncated = false;
    const size_t first_issue = doc_.issues.size();
    size_t readings = 0;
    size_t invalid_readings = 0;
    for (const Value& reading : Readings(v, &truncated)) {
      const size_t before = doc_.issues.size();
      ParseStatement(reading, index, path, true);
      ++readings;
      if (doc_.issues.size() > before) ++invalid_readings;
    }
    if (!conditional && !truncated && invalid_readings == readings) {
      // Invalid whichever way the conditions go: IAM rejects the document in every reading.
      for (size_t i = first_issue; i < doc_.issues.size(); ++i) doc_.issues[i].conditional = false;
    }
    if (truncated) {
      // Not a problem of the policy but a limit of the analysis: what the other
      // readings allow is unknown, as the CloudFormation front end's own cap is.
      MarkUnknown("statement " + std::to_string(index) + " has more than " + std::to_string(kMaxReadings) +
                  " readings through undecided conditions; only the first " + std::to_string(kMaxReadings) +
                  " are analysed");
    }
  }

  void ParseStatement(const Value& v, int index, const std::string& path, bool conditional) {
    conditional_ = conditional;
    Statement st;
    st.index = index;
    st.conditional = conditional;
    st.loc = v.loc;
    st.path = v.path.empty() ? path : v.path;
    st.variables = variables_;
    if (const Value* sid = Element(v, "Sid"); sid != nullptr) st.sid = sid->Literal().value_or("");
    if (KnownElements(v) && ParseEffect(v, st) && ParsePrincipals(v, st) && ParseActions(v, st) &&
        ParseResources(v, st) && ParseConditions(v, st)) {
      doc_.statements.push_back(std::move(st));
    }
  }

  // IAM rejects a statement with an element it does not know; a typo such as
  // "Conditon" would otherwise silently widen the statement.
  bool KnownElements(const Value& v) {
    static constexpr std::string_view kElements[] = {"Sid",       "Effect",   "Principal",   "NotPrincipal", "Action",
                                                     "NotAction", "Resource", "NotResource", "Condition"};
    for (const auto& [key, item] : v.entries) {
      if (std::find(std::begin(kElements), std::end(kElements), key) == std::end(kElements)) {
        Issue(item.loc.Known() ? item.loc : v.loc, "Statement has an unknown element \"" + key + "\"");
        return false;
      }
    }
    return true;
  }

  bool ParseEffect(const Value& v, Statement& st) {
    const Value* effect = Element(v, "Effect");
    if (effect == nullptr) {
      Issue(v.loc, "Statement has no Effect");
      return false;
    }
    if (effect->IsUnknown() || effect->DependsOnUnknown()) {
      std::string reason;
      effect->DependsOnUnknown(&reason);
      MarkUnknown(reason);
      return false;
    }
    const std::optional<std::string> text = effect->Literal();
    if (text == "Allow" || text == "Deny") {
      st.allow = *text == "Allow";
      return true;
    }
    Issue(effect->loc,
          "Effect must be \"Allow\" or \"Deny\", got " + (text ? "\"" + *text + "\"" : std::string(KindName(*effect))));
    return false;
  }

  // Picks the one of two exclusive elements (Action/NotAction, ...) present.
  // Returns false after an issue when both are.
  bool PickElement(const Value& v, std::string_view name, std::string_view not_name, const Value** element,
                   bool* negated) {
    const Value* plain = Element(v, name);
    const Value* inverted = Element(v, not_name);
    if (plain != nullptr && inverted != nullptr) {
      Issue(v.loc, "Statement has both " + std::string(name) + " and " + std::string(not_name));
      return false;
    }
    *element = plain != nullptr ? plain : inverted;
    *negated = plain == nullptr && inverted != nullptr;
    return true;
  }

  // A string or a list of strings. Returns false after an issue on another shape.
  bool ReadStrings(const Value& v, std::string_view what, std::vector<PolicyString>& out) {
    if (IsScalar(v)) {
      out.push_back(MakeString(v));
      return true;
    }
    if (v.kind != Value::Kind::kList) {
      Issue(v.loc, std::string(what) + " must be a string or a list of strings, got " + std::string(KindName(v)));
      return false;
    }
    for (const Value& item : v.items) {
      if (item.IsNull()) continue;
      if (!IsScalar(item)) {
        Issue(item.loc, std::string(what) + " must be a string or a list of strings, got a list holding " +
                            std::string(KindName(item)));
        return false;
      }
      out.push_back(MakeString(item));
    }
    return true;
  }

  bool ParsePrincipals(const Value& v, Statement& st) {
    const Value* element = nullptr;
    if (!PickElement(v, "Principal", "NotPrincipal", &element, &st.not_principal)) return false;
    if (element == nullptr) return true;
    st.has_principal = true;
    const std::string name = st.not_principal ? "NotPrincipal" : "Principal";
    if (element->kind == Value::Kind::kString || element->IsUnknown()) {
      PolicyString value = MakeString(*element);
      if (value.text == "*") {
        st.principals.push_back({"*", std::move(value)});
        return true;
      }
      if (value.unknown) {  // unresolved: kept as an AWS principal that matches no concrete request
        st.principals.push_back({"AWS", std::move(value)});
        return true;
      }
    }
    if (element->kind != Value::Kind::kMap) {
      Issue(element->loc,
            Concat({name, " must be \"*\" or a mapping of principal type to principals, got ", KindName(*element)}));
      return false;
    }
    for (const auto& [type, values] : element->entries) {
      if (type != "AWS" && type != "Federated" && type != "Service" && type != "CanonicalUser") {
        Issue(values.loc, Concat({name, " type must be AWS, Federated, Service or CanonicalUser, got \"", type, "\""}));
        return false;
      }
      std::vector<PolicyString> strings;
      if (!ReadStrings(values, Concat({name, " ", type}), strings)) return false;
      for (PolicyString& s : strings) st.principals.push_back({type, std::move(s)});
    }
    return true;
  }

  bool ParseActions(const Value& v, Statement& st) {
    const Value* element = nullptr;
    if (!PickElement(v, "Action", "NotAction", &element, &st.not_action)) return false;
    if (element == nullptr) {
      Issue(v.loc, "Statement has neither Action nor NotAction");
      return false;
    }
    return ReadStrings(*element, st.not_action ? "NotAction" : "Action", st.actions);
  }

  bool ParseResources(const Value& v, Statement& st) {
    const Value* element = nullptr;
    if (!PickElement(v, "Resource", "NotResource", &element, &st.not_resource)) return false;
    if (element == nullptr) return true;
    st.has_resource = true;
    return ReadStrings(*element, st.not_resource ? "NotResource" : "Resource", st.resources);
  }

  bool ParseConditions(const Value& v, Statement& st) {
    const Value* block = Element(v, "Condition");
    if (block == nullptr) return true;
    if (block->IsUnknown()) {
      MarkUnknown(block->reason);
      return false;
    }
    if (block->kind != Value::Kind::kMap) {
      Issue(block->loc,
            "Condition must be a mapping of operators to key/value mappings, got " + std::string(KindName(*block)));
      return false;
    }
    const std::string block_path = block->path.empty() ? Join(st.path, "Condition") : block->path;
    for (const auto& [op_text, keys] : block->entries) {
      if (keys.IsUnknown()) {
        MarkUnknown(keys.reason);
        return false;
      }
      if (keys.kind != Value::Kind::kMap) {
        Issue(keys.loc, "Condition operator " + op_text + " must map condition keys to values, got " +
                            std::string(KindName(keys)));
        return false;
      }
      for (const auto& [key, values] : keys.entries) {
        Condition condition;
        condition.op_text = op_text;
        ParseConditionOperator(op_text, &condition.set, &condition.op, &condition.if_exists);
        condition.key = key;
        condition.key_lower = LowerAscii(key);
        condition.loc = values.loc.Known() ? values.loc : keys.loc;
        condition.path = values.path.empty() ? Join(Join(block_path, op_text), key) : values.path;
        condition.variables = variables_;
        if (!ReadStrings(values, "Condition value of " + key, condition.values)) return false;
        st.conditions.push_back(std::move(condition));
      }
    }
    return true;
  }

  PolicyDocument& doc_;
  bool variables_ = true;
  // Whether the value being parsed is in one reading of an undecided condition only:
  // set by every function that starts on a new value, before it reports anything.
  bool conditional_ = false;
};

}  // namespace

PolicyDocument ParsePolicyDocument(const Value& document, const std::string& owner) {
  PolicyDocument doc;
  doc.owner = owner;
  doc.loc = document.loc;
  doc.path = document.path;
  DocumentParser(doc).ParseDocument(document, false);
  // IAM refuses the whole document: in every reading it grants nothing, whatever its
  // unresolved parts are.
  if (std::any_of(doc.issues.begin(), doc.issues.end(), [](const PolicyIssue& i) { return !i.conditional; })) {
    doc.statements.clear();
    doc.unknown = false;
    doc.unknown_reason.clear();
  }
  return doc;
}

}  // namespace trustlint
