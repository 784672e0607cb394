#!/usr/bin/env bash
# Prints the commands of HUONG-DAN.txt's walkthrough of a secretary's year — the lines of the section headed
# "MỘT NĂM LÀM VIỆC CỦA THƯ KÝ" (cmd.exe syntax) up to the next numbered heading that start with `cchc`, and their
# `^` continuation lines; the prose and the REM comments around them are left out. As written (default: each command's lines, `^` continuations kept, for a .cmd file run by cmd.exe),
# or with --sh, one command a line for bash: continuations joined and the backslashes of paths made slashes (the
# walkthrough has no other backslash). scripts/windows-check.sh runs the first under Wine and the second on Linux;
# tests/cli/readme.rs runs the second.
#
# Usage: scripts/lib/huong-dan-walkthrough.sh [--sh] [HUONG-DAN.txt]
set -euo pipefail
mode=cmd
[ "${1:-}" = "--sh" ] && mode=sh && shift
guide="${1:-$(dirname "${BASH_SOURCE[0]}")/../dist/HUONG-DAN.txt}"
sed -e '1s/^\xef\xbb\xbf//' -e 's/\r$//' "$guide" | awk -v mode="$mode" '
  /^[0-9]+\. / { section = ($0 ~ /MỘT NĂM LÀM VIỆC CỦA THƯ KÝ/); next }
  # A command starts with "cchc"; the lines after one ending in " ^" continue it. Prose and REM lines are neither.
  !section || !(continued || /^[ \t]*cchc[ \t]/) { next }
  { continued = ($0 ~ / \^$/) }
  mode == "cmd" { print; next }
  {
    line = $0
    sub(/^[ \t]+/, "", line)
    gsub(/\\/, "/", line)
    if (continued) { pending = pending substr(line, 1, length(line) - 1); next }
    print pending line
    pending = ""
  }
'
