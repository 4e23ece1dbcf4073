// A finding: what a rule reports, in the shape of SPEC section 7's JSON.
#pragma once

#include <string>
#include <vector>

#include "base/location.h"
#include "base/severity.h"

namespace trustlint {

// One field of a witness: a string or a list of strings, in insertion order.
struct WitnessField {
  std::string key;
  std::vector<std::string> values;
  bool is_list = false;
};

struct Related {
  Location loc;
  std::string message;
};

struct Finding {
  std::string rule;  // "TL104"
  std::string name;  // "auth-role-guest-assumable"
  Severity severity = Severity::kError;
  bool proven = true;          // certainty: proven | possible
  std::string possible_because;  // when !proven: the input that would decide it
  std::string resource;        // address
  Location loc;
  std::string logical_path;    // for stable fingerprints
  std::string message;
  std::vector<WitnessField> witness;
  std::vector<Related> related;
  bool suppressed = false;
  std::string suppression_reason;
  std::string fingerprint;  // filled by the checker: hash of rule + resource + file
  // What the fingerprint hashes besides the rule (SPEC 8), filled by the checker:
  // the address without a `<template path>#` prefix, and the file relative to the
  // repository root. A baseline entry shows them so that a reviewer can read it.
  std::string fingerprint_resource;
  std::string fingerprint_file;

  void AddWitness(std::string key, std::string value) {
    witness.push_back({std::move(key), {std::move(value)}, false});
  }
  void AddWitnessList(std::string key, std::vector<std::string> values) {
    witness.push_back({std::move(key), std::move(values), true});
  }
  void AddRelated(Location at, std::string msg) { related.push_back({at, std::move(msg)}); }
  // The finding rests on something the scan cannot see (`why`; nothing when empty):
  // it becomes possible, and says so.
  void MarkPossible(const std::string& why) {
    if (why.empty()) return;
    proven = false;
    if (possible_because.find(why) != std::string::npos) return;
    possible_because += (possible_because.empty() ? "" : "; ") + why;
  }
  // What a possible finding shows as the input that would decide it (SPEC 4).
  std::string PossibleBecause() const {
    return possible_because.empty() ? "depends on an unresolved value" : possible_because;
  }
};

// Deterministic order: file, line, column, rule, resource, message.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace trustlint
