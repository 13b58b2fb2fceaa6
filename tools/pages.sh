#!/bin/sh
# `make pages`: each report of a demo as a person sees it - its index.html
# (and the roster's calendar.html) rendered by Debian's Chromium, headless,
# 1400 pixels wide, to OUT_DIR/NAME.png (the front page as index.png, a
# report's as its folder's name).  Headless Chromium shoots its window, so
# the window is tall enough for the longest page; the rest is white.
# Usage: tools/pages.sh [./wfm [DEMO_DIR [OUT_DIR]]]   (DEMO_DIR made when missing)
set -eu
WFM=${1:-./wfm}
DEMO=${2:-demo}
OUT=${3:-build/pages}
HEIGHT=${PAGES_HEIGHT:-6000}
CHROME=$(command -v chromium || command -v chromium-browser || true)
[ -n "$CHROME" ] || { echo "pages: no chromium (as root: sh tools/deps.sh chromium fonts-nanum)" >&2; exit 1; }
[ -f "$DEMO/report/index.html" ] || "$WFM" demo --out "$DEMO" >/dev/null
mkdir -p "$OUT"
ROOT=$(cd "$DEMO/report" && pwd)
PROFILE=$(mktemp -d /tmp/wfm-pages-chromium-XXXXXX)
trap 'rm -rf "$PROFILE"' EXIT
n=0
for page in "$ROOT/index.html" "$ROOT"/*/index.html "$ROOT"/*/calendar.html; do
    [ -f "$page" ] || continue
    rel=${page#"$ROOT"/}
    case "$rel" in index.html) name=index ;; */index.html) name=${rel%/index.html} ;; *) name=$(echo "${rel%.html}" | tr / _) ;; esac
    h=$HEIGHT
    [ "$name" = index ] && h=1400
    "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PROFILE" \
        --window-size=1400,$h --screenshot="$OUT/$name.png" "file://$page" >/dev/null 2>&1 \
        || { echo "pages: chromium could not render $rel" >&2; exit 1; }
    echo "pages: $rel -> $OUT/$name.png"
    n=$((n + 1))
done
echo "pages: $n pages rendered 1400 px wide into $OUT/"
