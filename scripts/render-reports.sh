#!/usr/bin/env bash
# Turns the reports `cchc demo` wrote into pictures a person can look at:
#   every DOCX -> PDF (LibreOffice, headless) -> one PNG per page (pdftoppm),
#   every HTML -> one PNG of its first A4 screen (headless Chromium).
# Installs what is missing from Debian's packages (needs root or sudo).
#
# Usage: scripts/render-reports.sh [REPORT_DIR] [OUT_DIR]
#   REPORT_DIR defaults to cchc-demo/bao-cao, OUT_DIR to REPORT_DIR/anh.
set -euo pipefail

dir="${1:-cchc-demo/bao-cao}"
out="${2:-$dir/anh}"
if [ ! -d "$dir" ]; then
  echo "Không có thư mục «$dir»: hãy chạy \`cchc demo\` trước." >&2
  exit 1
fi

have() { command -v "$1" >/dev/null 2>&1; }
missing=()
have soffice || missing+=(libreoffice-writer-nogui)
have pdftoppm || missing+=(poppler-utils)
have chromium || missing+=(chromium)
# Liberation Serif has the metrics of Times New Roman, which Linux does not ship.
fc-list 2>/dev/null | grep -qi "Liberation Serif" || missing+=(fonts-liberation)
. "$(dirname "${BASH_SOURCE[0]}")/lib/install-missing.sh"

mkdir -p "$out"
shopt -s nullglob
# LibreOffice keeps its profile here, so that a running office or another user's profile does not interfere.
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

for docx in "$dir"/*.docx; do
  name="$(basename "${docx%.docx}")"
  rm -f "$out/$name"-*.png
  soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null 2>&1
  pdftoppm -png -r 80 "$out/$name.pdf" "$out/$name"
  echo "$out/$name.pdf: $(ls "$out/$name"-*.png | wc -l) trang" >&2
done

for html in "$dir"/*.html; do
  name="$(basename "${html%.html}")"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --hide-scrollbars --screenshot="$out/$name-html.png" --window-size=1240,1754 \
    "file://$(realpath "$html")" >/dev/null 2>&1
  echo "$out/$name-html.png" >&2
done
