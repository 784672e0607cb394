#!/usr/bin/env bash
# The layering rules of docs/ARCHITECTURE.md, read from the `crate::` paths in src/: no import cycle between
# top-level modules, domain/ imports nothing else of the crate, report/ and import/ never import store/.
# Usage: scripts/check-layers.sh [SRC_DIR]   (exit 1 and the offending edges when a rule is broken)
set -euo pipefail
src="${1:-$(dirname "$0")/../src}"
cd "$src"

# "from to file:line" for every crate:: path, where `from` is the top-level module of the file. Comments are
# skipped; `src/bin/` programs are outside the library.
edges=$(find . -name '*.rs' -not -path './bin/*' -not -name lib.rs -not -name main.rs | sort | while read -r f; do
  from=${f#./}; from=${from%%/*}; from=${from%.rs}
  { grep -n 'crate::' "$f" || true; } | { grep -v '^[0-9]*:\s*//' || true; } |
    grep -o '^[0-9]*:\|crate::[a-z_]*' | awk -v from="$from" -v f="${f#./}" '
      /^[0-9]+:$/ { line = $0; sub(":", "", line); next }
      { to = substr($0, 8); if (to != from && to != "") print from, to, f ":" line }'
done || true)

status=0
fail() { echo "check-layers: $*" >&2; status=1; }

while read -r from to where; do
  [ -n "$from" ] || continue
  case "$from:$to" in
    domain:*) fail "domain/ imports crate::$to ($where): domain/ is plain types and rules" ;;
    report:store | import:store) fail "$from/ imports store ($where): it takes domain types, never the store" ;;
  esac
done <<<"$edges"

# A cycle: some module reaches itself. Transitive closure over the distinct edges (a dozen modules).
cycles=$(awk '{ e[$1 " " $2] = 1; n[$1] = 1; n[$2] = 1 }
  END {
    for (a in e) r[a] = 1
    do { changed = 0
      for (ab in r) { split(ab, p, " ")
        for (c in n) if ((p[2] " " c) in e && !((p[1] " " c) in r)) { r[p[1] " " c] = 1; changed = 1 } }
    } while (changed)
    for (a in n) if ((a " " a) in r) print a
  }' <<<"$edges" | sort)
for m in $cycles; do
  fail "$m is in an import cycle: $(awk -v m="$m" '$1 == m || $2 == m { print $1 "->" $2 }' <<<"$edges" | sort -u | tr '\n' ' ')"
done
exit $status
