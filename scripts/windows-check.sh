#!/usr/bin/env bash
# Does the Windows build do what the Linux build does, and does HUONG-DAN.txt run as pasted into cmd.exe? Builds
# cchc.exe (x86_64-pc-windows-gnu, mingw linker, the cheap `windows-check` profile) and the Linux debug binary, then
# runs, with each in turn and in the same folder (a name with Vietnamese letters and spaces), with the clock and the
# user pinned: `cchc demo`, HUONG-DAN.txt's walkthrough of a secretary's year (scripts/lib/huong-dan-walkthrough.sh)
# and a few commands on files and a database whose names have Vietnamese letters, spaces and brackets.
#   Windows: the walkthrough's lines exactly as written (cmd syntax: `^` continuations, backslash paths) go into a
#     .cmd file run by Wine's cmd.exe (`wine cmd /c`); the harness only adds, after each command, where its output
#     goes and a stop if it failed. The file is UTF-8 and starts with `chcp 65001`, as HUONG-DAN tells a user who
#     makes one; Wine reads it as UTF-8 under a Unicode-only locale (below).
#   Linux: the same commands through bash (`--sh`: continuations joined, / for \). The README's own sh walkthrough
#     is run by tests/cli/readme.rs.
# Every command must succeed; every listing (stdout) and every file written (JSON, CSV, Markdown, HTML; the parts
# of each DOCX and XLSX) must be the same byte for byte once path separators are normalised (\ and Wine's Z:\ →
# /). Any difference fails (exit 1).
#
# Installs what is missing (mingw-w64 and Wine from Debian's packages, the rustup target), retrying; if an install
# still fails it says SKIP loudly and exits 0, since the check cannot run here. Wine 8 lacks ProcessPrng, which
# Rust's std calls: scripts/windows/processprng.c is compiled into a bcryptprimitives.dll put beside the test copy
# of cchc.exe in a temporary folder — never in dist/.
#
# Usage: scripts/windows-check.sh [--keep]   (--keep: leave the temporary folder for a look)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
. scripts/lib/retry.sh

keep=0
[ "${1:-}" = "--keep" ] && keep=1
target=x86_64-pc-windows-gnu

skip() {
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! SKIP windows-check: $* — the Windows build was NOT checked." >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  exit 0
}
have() { command -v "$1" >/dev/null 2>&1; }

have x86_64-w64-mingw32-gcc || install_packages gcc-mingw-w64-x86-64 || skip "mingw-w64 could not be installed"
have wine || install_packages wine wine64 || skip "Wine could not be installed"
have unzip || install_packages unzip || skip "unzip could not be installed"
rustup target list --installed | grep -qx "$target" || retry 3 rustup target add "$target" ||
  skip "rustup could not add $target"

echo "windows-check: building (Linux debug, Windows $target)…" >&2
cargo build --locked --quiet --bin cchc
cargo build --locked --quiet --bin cchc --profile windows-check --target "$target"
linux_exe="$root/target/debug/cchc"

