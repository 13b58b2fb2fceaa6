#!/bin/sh
# `make pages`: each report of a demo as a person sees it - its index.html
# (and the roster's calendar.html) rendered by Debian's Chromium, headless,
# 1400 pixels wide, to OUT_DIR/NAME.png (the front page as index.png, a
# report's as its folder's name).  Headless Chromium shoots its window, so
# the window is tall enough for the longest page, and the white below the
# page is cut off (python3's zlib; left as it is without python3).
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
    [ "$name" = index ] && h=1600
    [ "$name" = roster_calendar ] && h=16000   # a row per agent: Seoul's 400
    "$CHROME" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$PROFILE" \
        --window-size=1400,$h --screenshot="$OUT/$name.png" "file://$page" >/dev/null 2>&1 \
        || { echo "pages: chromium could not render $rel" >&2; exit 1; }
    command -v python3 >/dev/null 2>&1 && python3 - "$OUT/$name.png" <<'PY'
# The window's white below the page cut off: the PNG decoded (8-bit, not
# interlaced, as Chromium writes it), kept to its last non-white row + 24 px.
import struct, sys, zlib
p = sys.argv[1]
data = open(p, "rb").read()
pos, idat, hdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR": hdr = struct.unpack(">IIBBBBB", body)
    if kind == b"IDAT": idat += body
    pos += 12 + n
w, h, depth, color, _, _, interlace = hdr
bpp = {2: 3, 6: 4}.get(color)
if depth != 8 or interlace or not bpp: sys.exit(0)
raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    if f == 0 or (f == 2 and not any(line)):   # as it is, or the row above again
        line = line if f == 0 else bytearray(prev)
        rows.append(bytes(line)); prev = line
        continue
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            q = a + b - c; pa, pb, pc = abs(q - a), abs(q - b), abs(q - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
white = bytes([255]) * stride
last = max([y for y in range(h) if rows[y] != white] or [0])
keep = min(h, last + 24)
if keep >= h: sys.exit(0)
def chunk(kind, body): return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, keep, 8, color, 0, 0, 0))
out += chunk(b"IDAT", zlib.compress(b"".join(b"\0" + r for r in rows[:keep]), 6)) + chunk(b"IEND", b"")
open(p, "wb").write(out)
PY
    echo "pages: $rel -> $OUT/$name.png"
    n=$((n + 1))
done
echo "pages: $n pages rendered 1400 px wide into $OUT/"
