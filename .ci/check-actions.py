#!/usr/bin/env python3
"""Checks the GitHub Actions files beyond what actionlint covers.

For every workflow and for action.yml:
  - the file is valid YAML;
  - every `uses:` names a full 40-hex commit SHA followed by a version
    comment (`uses: actions/checkout@<sha> # v7.0.1`), and each action is
    pinned to the same commit and version everywhere. Exceptions: local
    actions (`./...`), and careerbook's own action in the workflow that
    `careerbook init` writes, which names the release that wrote it
    (`careerbook/careerbook@v{version}`): no commit of careerbook can name
    its own release's commit.
For action.yml (actionlint lints workflows, not actions):
  - it is a composite action, every `run:` step has a `shell:`, and each
    output names a step that exists;
  - the `version` input defaults to Cargo.toml's version;
  - it picks archives for the targets .github/workflows/release.yml builds,
    named as [package.metadata.binstall] in Cargo.toml expects;
  - with --emit-workflow PATH, its steps are written out as a workflow
    (inputs as workflow_dispatch inputs) for actionlint to check the
    expressions and step syntax.

Usage: python3 .ci/check-actions.py [--emit-workflow PATH] FILE...
Needs PyYAML. Exit codes: 0 clean, 1 problems found.
"""

import re
import sys
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>[^\s#]+)\s*(?:#\s*(?P<comment>.*?))?\s*$")
SHA = re.compile(r"^[0-9a-f]{40}$")
VERSION = re.compile(r"^v\d+(\.\d+){0,2}$")
SCAFFOLD = "src/cli/scaffold/pages.yml"
OWN_ACTION = "careerbook/careerbook@v{version}"


def check_uses(path, text, pins, problems):
    rel = path.resolve().relative_to(ROOT).as_posix() if path.resolve().is_relative_to(ROOT) else str(path)
    for n, line in enumerate(text.splitlines(), 1):
        m = USES.match(line)
        if not m:
            continue
        ref, comment = m["ref"].strip("'\""), (m["comment"] or "").strip()
        where = f"{rel}:{n}"
        if ref.startswith("./"):
            continue
        if rel == SCAFFOLD and ref == OWN_ACTION:
            continue
        if ref.startswith("docker://"):
            if "@sha256:" not in ref:
                problems.append(f"{where}: docker action `{ref}` is not pinned by digest")
            continue
        action, _, commit = ref.partition("@")
        if not SHA.match(commit):
            problems.append(f"{where}: `{ref}` is not pinned by a full commit SHA")
            continue
        if not VERSION.match(comment):
            problems.append(f"{where}: `{ref}` needs its version as a comment, e.g. `# v1.2.3`")
            continue
        seen = pins.setdefault(action, (commit, comment, where))
        if seen[:2] != (commit, comment):
            problems.append(f"{where}: {action} is {commit} # {comment}, "
                            f"but {seen[2]} has {seen[0]} # {seen[1]}")


def check_action(action, problems):
    runs = action.get("runs") or {}
    if runs.get("using") != "composite":
        problems.append("action.yml: runs.using must be `composite`")
    steps = runs.get("steps") or []
    ids = {s.get("id") for s in steps if isinstance(s, dict)}
    for i, step in enumerate(steps, 1):
        if "run" in step and "shell" not in step:
            problems.append(f"action.yml: step {i} ({step.get('name', 'unnamed')}) runs a script without `shell:`")
        if ("run" in step) == ("uses" in step):
            problems.append(f"action.yml: step {i} needs exactly one of `run:` and `uses:`")
    for name, out in (action.get("outputs") or {}).items():
        for step_id in re.findall(r"steps\.([A-Za-z0-9_-]+)\.", str(out.get("value", ""))):
            if step_id not in ids:
                problems.append(f"action.yml: output `{name}` reads step `{step_id}`, which does not exist")
    for name, spec in (action.get("inputs") or {}).items():
        if not spec or not spec.get("description"):
            problems.append(f"action.yml: input `{name}` has no description")
    crate = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["package"]["version"]
    default = str(((action.get("inputs") or {}).get("version") or {}).get("default", ""))
    if default != crate:
        problems.append(f"action.yml: input `version` defaults to `{default}`, Cargo.toml says `{crate}`")


def check_targets(action, problems):
    """release.yml builds, action.yml downloads and cargo-binstall expects the same archives."""
    release = yaml.safe_load((ROOT / ".github/workflows/release.yml").read_text(encoding="utf-8"))
    built = {row["target"] for row in release["jobs"]["build"]["strategy"]["matrix"]["include"]}
    picked = set()
    for step in action.get("runs", {}).get("steps", []):
        picked |= set(re.findall(r"\btarget=([\w-]+)", step.get("run", "")))
    if picked != built:
        problems.append(f"action.yml picks targets {sorted(picked)}, release.yml builds {sorted(built)}")
    binstall = tomllib.loads((ROOT / "Cargo.toml").read_text(encoding="utf-8"))["package"]["metadata"]["binstall"]
    stem = "{ name }-{ target }-v{ version }"
    for name, meta in [("", binstall)] + list(binstall.get("overrides", {}).items()):
        if name and name not in built:
            problems.append(f"Cargo.toml: binstall override for {name}, which release.yml does not build")
        fmt = meta.get("pkg-fmt", binstall.get("pkg-fmt"))
        ext = {"tgz": ".tar.gz", "zip": ".zip"}.get(fmt)
        url = meta.get("pkg-url", binstall.get("pkg-url", ""))
        if not url.endswith(f"/releases/download/v{{ version }}/{stem}{ext}"):
            problems.append(f"Cargo.toml: binstall pkg-url {url!r} is not .../v{{ version }}/{stem}{ext}")
    if binstall.get("bin-dir") != f"{stem}/{{ bin }}{{ binary-ext }}":
        problems.append(f"Cargo.toml: binstall bin-dir is not {stem}/{{ bin }}{{ binary-ext }}")
    windows = [t for t in built if "windows" in t]
    for t in windows:
        if binstall.get("overrides", {}).get(t, {}).get("pkg-fmt") != "zip":
            problems.append(f"Cargo.toml: {t} is released as .zip but has no binstall zip override")


def as_workflow(action):
    """The action's steps as a workflow, so that actionlint can read them."""
    inputs = {
        name: {"description": spec.get("description", ""), "required": False, "type": "string",
               "default": str(spec.get("default", ""))}
        for name, spec in (action.get("inputs") or {}).items()
    }
    return {
        "name": "action.yml as a workflow (generated by .ci/check-actions.py)",
        "on": {"workflow_dispatch": {"inputs": inputs}},
        "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}},
    }


def main(argv):
    emit = None
    if len(argv) >= 2 and argv[0] == "--emit-workflow":
        emit, argv = Path(argv[1]), argv[2:]
    files = []
    for arg in argv:
        p = Path(arg)
        files += sorted(p.glob("*.y*ml")) if p.is_dir() else [p]
    problems, pins = [], {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as e:
            problems.append(f"{path}: not valid YAML: {e}")
            continue
        check_uses(path, text, pins, problems)
        if path.name in ("action.yml", "action.yaml"):
            check_action(doc, problems)
            check_targets(doc, problems)
            if emit:
                emit.write_text(yaml.safe_dump(as_workflow(doc), sort_keys=False), encoding="utf-8")
    for p in problems:
        print(p)
    print(f"actions: {len(problems)} problems in {len(files)} files; "
          f"{len(pins)} actions, each pinned to one commit")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
