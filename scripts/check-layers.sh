#!/usr/bin/env bash
# The layering rules of docs/ARCHITECTURE.md: no import cycle between top-level modules, domain/ imports nothing
# else of the crate, report/ and import/ never import store/. The check parses src/ as Rust (syn, in
# tests/cli/layers.rs): grouped, nested and multi-line `use` trees, `super::`/`self::` paths resolved against the
# file's module, fully qualified paths in code and macros; its seeded tests show each form fails.
# Usage: scripts/check-layers.sh [SRC_DIR]   (exit non-zero and the offending paths when a rule is broken)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -gt 0 ]; then
  CHECK_LAYERS_SRC=$(cd "$1" && pwd)
  export CHECK_LAYERS_SRC
fi
# The seeded forms first (the check must be able to fail), then the real source. Same build as `cargo test`.
cargo test --locked --quiet --test cli layers::
