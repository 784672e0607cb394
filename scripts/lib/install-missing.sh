# Sourced by the scripts: installs the Debian packages named in the array `missing` (needs root or sudo).
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Cài thêm: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
