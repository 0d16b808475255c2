#!/usr/bin/env python3
"""Fail when a locked dependency needs a newer Rust than Cargo.toml's `rust-version`.

Reads Cargo.lock and, for every package from a registry, the `rust-version`
in its published Cargo.toml: from the unpacked source in
$CARGO_HOME/registry/src/, or else from the downloaded .crate in
$CARGO_HOME/registry/cache/. Nothing is fetched; run `cargo fetch --locked`
first so that every platform's packages are on disk (a package whose
manifest cannot be found is an error, not a pass).

Usage: python3 .ci/msrv-check.py [PROJECT_DIR]    (default: the repository root)
Exit codes: 0 every locked package fits, 1 some need more, 2 cannot tell.
"""

import os
import sys
import tarfile
import tomllib
from pathlib import Path


def version_key(text):
    """'1.88' and '1.88.0' compare equal; missing parts count as 0."""
    parts = [int(p) for p in text.split("-")[0].split(".")]
    return tuple(parts + [0] * (3 - len(parts)))


def registry_manifest(cargo_home, name, version):
    """The text of `name`-`version`'s published Cargo.toml, or None."""
    stem = f"{name}-{version}"
    for index in sorted((cargo_home / "registry" / "src").glob("*")):
        path = index / stem / "Cargo.toml"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    for index in sorted((cargo_home / "registry" / "cache").glob("*")):
        crate = index / f"{stem}.crate"
        if crate.is_file():
            with tarfile.open(crate, "r:gz") as tar:
                member = tar.extractfile(f"{stem}/Cargo.toml")
                if member is not None:
                    return member.read().decode("utf-8")
    return None


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
    cargo_home = Path(os.environ.get("CARGO_HOME", Path.home() / ".cargo"))
    package = tomllib.loads((root / "Cargo.toml").read_text(encoding="utf-8"))["package"]
    ours = package.get("rust-version")
    if not isinstance(ours, str):
        print(f"msrv: {root / 'Cargo.toml'} has no [package] rust-version")
        return 2
    lock = tomllib.loads((root / "Cargo.lock").read_text(encoding="utf-8"))

    needs, undeclared, missing = [], 0, []
    for pkg in lock.get("package", []):
        if not pkg.get("source", "").startswith(("registry+", "sparse+")):
            continue  # the package itself, path and git dependencies
        text = registry_manifest(cargo_home, pkg["name"], pkg["version"])
        if text is None:
            missing.append(f"{pkg['name']} {pkg['version']}")
            continue
        rv = tomllib.loads(text).get("package", {}).get("rust-version")
        if isinstance(rv, str):
            needs.append((version_key(rv), rv, pkg["name"], pkg["version"]))
        else:
            undeclared += 1

    if missing:
        print(f"msrv: no manifest on disk for {len(missing)} locked packages "
              f"(run `cargo fetch --locked`): {', '.join(missing)}")
        return 2
    offenders = sorted((n for n in needs if n[0] > version_key(ours)), reverse=True)
    for _, rv, name, version in offenders:
        print(f"msrv: {name} {version} needs Rust {rv}, above rust-version {ours}")
    if offenders:
        print(f"msrv: FAIL: {len(offenders)} of {len(needs) + undeclared} locked packages "
              f"need more than rust-version {ours}; raise it to {offenders[0][1]} "
              f"or lock older versions")
        return 1
    top = max(needs, default=None)
    highest = f"; highest: {top[2]} {top[3]} needs {top[1]}" if top else ""
    print(f"msrv: ok: rust-version {ours} covers all {len(needs) + undeclared} locked "
          f"registry packages ({undeclared} declare none{highest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
