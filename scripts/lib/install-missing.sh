# Sourced by the scripts: installs the Debian packages named in the array `missing` (needs root or sudo).
. "$(dirname "${BASH_SOURCE[0]}")/retry.sh"
if [ "${#missing[@]}" -gt 0 ]; then
  install_packages "${missing[@]}"
fi