work="$(mktemp -d)"
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
cleanup() {
  wineserver -k 2>/dev/null || true
  if [ "$keep" = 1 ]; then echo "windows-check: left in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

mkdir -p "$work/bin" "$work/locale"
cp "target/$target/windows-check/cchc.exe" "$work/bin/"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bin/bcryptprimitives.dll" scripts/windows/processprng.c -ladvapi32
guide=scripts/dist/HUONG-DAN.txt
scripts/lib/huong-dan-walkthrough.sh --sh "$guide" >"$work/walkthrough.sh"
scripts/lib/huong-dan-walkthrough.sh "$guide" >"$work/walkthrough.cmd"

# Beyond the walkthrough: the secretary's own folders and file names (Vietnamese letters, spaces, brackets), in cmd
# syntax; bash gets them with / for \.
extras='cchc --db "Dữ liệu phường\cchc năm 2026.db" init --ward "Thành Sen" --province "Hà Tĩnh"
cchc --db "Dữ liệu phường\cchc năm 2026.db" unit import "Tệp nhận về\Danh sách đơn vị (bản cuối).csv"
cchc --db "Dữ liệu phường\cchc năm 2026.db" unit list --format json
cchc selfreport import 2026-dot2 "Tệp nhận về\Báo cáo tự kiểm tra (bản cuối).csv" --dry-run'
printf '%s\n' "$extras" >>"$work/walkthrough.cmd"
printf '%s\n' "$extras" | sed 's#\\#/#g' >>"$work/walkthrough.sh"

# A fresh folder for one build's run, always at the same path (so that absolute paths agree too).
prepare() {
  local out="$work/$1"
  dir="$work/Thư ký/Năm 2026"
  rm -rf "$work/Thư ký"
  mkdir -p "$dir/Dữ liệu phường" "$dir/Tệp nhận về" "$out/stdout" "$out/stderr"
  cp -r examples "$dir/examples"
  cp examples/thanh-sen/units.csv "$dir/Tệp nhận về/Danh sách đơn vị (bản cuối).csv"
  cp examples/thanh-sen/tu-kiem-tra/vhxh-dot2.csv "$dir/Tệp nhận về/Báo cáo tự kiểm tra (bản cuối).csv"
}
export CCHC_NOW=2026-12-31T08:00:00 CCHC_USER="Phan Thị Lan Anh"
unset CCHC_DB

# Linux: each line through bash.
run_linux() {
  local out="$work/linux" i=0 line status
  prepare linux
  (
    cd "$dir"
    cchc() { "$linux_exe" "$@"; }
    { echo "cchc demo"; cat "$work/walkthrough.sh"; } | while IFS= read -r line; do
      i=$((i + 1))
      status=0
      eval "$line" >"$out/stdout/$(printf %03d "$i")" 2>"$out/stderr/$(printf %03d "$i")" </dev/null || status=$?
      if [ "$status" != 0 ]; then
        echo "windows-check: FAILED on Linux, command $i (exit code $status): $line" >&2
        cat "$out/stderr/$(printf %03d "$i")" >&2
        exit 1
      fi
    done
  )
  collect linux
}

# Windows: one .cmd file, the guide's lines as written; after each command (its last line, the one not ending in
# ^) where its output goes and a stop when it failed. UTF-8 file, so the code page first.
run_windows() {
  local out="$work/windows" wout attempt last
  prepare windows
  wout="Z:$(printf '%s' "$out" | tr / '\\')"
  {
    printf '@echo off\r\nchcp 65001 >nul\r\nset "PATH=Z:%s;%%PATH%%"\r\n' "$(printf '%s' "$work/bin" | tr / '\\')"
    # (The folder through the environment: awk -v would read its backslashes as escapes.)
    { echo "cchc demo"; cat "$work/walkthrough.cmd"; } | out="$wout" awk '
      BEGIN { out = ENVIRON["out"] }
      { printf "%s", $0 }
      / \^$/ { printf "\r\n"; next }
      {
        n++
        printf " >\"%s\\stdout\\%03d\" 2>\"%s\\stderr\\%03d\"\r\n", out, n, out, n
        printf "if errorlevel 1 (echo windows-check: FAILED on Windows, command %d 1>&2 & exit /b 1)\r\n", n
      }'
  } >"$work/huong-dan.cmd"
  for attempt in 1 2; do
    (cd "$dir" && in_locale wine cmd /c "Z:$(printf '%s' "$work/huong-dan.cmd" | tr / '\\')" </dev/null) && break
    last="$(find "$out/stderr" -type f | LC_ALL=C sort | tail -n 1)"
    # "Can't recognize '…'" is Wine's cmd failing to start a program (cchc is always on PATH): seen once in a
    # loaded CI run, on a command that passes when run again. The whole walkthrough runs once more, from a fresh
    # folder; a failure of cchc itself fails both times.
    if [ "$attempt" = 1 ] && [ -n "$last" ] && grep -q "^Can't recognize '" "$last"; then
      echo "windows-check: Wine could not start a command ($(head -c 200 "$last")); running the walkthrough again" >&2
      rm -rf "$out"
      prepare windows
      continue
    fi
    [ -n "$last" ] && cat "$last" >&2
    echo "windows-check: the .cmd file: $work/huong-dan.cmd" >&2
    keep=1
    exit 1
  done
  collect windows
}

# What the run in $dir wrote, kept in $work/$1/files.
collect() {
  local out="$work/$1"
  mkdir -p "$out/files"
  (cd "$dir" && find . -type f \( -name '*.json' -o -name '*.csv' -o -name '*.md' -o -name '*.html' \) \
    -not -path './examples/*' -exec cp --parents -t "$out/files" {} +)
  # DOCX and XLSX are ZIPs whose entries carry the time they were packed: their contents are compared.
  (cd "$dir" && find . -type f \( -name '*.docx' -o -name '*.xlsx' \) -not -path './examples/*') |
    while IFS= read -r file; do
      # unzip makes only the last folder of -d: papers written into a folder of their own need the rest.
      mkdir -p "$out/files/$file.d"
      unzip -q -o "$dir/$file" -d "$out/files/$file.d"
    done
}

# Windows separators to the Linux ones: JSON's escaped \\, then \, then Wine's drive for the Unix root.
normalise() {
  find "$1" -type f -exec sed -i -e 's#\\\\#/#g' -e 's#\\#/#g' -e 's#Z:/#/#g' {} +
}

echo "windows-check: running $(($(wc -l <"$work/walkthrough.sh") + 1)) commands on Linux…" >&2
run_linux
echo "windows-check: … and under Wine ($(wine --version))…" >&2
# cmd.exe reads a .cmd file in the OEM code page: on Windows `chcp 65001` (or the "UTF-8 for worldwide language
# support" setting) makes it UTF-8; Wine 8 ignores chcp there and takes the code page from the Unix locale, which
# is UTF-8 only for a language without an ANSI code page (Hindi). That locale is compiled here (glibc's localedef,
# into the temporary folder) with the UTF-8 charset, so that the file names stay UTF-8 too.
localedef -i hi_IN -f UTF-8 "$work/locale/hi_IN.UTF-8" 2>/dev/null || [ -d "$work/locale/hi_IN.UTF-8" ] ||
  skip "localedef could not build the hi_IN.UTF-8 locale Wine's cmd.exe needs to read a UTF-8 .cmd file"
export LOCPATH="$work/locale"
in_locale() { LC_ALL=hi_IN.UTF-8 "$@"; }
# A fresh prefix, made before the first command and settled (wineserver -w), then one server kept for all.
in_locale wineboot -i >/dev/null 2>&1
in_locale wineserver -w
in_locale wineserver -p
run_windows
normalise "$work/linux/stdout"
normalise "$work/linux/files"
normalise "$work/windows/stdout"
normalise "$work/windows/files"
if ! diff -r "$work/linux/stdout" "$work/windows/stdout" >&2 || ! diff -r "$work/linux/files" "$work/windows/files" >&2; then
  echo "windows-check: FAILED — the Windows build's output differs from the Linux build's (above: < Linux, > Windows)." >&2
  keep=1
  exit 1
fi
echo "windows-check: OK — $(find "$work/linux/stdout" -type f | wc -l) listings and" \
  "$(find "$work/linux/files" -type f | wc -l) files identical (${SECONDS} s)." >&2
