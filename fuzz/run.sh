#!/usr/bin/env bash
# Runs careerbook's fuzz targets. Usage: fuzz/run.sh [SECONDS_PER_TARGET]
# cargo-fuzz needs nightly compiler flags; RUSTC_BOOTSTRAP lets the stable
# toolchain accept them. Seeds come from guides/, the test fixtures and
# fuzz/seeds/<target>/ (inputs that once got a wrong verdict).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
secs="${1:-60}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
for target in front_matter markdown; do
  corpus="fuzz/corpus/$target"
  mkdir -p "$corpus"
  find guides tests/fixtures -name '*.md' -exec cp {} "$corpus/" \;
  # Hand-made seeds for inputs that once got a wrong verdict.
  cp fuzz/seeds/"$target"/* "$corpus/"
  cargo fuzz run "$target" "$corpus" -- -max_total_time="$secs" -max_len=65536 -timeout=10
done
