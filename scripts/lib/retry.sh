# Sourced by the scripts. `retry N CMD…` runs CMD up to N times, 10 s apart (a busy apt lock, a dropped download);
# `install_packages PKG…` installs Debian packages that way (needs root or sudo) and returns non-zero if it failed.
retry() {
  local tries="$1" n=1
  shift
  until "$@"; do
    [ "$n" -ge "$tries" ] && return 1
    echo "Thử lại ($n/$tries): $*" >&2
    n=$((n + 1))
    sleep 10
  done
}

install_packages() {
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Cài thêm: $*" >&2
  retry 3 $sudo apt-get update -qq &&
    retry 3 env DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
