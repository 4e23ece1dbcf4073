#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the repository's own inputs.

usage: fuzz/seeds.py SOURCE_DIR OUT_DIR

Writes OUT_DIR/corpus-<target>/<sha1> (libFuzzer's own naming, so a seed already
there is not written twice; inputs the fuzzer found beside them are kept):
  fuzz_cloudformation  the .yaml/.yml/.json/.template files that are not plans
  fuzz_terraform       the .tf and .tf.json files
  fuzz_plan            the plan JSON files (format_version + planned_values)
  fuzz_policy          every policy document inside those (an object with
                       "Statement", or a JSON string holding one), as JSON text
YAML templates give policy seeds only when PyYAML is installed (CloudFormation's
short tags such as !Ref are read as null); JSON inputs need nothing beyond Python.
"""
import hashlib
import json
import os
import sys

MAX_SEED_BYTES = 64 << 10  # the targets' -max_len
FOLDERS = ["fixtures", "tests", "examples"]
SKIPPED = {"node_modules", ".git", ".terraform"}
# Inputs made to run a scan's budget out (base/budget.h): bounded, but seconds each
# under the sanitizers, so they would stop a run as timeouts (-timeout=10); the
# hostile tests and `make bench-hostile` keep them honest.
BUDGET_SHAPES = {"values-budget.yaml", "alias-bomb.yaml"}

try:
    import yaml

    class _TagTolerantLoader(yaml.SafeLoader):
        pass

    _TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
except ImportError:  # policy seeds from JSON inputs only
    yaml = None


def files_under(source):
    for folder in FOLDERS:
        for root, dirs, names in os.walk(os.path.join(source, folder)):
            dirs[:] = sorted(d for d in dirs if d not in SKIPPED)
            for name in sorted(names):
                if name not in BUDGET_SHAPES:
                    yield os.path.join(root, name)


def target_of(path, data):
    name = path.lower()
    if name.endswith(".tf") or name.endswith(".tf.json"):
        return "fuzz_terraform"
    if name.endswith(".json") and b'"format_version"' in data and b'"planned_values"' in data:
        return "fuzz_plan"
    if name.endswith((".yaml", ".yml", ".json", ".template")):
        return "fuzz_cloudformation"
    return None


def parsed(path, data):
    try:
        text = data.decode("utf-8")
        if path.lower().endswith(".json"):
            return json.loads(text)
        if yaml is not None and path.lower().endswith((".yaml", ".yml", ".template")):
            return yaml.load(text, Loader=_TagTolerantLoader)
    except Exception:  # a deliberately broken fixture: no policy seeds from it
        pass
    return None


def policies_in(value):
    stack = [value]
    seen = set()  # a YAML alias shares its node: each is visited once (billion laughs)
    while stack:
        v = stack.pop()
        if isinstance(v, (dict, list)):
            if id(v) in seen:
                continue
            seen.add(id(v))
        if isinstance(v, dict):
            if "Statement" in v:
                yield json.dumps(v, indent=1)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
        elif isinstance(v, str) and v.lstrip().startswith("{") and "Statement" in v:
            yield v


def write_seed(out, target, data):
    if len(data) > MAX_SEED_BYTES:
        return False
    folder = os.path.join(out, "corpus-" + target)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if os.path.exists(path):
        return False
    with open(path, "wb") as f:
        f.write(data)
    return True


def main():
    source, out = sys.argv[1], sys.argv[2]
    counts = {}
    for path in files_under(source):
        with open(path, "rb") as f:
            data = f.read()
        target = target_of(path, data)
        if target is None or len(data) > MAX_SEED_BYTES:
            continue
        counts[target] = counts.get(target, 0) + write_seed(out, target, data)
        for policy in policies_in(parsed(path, data)):
            counts["fuzz_policy"] = counts.get("fuzz_policy", 0) + write_seed(out, "fuzz_policy", policy.encode())
    for target in sorted(counts):
        print(f"{target}: {counts[target]} new seeds in {os.path.join(out, 'corpus-' + target)}")


if __name__ == "__main__":
    main()
