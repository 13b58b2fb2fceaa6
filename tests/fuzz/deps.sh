#!/bin/sh
# Installs the Debian packages `make fuzz` needs beyond tools/deps.sh's, only
# those missing: clang, libFuzzer's runtime, llvm-symbolizer for readable
# stacks.  Used by `make fuzz` only; `make test` never needs them.
set -eu
PKGS="clang-14 libclang-rt-14-dev llvm-14"
command -v dpkg-query >/dev/null 2>&1 || { echo "fuzz deps: not a Debian system; install: $PKGS" >&2; exit 0; }
missing=""
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case "$st" in *"ok installed"*) ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "fuzz deps: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
    exit 1
fi
echo "fuzz deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
