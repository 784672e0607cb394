#!/usr/bin/env bash
# Does the Windows build do what the Linux build does? Builds cchc.exe (x86_64-pc-windows-gnu, mingw linker, the
# cheap `windows-check` profile) and the Linux debug binary, then runs, with each in turn and in the same folder
# (a name with Vietnamese letters and spaces), with the clock and the user pinned:
#   `cchc demo`, the README's walkthrough of a secretary's year (scripts/lib/readme-walkthrough.sh, the list
#   tests/cli/readme.rs runs) and a few commands on files and a database whose names have Vietnamese letters,
#   spaces and brackets.
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

mkdir -p "$work/bin"
cp "target/$target/windows-check/cchc.exe" "$work/bin/"
x86_64-w64-mingw32-gcc -shared -O2 -s -o "$work/bin/bcryptprimitives.dll" scripts/windows/processprng.c -ladvapi32
scripts/lib/readme-walkthrough.sh README.md >"$work/walkthrough.sh"

# Beyond the walkthrough: the secretary's own folders and file names (Vietnamese letters, spaces, brackets).
cat >>"$work/walkthrough.sh" <<'EOF'
cchc --db "Dữ liệu phường/cchc năm 2026.db" init --ward "Thành Sen" --province "Hà Tĩnh"
cchc --db "Dữ liệu phường/cchc năm 2026.db" unit import "Tệp nhận về/Danh sách đơn vị (bản cuối).csv"
cchc --db "Dữ liệu phường/cchc năm 2026.db" unit list --format json
cchc selfreport import 2026-dot2 "Tệp nhận về/Báo cáo tự kiểm tra (bản cuối).csv" --dry-run
EOF

# The walkthrough's lines call `cchc`: the build under test.
runner=()
cchc() { "${runner[@]}" "$@"; }

# Runs the whole list with one build, in the same folder each time (so that absolute paths agree too), and keeps
# what came out in $work/$1.
run_all() {
  local name="$1" i=0 line status
  shift
  local dir="$work/Thư ký/Năm 2026" out="$work/$name"
  rm -rf "$work/Thư ký"
  mkdir -p "$dir/Dữ liệu phường" "$dir/Tệp nhận về" "$out/stdout" "$out/stderr"
  cp -r examples "$dir/examples"
  cp examples/thanh-sen/units.csv "$dir/Tệp nhận về/Danh sách đơn vị (bản cuối).csv"
  cp examples/thanh-sen/tu-kiem-tra/vhxh-dot2.csv "$dir/Tệp nhận về/Báo cáo tự kiểm tra (bản cuối).csv"
  runner=("$@")
  (
    cd "$dir"
    export CCHC_NOW=2026-12-31T08:00:00 CCHC_USER="Phan Thị Lan Anh"
    unset CCHC_DB
    { echo "cchc demo"; cat "$work/walkthrough.sh"; } | while IFS= read -r line; do
      i=$((i + 1))
      status=0
      eval "$line" >"$out/stdout/$(printf %03d "$i")" 2>"$out/stderr/$(printf %03d "$i")" </dev/null || status=$?
      if [ "$status" != 0 ]; then
        echo "windows-check: FAILED on $name, command $i (exit code $status): $line" >&2
        cat "$out/stderr/$(printf %03d "$i")" >&2
        exit 1
      fi
    done
  )
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
run_all linux "$linux_exe"
echo "windows-check: … and under Wine ($(wine --version))…" >&2
# A fresh prefix, made before the first command and settled (wineserver -w), then one server kept for all.
wineboot -i >/dev/null 2>&1
wineserver -w
wineserver -p
run_all windows wine "$work/bin/cchc.exe"
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
