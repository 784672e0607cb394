#!/usr/bin/env bash
# Builds what people download, from a clean checkout on this Linux machine:
#   dist/cchc-VERSION-windows-x64.zip     cchc.exe (x86_64-pc-windows-gnu, mingw-w64)
#   dist/cchc-VERSION-linux-x64.tar.gz    cchc (static musl if the target and musl-gcc can be had, else glibc)
# each with HUONG-DAN.txt (the Vietnamese guide: the first hour and the secretary's whole year, in cmd syntax), the
# default catalogue criteria/mac-dinh-2026.toml and the example files examples/thanh-sen/. The zip holds them at its
# top level, as README and HUONG-DAN say: "Extract All…" into "Tài liệu\CCHC 2026" puts cchc.exe right there (and
# Explorer's default is a folder named after the zip anyway); the tarball keeps a folder cchc-VERSION-linux-x64/, as
# is usual on Linux. Nothing else: no test data, and no build paths in the programs (--remap-path-prefix,
# -ffile-prefix-map; checked with `strings`). Prints each archive's layout, size and SHA-256. Installs what it needs
# (mingw-w64, musl-tools, zip; rustup targets), retrying.
#
# Usage: scripts/dist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
. scripts/lib/retry.sh
have() { command -v "$1" >/dev/null 2>&1; }
has_target() { rustup target list --installed | grep -qx "$1"; }

version="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
windows=x86_64-pc-windows-gnu
missing=()
have x86_64-w64-mingw32-gcc || missing+=(gcc-mingw-w64-x86-64)
have zip || missing+=(zip)
have unzip || missing+=(unzip)
have musl-gcc || missing+=(musl-tools)
if [ "${#missing[@]}" -gt 0 ]; then
  # musl-tools is optional (a glibc build otherwise); what is left missing is checked below.
  install_packages "${missing[@]}" || echo "dist: could not install all of: ${missing[*]}" >&2
fi
have x86_64-w64-mingw32-gcc && have zip && have unzip || { echo "dist: mingw-w64, zip and unzip are needed." >&2; exit 1; }
has_target "$windows" || retry 3 rustup target add "$windows"
linux=x86_64-unknown-linux-musl
if ! have musl-gcc || ! { has_target "$linux" || retry 3 rustup target add "$linux"; }; then
  echo "dist: no musl toolchain: the Linux build links to glibc (needs glibc on the target machine)." >&2
  linux=x86_64-unknown-linux-gnu
fi

# Build paths out of the programs: this checkout, cargo's registry and git checkouts, the toolchain.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
sysroot="$(rustc --print sysroot)"
remap="--remap-path-prefix=$root=cchc --remap-path-prefix=$cargo_home=cargo --remap-path-prefix=$sysroot=rust"
export CARGO_PROFILE_RELEASE_STRIP=symbols CARGO_PROFILE_RELEASE_DEBUG=false
export CFLAGS="-ffile-prefix-map=$root=cchc -ffile-prefix-map=$cargo_home=cargo"
export CC_x86_64_unknown_linux_musl=musl-gcc
for target in "$windows" "$linux"; do
  echo "dist: building $target…" >&2
  RUSTFLAGS="$remap" cargo build --quiet --release --locked --bin cchc --target "$target" --target-dir target/dist
done

out="$root/dist"
stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
rm -rf "$out" && mkdir -p "$out"
# Fixed times and owners, so that the same commit gives the same archives.
epoch="$(git log -1 --format=%ct 2>/dev/null || date +%s)"

# $1 folder name, $2 program built, $3 its name inside, $4 line ends of the guide (crlf for Notepad, lf).
stage_folder() {
  local dir="$stage/$1"
  mkdir -p "$dir/criteria" "$dir/examples"
  cp "target/dist/$2" "$dir/$3"
  cp criteria/mac-dinh-2026.toml "$dir/criteria/"
  cp -r examples/thanh-sen "$dir/examples/"
  if [ "$4" = crlf ]; then
    { printf '\xef\xbb\xbf'; sed 's/$/\r/' scripts/dist/HUONG-DAN.txt; } >"$dir/HUONG-DAN.txt"
  else
    cp scripts/dist/HUONG-DAN.txt "$dir/"
  fi
  find "$dir" -exec touch -h -d "@$epoch" {} +
  # A program that names this machine's paths would give away (and depend on) the build machine.
  if strings -a "$dir/$3" | grep -E "$root|$cargo_home|$HOME/|/work/|/root/"; then
    echo "dist: $3 ($2) still holds build paths (above)." >&2
    exit 1
  fi
}

win_name="cchc-$version-windows-x64"
stage_folder "$win_name" "$windows/release/cchc.exe" cchc.exe crlf
(cd "$stage/$win_name" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | zip -q -X -D "$out/$win_name.zip" -@)

lin_name="cchc-$version-linux-x64"
stage_folder "$lin_name" "$linux/release/cchc" cchc lf
tar -C "$stage" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - "$lin_name" |
  gzip -9 -n >"$out/$lin_name.tar.gz"

echo "dist: $linux build for Linux" >&2
# What the secretary sees on unpacking: the top level, and how many files each folder holds.
layout() {
  awk -F/ '{ if (NF == 1) top[$1] = 1; else { top[$1 "/"] = 1; count[$1 "/"]++ } }
    END { for (t in top) printf "    %-40s%s\n", t, (t in count ? count[t] " tệp" : "") }' | LC_ALL=C sort
}
echo "dist/$win_name.zip:"
unzip -Z1 "$out/$win_name.zip" | grep -v '/$' | layout
echo "dist/$lin_name.tar.gz:"
tar -tzf "$out/$lin_name.tar.gz" | grep -v '/$' | layout
for file in "$out/$win_name.zip" "$out/$lin_name.tar.gz"; do
  printf '%s  %s bytes  sha256 %s\n' "dist/$(basename "$file")" "$(stat -c %s "$file")" \
    "$(sha256sum "$file" | cut -d' ' -f1)"
done
