#!/usr/bin/env bash
# Prints the commands of the README's walkthrough of a secretary's year — the first shell block after the heading
# "## Một năm làm việc của thư ký" — one per line, continuation lines joined, comments kept; tests/cli/readme.rs runs
# them and checks that HUONG-DAN.txt's cmd walkthrough (scripts/lib/huong-dan-walkthrough.sh, which
# scripts/windows-check.sh runs under Wine) holds the same commands.
#
# Usage: scripts/lib/readme-walkthrough.sh [README]
set -euo pipefail
readme="${1:-$(dirname "${BASH_SOURCE[0]}")/../../README.md}"
awk '
  /^## Một năm làm việc của thư ký/ { section = 1; next }
  section && !block && /^```sh/ { block = 1; next }
  block && /^```/ { exit }
  block {
    line = pending $0; pending = ""
    if (line ~ /\\$/) { pending = substr(line, 1, length(line) - 1) " "; next }
    if (line ~ /^[ \t]*cchc[ \t]/) print line
  }
' "$readme"
