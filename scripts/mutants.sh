#!/usr/bin/env bash
# Mutation testing (cargo-mutants): plants one small bug at a time and checks that a test fails. A "missed" mutant
# is a bug the suite lets through: give it a test, or a line in TESTING.md saying why it cannot change behaviour.
# TESTING.md records the last full run on src/domain/.
#
# Usage: scripts/mutants.sh                   every mutant of src/domain/
#        scripts/mutants.sh --in-diff [BASE]  only mutants on lines changed since BASE (default: main)
#        scripts/mutants.sh [OPTIONS…]        src/domain/ with cargo-mutants options, e.g. --file src/domain/code.rs
# Output: mutants.out/ (outcomes.json, caught.txt, missed.txt, timeout.txt, unviable.txt).
#
# src/domain/ imports nothing else of the crate (scripts/check-layers.sh), so it is mutated in a crate of its own
# (target/mutants-domain/: src/domain and criteria/ copied, the dependencies fuzz/Cargo.toml lists, Cargo.lock's
# versions): each mutant rebuilds a few thousand lines, not the whole program. A change outside src/domain/ is
# mutated in the real crate. Either way only the library's unit tests run (`cargo test --lib`; set
# MUTANTS_ALL_TESTS=1 to run the end-to-end tests too, much slower). The machine is shared: lowest priority, one
# job, a fixed timeout per mutant. The domain crate is itself a copy, so it is mutated in place and keeps its build
# between runs; the real crate is mutated in a copy cargo-mutants makes (a fresh build). The working tree is never
# touched.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v cargo-mutants >/dev/null 2>&1; then
  for attempt in 1 2 3; do
    echo "mutants.sh: installing cargo-mutants (attempt $attempt)" >&2
    nice -n 19 cargo install --locked cargo-mutants && break
    sleep $((attempt * 10))
  done
fi
if ! command -v cargo-mutants >/dev/null 2>&1; then
  echo "mutants.sh: SKIPPED — cargo-mutants could not be installed (cargo install --locked cargo-mutants failed 3 times); no mutant was run" >&2
  exit 0
fi

# The domain crate, rebuilt from the working tree each run (its target/ is kept between runs).
domain_crate() {
  local dir="$root/target/mutants-domain"
  mkdir -p "$dir/src"
  rm -rf "$dir/src/domain" "$dir/criteria"
  cp -r "$root/src/domain" "$dir/src/domain"
  cp -r "$root/criteria" "$dir/criteria"
  cp "$root/Cargo.lock" "$dir/Cargo.lock"
  printf '%s\n' '//! src/domain alone, for scripts/mutants.sh.' '#![allow(dead_code, unused_imports)]' \
    'pub mod domain;' >"$dir/src/lib.rs"
  {
    printf '[package]\nname = "cchc-domain-mutants"\nversion = "0.0.0"\nedition = "2024"\npublish = false\n\n'
    printf '[dependencies]\n'
    sed -n '/^\[dependencies\]/,/^\[/p' "$root/fuzz/Cargo.toml" | grep -E '^[a-z0-9_-]+ *=' | grep -v '^libfuzzer-sys'
    printf '\n[dev-dependencies]\n'
    grep -E '^proptest *=' "$root/Cargo.toml"
    printf '\n[profile.dev.package."*"]\nopt-level = 1\n\n[workspace]\n'
  } >"$dir/Cargo.toml"
  echo "$dir"
}

test_args=(-- --lib)
[ "${MUTANTS_ALL_TESTS:-}" = 1 ] && test_args=()
common=(--output "$root" --timeout 120 --build-timeout 900 --exclude '**/*_tests.rs'
  --exclude 'src/domain/catalogue_parse/fuzz.rs')

if [ "${1:-}" = "--in-diff" ]; then
  shift
  base=main
  if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then base=$1; shift; fi
  diff_file=$(mktemp)
  trap 'rm -f "$diff_file"' EXIT
  git diff "$base" -- src >"$diff_file"
  if [ ! -s "$diff_file" ]; then
    echo "mutants.sh: no change under src/ since $base; nothing to mutate" >&2
    exit 0
  fi
  if git diff --name-only "$base" -- src | grep -qv '^src/domain/'; then
    dir=$root # the change reaches beyond the domain: the real crate, in a copy, one mutant at a time
    common+=(--jobs 1)
  else
    dir=$(domain_crate)
    common+=(--in-place) # one mutant at a time, by nature
  fi
  nice -n 19 cargo mutants --dir "$dir" "${common[@]}" --in-diff "$diff_file" "$@" "${test_args[@]}"
  exit
fi

dir=$(domain_crate)
exec nice -n 19 cargo mutants --dir "$dir" "${common[@]}" --in-place "$@" "${test_args[@]}"
